#!/usr/bin/env node
// Minifies wasm-bindgen's JavaScript glue in the staged build, which Trunk's own minify leaves
// as it is (45 KB, 8.0 KB gzipped -> 20 KB, 6.0 KB gzipped, measured 2026-11-30), and puts the
// new sha384 into every `integrity` attribute that names the file (Trunk's modulepreload), so
// subresource integrity still holds.
//
//   node scripts/minify-glue.mjs [distDir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Run first by scripts/post-build.mjs, before the shell, the CSP and the precache list. Uses
// esbuild (package.json), which keeps export and property names: the glue's imports object is
// looked up by name from the wasm. Node 20 or later.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** The local scripts the inline module script imports (the glue), by file name. */
export function glueFiles(html) {
  const names = new Set();
  for (const m of html.matchAll(/<script\b[^>]*type=["']?module["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const i of m[1].matchAll(/\bfrom\s*['"]\.\/([^'"/]+\.js)['"]/g)) names.add(i[1]);
  }
  return [...names];
}

/** index.html with each tag that names `file` and has an integrity attribute given `integrity`. */
export function setIntegrity(html, file, integrity) {
  return html.replace(/<(?:link|script)\b[^>]*>/gi, (tag) => {
    if (!tag.includes(file)) return tag;
    return tag.replace(/integrity=(["']?)sha(?:256|384|512)-[A-Za-z0-9+/=]+\1/i, `integrity="${integrity}"`);
  });
}

function main() {
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(here, '..', 'dist'));
  const index = join(dir, 'index.html');
  let html = readFileSync(index, 'utf8');
  const files = glueFiles(html);
  if (files.length === 0) throw new Error('index.html imports no local script: nothing to minify');
  for (const file of files) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const code = transformSync(before, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' }).code;
    writeFileSync(path, code);
    const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
    html = setIntegrity(html, file, integrity);
    console.log(`minify-glue: ${file} ${before.length} -> ${code.length} bytes`);
  }
  writeFileSync(index, html);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`minify-glue: ${e.message}`);
    process.exit(1);
  }
}
