//! Property tests of the markup rules' text checks (`core::post_markup`): no panic on any path or label, and a
//! profile user name only from a path whose first segment is plain and outside Instagram's site sections, followed
//! at most by a tab of the account's own posts.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::post_markup::post_markup;
use fuzz_support::{any_string, awkward_string, config, string_of};
use proptest::prelude::*;

fn path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        3 => string_of("abcXY09._", 0, 8),
        1 => proptest::sample::select(post_markup().instagram.non_profile_paths.labels).prop_map(str::to_string),
        1 => proptest::sample::select(post_markup().instagram.own_post_tabs.labels).prop_map(str::to_string),
        1 => awkward_string(4),
    ];
    prop_oneof![
        4 => (proptest::collection::vec(segment, 0..3), any::<bool>())
            .prop_map(|(segments, slash)| format!("/{}{}", segments.join("/"), if slash { "/" } else { "" })),
        1 => any_string(16),
    ]
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn a_user_name_is_one_plain_segment(path in path()) {
        let markup = post_markup();
        if let Some(name) = markup.instagram.profile_username(&path) {
            let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            prop_assert_eq!(segments[0], name, "{:?}", path);
            // After the name, at most a tab of the account's own posts (its Reels).
            let tabs = &markup.instagram.own_post_tabs.labels;
            prop_assert!(
                segments.len() == 1
                    || (segments.len() == 2 && tabs.iter().any(|tab| tab.eq_ignore_ascii_case(segments[1]))),
                "{:?}",
                path
            );
            prop_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_'), "{:?}", path);
            let reserved = &markup.instagram.non_profile_paths.labels;
            prop_assert!(!reserved.iter().any(|label| label.eq_ignore_ascii_case(name)), "{:?}", path);
        }
    }

    #[test]
    fn any_label_is_checked(label in prop_oneof![awkward_string(30), any_string(20)]) {
        let facebook = &post_markup().facebook;
        let _ = (facebook.is_sponsored_label(&label), facebook.is_comment_label(&label));
    }
}
