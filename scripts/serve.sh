#!/usr/bin/env bash
# Builds the release version of teamshape and serves it at http://127.0.0.1:8080/
# First run on a fresh machine installs the toolchain (about 15 minutes); later runs are quick.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
say "building and serving the release build at http://127.0.0.1:8080/ (Ctrl-C to stop)"
# No autoreload: its injected inline script would break the Content-Security-Policy.
# target/ must exist before Trunk reads its [watch] ignore list (Trunk.toml).
mkdir -p target
exec trunk serve --release --no-autoreload "$@"
