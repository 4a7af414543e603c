#!/usr/bin/env node
// Drops the wasm exports of wasm-streams' JavaScript stream adapters from the main module, so
// wasm-opt can remove their code: 1.4 KB gzipped, measured 2026-11-30 (docs/PERFORMANCE.md).
//
//   node scripts/drop-exports.mjs <teamshape_bg.wasm>     (rewrites the file in place)
//
// Leptos's `csr` feature turns on server_fn's `browser` feature, which brings wasm-streams,
// whose `#[wasm_bindgen]` structs IntoUnderlyingSource, IntoUnderlyingSink and
// IntoUnderlyingByteSource are exported to JavaScript. Exports are roots: no link-time or
// wasm-opt pass may remove them. teamshape has no server functions and makes no streams, so
// nothing ever creates those objects; wasm-bindgen's glue keeps its (never used) classes,
// whose methods would call the dropped exports. Run by scripts/build-wasm.sh after
// wasm-bindgen and before wasm-opt. Only these exports: the rest are the glue's and the split
// modules'. Nothing to drop is fine (a newer Leptos may not export them). Node 20, no
// dependencies.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLeb } from './wasm-leb.mjs';

const DROP = /^(?:__wbg_)?intounderlying(?:bytesource|sink|source)_/;

/** The module with every export whose name matches `drop` removed; and the names removed. */
export function dropExports(bytes, drop = DROP) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let at = 8;
  const leb = () => {
    let value;
    [value, at] = readLeb(bytes, at);
    return value;
  };
  const uleb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return Buffer.from(out);
  };
  const parts = [bytes.subarray(0, 8)];
  const dropped = [];
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id !== 7) {
      parts.push(bytes.subarray(start, end));
      at = end;
      continue;
    }
    const count = leb();
    const kept = [];
    for (let i = 0; i < count; i++) {
      const entry = at;
      const length = leb();
      const name = bytes.subarray(at, at + length).toString('utf8');
      at += length + 1; // the name, then the export's kind
      leb(); // and its index
      if (drop.test(name)) dropped.push(name);
      else kept.push(bytes.subarray(entry, at));
    }
    if (at !== end) throw new Error('malformed export section');
    const content = Buffer.concat([uleb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), uleb(content.length), content);
  }
  return { bytes: Buffer.concat(parts), dropped };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/drop-exports.mjs <file.wasm>');
    process.exit(2);
  }
  try {
    const { bytes, dropped } = dropExports(readFileSync(file));
    writeFileSync(file, bytes);
    console.log(`drop-exports: ${dropped.length} exports dropped (${dropped.join(', ') || 'none'})`);
  } catch (e) {
    console.error(`drop-exports: ${e.message}`);
    process.exit(1);
  }
}
