// The wasm is split (scripts/build-wasm.sh): the home screen comes from the main module alone,
// every other screen from a module of its own that the split loader fetches when the screen is
// first opened, or earlier when the browser is idle. A module that cannot be fetched gives a
// message and "Try again", never a broken app.
import { test, expect } from '@playwright/test';
import { readdir } from 'node:fs/promises';
import { ITEM_IDS, openHome, trackErrors } from './helpers.mjs';

// The split modules of this build, by name: split_<group>.wasm and the shared chunk_<n>.wasm.
const dist = new URL('../dist/', import.meta.url);
const folder = (await readdir(dist)).find((f) => /^wasm-[0-9a-f]{16}$/.test(f));
const modules = (await readdir(new URL(`${folder}/`, dist))).filter((f) => /^(split_|chunk_).*\.wasm$/.test(f));
const SPLIT = /\/wasm-[0-9a-f]{16}\/(?:split_|chunk_)[^/]*\.wasm$/;

// No service worker: it would fetch every module at install, and these tests are about what
// the page itself fetches and when.
test.use({ serviceWorkers: 'block' });

test('the build has split modules for the screens, apart from the first load', async () => {
  expect(folder).toBeTruthy();
  expect(modules.some((m) => m.startsWith('split_team'))).toBe(true);
  expect(modules.some((m) => m.startsWith('split_survey'))).toBe(true);
  expect(modules.some((m) => m.startsWith('split_results'))).toBe(true);
});

test('the first load fetches no split module before "Start a check" works; they come while idle', async ({ page }) => {
  const errors = trackErrors(page);
  // In the page: when the app (not the shell) has its "Start a check", and when each wasm
  // request started, on the same clock.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.readyState !== 'loading' && !document.getElementById('shell') && document.querySelector('[data-testid="start"]')) {
        window.__appReady = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('./');
  await expect.poll(() => page.evaluate(() => window.__appReady ?? null)).not.toBeNull();
  // The idle warm-up then fetches every split module.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /(?:split_|chunk_)[^/]*\.wasm$/.test(r.name)).length))
    .toBe(modules.length);
  const timing = await page.evaluate(() => ({
    ready: window.__appReady,
    main: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('_bg.wasm')).map((r) => r.startTime),
    split: performance
      .getEntriesByType('resource')
      .filter((r) => /(?:split_|chunk_)[^/]*\.wasm$/.test(r.name))
      .map((r) => ({ name: r.name, start: r.startTime })),
  }));
  expect(timing.main).toHaveLength(1);
  for (const m of timing.split) expect(m.start, `${m.name} requested after the app was ready`).toBeGreaterThan(timing.ready);
  expect(errors).toEqual([]);
});

test('opening a team check fetches its module and works; while it comes, the screen says so', async ({ page }) => {
  const errors = trackErrors(page);
  // Hold every split module until released: the warm-up and the screen both wait.
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const requested = [];
  await page.route(SPLIT, async (route) => {
    requested.push(new URL(route.request().url()).pathname.split('/').pop());
    await released;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');
  // The home screen works without any split module.
  await expect(page.getByTestId('start')).toBeEnabled();
  await page.getByRole('link', { name: 'Create a team check' }).first().click();
  await expect(page.locator('main .loading')).toHaveText('Loading…');
  expect(requested.some((m) => m.startsWith('split_team'))).toBe(true);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a team check');
  // Focus lands on the new screen's heading once it is shown, as after any screen change.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByTestId('check-name').fill('Split squad');
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText('Split squad');
  expect(errors).toEqual([]);
});

test('a module that cannot be fetched gives a message and "Try again", and the app keeps working', async ({ page }) => {
  let offline = true;
  await page.route(SPLIT, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('./#/team/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This screen could not be loaded');
  await expect(page.getByRole('alert')).toContainText('Check the connection and try again');
  // The rest of the app still works: the home screen, from the main module.
  await page.getByRole('link', { name: 'teamshape' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This screen could not be loaded');
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a team check');
  await page.getByTestId('check-name').fill('Back online');
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText('Back online');
});

test('when the module that saves cannot be fetched, answers stay in the tab, it says so, and are saved once it comes', async ({ context }) => {
  const page = await context.newPage();
  let offline = true;
  await page.route(/\/split_write\.wasm$/, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  await openHome(page);
  await page.getByTestId('start').click();
  const items = page.getByTestId('item');
  await items.nth(0).locator('input[value="4"]').check();
  await expect(page.getByTestId('notice')).toContainText('Your latest changes are not saved yet');
  await expect(page.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);

  // Closing the tab now would lose the answer: the browser asks first, and staying keeps it.
  const asked = new Promise((resolve) =>
    page.once('dialog', async (dialog) => {
      resolve(dialog.type());
      await dialog.dismiss();
    }),
  );
  const stored = () =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape:response:')).length);
  expect(await stored()).toBe(0);
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  // Online again: the next answer fetches the module, and both answers are saved.
  offline = false;
  await items.nth(1).locator('input[value="2"]').check();
  await expect(page.getByTestId('progress')).toContainText(`2 of ${ITEM_IDS.length} answered`);
  await expect.poll(stored).toBe(1);
  const again = await context.newPage();
  await openHome(again);
  await expect(again.getByTestId('continue')).toContainText(`2 of ${ITEM_IDS.length} answered`);
  // Nothing waits any more, so closing does not ask.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
});

test("another tab's change that waited for the module that saves is not overwritten by an older save", async ({ context }) => {
  // Tab B saves as usual; tab A cannot fetch the module that saves, until it is back online.
  const b = await context.newPage();
  await openHome(b);
  await b.getByTestId('start').click();
  const item = (page, i) => page.getByTestId('item').nth(i);
  await item(b, 0).locator('input[value="4"]').check();
  const a = await context.newPage();
  let offline = true;
  await a.route(/\/split_write\.wasm$/, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  await a.goto(b.url());
  await expect(item(a, 0).locator('input[value="4"]')).toBeChecked();

  // B answers a second statement; A's merge of it waits for the module, then A answers a third.
  await item(b, 1).locator('input[value="4"]').check();
  await expect(a.getByTestId('notice')).toContainText('Your latest changes are not saved yet');
  await b.close();
  await item(a, 2).locator('input[value="4"]').check();

  // Online again: A's next answer brings the module; B's answer is merged and kept in storage.
  offline = false;
  await item(a, 3).locator('input[value="4"]').check();
  const answered = () =>
    a.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('teamshape:response:'));
      return JSON.parse(localStorage.getItem(key)).response.answers.length;
    });
  await expect.poll(answered).toBe(4);
  await expect(a.getByTestId('progress')).toContainText(`4 of ${ITEM_IDS.length} answered`);
});
