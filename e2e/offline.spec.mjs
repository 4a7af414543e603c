// Offline and installable: once opened, the app loads and works with no network at all, and
// the service worker holds exactly this build's files.
import { test, expect } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIMENSION_COUNT, answerAll, openHome, trackErrors } from './helpers.mjs';
import { BASE } from '../playwright.config.mjs';

const dist = new URL('../dist/', import.meta.url);

/** Opens the app and waits until its service worker controls the page. */
async function installed(page) {
  await openHome(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(BASE);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${BASE}sw.js`);
}

test('after one visit the app loads offline under its sub-path and a whole check works', async ({ context, page }) => {
  const errors = trackErrors(page);
  await installed(page);

  await context.setOffline(true);
  // The network really is gone, also behind the worker (which passes this URL through).
  expect(await page.evaluate(() => fetch(`not-in-the-build-${Date.now()}`).then(() => 'online', () => 'offline'))).toBe('offline');
  const [index] = await Promise.all([page.waitForResponse((r) => r.url() === BASE), page.reload()]);
  expect(index.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');

  await page.getByTestId('start').click();
  await answerAll(page, (d, i) => (i === 1 ? 'dont_know' : String(((d * 2 + i) % 5) + 1)));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The shape of your answers');
  const radar = page.getByTestId('radar').locator('svg');
  await expect(radar).toBeVisible();
  await expect(radar.locator('text', { hasText: 'Sustainable' })).toHaveCount(1); // "Sustainable pace", on two lines
  await expect(page.getByTestId('score-table').locator('tbody tr')).toHaveCount(DIMENSION_COUNT);

  // Offline, a reload keeps the answers and the screen.
  await page.reload();
  await expect(page.getByTestId('radar').locator('svg')).toBeVisible();

  // The team screens and the rest, each from a split module of its own, work offline too: the
  // worker holds every module.
  await page.getByRole('link', { name: 'teamshape' }).first().click();
  await page.getByRole('link', { name: 'Create a team check' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a team check');
  await page.getByTestId('check-name').fill('Offline team');
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText('Offline team');
  await page.evaluate(() => (location.hash = '#/nowhere'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is nothing here');
  await context.setOffline(false);
  // The only console error allowed is the failed fetch above.
  expect(errors.filter((e) => !/not-in-the-build|Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
});

test('the worker precaches exactly the build, generated at build time, in one versioned cache', async ({ page }) => {
  await installed(page);
  const root = fileURLToPath(dist);
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((f) => f.isFile() && !f.name.startsWith('.') && !['sw.js', '_headers'].includes(f.name))
    .map((f) => relative(root, join(f.parentPath, f.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .map((path) => new URL(path, BASE).href)
    .sort();
  const sw = await readFile(new URL('sw.js', dist), 'utf8');
  expect(sw).not.toContain('__TEAMSHAPE_');
  const version = sw.match(/const VERSION = "([0-9a-f]{16})"/)?.[1];
  expect(version).toBeTruthy();

  const caches = await page.evaluate(async () => {
    const out = {};
    for (const key of await caches.keys()) {
      out[key] = (await (await caches.open(key)).keys()).map((r) => r.url).sort();
    }
    return out;
  });
  expect(Object.keys(caches)).toEqual([`teamshape:${BASE}:${version}`]);
  expect(caches[`teamshape:${BASE}:${version}`]).toEqual(files);

  // Everything index.html loads is in that cache under the very name it uses: no stale mix of
  // one build's JavaScript with another build's wasm.
  const html = await readFile(new URL('index.html', dist), 'utf8');
  // Attributes quoted or bare (the release build's HTML is minified); links within the page
  // (the app shell's "#main", "#/team/new") load nothing.
  const loads = [...html.matchAll(/\s(?:src|href)=(?:"([^"]+)"|([^\s"'>]+))|from '([^']+)'|module_or_path: '([^']+)'/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4])
    .filter((u) => !u.startsWith('#'))
    .map((u) => new URL(u, BASE).href)
    .filter((u) => u.startsWith(BASE));
  expect(loads.some((u) => u.endsWith('.wasm'))).toBe(true);
  for (const url of loads) expect(files).toContain(url);
  // And every split module the loader can fetch later (scripts/build-wasm.sh).
  const modules = files.filter((u) => /\/wasm-[0-9a-f]{16}\/(?:split_|chunk_)[^/]*\.wasm$/.test(u));
  expect(modules.length).toBeGreaterThan(0);
});

test('index.html comes from the network first: a new deploy is seen at the next load', async ({ context, page }) => {
  await installed(page);
  // A "new deploy": the server now answers index.html with another title.
  await context.route(BASE, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('<title>', '<title>New deploy · ');
    await route.fulfill({ response, body });
  });
  await page.reload();
  await expect(page).toHaveTitle(/^New deploy · teamshape/);
  await context.unroute(BASE);
  // Offline, the worker answers with its own index.html, whose files it holds.
  await context.setOffline(true);
  await page.reload();
  await expect(page).toHaveTitle(/^teamshape/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');
  await context.setOffline(false);
});

test('the web app manifest makes it installable: name, start URL, standalone, icons that load', async ({ page, request }) => {
  await openHome(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const url = new URL(href, BASE).href;
  const response = await request.get(url);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: expect.stringContaining('teamshape'), short_name: 'teamshape', start_url: './', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  // start_url and scope resolve to the folder the app is served from, whatever the sub-path.
  expect(new URL(manifest.start_url, url).href).toBe(BASE);
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png' && (i.purpose ?? 'any').includes('any'));
    expect(icon, `a ${size} PNG icon`).toBeTruthy();
    const png = await request.get(new URL(icon.src, url).href);
    expect(png.ok()).toBe(true);
    const bytes = await png.body();
    // PNG signature, then the IHDR width and height.
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const [w, h] = size.split('x').map(Number);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
  }
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
});
