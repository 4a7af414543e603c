#!/usr/bin/env bash
# Trunk's pre_build hook (Trunk.toml): builds the app's wasm split into modules, into the staging
# folder, instead of Trunk's own Rust pipeline (index.html's rust link has data-trunk-skip).
#
#   1. cargo build --target wasm32-unknown-unknown --features split, linked with --emit-relocs
#      (the splitter needs the relocations to move functions between modules)
#   2. wasm-split-cli (scripts/setup.sh installs it): the main module, one split_<name>.wasm per
#      `#[wasm_split]` screen group in src/ui/mod.rs, chunk_<n>.wasm for code two groups share,
#      and __wasm_split.js, the loader that fetches and instantiates them on demand
#   3. wasm-bindgen on the main module only; --keep-lld-exports keeps the table, stack pointer
#      and memory exports the split modules import from the main instance; then
#      scripts/drop-exports.mjs removes the exports nothing calls (wasm-streams' adapters)
#   4. wasm-opt -Oz with the flags measured in docs/PERFORMANCE.md on every module (release only:
#      it is the slow step, 20 to 50 s)
#
# Output: $TRUNK_STAGING_DIR/wasm-<content hash>/ (teamshape.js, teamshape_bg.wasm,
# __wasm_split.js, the split modules) and $TRUNK_STAGING_DIR/boot.js, which index.html loads
# and scripts/minify-glue.mjs (post_build) minifies and renames. Module names come from the
# groups' names, so the folder's content hash is what makes each build's URLs new.
#
# Also runnable by hand: TRUNK_STAGING_DIR=/tmp/out TRUNK_PROFILE=release scripts/build-wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
: "${TRUNK_STAGING_DIR:?run by Trunk (pre_build hook), or set TRUNK_STAGING_DIR}"
PROFILE="${TRUNK_PROFILE:-release}"
NAME=teamshape
T0=$SECONDS
say() { printf '[build-wasm] %s (+%ss)\n' "$*" "$((SECONDS - T0))"; }

# One run at a time: `trunk serve` may start a build while an earlier hook still runs, and a
# killed `trunk serve` leaves its hook running; both would share the folders under target/.
# (flock is util-linux: on systems without it, one build at a time is up to you.)
mkdir -p target && exec 9>target/.build-wasm.lock
if command -v flock >/dev/null; then flock 9; fi
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }

# A RUSTFLAGS in the environment replaces the rustflags of .cargo/config.toml (and so would drop
# --cfg erase_components); the relocations are passed on the command line, which merges.
if [ -n "${RUSTFLAGS:-}" ]; then
  say "RUSTFLAGS is set: adding --cfg erase_components and the relocations to it"
  export RUSTFLAGS="$RUSTFLAGS --cfg erase_components -C link-arg=--emit-relocs"
fi

CARGO_PROFILE_ARGS=(--release)
CARGO_OUT=release
if [ "$PROFILE" != release ]; then
  CARGO_PROFILE_ARGS=()
  CARGO_OUT=debug
fi
cargo build "${CARGO_PROFILE_ARGS[@]}" --target wasm32-unknown-unknown --bin "$NAME" \
  --features split --config 'target.wasm32-unknown-unknown.rustflags=["-C", "link-arg=--emit-relocs"]'
IN="target/wasm32-unknown-unknown/$CARGO_OUT/$NAME.wasm"
say "cargo ($PROFILE)"

# Steps 2 to 4 give the same output for the same input: skip them when cargo's wasm and this
# script are unchanged (trunk serve rebuilds after a CSS or HTML change too).
WORK="target/split/$PROFILE"
KEY="$(cat "$IN" "$0" | sha256 | cut -c1-32)"
if [ ! -f "$WORK/key" ] || [ "$(cat "$WORK/key")" != "$KEY" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK/split" "$WORK/out"
  wasm-split-cli "$IN" "$WORK/split" --target web --out-name "$NAME"
  say "wasm-split-cli"
  wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
    --out-dir "$WORK/out" --out-name "$NAME" "$WORK/split/$NAME.wasm"
  cp "$WORK/split/__wasm_split.js" "$WORK/out/"
  for f in "$WORK"/split/*.wasm; do
    [ "$(basename "$f")" = "$NAME.wasm" ] || cp "$f" "$WORK/out/"
  done
  say "wasm-bindgen"
  # Exports nothing calls (wasm-streams' stream adapters), so wasm-opt can drop their code.
  node scripts/drop-exports.mjs "$WORK/out/${NAME}_bg.wasm"
  if [ "$PROFILE" = release ]; then
    WASM_OPT="$(command -v wasm-opt || echo "$ROOT/node_modules/.bin/wasm-opt")"
    # Two at a time: the main module takes longest; the split modules fill the other core.
    printf '%s\0' "$WORK"/out/*.wasm | xargs -0 -n1 -P2 sh -c \
      '"$0" -Oz --low-memory-unused --strip-producers --strip-target-features "$1" -o "$1"' "$WASM_OPT"
    say "wasm-opt"
  fi
  echo "$KEY" > "$WORK/key"
fi

HASH="$(cd "$WORK/out" && cat $(ls | sort) | sha256 | cut -c1-16)"
DIR="wasm-$HASH"
rm -rf "${TRUNK_STAGING_DIR:?}/$DIR"
cp -r "$WORK/out" "$TRUNK_STAGING_DIR/$DIR"
# boot.js starts the app, and tells the page it has (the same event Trunk's own loader sends;
# bench/browser.mjs reads the wasm's memory from it). index.html preloads the wasm
# (scripts/minify-glue.mjs): measured on the phone profile, that beat boot.js fetching it
# itself, which lets it compile while it downloads but starts it later (docs/PERFORMANCE.md).
cat > "$TRUNK_STAGING_DIR/boot.js" <<EOF
import init from "./$DIR/$NAME.js";
init().then((wasm) => dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } })));
EOF
say "$TRUNK_STAGING_DIR/$DIR: $(ls "$WORK/out" | tr '\n' ' ')"
