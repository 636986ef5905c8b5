//! Compiles every language pack into the core: writes `language_packs.rs` in OUT_DIR, the list of
//! `rules/lang/<code>.json` files as `(code, contents)`, so that adding a language is adding one file.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let folder = Path::new(&manifest).join("rules").join("lang");
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut packs: Vec<(String, String)> = fs::read_dir(&folder)
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
            (code, path.display().to_string())
        })
        .collect();
    packs.sort();
    let entries: String = packs
        .iter()
        .map(|(code, path)| format!("    ({code:?}, include_str!({path:?})),\n"))
        .collect();
    let source = format!(
        "/// Every language pack, `(code from the file name, file contents)`, sorted by code.\n\
         pub(crate) const LANGUAGE_PACKS: &[(&str, &str)] = &[\n{entries}];\n"
    );
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("language_packs.rs");
    fs::write(out, source).expect("OUT_DIR is writable");
}
