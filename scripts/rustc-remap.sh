#!/bin/sh
# Cargo's rustc wrapper (.cargo/config.toml, build.rustc-wrapper): cargo runs it as
#   rustc-remap.sh <rustc or clippy-driver ...> <arguments>
# For a crate from a registry, source paths, and with them the panic locations compiled into
# the wasm, begin with the registry folder inside $CARGO_HOME (/root/.cargo/..., or
# /home/runner/.cargo/... on GitHub's runners). Remapping that folder away leaves
# "leptos-0.8.x/src/...": shorter, and the same on every machine, so a build gives the same
# bytes wherever it runs. The folder is read from CARGO_MANIFEST_DIR, which cargo sets for
# every crate it compiles, so no machine's home folder is written down anywhere.
# Our own crate's paths are already relative (src/...).
case "${CARGO_MANIFEST_DIR:-}" in
  */registry/src/*/*) exec "$@" "--remap-path-prefix=${CARGO_MANIFEST_DIR%/*}/=" ;;
esac
exec "$@"
