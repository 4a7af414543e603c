#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml): finishes the staged build before Trunk moves it to dist/.
// In this order, because the policy covers the page as served and the precache version hashes
// index.html as served, policy included:
//   1. scripts/minify-glue.mjs  boot.js (from scripts/build-wasm.sh, the pre_build hook), the
//                               glue and the split loader minified; boot.js renamed by its hash;
//                               modulepreload and preload links for the chain
//   2. scripts/shell.mjs        the app shell: the home screen's words and markup, before the wasm
//   3. scripts/csp.mjs          the Content-Security-Policy meta tag, and the same in _headers
//   4. scripts/precache.mjs     the service worker's file list and version
// Trunk runs all hooks of one stage at once, so the four steps are one hook. Each script can
// also be run alone on a folder: node scripts/csp.mjs dist
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const step of ['minify-glue.mjs', 'shell.mjs', 'csp.mjs', 'precache.mjs']) {
  const run = spawnSync(process.execPath, [join(here, step), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
