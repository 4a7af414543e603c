#!/usr/bin/env node
// Writes the list of files to precache, and a version, into the built service worker.
//
//   node scripts/precache.mjs [distDir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Run by Trunk's post_build hook (through scripts/post-build.mjs) after scripts/csp.mjs, on the
// staged dist, so the list holds the exact hashed names of this build and index.html as it is
// served. sw.js (copied from public/sw.js) has two placeholders; this fills them:
//
//   const VERSION = '__TEAMSHAPE_VERSION__';   ->  the first 16 hex digits of a sha256 over
//                                                 every listed file's path and content hash
//   const FILES = ['__TEAMSHAPE_FILES__'];     ->  every file of the build, relative paths
//
// Listed: every file in the folder except sw.js itself, _headers and dotfiles. Any change to
// any file gives a new version, so browsers install a new worker and drop the old cache.
// Refuses (exit 1) when a placeholder is missing, or when index.html refers to a local file
// the build does not have (the worker's install would fail on it).
// Node 20 or later, no dependencies.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = new Set(['sw.js', '_headers']);

export function listFiles(dir) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.filter((f) => !SKIP.has(f)).sort();
}

export function version(dir, files) {
  const all = createHash('sha256');
  for (const file of files) {
    const own = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    all.update(`${file}\0${own}\n`);
  }
  return all.digest('hex').slice(0, 16);
}

/** Local files index.html refers to: src, href, and the module import and wasm path Trunk writes. */
export function referenced(html) {
  const urls = [
    // Quoted, or bare as minified HTML writes them.
    ...[...html.matchAll(/\s(?:src|href)\s*=\s*(?:"([^"]+)"|([^\s"'>]+))/gi)].map((m) => m[1] ?? m[2]),
    ...[...html.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
    ...[...html.matchAll(/module_or_path:\s*['"]([^'"]+)['"]/g)].map((m) => m[1]),
  ];
  return urls
    .filter((u) => !/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(u))
    .map((u) => u.replace(/^\.\//, '').replace(/[?#].*$/, ''));
}

export function fillWorker(source, versionText, files) {
  const v = "'__TEAMSHAPE_VERSION__'";
  const f = "['__TEAMSHAPE_FILES__']";
  if (!source.includes(v) || !source.includes(f)) {
    throw new Error('sw.js has no placeholders (was it filled already, or edited?)');
  }
  return source.replace(v, JSON.stringify(versionText)).replace(f, JSON.stringify(files));
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(here, '..', 'dist'));
  const worker = join(dir, 'sw.js');
  if (!existsSync(worker)) throw new Error(`${worker} not found: is public/sw.js copied by index.html?`);
  const files = listFiles(dir);
  if (!files.includes('index.html')) throw new Error(`${dir} has no index.html`);
  const missing = referenced(readFileSync(join(dir, 'index.html'), 'utf8')).filter((u) => !files.includes(u));
  if (missing.length) throw new Error(`index.html refers to files the build does not have: ${missing.join(', ')}`);
  const v = version(dir, files);
  writeFileSync(worker, fillWorker(readFileSync(worker, 'utf8'), v, files));
  console.log(`precache: ${worker}, version ${v}, ${files.length} files`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`precache: ${e.message}`);
    process.exit(1);
  }
}
