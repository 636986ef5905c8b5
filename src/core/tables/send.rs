//! The language packs' `send_names` sections as a table.

/// Every pack's Send names, normalised.
#[derive(Debug)]
pub struct SendNames {
    pub names: &'static [&'static str],
}
