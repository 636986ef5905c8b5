//! Compiles `rules/` into the core: reads and checks every rules file with the loader of `core::tables::load` and
//! writes each table as Rust source into OUT_DIR, which the core `include!`s as `static` data. A rules file without
//! its documented shape fails the build, naming the file and the field. Also lists the language packs
//! (`rules/lang/<code>.json`) for the native tests, so that adding a language is adding one file.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::exit;

/// The core's table types and their loader, and the text normalisation the loader stores texts in.
#[path = "src/core"]
#[allow(dead_code)]
mod core {
    pub mod fold;
    pub mod text;
    pub mod tables {
        pub mod audience;
        pub mod countries;
        pub mod form_fields;
        pub mod hosts;
        pub mod load;
        pub mod pages;
        pub mod post_markup;
        pub mod send;
        pub mod statement;
    }
}

use crate::core::tables::load::{self, RulesError};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for watched in [
        "rules",
        "src/core/tables",
        "src/core/text.rs",
        "src/core/fold.rs",
    ] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest.join(watched).display()
        );
    }
    let packs = language_packs(&manifest);
    write_pack_list(&out, &packs);
    if let Err(error) = write_tables(&manifest, &out, &packs) {
        eprintln!("error: {error}");
        exit(1);
    }
}

/// Every `rules/lang/<code>.json` as `(code, path)`, sorted by code.
fn language_packs(manifest: &Path) -> Vec<(String, PathBuf)> {
    let folder = manifest.join("rules").join("lang");
    let mut packs: Vec<(String, PathBuf)> = fs::read_dir(&folder)
        .expect("rules/lang/ holds the language packs")
        .map(|entry| entry.expect("a readable entry of rules/lang/").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let code = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .expect("a pack's file name is its language code")
                .to_string();
            (code, path)
        })
        .collect();
    packs.sort();
    packs
}

/// `language_packs.rs`: every pack as `(code, contents)`, for the native tests of the rules.
fn write_pack_list(out: &Path, packs: &[(String, PathBuf)]) {
    let entries: String = packs
        .iter()
        .map(|(code, path)| {
            format!(
                "    ({code:?}, include_str!({:?})),\n",
                path.display().to_string()
            )
        })
        .collect();
    let source = format!(
        "/// Every language pack, `(code from the file name, file contents)`, sorted by code.\n\
         pub(crate) const LANGUAGE_PACKS: &[(&str, &str)] = &[\n{entries}];\n"
    );
    fs::write(out.join("language_packs.rs"), source).expect("OUT_DIR is writable");
}

fn read(manifest: &Path, file: &str) -> Result<String, RulesError> {
    fs::read_to_string(manifest.join(file)).map_err(|e| RulesError::new(file, e))
}

fn write_tables(
    manifest: &Path,
    out: &Path,
    packs: &[(String, PathBuf)],
) -> Result<(), RulesError> {
    let pack_texts: Vec<(String, String)> = packs
        .iter()
        .map(|(code, path)| {
            let text =
                fs::read_to_string(path).map_err(|e| RulesError::new(&load::pack_file(code), e))?;
            Ok((code.clone(), text))
        })
        .collect::<Result<_, RulesError>>()?;
    let packs: Vec<(&str, &str)> = pack_texts
        .iter()
        .map(|(c, t)| (c.as_str(), t.as_str()))
        .collect();
    let read = |file: &str| read(manifest, file);
    for (name, source) in load::tables(read, &packs)? {
        fs::write(out.join(name), source).expect("OUT_DIR is writable");
    }
    Ok(())
}
