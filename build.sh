#!/usr/bin/env bash
# Bezwaar's one entry point.
#   ./build.sh run      build, then open Chromium (--firefox: Firefox) with the extension on bundled demo pages served
#                       on Meta's hostnames; without a display, write the demo screenshots instead (--lang CODE: the
#                       browser's UI language)
#   ./build.sh          install what is missing, build dist/ (both browsers' unpacked extensions and store zips)
#   ./build.sh test     the above, then every test: Rust (native, clippy, fmt, wasm in Chromium and Firefox),
#                       web-ext lint, and the end-to-end suite in Chromium and Firefox
#   ./build.sh bench    the above build, then the benchmark (feed and scrolling; prints figures and a summary against the targets)
#   ./build.sh demo     build, then write the demo screenshots (headless Chromium) to dist/demo/ (--lang CODE, --out DIR)
#   ./build.sh setup    only install what building and testing need (CI runs this first)
# Every step prints one line. Steps whose inputs did not change are skipped, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
WASM_TARGET=wasm32-unknown-unknown
BIN="$ROOT/node_modules/.bin"
# Where build products go (default: build/ and dist/ here). Set BEZWAAR_OUT, and CARGO_TARGET_DIR, to keep several
# working copies' builds apart on one machine.
OUT="${BEZWAAR_OUT:-$ROOT}"
export BEZWAAR_DIST="$OUT/dist"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BUILD="$OUT/build"
# The features rustc's wasm32 target emits (reference types switched off above); named one by one because
# binaryen's --all-features also turns on encodings wasm-bindgen cannot parse.
WASM_FEATURES="--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue"

step() { printf '==> %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  # Debian packages need root; say which command to run instead of failing obscurely.
  if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo && sudo -n true 2>/dev/null; then sudo "$@"; else
    fail "cannot install system packages without root: run 'sudo $*' and try again"
  fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing Debian packages: ${missing[*]}"
  have apt-get || fail "no apt-get here: install ${missing[*]} with your system's package manager"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_build_tools() {
  have cargo || fail "Rust is missing: install rustup (https://rustup.rs), then run ./build.sh again"
  have node && have npm || apt_install nodejs npm
  have zip || apt_install zip
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    step "adding the Rust target $WASM_TARGET"
    rustup target add "$WASM_TARGET" >/dev/null
  fi
  local want got
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
  got=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$want" != "$got" ]; then
    # --locked fails for this release (its lock names a crate version the registry no longer has): see README.
    step "installing wasm-bindgen-cli $want (was: ${got:-none}; takes about two minutes)"
    cargo install -q wasm-bindgen-cli --version "$want" --force
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm dev dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

newer() { # newer TARGET SOURCES...: true when TARGET is missing or older than any source
  local target=$1; shift
  [ -e "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]
}

# What the core's builds are made of; a build whose stamp is newer than all of them is skipped. (The two halves share
# cargo's one output file, so cargo alone would relink each half on every run.)
CORE_INPUTS=(src rules build.rs Cargo.toml Cargo.lock build.sh)

# compile_half FEATURE OUT: the core with one half of its entry points (src/entry/mod.rs), compiled for wasm and
# written to OUT without its target-features section, so that wasm-bindgen keeps to the MVP ABI both encodings can
# carry. Reference types are off for the same reason: wasm2js cannot translate them, and the real-wasm build then
# matches the fallback bit for bit before encoding (one Rust code path). Set for this command only: the wasm test
# builds keep the target's defaults, which wasm-bindgen-test-runner expects.
compile_half() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-reference-types" \
    cargo build -q --release --lib --target "$WASM_TARGET" --no-default-features --features "$1"
  "$BIN/wasm-opt" $WASM_FEATURES --strip-target-features "$TARGET/$WASM_TARGET/release/bezwaar.wasm" -o "$2"
}

# encode_wasm MODULE DIR: the real wasm engine and its glue, in DIR.
encode_wasm() {
  wasm-bindgen "$1" --target web --no-typescript --out-dir "$BUILD/tmp/web" --out-name bezwaar
  "$BIN/wasm-opt" -Oz $WASM_FEATURES --strip-debug --strip-producers "$BUILD/tmp/web/bezwaar_bg.wasm" -o "$2/bezwaar_bg.wasm"
  cp "$BUILD/tmp/web/bezwaar.js" "$2/bezwaar.js"
  rm -rf "$BUILD/tmp/web"
}

# encode_wasm2js MODULE DIR: the same module as plain JavaScript (bezwaar_engine.js) and its glue, in DIR.
encode_wasm2js() {
  wasm-bindgen "$1" --target bundler --no-typescript --out-dir "$BUILD/tmp/bundler" --out-name bezwaar
  "$BIN/wasm-opt" "$BUILD/tmp/bundler/bezwaar_bg.wasm" -o "$BUILD/tmp/lowered.wasm" \
    $WASM_FEATURES --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering -Oz
  "$BIN/wasm2js" "$BUILD/tmp/lowered.wasm" -Oz -o "$2/bezwaar_engine.js"
  # The glue imports the module as "./bezwaar_bg.wasm"; point it at the JavaScript encoding instead.
  sed 's#"\./bezwaar_bg\.wasm"#"./bezwaar_engine.js"#' "$BUILD/tmp/bundler/bezwaar.js" > "$2/bezwaar.js"
  # wasm2js grows memory by copying it into a new ArrayBuffer and leaves the old one attached, so the glue's
  # "is my view stale?" tests (a detached, zero-length buffer) never fire and it reads old memory after the
  # first growth. Compare with the current buffer instead.
  sed -E -e 's/cached(\w+)Memory0\.byteLength === 0/cached\1Memory0.buffer !== wasm.memory.buffer/g' \
    -e 's/cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && (cachedDataViewMemory0\.buffer !== wasm\.memory\.buffer)\)/\1/' \
    "$BUILD/tmp/bundler/bezwaar_bg.js" > "$2/bezwaar_bg.js"
  if grep -qE 'byteLength === 0|buffer\.detached' "$2/bezwaar_bg.js"; then
    fail "wasm2js glue: a memory view check was not rewritten (wasm-bindgen changed its glue?)"
  fi
  grep -q 'bezwaar_engine.js' "$2/bezwaar.js" || fail "wasm2js glue: the wasm import was not rewritten"
  rm -rf "$BUILD/tmp/bundler" "$BUILD/tmp/lowered.wasm"
}

# Two builds of one crate (src/entry/mod.rs says why): the content script's core, in both encodings, into
# build/content-core/{wasm,js}/; and the extension pages' core, as wasm, into build/pages-core/.
build_core() {
  mkdir -p "$BUILD"
  if newer "$BUILD/content-core.stamp" "${CORE_INPUTS[@]}"; then
    step "compiling the content script's core to wasm (release)"
    rm -rf "$BUILD/content-core" "$BUILD/tmp" && mkdir -p "$BUILD/content-core/wasm" "$BUILD/content-core/js" "$BUILD/tmp"
    compile_half content "$BUILD/tmp/content.wasm"
    step "wasm-bindgen + wasm-opt: the content core as wasm (Firefox's content script)"
    encode_wasm "$BUILD/tmp/content.wasm" "$BUILD/content-core/wasm"
    step "wasm2js: the content core as plain JavaScript (Chromium's content script, for pages whose CSP forbids wasm)"
    encode_wasm2js "$BUILD/tmp/content.wasm" "$BUILD/content-core/js"
    rm -rf "$BUILD/tmp"
    touch "$BUILD/content-core.stamp"
  fi
  if newer "$BUILD/pages-core.stamp" "${CORE_INPUTS[@]}"; then
    step "compiling the extension pages' core to wasm (release)"
    rm -rf "$BUILD/pages-core" "$BUILD/tmp" && mkdir -p "$BUILD/pages-core" "$BUILD/tmp"
    compile_half pages "$BUILD/tmp/pages.wasm"
    step "wasm-bindgen + wasm-opt: the pages' core"
    encode_wasm "$BUILD/tmp/pages.wasm" "$BUILD/pages-core"
    rm -rf "$BUILD/tmp"
    touch "$BUILD/pages-core.stamp"
  fi
}

assemble() {
  step "bundling the content script with the core"
  node tools/bundle-content.mjs "$OUT"
  step "assembling dist/chrome and dist/firefox"
  node tools/assemble.mjs "$OUT"
  for browser in chrome firefox; do
    (cd "$BEZWAAR_DIST/$browser" && rm -f "../bezwaar-$browser.zip" && zip -q -r -X "../bezwaar-$browser.zip" .)
  done
  step "dist/ ready: $(du -h "$BEZWAAR_DIST/bezwaar-chrome.zip" | cut -f1) chrome zip, $(du -h "$BEZWAAR_DIST/bezwaar-firefox.zip" | cut -f1) firefox zip"
}

build() {
  setup_build_tools
  build_core
  assemble
}

GECKODRIVER_VERSION=0.37.1
CARGO_DENY_VERSION=0.20.2

# The browsers the demo and the end-to-end suite run, and openssl for the fixture server's throwaway certificates.
setup_browsers() {
  apt_install chromium firefox-esr openssl
}

setup_test_tools() {
  setup_browsers
  apt_install chromium-driver unzip xvfb
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || {
      step "adding the Rust component $component"
      rustup component add "$component" >/dev/null
    }
  done
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    # Firefox's WebDriver, for the Rust DOM tests in Firefox (no Debian package; about 80 s to build).
    step "installing geckodriver $GECKODRIVER_VERSION"
    cargo install -q geckodriver --version "$GECKODRIVER_VERSION" --force
  fi
  if [ "$(cargo deny --version 2>/dev/null | awk '{print $2}')" != "$CARGO_DENY_VERSION" ]; then
    # Checks the dependency tree's licences, bans and sources (deny.toml); its own lockfile resolves, so --locked.
    step "installing cargo-deny $CARGO_DENY_VERSION (takes a few minutes)"
    cargo install -q cargo-deny --version "$CARGO_DENY_VERSION" --locked --force
  fi
}

run_tests() {
  setup_test_tools
  node tests/run-all.mjs
}

demo() { # demo run|shots [options]
  build
  setup_browsers
  node tools/demo.mjs "$@"
}

case "${1:-build}" in
  build) build ;;
  run) shift; demo run "$@" ;;
  demo) shift; demo shots "$@" ;;
  test) build; run_tests ;;
  bench) build; setup_test_tools; node bench/run.mjs ;;
  setup) setup_build_tools; setup_test_tools ;;
  *) fail "unknown command '$1': use ./build.sh run, ./build.sh, ./build.sh test, ./build.sh demo, ./build.sh bench or ./build.sh setup" ;;
esac
