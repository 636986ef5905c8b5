//! Property tests of the host and URL classifier (`core::hosts`, and the URL questions of `core::page_kind`):
//! exactly the hosts in `rules/hosts.json` are Meta's, whatever a string holds, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use bezwaar::core::hosts::{parse_meta_url, site_of_host, Site};
use bezwaar::core::page_kind::{contact_form_of, is_notifications_page};
use fuzz_support::{any_string, awkward_char, awkward_string, config, string_of};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

/// One site of `rules/hosts.json`, read independently of the classifier.
struct ListedSite {
    site: Site,
    domain: String,
    bare_domain: bool,
    subdomains: Vec<String>,
    locale_subdomains: bool,
}

fn listed_sites() -> &'static [ListedSite] {
    static SITES: OnceLock<Vec<ListedSite>> = OnceLock::new();
    SITES.get_or_init(|| {
        let rules: Value =
            serde_json::from_str(include_str!("../rules/hosts.json")).expect("hosts.json is JSON");
        let strings = |list: &Value| -> Vec<String> {
            list.as_array()
                .expect("a list")
                .iter()
                .map(|s| s.as_str().expect("text").to_string())
                .collect()
        };
        rules["sites"]
            .as_array()
            .expect("sites")
            .iter()
            .map(|site| ListedSite {
                site: serde_json::from_value(site["site"].clone()).expect("site name"),
                domain: site["domain"].as_str().expect("domain").to_string(),
                bare_domain: site["bare_domain"] == true,
                subdomains: strings(&site["subdomains"]),
                locale_subdomains: site["locale_subdomains"] == true,
            })
            .collect()
    })
}

/// The hosts of `rules/hosts.json` spelled out (one locale host stands for all), with the site each belongs to.
fn listed_hosts() -> Vec<(String, Site)> {
    let mut hosts = Vec::new();
    for listed in listed_sites() {
        if listed.bare_domain {
            hosts.push((listed.domain.clone(), listed.site));
        }
        for label in &listed.subdomains {
            hosts.push((format!("{label}.{}", listed.domain), listed.site));
        }
        if listed.locale_subdomains {
            hosts.push((format!("nl-nl.{}", listed.domain), listed.site));
        }
    }
    hosts
}

/// The site a hostname belongs to by the rules' own words, the oracle the classifier is held to: an exact listed
/// host (ASCII case ignored), or an `ll-cc` locale label directly under a domain that allows them.
fn expected_site(host: &str) -> Option<Site> {
    let host = host.to_ascii_lowercase();
    for listed in listed_sites() {
        if host == listed.domain {
            return listed.bare_domain.then_some(listed.site);
        }
        let Some(label) = host.strip_suffix(&format!(".{}", listed.domain)) else {
            continue;
        };
        let is_locale = label.len() == 5
            && label.char_indices().all(|(i, c)| {
                if i == 2 {
                    c == '-'
                } else {
                    c.is_ascii_lowercase()
                }
            });
        if listed.subdomains.iter().any(|known| known == label)
            || (listed.locale_subdomains && is_locale)
        {
            return Some(listed.site);
        }
    }
    None
}

/// A listed host.
fn listed_host() -> impl Strategy<Value = (String, Site)> {
    proptest::sample::select(listed_hosts())
}

/// A listed host in random ASCII case.
fn host_in_any_case() -> impl Strategy<Value = (String, Site)> {
    (listed_host(), proptest::collection::vec(any::<bool>(), 32)).prop_map(
        |((host, site), upper)| {
            let spelled = host
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                .collect();
            (spelled, site)
        },
    )
}

/// A listed host changed in one way a phishing domain or a sloppy parser would change it: a character replaced,
/// inserted or removed (lookalike letters among them), something put in front or behind (userinfo, a port, a
/// trailing dot, another domain), or a punycode (IDN) label.
fn lookalike_host() -> impl Strategy<Value = String> {
    (
        host_in_any_case(),
        any::<proptest::sample::Index>(),
        awkward_char(),
        awkward_string(12),
        0..11u8,
    )
        .prop_map(|((host, _), at, c, extra, edit)| {
            let mut chars: Vec<char> = host.chars().collect();
            let i = at.index(chars.len());
            let first_label_end = host.find('.').unwrap_or(host.len());
            match edit {
                0 => chars[i] = c,
                1 => chars.insert(i, c),
                2 => {
                    chars.remove(i);
                }
                3 => return format!("{host}{extra}"),
                4 => return format!("{extra}{host}"),
                5 => return format!("{extra}@{host}"),
                6 => return format!("{host}:{}", at.index(65536)),
                7 => return format!("{host}."),
                8 => return format!("xn--{host}"),
                9 => {
                    return format!(
                        "xn--{}-{}{}",
                        &host[..first_label_end],
                        at.index(999),
                        &host[first_label_end..]
                    )
                }
                _ => return format!("{host}.{extra}"),
            }
            chars.into_iter().collect()
        })
}

/// Strings that are hosts, lookalikes, or anything.
fn any_host() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => host_in_any_case().prop_map(|(host, _)| host),
        5 => lookalike_host(),
        2 => awkward_string(24),
        1 => any_string(24),
    ]
}

/// What may follow a host in a URL: a path, a query and a fragment, or any text at all.
fn url_tail() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (
            proptest::collection::vec(string_of("abcXYZ019_.%-", 0, 12), 0..4),
            proptest::option::of(string_of("az=&/:.@?", 0, 16)),
            proptest::option::of(string_of("az/?@#", 0, 8)),
        )
            .prop_map(|(segments, query, fragment)| {
                let path: String = segments.iter().map(|segment| format!("/{segment}")).collect();
                let query = query.map(|q| format!("?{q}")).unwrap_or_default();
                let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                format!("{path}{query}{fragment}")
            }),
        1 => awkward_string(20),
    ]
}

/// A URL made of a scheme, a host (listed, lookalike or anything) and a tail.
fn any_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        4 => Just("https://".to_string()),
        1 => Just("HtTpS://".to_string()),
        1 => Just("http://".to_string()),
        1 => awkward_string(8),
    ];
    prop_oneof![
        6 => (scheme, any_host(), url_tail()).prop_map(|(scheme, host, tail)| format!("{scheme}{host}{tail}")),
        1 => any_string(40),
    ]
}

/// The authority of an `https://` URL as the classifier should see it: up to the first '/', '?' or '#'.
fn authority_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    url[..scheme_end]
        .eq_ignore_ascii_case("https")
        .then_some(())?;
    let rest = &url[scheme_end + 3..];
    Some(&rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())])
}

proptest! {
    #![proptest_config(config(6000))]

    /// Any string: no panic, and a site exactly when the rules list the host.
    #[test]
    fn a_host_is_meta_exactly_when_listed(host in any_host()) {
        prop_assert_eq!(site_of_host(&host), expected_site(&host), "{:?}", host);
    }

    /// A listed host in any ASCII case belongs to its site.
    #[test]
    fn listed_hosts_in_any_ascii_case_are_recognised((host, site) in host_in_any_case()) {
        prop_assert_eq!(site_of_host(&host), Some(site));
    }

    /// A lookalike is refused unless the change happens to spell another listed host.
    #[test]
    fn lookalikes_are_refused(host in lookalike_host()) {
        if expected_site(&host).is_none() {
            prop_assert_eq!(site_of_host(&host), None, "{:?}", host);
        }
    }

}

proptest! {
    #![proptest_config(config(3000))]

    /// A parsed URL is `https` on a listed host, and its path is the URL's, without query or fragment.
    #[test]
    fn a_parsed_url_is_https_on_a_listed_host(url in any_url()) {
        let Some(parsed) = parse_meta_url(&url) else {
            let authority = authority_of(&url);
            prop_assert!(
                authority.and_then(expected_site).is_none(),
                "{:?} is https on a listed host but was refused", url
            );
            return Ok(());
        };
        let authority = authority_of(&url);
        prop_assert_eq!(authority.map(str::to_ascii_lowercase), Some(parsed.host.clone()), "{:?}", url);
        prop_assert_eq!(expected_site(&parsed.host), Some(parsed.site), "{:?}", url);
        prop_assert!(parsed.path.starts_with('/') || parsed.path.is_empty(), "{:?}", url);
        prop_assert!(!parsed.path.contains(['?', '#']), "{:?}", url);
        let after_host = &url[url.find("://").unwrap() + 3 + parsed.host.len()..];
        prop_assert!(parsed.path == "/" || after_host.starts_with(&parsed.path), "{:?}", url);
    }

    /// What follows the host never changes the site: the URL's site is the host's, and nothing after a lookalike
    /// host makes it Meta's.
    #[test]
    fn the_tail_never_changes_the_site(host in any_host(), tail in url_tail()) {
        let host = host.replace(['/', '?', '#'], "");
        let tail = if tail.starts_with(['/', '?', '#']) { tail } else { format!("/{tail}") };
        let url = format!("https://{host}{tail}");
        prop_assert_eq!(parse_meta_url(&url).map(|parsed| parsed.site), site_of_host(&host), "{:?}", url);
    }

    /// A contact form is found only on a parsed Meta URL, its id is digits from the path.
    #[test]
    fn a_contact_form_is_on_a_meta_url_with_a_numeric_id(url in any_url()) {
        if let Some((site, id)) = contact_form_of(&url) {
            let parsed = parse_meta_url(&url);
            prop_assert_eq!(parsed.as_ref().map(|p| p.site), Some(site), "{:?}", url);
            prop_assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()), "{:?}", url);
            prop_assert!(parsed.is_some_and(|p| p.path.contains(&id)), "{:?}", url);
        }
    }

    /// Every Facebook host serves `/help/contact/<id>`, with any query or fragment and any ASCII case.
    #[test]
    fn facebook_contact_forms_are_found_by_id(
        (host, _) in host_in_any_case().prop_filter("a Facebook host", |(_, site)| *site == Site::Facebook),
        id in string_of("0123456789", 1, 20),
        slash in any::<bool>(),
        query in proptest::sample::select(vec!["", "?", "?ref=notif&x=1", "#", "#top", "?a=b#c"]),
        upper in any::<bool>(),
    ) {
        let route = if upper { "/HELP/Contact/" } else { "/help/contact/" };
        let url = format!("https://{host}{route}{id}{}{query}", if slash { "/" } else { "" });
        prop_assert_eq!(contact_form_of(&url), Some((Site::Facebook, id)), "{:?}", url);
    }

    /// The notifications page is a Meta page; lookalike hosts never have one.
    #[test]
    fn a_notifications_page_is_on_a_meta_url(url in any_url(), host in lookalike_host()) {
        if is_notifications_page(&url) {
            prop_assert!(parse_meta_url(&url).is_some(), "{:?}", url);
        }
        if expected_site(&host).is_none() {
            let lookalike = format!("https://{host}/notifications");
            prop_assert!(!is_notifications_page(&lookalike), "{:?}", lookalike);
        }
    }
}
