#!/usr/bin/env bash
# Runs every test of teamshape: formatting and lints for both targets, native unit and
# property tests, a bounded fuzzing run of the file reader, browser tests (wasm-bindgen-test in
# headless chromium), the release build with its size budget, and the end-to-end suite against
# that build.
# On a fresh machine it first installs the toolchain (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check
cargo fmt --check --manifest-path fuzz/Cargo.toml

step "clippy (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --workspace --lib --bins --test browser -- -D warnings
# The release build's code path: screens as `#[wasm_split]` modules (scripts/build-wasm.sh).
cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings

step "native tests (unit, property, file format)"
cargo test --workspace

step "fuzzing the file reader (cargo-fuzz, 60 s from the golden files; scripts/fuzz.sh)"
scripts/fuzz.sh -max_total_time=60

step "browser tests (wasm-bindgen-test in headless chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test browser

step "release build (trunk, with scripts/build-wasm.sh splitting the wasm)"
trunk build --release

step "size budget"
node scripts/size-budget.mjs dist

step "end-to-end tests (Playwright, chromium, release build under a sub-path)"
CI=1 npx playwright test
