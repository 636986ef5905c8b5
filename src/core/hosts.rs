//! Which of Meta's sites a hostname or URL belongs to.
//!
//! Phishing kits copy Meta's help pages onto lookalike domains, and the extension must never read or fill anything
//! outside Meta's own hosts, so hostnames are compared exactly against `rules/hosts.json`: no suffix matching, no
//! Unicode case folding, no tolerance for ports, userinfo or trailing dots.
pub use crate::core::tables::hosts::Site;
use crate::core::tables::hosts::{HostRules, SiteHosts};
use crate::core::tables::HOST_RULES;

impl SiteHosts {
    /// `host` must already be ASCII-lowercased.
    fn recognises(&self, host: &str) -> bool {
        if host == self.domain {
            return self.bare_domain;
        }
        let Some(label) = host
            .strip_suffix(self.domain)
            .and_then(|rest| rest.strip_suffix('.'))
        else {
            return false;
        };
        self.subdomains.contains(&label) || (self.locale_subdomains && is_locale_label(label))
    }
}

/// `ll-cc`: exactly two ASCII lowercase letters, a hyphen, two ASCII lowercase letters.
fn is_locale_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    bytes.len() == 5
        && bytes[2] == b'-'
        && [bytes[0], bytes[1], bytes[3], bytes[4]]
            .iter()
            .all(u8::is_ascii_lowercase)
}

impl HostRules {
    /// The site whose hosts include `hostname`, compared exactly apart from ASCII case.
    pub(crate) fn site_of(&self, hostname: &str) -> Option<Site> {
        let host = hostname.to_ascii_lowercase();
        self.sites
            .iter()
            .find(|site| site.recognises(&host))
            .map(|site| site.site)
    }
}

/// The Meta site `hostname` belongs to, if it is exactly one of Meta's hosts.
///
/// `hostname` is a bare hostname as in `location.hostname` (no port, no userinfo). ASCII case is ignored; anything
/// that is not byte-for-byte one of the hosts in `rules/hosts.json` (lookalikes, punycode, trailing dot, a port,
/// longer domains) gives `None`. Bare `facebook.com` and `instagram.com` are accepted: they are Meta's own
/// registered domains (see the notes in `rules/hosts.json`).
pub fn site_of_host(hostname: &str) -> Option<Site> {
    HOST_RULES.site_of(hostname)
}

/// The parts of an `https:` URL on an exact Meta host that page classification needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaUrl {
    pub site: Site,
    /// The hostname, ASCII-lowercased.
    pub host: String,
    /// The path as written (not decoded, case kept), `/` when the URL has none; query and fragment removed.
    pub path: String,
}

/// Parses an absolute URL such as `location.href` just enough to know where it points.
///
/// Only `https` (any ASCII case) on an exact Meta host qualifies; everything else, including `http:`, a port, userinfo
/// or a backslash in the authority, gives `None`. The query and fragment are dropped.
pub fn parse_meta_url(url: &str) -> Option<MetaUrl> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after_authority) = rest.split_at(authority_end);
    let site = site_of_host(authority)?;
    let path_end = after_authority
        .find(['?', '#'])
        .unwrap_or(after_authority.len());
    let path = match &after_authority[..path_end] {
        "" => "/",
        path => path,
    };
    Some(MetaUrl {
        site,
        host: authority.to_ascii_lowercase(),
        path: path.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tables::load::hosts::{HostsFile, FILE};
    use crate::core::tables::load::parse;
    use std::collections::HashSet;

    /// `rules/hosts.json` as written, to check what the table leaves out (notes, sources).
    fn rules() -> HostsFile {
        parse(FILE, include_str!("../../rules/hosts.json")).expect("the build read it")
    }

    #[test]
    fn rules_file_is_valid() {
        let rules = rules();
        assert!(!rules.notes.trim().is_empty(), "hosts.json needs notes");
        assert!(!rules.sites.is_empty());
        let mut sites = HashSet::new();
        let mut domains = HashSet::new();
        for site in &rules.sites {
            assert!(
                sites.insert(format!("{:?}", site.site)),
                "site {:?} listed twice",
                site.site
            );
            assert!(
                domains.insert(site.domain.as_str()),
                "domain {} listed twice",
                site.domain
            );
            assert!(
                !site.source.trim().is_empty(),
                "{:?} needs a source",
                site.site
            );
            let labels: Vec<&str> = site.domain.split('.').collect();
            assert!(
                labels.len() >= 2,
                "{} is not a registered domain",
                site.domain
            );
            for label in labels {
                assert!(is_dns_label(label), "bad domain {}", site.domain);
            }
            assert!(
                !site.subdomains.is_empty(),
                "{:?} has no subdomains",
                site.site
            );
            let mut seen = HashSet::new();
            for label in &site.subdomains {
                assert!(
                    is_dns_label(label),
                    "bad subdomain {label:?} of {}",
                    site.domain
                );
                assert!(
                    seen.insert(label.as_str()),
                    "subdomain {label} of {} listed twice",
                    site.domain
                );
                assert!(
                    !(site.locale_subdomains && is_locale_label(label)),
                    "{label} is already covered by locale_subdomains"
                );
            }
        }
        for domain in &domains {
            for other in &domains {
                assert!(
                    domain == other || !domain.ends_with(&format!(".{other}")),
                    "{domain} lies under {other}: a host would belong to two sites"
                );
            }
        }
    }

    /// Lowercase ASCII letters, digits and inner hyphens: a plain, non-punycode DNS label.
    fn is_dns_label(label: &str) -> bool {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && !label.starts_with("xn--")
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn every_listed_host_is_recognised() {
        for (host, site) in [
            ("www.facebook.com", Site::Facebook),
            ("web.facebook.com", Site::Facebook),
            ("m.facebook.com", Site::Facebook),
            ("facebook.com", Site::Facebook),
            ("www.instagram.com", Site::Instagram),
            ("help.instagram.com", Site::Instagram),
            ("privacycenter.instagram.com", Site::Instagram),
            ("instagram.com", Site::Instagram),
        ] {
            assert_eq!(site_of_host(host), Some(site), "{host}");
        }
        // Every subdomain in the data is covered above.
        let rules = rules();
        for site in &rules.sites {
            for label in &site.subdomains {
                assert_eq!(
                    site_of_host(&format!("{label}.{}", site.domain)),
                    Some(site.site)
                );
            }
        }
    }

    #[test]
    fn facebook_locale_hosts_are_recognised() {
        for host in [
            "nl-nl.facebook.com",
            "de-de.facebook.com",
            "fr-fr.facebook.com",
            "pl-pl.facebook.com",
            "it-it.facebook.com",
            "xx-xx.facebook.com",
        ] {
            assert_eq!(site_of_host(host), Some(Site::Facebook), "{host}");
        }
    }

    #[test]
    fn locale_hosts_are_facebook_only_and_exactly_ll_cc() {
        for host in [
            "nl-nl.instagram.com",
            "nl.facebook.com",
            "nl-nl-x.facebook.com",
            "nld-nl.facebook.com",
            "nl-nld.facebook.com",
            "nl_nl.facebook.com",
            "n1-nl.facebook.com",
            "nl--l.facebook.com",
            "zh-hant.facebook.com",
            "www.nl-nl.facebook.com",
            "nl-nl.www.facebook.com",
        ] {
            assert_eq!(site_of_host(host), None, "{host}");
        }
    }

    #[test]
    fn case_is_ignored_for_ascii_only() {
        assert_eq!(site_of_host("WWW.FaceBook.COM"), Some(Site::Facebook));
        assert_eq!(site_of_host("NL-NL.facebook.com"), Some(Site::Facebook));
        assert_eq!(site_of_host("Help.Instagram.com"), Some(Site::Instagram));
        // U+212A KELVIN SIGN lowercases to 'k' under Unicode rules; it must not pass as "facebook".
        assert_eq!(site_of_host("www.faceboo\u{212A}.com"), None);
        // Fullwidth letters.
        assert_eq!(site_of_host("ｗｗｗ.facebook.com"), None);
    }

    #[test]
    fn lookalike_hosts_are_refused() {
        for host in [
            "faceb00k.com",
            "www.faceb00k.com",
            "facebook.com.example.test",
            "www.facebook.com.example.test",
            "wwwfacebook.com",
            "www.facebook.co",
            "www-facebook.com",
            "www.facebook.com.",
            "facebook.com.",
            "www.facebook.com:443",
            "user@www.facebook.com",
            "www.facebook.com@example.test",
            "xn--facebook-xyz.com",
            "xn--www-abc.facebook.com",
            "www.xn--fcebook-8va.com",
            "www.fаcebook.com", // Cyrillic 'а'
            "help.facebook.com",
            "privacycenter.facebook.com",
            "evil.www.facebook.com",
            "instagram.com.evil.test",
            "help-instagram.com",
            "helpinstagram.com",
            "help.instagram.co",
            "",
            ".",
            ".facebook.com",
            "www..facebook.com",
            " www.facebook.com",
            "www.facebook.com ",
        ] {
            assert_eq!(site_of_host(host), None, "{host:?}");
        }
    }

    #[test]
    fn parses_https_meta_urls() {
        assert_eq!(
            parse_meta_url("https://www.facebook.com/help/contact/712876720715583"),
            Some(MetaUrl {
                site: Site::Facebook,
                host: "www.facebook.com".into(),
                path: "/help/contact/712876720715583".into()
            })
        );
        assert_eq!(
            parse_meta_url("HTTPS://Help.Instagram.com/contact/767264225370182/"),
            Some(MetaUrl {
                site: Site::Instagram,
                host: "help.instagram.com".into(),
                path: "/contact/767264225370182/".into()
            })
        );
    }

    #[test]
    fn query_and_fragment_are_dropped() {
        for url in [
            "https://www.facebook.com/privacy/genai?ref=notif&x=/help/contact/1#top",
            "https://www.facebook.com/privacy/genai#section?x=1",
            "https://www.facebook.com/privacy/genai?",
            "https://www.facebook.com/privacy/genai#",
        ] {
            let parsed = parse_meta_url(url).expect(url);
            assert_eq!(parsed.path, "/privacy/genai", "{url}");
        }
    }

    #[test]
    fn path_defaults_to_root_and_keeps_its_case() {
        assert_eq!(
            parse_meta_url("https://www.instagram.com").map(|u| u.path),
            Some("/".into())
        );
        assert_eq!(
            parse_meta_url("https://www.instagram.com?x=1").map(|u| u.path),
            Some("/".into())
        );
        assert_eq!(
            parse_meta_url("https://www.instagram.com#x").map(|u| u.path),
            Some("/".into())
        );
        assert_eq!(
            parse_meta_url("https://m.facebook.com/Privacy/GenAI").map(|u| u.path),
            Some("/Privacy/GenAI".into())
        );
    }

    #[test]
    fn non_https_and_malformed_urls_are_refused() {
        for url in [
            "http://www.facebook.com/help/contact/712876720715583",
            "ftp://www.facebook.com/",
            "wss://www.facebook.com/",
            "//www.facebook.com/",
            "www.facebook.com/help/contact/712876720715583",
            "https:www.facebook.com/",
            "https:/www.facebook.com/",
            "https:///www.facebook.com/",
            "https://",
            "",
            "javascript:alert('https://www.facebook.com/')",
            "https://www.facebook.com:443/",
            "https://www.facebook.com:8443/",
            "https://user@www.facebook.com/",
            "https://user:pw@www.facebook.com/",
            "https://www.facebook.com@evil.test/",
            "https://www.facebook.com\\@evil.test/",
            "https://www.facebook.com./",
            "https://www.facebook.com.evil.test/help/contact/712876720715583",
            "https://faceb00k.com/help/contact/712876720715583",
            "https://evil.test/https://www.facebook.com/",
            "https://evil.test/?u=https://www.facebook.com/",
            " https://www.facebook.com/",
        ] {
            assert_eq!(parse_meta_url(url), None, "{url:?}");
        }
    }
}
