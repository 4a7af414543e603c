#!/usr/bin/env node
// Finishes the JavaScript that starts the wasm, in the staged build, and lets the browser fetch
// the whole chain at once:
//
//   boot.js (written by scripts/build-wasm.sh)  ->  wasm-<hash>/teamshape.js (wasm-bindgen's glue)
//     ->  wasm-<hash>/__wasm_split.js (the loader of the split modules; it imports the glue too)
//     and the glue fetches wasm-<hash>/teamshape_bg.wasm
//
// 1. The glue and the loader are minified with esbuild, in place (Trunk's own minify never sees
//    them): the glue 45 KB, 8.0 KB gzipped -> 20 KB, 6.0 KB gzipped, measured 2026-11-30.
// 2. boot.js is minified and renamed boot-<content hash>.js (a new URL for every build, so no
//    HTTP cache serves one build's boot.js with another's index.html), with an integrity hash.
// 3. index.html gets, before the boot script, `<link rel="modulepreload">` for the glue and the
//    loader (with integrity): without them the browser finds each only after the one before
//    has arrived, round trips in a row (150 ms each on the phone profile, docs/PERFORMANCE.md).
//    The main wasm gets `<link rel="preload" as="fetch">` (unless boot.js fetches it itself):
//    on the phone profile it arrived 0.4 to 0.5 s sooner, the app's first control 0.15 to
//    0.25 s sooner (Chromium compiles it only once all of it is in, not while it streams).
//
//   node scripts/minify-glue.mjs [distDir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Run first by scripts/post-build.mjs, before the shell, the CSP and the precache list. esbuild
// keeps export and property names: the glue's imports object is looked up by name from the wasm,
// and the loader's exports by name from the glue. Node 20 or later.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;
const minify = (code) =>
  transformSync(code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' }).code;

/** The src of index.html's boot module script (quoted, or bare as minified HTML writes it). */
export function bootSrc(html) {
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
    const src = m[1].match(/\ssrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s"'>]+))/i);
    const name = src && (src[1] ?? src[2] ?? src[3]);
    if (name && /(?:^|\/)boot\.js$/.test(name.replace(/^\.\//, ''))) return name;
  }
  return null;
}

/** Relative module specifiers a script imports (`import ... from "./x.js"`, `import("./x.js")`). */
export function localImports(code) {
  return [
    ...code.matchAll(/\b(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
}

/** The wasm a wasm-bindgen glue fetches by default: `new URL('x_bg.wasm', import.meta.url)`. */
export function glueWasm(code) {
  const m = code.match(/new URL\(\s*["']([^"']+\.wasm)["']\s*,\s*import\.meta\.url\s*\)/);
  return m ? m[1] : null;
}

/** index.html with the boot script renamed, its integrity set, and the preload links before it. */
export function rewriteIndex(html, oldSrc, newSrc, integrity, preloads) {
  let found = false;
  const out = html.replace(/<script\b[^>]*>/gi, (tag) => {
    if (!tag.includes(oldSrc) || found) return tag;
    found = true;
    const renamed = tag.replace(oldSrc, newSrc).replace(/\s*integrity\s*=\s*(["']?)[^"'\s>]*\1/i, '');
    const links = preloads
      .map((p) =>
        p.as === 'module'
          ? `<link rel="modulepreload" href="${p.href}" integrity="${p.integrity}">`
          : `<link rel="preload" href="${p.href}" as="fetch" type="application/wasm" crossorigin>`,
      )
      .join('');
    return links + renamed.replace(/<script\b/i, `<script integrity="${integrity}"`);
  });
  if (!found) throw new Error(`index.html has no script ${oldSrc}`);
  // Trunk leaves the skipped rust link in the page; it loads nothing.
  return out.replace(/<link\b[^>]*\bdata-trunk-skip\b[^>]*>/gi, '');
}

function main() {
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(here, '..', 'dist'));
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const src = bootSrc(html);
  if (!src) throw new Error('index.html has no <script type="module" src="boot.js"> (see index.html)');
  const boot = join(dir, src);
  if (!existsSync(boot)) throw new Error(`${src} not found: did scripts/build-wasm.sh run (pre_build hook)?`);

  // The chain of modules from boot.js, each minified once, in place; paths relative to dir.
  const bootCode = minify(readFileSync(boot, 'utf8'));
  const preloads = [];
  const seen = new Set();
  const queue = localImports(bootCode).map((spec) => posix.normalize(spec));
  let wasm = null;
  while (queue.length > 0) {
    const rel = queue.shift();
    if (seen.has(rel)) continue;
    seen.add(rel);
    const path = join(dir, rel);
    const before = readFileSync(path, 'utf8');
    const code = minify(before);
    writeFileSync(path, code);
    console.log(`minify-glue: ${rel} ${before.length} -> ${code.length} bytes`);
    preloads.push({ as: 'module', href: rel, integrity: sri(code) });
    // The loader names the split modules the same way; they are fetched on demand.
    const wasmName = /__wasm_split_load_/.test(code) ? null : glueWasm(code);
    if (wasmName && !wasm) wasm = posix.join(posix.dirname(rel), wasmName);
    for (const spec of localImports(code)) queue.push(posix.normalize(posix.join(posix.dirname(rel), spec)));
  }
  if (!wasm) throw new Error('no module of the chain fetches a .wasm (wasm-bindgen glue not found)');
  if (!existsSync(join(dir, wasm))) throw new Error(`${wasm} not found`);
  // Preloaded, unless boot.js fetches it itself (see scripts/build-wasm.sh).
  if (!bootCode.includes(wasm)) preloads.push({ as: 'fetch', href: wasm });

  const name = `boot-${createHash('sha256').update(bootCode).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), bootCode);
  writeFileSync(index, rewriteIndex(html, src, name, sri(bootCode), preloads));
  unlinkSync(boot);
  console.log(`minify-glue: ${src} -> ${name}; preloads ${preloads.map((p) => p.href).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`minify-glue: ${e.message}`);
    process.exit(1);
  }
}
