#!/usr/bin/env node
// Puts the Content-Security-Policy into the built index.html, as the first element of <head>.
//
//   node scripts/csp.mjs [distDir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Run by Trunk's post_build hook (through scripts/post-build.mjs) on the staged dist. Every script
// is a file of the app's own origin (boot-<hash>.js starts the wasm, see scripts/build-wasm.sh),
// so the policy needs no hash and no 'unsafe-inline' or 'unsafe-eval': 'wasm-unsafe-eval' lets
// the page compile wasm, the split modules included (fetched from 'self', connect-src). The same
// policy goes into the staged _headers (copied from public/_headers), for hosts that send
// headers: a page gets both, and a browser enforces both, so they must agree.
//
// It refuses (exit 1) what the policy would block at run time anyway: inline scripts, inline
// event handler attributes, inline style attributes or <style> elements, and a second run on
// the same file.
// Node 20 or later, no dependencies.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy, the same for every build. */
export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "manifest-src 'self'",
  "worker-src 'self'",
].join('; ');

/** The text of every inline (no src) script. */
export function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    scripts.push(match[2]);
  }
  return scripts;
}

/** index.html with the policy as the first element of <head>; throws on what it would block. */
export function applyCsp(html) {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
    throw new Error('index.html already has a Content-Security-Policy meta tag');
  }
  const inline = inlineScripts(html);
  if (inline.length) throw new Error(`inline script, blocked by script-src 'self': ${inline[0].slice(0, 80)}`);
  const handler = html.match(/<[a-z][^>]*\son[a-z]+\s*=/i);
  if (handler) throw new Error(`inline event handler, blocked by the policy: ${handler[0]}`);
  const style = html.match(/<style\b|<[a-z][^>]*\sstyle\s*=/i);
  if (style) throw new Error(`inline style, blocked by style-src 'self': ${style[0]}`);
  // Minified HTML (trunk build --minify) leaves out the optional <head> tag: then the policy
  // goes right after <html>, where the parser opens the head with it as the first element.
  const head = html.match(/<head\b[^>]*>/i) ?? html.match(/<html\b[^>]*>/i);
  if (!head || /<body\b/i.test(html.slice(0, head.index))) throw new Error('index.html has no <head>');
  const policy = POLICY;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const at = head.index + head[0].length;
  return { html: html.slice(0, at) + meta + html.slice(at), policy };
}

/** Directives a browser ignores in a <meta> tag; kept when written in public/_headers. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'report-to', 'sandbox'];

/**
 * The _headers file with its Content-Security-Policy line set to `policy`, plus whichever
 * header-only directives the line already had (e.g. frame-ancestors 'none').
 */
export function fillHeaders(text, policy) {
  const line = /^([ \t]+Content-Security-Policy:)(.*)$/im;
  if (!line.test(text)) throw new Error('_headers has no indented "Content-Security-Policy:" line');
  return text.replace(line, (_, name, old) => {
    const extra = old
      .split(';')
      .map((d) => d.trim())
      .filter((d) => HEADER_ONLY.includes(d.split(/\s+/)[0].toLowerCase()));
    return `${name} ${[policy, ...extra].join('; ')}`;
  });
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(here, '..', 'dist'));
  const index = join(dir, 'index.html');
  const { html, policy } = applyCsp(readFileSync(index, 'utf8'));
  writeFileSync(index, html);
  const headers = join(dir, '_headers');
  if (existsSync(headers)) writeFileSync(headers, fillHeaders(readFileSync(headers, 'utf8'), policy));
  console.log(`csp: ${index}${existsSync(headers) ? ' and _headers' : ''}\n  ${policy}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`csp: ${e.message}`);
    process.exit(1);
  }
}
