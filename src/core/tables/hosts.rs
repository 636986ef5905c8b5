//! `rules/hosts.json` as a table.

/// A Meta site the extension works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    Facebook,
    Instagram,
}

impl Site {
    /// Every site, in the order the extension's pages list them.
    pub const ALL: [Site; 2] = [Site::Facebook, Site::Instagram];

    /// The site's name as people write it: a brand, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Site::Facebook => "Facebook",
            Site::Instagram => "Instagram",
        }
    }
}

/// The exact hostnames of one site under its registered domain.
#[derive(Debug)]
pub struct SiteHosts {
    pub site: Site,
    /// Registered domain, lowercase, e.g. `facebook.com`.
    pub domain: &'static str,
    /// Whether the domain itself (no subdomain) is one of the site's hosts.
    pub bare_domain: bool,
    /// Exact first labels under `domain`, lowercase.
    pub subdomains: &'static [&'static str],
    /// Whether `ll-cc.<domain>` locale hosts (e.g. `nl-nl.facebook.com`) belong to the site.
    pub locale_subdomains: bool,
}

/// Every site's hosts.
#[derive(Debug)]
pub struct HostRules {
    pub sites: &'static [SiteHosts],
}
