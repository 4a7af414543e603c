#!/usr/bin/env bash
# Installs everything teamshape needs to build and test, idempotently.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run on its own.
# The first run on a fresh machine is slow (trunk ~10 min, wasm-bindgen-cli ~5 min on 2 cores);
# later runs only check versions and return in seconds.
#
# TEAMSHAPE_SETUP=build installs only what `trunk build --release` needs: no browser and no
# poppler (the GitHub Pages workflow, .github/workflows/pages.yml). Works as root (dev machines,
# CI) or as a user with sudo (GitHub's runners).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must match the library exactly; Cargo.lock is the source of truth.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (first time only, about 10 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WB_VERSION="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (first time only, about 5 minutes)"
  # No --locked: one of its locked dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# The wasm splitter for the release build's code splitting (scripts/build-wasm.sh): Leptos'
# `#[lazy]` functions go into modules of their own, loaded on demand. This is the crate
# wasm_split_cli_support (binary wasm-split-cli), NOT the crates.io crate named wasm-split-cli
# (Dioxus's, another format). It has no --version, so ask cargo which version it installed.
# About 4 minutes on 2 cores the first time.
WASM_SPLIT_VERSION="0.2.4"
if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" \
  || ! command -v wasm-split-cli >/dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli; first time only, about 4 minutes)"
  # --force: a binary restored from a cache without cargo's install records is replaced.
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# cargo-fuzz for the fuzzing step of scripts/test.sh (scripts/fuzz.sh); not needed to build.
# About 1.5 minutes on 2 cores the first time; skipped when this version is already installed.
CARGO_FUZZ_VERSION="0.13.2"
if [ "${TEAMSHAPE_SETUP:-all}" != build ] \
  && [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (first time only, about 2 minutes)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if [ "${TEAMSHAPE_SETUP:-all}" != build ] \
  && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v pdftotext >/dev/null; }; then
  say "installing chromium, chromium-driver and poppler-utils from Debian"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi

# wasm-opt (binaryen), esbuild, Playwright and axe-core come from npm, pinned by package-lock.json.
# Playwright must never fetch its own browser: we use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] \
  || ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.teamshape-lock"; then
  say "installing npm packages (binaryen, esbuild, playwright, axe-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/package-lock.json" "$ROOT/node_modules/.teamshape-lock"
fi

export CHROMEDRIVER=/usr/bin/chromedriver
