// Reads one unsigned LEB128 number, the variable-length integer of the wasm binary format, from
// `bytes` at `at`; returns it and where the next field starts. Shared by scripts/wasm-sizes.mjs
// and scripts/drop-exports.mjs. Node 20, no dependencies.
export function readLeb(bytes, at) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, at];
  }
}
