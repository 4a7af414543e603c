#!/usr/bin/env node
// The size budget of the first load: everything dist/index.html makes the browser fetch, gzipped.
//
//   node scripts/size-budget.mjs [distDir]      (default: dist/ beside scripts/)
//
// Reads index.html and collects what it loads: <script src>, <link href> with rel stylesheet,
// modulepreload, preload, icon or manifest, and from inline module scripts the static
// `import ... from './x.js'` and the `module_or_path: './x.wasm'` that Trunk once wrote. JavaScript
// files are followed through their own static imports (boot.js -> wasm-bindgen's glue -> the
// split loader), and through the `new URL("x.wasm", import.meta.url)` the glue fetches; CSS files
// through url(...). index.html itself is counted too: it is part of the first load.
// The wasm modules the split loader (__wasm_split.js, scripts/build-wasm.sh) fetches later, when
// a screen of theirs is first opened, are not: they are listed apart as "loaded on demand".
// Each file is gzipped with zlib level 9 and the sizes are compared with docs/PERFORMANCE.md:
//
//   total, gzip -9   target 150 KB, hard limit 200 KB   (1 KB = 1024 bytes)
//   (lowered from 275 KB on 2026-11-30 once the split build took the first load under 180 KB,
//   issue 11; see docs/PERFORMANCE.md, "Code splitting")
//   wasm,  gzip -9   target 110 KB
//
// Exit status: 0 within the hard limit (over a target only warns), 1 over the hard limit,
// 2 when it cannot measure (no index.html, a referenced file is missing).
// Node 20 or later, no dependencies.

import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";

const KB = 1024;
const TOTAL_TARGET = 150 * KB;
const TOTAL_LIMIT = 200 * KB;
const WASM_TARGET = 110 * KB;

const scriptDir = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(process.argv[2] ?? join(scriptDir, "..", "dist"));
const indexPath = join(distDir, "index.html");

function fail(message) {
  console.error(`size-budget: ${message}`);
  process.exit(2);
}

if (!existsSync(indexPath)) {
  fail(`${indexPath} not found; build first (trunk build --release) or pass the dist folder`);
}

// ---- Finding what is loaded ----------------------------------------------------------------

const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"));
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

const LINK_RELS = new Set(["stylesheet", "modulepreload", "preload", "icon", "manifest"]);

// Imports and re-exports: `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"`.
const importSpecifiers = (code) =>
  [
    ...code.matchAll(/\b(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g),
    // and dynamic imports of a fixed module, `import("./a.js")` (boot.js imports the glue so)
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);

/** URLs referenced by index.html, in document order: [{ url, why }]. */
function htmlReferences(html) {
  const refs = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [tag, body] = [m[1], m[2]];
    const src = attr(tag, "src");
    if (src) {
      refs.push({ url: src, why: "script src" });
      continue;
    }
    if ((attr(tag, "type") ?? "").toLowerCase() !== "module") continue;
    for (const spec of importSpecifiers(body)) refs.push({ url: spec, why: "inline import" });
    for (const mm of body.matchAll(/module_or_path\s*:\s*(?:new URL\(\s*)?["']([^"']+)["']/g)) {
      refs.push({ url: mm[1], why: "module_or_path" });
    }
  }
  for (const m of withoutComments.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rels = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(tag, "href");
    const rel = rels.find((r) => LINK_RELS.has(r));
    if (href && rel) refs.push({ url: href, why: `link ${rel}` });
  }
  return refs;
}

const isExternal = (url) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);

/** The file in dist a URL points at, resolved against the URL of the file that refers to it. */
function toPath(url, fromFile) {
  const clean = decodeURIComponent(url.split(/[?#]/)[0]);
  const base = clean.startsWith("/") ? distDir : dirname(fromFile);
  const path = resolve(base, clean.replace(/^\/+/, ""));
  if (path !== distDir && !path.startsWith(distDir + sep)) {
    fail(`${url} (from ${relative(distDir, fromFile)}) points outside ${distDir}`);
  }
  return path;
}

const files = new Map(); // path -> how it was found
const onDemand = new Set(); // split wasm modules the loader fetches later
const external = [];
const queue = [{ path: indexPath, why: "the page" }];

function enqueue(url, fromFile, why) {
  if (isExternal(url)) {
    if (!url.startsWith("data:")) external.push(url);
    return;
  }
  queue.push({ path: toPath(url, fromFile), why, from: fromFile });
}

while (queue.length > 0) {
  const { path, why, from } = queue.shift();
  if (files.has(path)) continue;
  if (!existsSync(path) || !statSync(path).isFile()) {
    fail(`${relative(distDir, path)} is referenced (${why}, in ${relative(distDir, from)}) but missing`);
  }
  files.set(path, why);
  if (path === indexPath) {
    for (const ref of htmlReferences(readFileSync(path, "utf8"))) enqueue(ref.url, path, ref.why);
  } else if (/\.m?js$/i.test(path)) {
    const code = readFileSync(path, "utf8");
    for (const spec of importSpecifiers(code)) {
      // Bare specifiers ("leptos") cannot load in a browser without an import map; skip them.
      if (spec.startsWith(".") || spec.startsWith("/") || isExternal(spec)) {
        enqueue(spec, path, "js import");
      }
    }
    // wasm-bindgen's glue fetches its wasm by `new URL("x_bg.wasm", import.meta.url)`; the split
    // loader (scripts/build-wasm.sh) names its modules the same way, but fetches each only when
    // a screen of it is first opened (or the browser is idle): not part of the first load.
    const loader = /__wasm_split_load_/.test(code);
    for (const m of code.matchAll(/new URL\(\s*["']([^"']+\.wasm)["']\s*,\s*import\.meta\.url\s*\)/g)) {
      if (loader) onDemand.add(toPath(m[1], path));
      else enqueue(m[1], path, "wasm of the glue");
    }
  } else if (/\.css$/i.test(path)) {
    const css = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
      const url = m[1] ?? m[2] ?? m[3];
      if (url && !url.startsWith("#")) enqueue(url, path, "css url()");
    }
    for (const m of css.matchAll(/@import\s+["']([^"']+)["']/g)) enqueue(m[1], path, "css @import");
  }
}

// ---- Measuring -----------------------------------------------------------------------------

const rows = [...files.keys()].map((path) => {
  const raw = readFileSync(path);
  const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  return { name: relative(distDir, path).split(sep).join("/"), raw: raw.length, gzip };
});

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), {
  raw: 0,
  gzip: 0,
});
const wasm = rows.filter((r) => r.name.endsWith(".wasm")).reduce((sum, r) => sum + r.gzip, 0);

const nameWidth = Math.max(
  4,
  ...rows.map((r) => r.name.length),
  ...[...onDemand].map((path) => relative(distDir, path).length),
  "on demand".length,
);
const line = (name, raw, gzip) =>
  `${name.padEnd(nameWidth)}  ${String(raw).padStart(10)}  ${String(gzip).padStart(10)}`;

console.log(`size budget of ${distDir}/index.html (gzip -9; 1 KB = 1024 bytes)\n`);
console.log(line("file", "raw bytes", "gzip bytes"));
console.log("-".repeat(nameWidth + 24));
for (const r of rows) console.log(line(r.name, r.raw, r.gzip));
console.log("-".repeat(nameWidth + 24));
console.log(line("total", total.raw, total.gzip));
console.log();

const verdict = (value, target, limit) => {
  if (limit !== undefined && value > limit) return "OVER THE HARD LIMIT";
  return value > target ? "over target" : "ok";
};
const limitText = `target ${kb(TOTAL_TARGET)}, hard limit ${kb(TOTAL_LIMIT)}`;
console.log(
  `total gzip: ${kb(total.gzip)} (${total.gzip} bytes)   ${limitText}   ` +
    verdict(total.gzip, TOTAL_TARGET, TOTAL_LIMIT),
);
console.log(
  `wasm gzip:  ${kb(wasm)} (${wasm} bytes)   target ${kb(WASM_TARGET)}   ` +
    (rows.some((r) => r.name.endsWith(".wasm")) ? verdict(wasm, WASM_TARGET) : "no wasm file found"),
);
const later = [...onDemand].filter((path) => !files.has(path)).sort();
if (later.length > 0) {
  const measured = later.map((path) => {
    if (!existsSync(path)) fail(`${relative(distDir, path)} is named by the split loader but missing`);
    const raw = readFileSync(path);
    const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
    return { name: relative(distDir, path).split(sep).join("/"), raw: raw.length, gzip };
  });
  const sum = measured.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  console.log("\nloaded on demand (split modules; not part of the first load):\n");
  for (const r of measured) console.log(line(r.name, r.raw, r.gzip));
  console.log("-".repeat(nameWidth + 24));
  console.log(line("on demand", sum.raw, sum.gzip));
  console.log(`on demand gzip: ${kb(sum.gzip)} in ${measured.length} modules\n`);
}
for (const url of external) {
  console.log(`note: ${url} is loaded from another origin and is not counted`);
}

if (total.gzip > TOTAL_LIMIT) {
  console.error(
    `size-budget: FAIL: the first load is ${kb(total.gzip)} gzipped, over the ${kb(TOTAL_LIMIT)} limit`,
  );
  process.exit(1);
}
if (total.gzip > TOTAL_TARGET || wasm > WASM_TARGET) {
  console.log("size-budget: within the hard limit, but over a target (see docs/PERFORMANCE.md)");
}
