#!/usr/bin/env node
// Where the wasm's bytes go, by crate and by function: a small twiggy for a first look.
//
//   node scripts/wasm-sizes.mjs [file.wasm] [top]
//
// Default file: the release build cargo leaves before wasm-bindgen and wasm-opt
// (target/wasm32-unknown-unknown/release/teamshape.wasm), which still has its function names.
// Sizes are code bytes per function body, before wasm-opt: proportions, not the shipped size.
// Crates are guessed from the (legacy-mangled) names: the first path segment, and for a
// generic function also the crate of the type it was made for, when the name says.
// Node 20 or later, no dependencies.
import { readFileSync } from 'node:fs';
import { readLeb } from './wasm-leb.mjs';

const file = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/teamshape.wasm';
const top = Number(process.argv[3] ?? 25);
const bytes = readFileSync(file);
let at = 8;
const leb = () => {
  let value;
  [value, at] = readLeb(bytes, at);
  return value;
};
let imports = 0;
const bodies = [];
const names = new Map();
const sections = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  sections.push({ id, size });
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      at += leb(); // module
      at += leb(); // name
      const kind = bytes[at++];
      if (kind === 0) { leb(); imports++; } else if (kind === 1) { at++; leb(); const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[at++]; leb(); if (f & 1) leb(); } else { at += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const len = leb();
      bodies.push(len);
      at += len;
    }
  } else if (id === 0) {
    const nameLen = leb();
    const name = bytes.subarray(at, at + nameLen).toString();
    at += nameLen;
    if (name === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const len = leb();
            names.set(index, bytes.subarray(at, at + len).toString());
            at += len;
          }
        }
        at = subEnd;
      }
    }
  }
  at = end;
}

const demangle = (name) => {
  const m = name.match(/^_ZN(.*)E$/);
  if (!m) return name;
  const parts = [];
  let s = m[1];
  while (s.length) {
    const n = s.match(/^(\d+)/);
    if (!n) break;
    const len = Number(n[1]);
    parts.push(s.slice(n[1].length, n[1].length + len));
    s = s.slice(n[1].length + len);
  }
  return parts
    .filter((p) => !/^h[0-9a-f]{16}$/.test(p))
    .join('::')
    .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',').replace(/\.\./g, '::').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}');
};
const crateOf = (name) => {
  const d = demangle(name).replace(/^[<&\s]+/, '');
  return d.split(/::| /)[0] || '?';
};

const funcs = bodies.map((size, i) => ({ size, name: demangle(names.get(imports + i) ?? `func${imports + i}`) }));
const total = funcs.reduce((s, f) => s + f.size, 0);
const byCrate = new Map();
for (const f of funcs) {
  const c = crateOf(names.get(funcs.indexOf(f) + imports) ?? f.name);
  byCrate.set(c, (byCrate.get(c) ?? 0) + f.size);
}
const dataSize = sections.filter((s) => s.id === 11).reduce((a, s) => a + s.size, 0);
console.log(`${file}: ${bytes.length} bytes; code ${total} bytes in ${funcs.length} functions; data ${dataSize} bytes\n`);
console.log('by crate (code bytes, before wasm-opt):');
for (const [c, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${String(s).padStart(9)}  ${((100 * s) / total).toFixed(1).padStart(5)} %  ${c}`);
}
console.log(`\nlargest functions:`);
for (const f of [...funcs].sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`${String(f.size).padStart(9)}  ${f.name.slice(0, 150)}`);
}
