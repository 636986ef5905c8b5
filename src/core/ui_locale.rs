//! The languages Bezwaar's own text is in (`extension/_locales`), for the options page's "Language of Bezwaar".
//! By default the browser picks one (`chrome.i18n`); the user may choose another, stored as `settings.uiLanguage`.

/// Chrome's locale codes of the folders in `extension/_locales` (a test checks they agree): the 24 official EU
/// languages (Portuguese as written in Portugal), and the other languages the audience words cover, which EU
/// residents use Facebook in: Arabic (written right to left), Russian, Turkish, Ukrainian, Vietnamese and Chinese
/// (Simplified as `zh_CN`, Traditional as `zh_TW`).
pub const UI_LOCALES: &[&str] = &[
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt_PT", "ro", "ru", "sk", "sl", "sv", "tr", "uk", "vi", "zh_CN",
    "zh_TW",
];

/// The packaged locale `code` names, or `None` when Bezwaar has no translation of that name.
pub fn ui_locale(code: &str) -> Option<&'static str> {
    UI_LOCALES.iter().copied().find(|&locale| locale == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_list_names_exactly_the_packaged_locales() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/_locales");
        let packaged: BTreeSet<String> = std::fs::read_dir(dir)
            .expect("extension/_locales is readable")
            .filter_map(Result::ok)
            .filter(|entry| entry.path().join("messages.json").is_file())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        let listed: BTreeSet<String> = UI_LOCALES.iter().map(|l| l.to_string()).collect();
        assert_eq!(listed, packaged);
    }

    #[test]
    fn only_a_packaged_locale_is_one() {
        assert_eq!(ui_locale("pt_PT"), Some("pt_PT"));
        assert_eq!(ui_locale("pt-PT"), None, "Chrome's codes, not BCP 47 tags");
        assert_eq!(ui_locale("xx"), None);
        assert_eq!(ui_locale(""), None);
    }
}
