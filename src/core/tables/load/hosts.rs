//! Reads `rules/hosts.json`.
use serde::Deserialize;

use super::{leak_slice, leak_str, leak_strs, parse, RulesError};
use crate::core::tables::hosts::{HostRules, Site, SiteHosts};
use crate::{bake_enum, bake_struct};

pub const FILE: &str = "rules/hosts.json";

/// `rules/hosts.json` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostsFile {
    pub notes: String,
    pub sites: Vec<SiteHostsEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteHostsEntry {
    pub site: Site,
    pub domain: String,
    pub bare_domain: bool,
    pub subdomains: Vec<String>,
    pub locale_subdomains: bool,
    pub source: String,
}

/// Reads a hosts rules document (the build's is `rules/hosts.json`).
pub fn host_rules_from_json(json: &str) -> Result<HostRules, RulesError> {
    let file: HostsFile = parse(FILE, json)?;
    let sites = file
        .sites
        .into_iter()
        .map(|entry| SiteHosts {
            site: entry.site,
            domain: leak_str(entry.domain),
            bare_domain: entry.bare_domain,
            subdomains: leak_strs(entry.subdomains),
            locale_subdomains: entry.locale_subdomains,
        })
        .collect();
    Ok(HostRules {
        sites: leak_slice(sites),
    })
}

bake_enum!(Site {
    Facebook,
    Instagram
});
bake_struct!(SiteHosts {
    site,
    domain,
    bare_domain,
    subdomains,
    locale_subdomains
});
bake_struct!(HostRules { sites });
