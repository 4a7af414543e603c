// Serves dist/ under a deep sub-path, as a static host would, for the end-to-end tests and the
// browser benchmarks. Usage: node e2e/serve.mjs [port] [sub-path]
// Like Netlify and Cloudflare Pages, it sends the headers of dist/_headers (read at each
// request: paths there are relative to the site, `*` matches anything) and never serves it.
// With TEAMSHAPE_SERVE_GZIP=1 it sends text and wasm gzipped (level 9, as
// scripts/size-budget.mjs counts) to browsers that accept it, as static hosts do: the phone
// profile of bench/browser.mjs uses this.
import { createServer } from 'node:http';
import { gzipSync, constants } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] ?? 4173);
const base = process.argv[3] ?? '/some/deep/path/';
const root = resolve(new URL('../dist', import.meta.url).pathname);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// Compressed once per file content, so compression time is not part of what a benchmark measures.
const gzipCache = new Map();
function gzipped(file, body) {
  const cached = gzipCache.get(file);
  if (cached && cached.body.equals(body)) return cached.gzip;
  const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  gzipCache.set(file, { body, gzip });
  return gzip;
}

/** [[pattern, [[name, value], ...]], ...] from a _headers file. */
async function headerRules() {
  const rules = [];
  let text = '';
  try {
    text = await readFile(join(root, '_headers'), 'utf8');
  } catch {
    return rules;
  }
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push([new RegExp(`^${pattern}$`), []]);
    } else if (rules.length) {
      const at = line.indexOf(':');
      rules.at(-1)[1].push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('not under ' + base);
    return;
  }
  let file = normalize(join(root, decodeURIComponent(url.pathname.slice(base.length))));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if (file === join(root, '_headers')) throw new Error('not served');
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    const site = '/' + url.pathname.slice(base.length);
    const type = types[extname(file)] ?? 'application/octet-stream';
    const gzip =
      process.env.TEAMSHAPE_SERVE_GZIP === '1' &&
      /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
      /text|javascript|json|wasm|svg/.test(type);
    const extra = (await headerRules()).filter(([pattern]) => pattern.test(site)).flatMap(([, headers]) => headers);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...Object.fromEntries(extra.map(([name, value]) => [name.toLowerCase(), value])),
    });
    res.end(gzip ? gzipped(file, body) : body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving dist/ at http://127.0.0.1:${port}${base}`));
