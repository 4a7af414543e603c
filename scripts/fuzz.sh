#!/usr/bin/env bash
# Fuzzes the file reader (fuzz/fuzz_targets/read.rs) with cargo-fuzz and libFuzzer.
#
#   scripts/fuzz.sh                      # 60 seconds, as scripts/test.sh runs it
#   scripts/fuzz.sh -max_total_time=600  # longer, by hand (any libFuzzer options)
#
# The corpus starts from the golden files (crates/core/tests/golden/*.json), copied into a temporary
# directory each run, so nothing libFuzzer writes lands in the repository. A crash, a failed
# round-trip assertion or a hang (over 10 s for one input) fails the run; the input that did it
# is saved under fuzz/artifacts/read/ (ignored by git) and the command to replay it is printed.
#
# Only stable Rust is installed. cargo-fuzz builds with AddressSanitizer by default, which needs
# rustc's unstable `-Zsanitizer=address`; RUSTC_BOOTSTRAP=1 lets the stable compiler accept it
# (the switch the Rust project itself uses to build its compiler). It is set for this build
# only: the app is never built with it. TEAMSHAPE_FUZZ_SANITIZER=none builds without
# AddressSanitizer (no -Z flag at all, about twice as many executions a second); the reader is
# safe Rust, so ASan mainly guards the C++ of libFuzzer and any unsafe code in dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp crates/core/tests/golden/*.json "$corpus/"

options=("$@")
if [ ${#options[@]} -eq 0 ]; then options=(-max_total_time=60); fi

RUSTC_BOOTSTRAP=1 cargo fuzz run read \
  --sanitizer "${TEAMSHAPE_FUZZ_SANITIZER:-address}" \
  "$corpus" -- \
  -dict=fuzz/read.dict -timeout=10 -max_len=65536 -print_final_stats=1 "${options[@]}"
