// The app shell: index.html holds the home screen's words and its "Start a check" button before
// the wasm runs (scripts/shell.mjs writes them at build time from src/ui/home.txt and the
// questionnaire), the app takes over with the same words, and a tap before it is ready is kept.
// The wasm's request is held back with page.route, so "before the wasm runs" is certain.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { trackErrors } from './helpers.mjs';

const questionnaire = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.v2.json', import.meta.url), 'utf8'));
const ITEMS = questionnaire.dimensions.reduce((n, d) => n + d.items.length, 0);
const words = Object.fromEntries(
  (await readFile(new URL('../src/ui/home.txt', import.meta.url), 'utf8'))
    .split('\n')
    .map((line) => line.match(/^([a-z-]+) = (.*)$/))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);

/** Holds every .wasm request until `release()`; `requested` resolves when one was asked for. */
async function holdWasm(page) {
  let release;
  let requested;
  const released = new Promise((resolve) => (release = resolve));
  const asked = new Promise((resolve) => (requested = resolve));
  await page.route(/\.wasm(\?.*)?$/, async (route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: asked };
}

/** What the home screen shows, as text, from whichever of shell or app is on the page. */
const homeText = (page) =>
  page.evaluate(() => {
    const text = (selector) => document.querySelector(selector)?.textContent ?? null;
    return {
      heading: text('main h1'),
      lead: text('main p.lead'),
      intro: text('main p.lead + p'),
      start: text('main .actions [data-testid="start"]'),
      team: text('main .actions a[href="#/team/new"]'),
      brand: text('header .brand'),
      skip: text('.skip-link'),
      theme: text('.theme-switch'),
    };
  });

test('the home screen is on the page before the wasm runs, and the app takes it over without a change', async ({ page }) => {
  const errors = trackErrors(page);
  const wasm = await holdWasm(page);
  // Every DOM change is checked: there is always exactly one h1, and always the same one.
  await page.addInitScript(() => {
    const seen = (window.__headings = []);
    new MutationObserver(() => {
      const headings = [...document.querySelectorAll('h1')].map((h) => h.textContent);
      seen.push(headings.join(' | '));
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });

  await page.goto('./');
  await wasm.requested;
  await expect(page.locator('#shell')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.heading);
  await expect(page.getByTestId('start')).toBeVisible();
  // The app has not run: none of what only it renders is there.
  await expect(page.getByTestId('download-all')).toHaveCount(0);

  const before = await homeText(page);
  expect(before).toEqual({
    heading: words.heading,
    lead: questionnaire.description,
    intro: words.intro.replace('{items}', ITEMS),
    start: words.start,
    team: words.team,
    brand: words.brand,
    skip: words.skip,
    theme: `${words.theme} ${words['theme-system']}${words['theme-light']}${words['theme-dark']}`,
  });
  // Not yet working controls are visibly so: the theme switch waits for the app.
  await expect(page.getByTestId('theme')).toBeDisabled();

  wasm.release();
  await expect(page.getByTestId('download-all')).toBeVisible();
  await expect(page.locator('#shell')).toHaveCount(0);
  await expect(page.getByTestId('theme')).toBeEnabled();
  expect(await homeText(page)).toEqual(before);

  // From the moment the shell's heading was parsed on, never none, never two, never another.
  const seen = await page.evaluate(() => window.__headings);
  const headings = seen.slice(seen.findIndex((h) => h !== ''));
  expect(headings.length).toBeGreaterThan(1);
  expect(new Set(headings)).toEqual(new Set([words.heading]));
  expect(errors).toEqual([]);
});

test('a tap on "Start a check" before the app is ready is kept, and starts exactly one check', async ({ page }) => {
  const errors = trackErrors(page);
  const wasm = await holdWasm(page);
  await page.goto('./');
  await wasm.requested;
  const start = page.getByTestId('start');
  await start.click();
  // The tap is acknowledged on the spot, while the app is still on its way.
  await expect(start).toHaveText(words.starting);
  await expect(start).toHaveAttribute('aria-busy', 'true');
  await start.click(); // a second, impatient tap adds nothing
  await expect(page.getByTestId('progress')).toHaveCount(0);

  wasm.release();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page).toHaveURL(/#\/survey\/[^/]+\/1$/);
  await expect(page.getByTestId('item')).toHaveCount(questionnaire.dimensions[0].items.length);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape:response:')));
  expect(stored).toHaveLength(1);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-early-start'))).toBe(false);

  // Back home, the check is there once, and the app's "Start a check" does not start another.
  await page.goto('./#/');
  await expect(page.getByTestId('runs').locator('li')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a link to another screen does not show the home screen first', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./#/team/new');
  await wasm.requested;
  await expect(page.locator('#shell')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1, name: words.heading })).toBeHidden();
  wasm.release();
  await expect(page.locator('#shell')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(words.heading);
});

test('the shell has the theme the app will have, so the page does not change colour', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.addInitScript(() => localStorage.setItem('teamshape:settings', JSON.stringify({ theme: 'dark' })));
  await page.goto('./');
  await wasm.requested;
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  wasm.release();
  await expect(page.getByTestId('download-all')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
});
