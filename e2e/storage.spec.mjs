// localStorage under stress: two tabs at once, a damaged stored value, storage the browser
// refuses, and a full quota. Nothing entered may be lost, and the user must be told.
// See docs/RELIABILITY.md.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DIMENSION_COUNT, FORMAT_VERSION, ITEM_IDS, QUESTIONNAIRE, TITLES, openHome, responseFile, trackErrors } from './helpers.mjs';

const RESPONSE_KEY = /^teamshape:response:/;

/** Every localStorage key and value of the page's origin. */
function storedValues(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/** The one stored solo response, parsed. */
async function storedResponse(page) {
  const stored = await storedValues(page);
  const keys = Object.keys(stored).filter((k) => RESPONSE_KEY.test(k));
  expect(keys).toHaveLength(1);
  return JSON.parse(stored[keys[0]]).response;
}

/** `{ item id: answer }` of a response object from a file or from storage. */
function answersOf(response) {
  return Object.fromEntries(response.answers.filter((a) => a.answer !== undefined).map((a) => [a.item, a.answer]));
}

/** Clicks a button that downloads a file; returns the file's name and exact text. */
async function downloadFrom(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

function item(page, n) {
  return page.getByTestId('item').nth(n);
}

async function expectChecked(page, n, value) {
  await expect(item(page, n).locator(`input[value="${value}"]`)).toBeChecked();
}

const heading = (page) => page.getByRole('heading', { level: 1 });

// ---- Two tabs ---------------------------------------------------------------------------------

/** Opens the same new solo check in two pages of one context: one localStorage, two apps. */
async function sameCheckInTwoTabs(context) {
  const a = await context.newPage();
  const b = await context.newPage();
  const errorsA = trackErrors(a);
  const errorsB = trackErrors(b);
  await openHome(a);
  await a.getByTestId('start').click();
  await expect(a.getByTestId('progress')).toContainText(`Dimension 1 of ${DIMENSION_COUNT} · 0 of ${ITEM_IDS.length} answered`);
  await b.goto(a.url());
  await expect(heading(b)).toHaveText(TITLES[0]);
  await expect(b.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  return { a, b, errors: () => [...errorsA, ...errorsB] };
}

test('two tabs: answers given alternately in each tab all survive, live and after reloading both', async ({ context }) => {
  const { a, b, errors } = await sameCheckInTwoTabs(context);
  // The first two dimensions, alternating tabs item by item, without waiting for the other tab
  // to catch up: the writes race, and the storage event must merge them.
  const given = {}; // item index in the questionnaire -> answer
  const [one, two] = QUESTIONNAIRE.dimensions;
  const [n1, n2] = [one.items.length, two.items.length];
  const pages = [
    { title: one.title, first: 0, count: n1 },
    { title: two.title, first: n1, count: n2 },
  ];
  for (const [p, { title, first, count }] of pages.entries()) {
    if (p > 0) {
      await a.getByTestId('next').click();
      await b.getByTestId('next').click();
    }
    await expect(heading(a)).toHaveText(title);
    await expect(heading(b)).toHaveText(title);
    for (let i = 0; i < count; i++) {
      const tab = (first + i) % 2 === 0 ? a : b;
      const value = String(((first + i) % 5) + 1);
      await item(tab, i).locator(`input[value="${value}"]`).check();
      given[first + i] = value;
    }
  }
  // A comment in each tab, on different items.
  await b.getByTestId('item').nth(1).getByText('Add a comment').click();
  await b.getByTestId('item').nth(1).getByRole('textbox').fill('typed in tab B');
  await a.getByTestId('back').click();
  await expect(heading(a)).toHaveText(TITLES[0]);
  await a.getByTestId('item').nth(2).getByText('Add a comment').click();
  await a.getByTestId('item').nth(2).getByRole('textbox').fill('typed in tab A');

  // Both tabs see all the answers without a reload.
  for (const tab of [a, b]) await expect(tab.getByTestId('progress')).toContainText(`${n1 + n2} of ${ITEM_IDS.length} answered`);
  await expect(b.getByTestId('item').nth(1).getByRole('textbox')).toHaveValue('typed in tab B');
  await expect.poll(async () => answersOf(await storedResponse(a))).toEqual(
    Object.fromEntries(Object.entries(given).map(([i, v]) => [ITEM_IDS[i], Number(v)])),
  );

  // Reload both: every answer and both comments came from storage.
  await a.reload();
  await b.reload();
  for (const tab of [a, b]) {
    await tab.goto(tab.url().replace(/\/\d+$/, '/1'));
    await expect(heading(tab)).toHaveText(one.title);
    await expect(tab.getByTestId('progress')).toContainText(`${n1 + n2} of ${ITEM_IDS.length} answered`);
    for (let i = 0; i < n1; i++) await expectChecked(tab, i, given[i]);
    await expect(item(tab, 2).getByRole('textbox')).toHaveValue('typed in tab A');
    await tab.getByTestId('next').click();
    await expect(heading(tab)).toHaveText(two.title);
    for (let i = 0; i < n2; i++) await expectChecked(tab, i, given[n1 + i]);
    await expect(item(tab, 1).getByRole('textbox')).toHaveValue('typed in tab B');
  }
  const stored = await storedResponse(a);
  expect(stored.answers.find((x) => x.item === ITEM_IDS[2]).comment).toBe('typed in tab A');
  expect(stored.answers.find((x) => x.item === ITEM_IDS[6]).comment).toBe('typed in tab B');
  expect(errors()).toEqual([]);
});

test('two tabs: the same item answered in tab A, then later in tab B, ends with B\'s answer in both', async ({ context }) => {
  const { a, b, errors } = await sameCheckInTwoTabs(context);
  await item(a, 0).locator('input[value="2"]').check();
  await expectChecked(b, 0, '2'); // B has seen A's answer
  await item(b, 0).locator('input[value="5"]').check();
  await expectChecked(a, 0, '5'); // and A sees B's, live
  await expect(a.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);

  for (const tab of [a, b]) {
    await tab.reload();
    await expect(heading(tab)).toHaveText(TITLES[0]);
    await expectChecked(tab, 0, '5');
    await expect(item(tab, 0).locator('input[value="2"]')).not.toBeChecked();
  }
  expect(answersOf(await storedResponse(b))).toEqual({ [ITEM_IDS[0]]: 5 });
  expect(errors()).toEqual([]);
});

// ---- A damaged stored value -------------------------------------------------------------------

test('an unreadable stored value is moved aside untouched, reported, and downloads exactly as it was', async ({ page }) => {
  const errors = trackErrors(page);
  // A response cut off mid-write, with text in several scripts and odd whitespace.
  const raw =
    '{"format":"teamshape","format_version":1,"kind":"response","response":{"id":"x",' +
    '"answers":[{"item":"trust.stay-quiet","comment":"Ça dépend — 会議では静か 🙂 <b>\\"';
  const good = JSON.stringify(responseFile('good-1', (i) => (i % 5) + 1));
  // Put both values in place before the app starts, once (not again on reload).
  await page.addInitScript(
    ([raw, good]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('teamshape:response:x', raw);
      localStorage.setItem('teamshape:response:good-1', good);
    },
    [raw, good],
  );
  await openHome(page);

  // The app started, with the readable response loaded and the damaged one reported.
  const banner = page.getByTestId('damaged-data');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('teamshape:response:x');
  await expect(banner).toContainText('ends too early');
  await expect(page.getByTestId('runs').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('runs')).toContainText(`${ITEM_IDS.length} of ${ITEM_IDS.length} answered`);

  // Kept under a teamshape-damaged: key, byte for byte; the original key is gone.
  const stored = await storedValues(page);
  expect(stored['teamshape:response:x']).toBeUndefined();
  const aside = Object.keys(stored).filter((k) => k.startsWith('teamshape-damaged:'));
  expect(aside).toHaveLength(1);
  expect(aside[0]).toMatch(/^teamshape-damaged:\d+:teamshape:response:x$/);
  expect(stored[aside[0]]).toBe(raw);
  expect(stored['teamshape:response:good-1']).toBe(good);

  // "Download it as it was" gives exactly the raw text.
  const file = await downloadFrom(page, banner.getByRole('button', { name: 'Download it as it was' }));
  expect(file.name).toMatch(/^teamshape-damaged-data-\d{4}-\d{2}-\d{2}\.json$/);
  expect(file.text).toBe(raw);

  // The app works on: a new check saves and reloads; the copy aside is never touched.
  await page.getByTestId('start').click();
  await item(page, 0).locator('input[value="4"]').check();
  await page.reload();
  await expect(heading(page)).toHaveText(TITLES[0]);
  await expectChecked(page, 0, '4');
  await expect(page.getByTestId('damaged-data')).toHaveCount(0); // reported once, not on every visit
  expect((await storedValues(page))[aside[0]]).toBe(raw);
  expect(errors).toEqual([]);
});

test('a stored value that is not valid UTF-16 (a lone surrogate) is moved aside code unit for code unit', async ({ page }) => {
  const errors = trackErrors(page);
  // Rust strings cannot hold a lone surrogate: a copy made through Rust would change it.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('teamshape:response:odd', '{"response":"\uD800 half a character"');
  });
  await openHome(page);
  await expect(page.getByTestId('damaged-data')).toContainText('teamshape:response:odd');
  const kept = await page.evaluate(() => {
    const aside = Object.keys(localStorage).filter((k) => k.startsWith('teamshape-damaged:'));
    return {
      aside: aside.length,
      exact: aside.length === 1 && localStorage.getItem(aside[0]) === '{"response":"\uD800 half a character"',
      original: localStorage.getItem('teamshape:response:odd'),
    };
  });
  expect(kept).toEqual({ aside: 1, exact: true, original: null });
  expect(errors).toEqual([]);
});

test('unreadable settings are moved aside too, and choosing a theme does not overwrite them', async ({ page }) => {
  const errors = trackErrors(page);
  const raw = '{"theme":"purple"}';
  await page.addInitScript((raw) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('teamshape:settings', raw);
  }, raw);
  await openHome(page);
  const banner = page.getByTestId('damaged-data');
  await expect(banner).toContainText('teamshape:settings');
  await page.getByTestId('theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const stored = await storedValues(page);
  const aside = Object.keys(stored).filter((k) => k.startsWith('teamshape-damaged:'));
  expect(aside).toHaveLength(1);
  expect(aside[0]).toMatch(/^teamshape-damaged:\d+:teamshape:settings$/);
  expect(stored[aside[0]]).toBe(raw);
  expect(JSON.parse(stored['teamshape:settings']).theme).toBe('dark');
  const file = await downloadFrom(page, banner.getByRole('button', { name: 'Download it as it was' }));
  expect(file.text).toBe(raw);
  expect(errors).toEqual([]);
});

// ---- Storage the browser refuses --------------------------------------------------------------

test('with localStorage disabled the app works in memory, warns, and downloads everything', async ({ page }) => {
  const errors = trackErrors(page);
  await page.addInitScript(() => {
    // What Chrome does with "Block third-party cookies and site data" for this site.
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
  });
  await openHome(page);
  expect(await page.evaluate(() => { try { return typeof window.localStorage; } catch (e) { return e.name; } })).toBe('SecurityError');
  const warning = page.getByTestId('storage-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('does not let teamshape save');
  await expect(warning).toContainText('kept only while this tab is open');

  // A whole check, in memory.
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  for (let i = 0; i < 5; i++) await item(page, i).locator(`input[value="${i + 1}"]`).check();
  await page.getByTestId('next').click();
  await expect(heading(page)).toHaveText(TITLES[1]);
  await item(page, 0).locator('input[value="dont_know"]').check();
  await page.getByTestId('back').click();
  await expect(heading(page)).toHaveText(TITLES[0]);
  for (let i = 0; i < 5; i++) await expectChecked(page, i, String(i + 1));
  await page.getByTestId('results-now').click();
  await expect(heading(page)).toHaveText('The shape of your answers');
  await expect(page.getByTestId('radar').locator('svg')).toBeVisible();
  await expect(page.getByTestId('score-table').locator('tbody tr')).toHaveCount(DIMENSION_COUNT);
  await expect(page.getByTestId('missing')).toContainText(`You have answered 6 of ${ITEM_IDS.length}`);

  // "Download everything now" is the way out.
  const file = await downloadFrom(page, warning.getByRole('button', { name: 'Download everything now' }));
  expect(file.name).toMatch(/^teamshape-all-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(file.text);
  expect(backup).toMatchObject({ format: 'teamshape', format_version: FORMAT_VERSION, kind: 'backup' });
  expect(backup.documents).toHaveLength(1);
  expect(answersOf(backup.documents[0].response)).toEqual({
    [ITEM_IDS[0]]: 1,
    [ITEM_IDS[1]]: 2,
    [ITEM_IDS[2]]: 3,
    [ITEM_IDS[3]]: 4,
    [ITEM_IDS[4]]: 5,
    [ITEM_IDS[5]]: 'dont_know',
  });
  expect(errors).toEqual([]);
});

// ---- A full quota -------------------------------------------------------------------------------

test('when the quota fills up mid-check the answers stay in memory, a warning stays up, and the backup holds them', async ({ page }) => {
  const errors = trackErrors(page);
  await page.addInitScript(() => {
    // The quota "fills up" when the test says so, after the app has loaded and saved once.
    const setItem = Storage.prototype.setItem;
    let full = false;
    window.__fillQuota = () => {
      full = true;
    };
    Storage.prototype.setItem = function (key, value) {
      if (full && this === window.localStorage && String(key).startsWith('teamshape')) {
        throw new DOMException('full', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await openHome(page);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  expect(answersOf(await storedResponse(page))).toEqual({}); // saved while there was room
  await page.evaluate(() => window.__fillQuota());

  await expect(page.getByTestId('storage-warning')).toHaveCount(0);
  await item(page, 0).locator('input[value="3"]').check();
  const warning = page.getByTestId('storage-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('storage for teamshape is full');
  // The warning is one alert that stays; it is not put up anew (and read out again) with
  // every answer or keystroke that cannot be saved.
  await warning.evaluate((el) => {
    el.dataset.first = 'yes';
  });

  for (let i = 1; i < 5; i++) await item(page, i).locator(`input[value="${5 - i}"]`).check();
  await item(page, 1).getByText('Add a comment').click();
  await item(page, 1).getByRole('textbox').fill('kept in memory');
  await page.getByTestId('next').click();
  await expect(heading(page)).toHaveText(TITLES[1]);
  await item(page, 0).locator('input[value="5"]').check();
  await item(page, 1).locator('input[value="dont_know"]').check();
  await expect(warning).toHaveAttribute('data-first', 'yes');

  // Moving between dimensions shows every answer: they are in memory.
  await page.getByTestId('back').click();
  await expect(heading(page)).toHaveText(TITLES[0]);
  await expectChecked(page, 0, '3');
  for (let i = 1; i < 5; i++) await expectChecked(page, i, String(5 - i));
  await expect(item(page, 1).getByRole('textbox')).toHaveValue('kept in memory');
  await page.getByTestId('next').click();
  await expectChecked(page, 0, '5');
  await expectChecked(page, 1, 'dont_know');
  await expect(page.getByTestId('progress')).toContainText(`7 of ${ITEM_IDS.length} answered`);
  // Storage still holds the last version that fitted, whole: nothing half-written.
  expect(answersOf(await storedResponse(page))).toEqual({});

  const file = await downloadFrom(page, warning.getByRole('button', { name: 'Download everything now' }));
  const backup = JSON.parse(file.text);
  expect(backup.kind).toBe('backup');
  expect(backup.documents).toHaveLength(1);
  const response = backup.documents[0].response;
  expect(answersOf(response)).toEqual({
    [ITEM_IDS[0]]: 3,
    [ITEM_IDS[1]]: 4,
    [ITEM_IDS[2]]: 3,
    [ITEM_IDS[3]]: 2,
    [ITEM_IDS[4]]: 1,
    [ITEM_IDS[5]]: 5,
    [ITEM_IDS[6]]: 'dont_know',
  });
  expect(response.answers.find((x) => x.item === ITEM_IDS[1]).comment).toBe('kept in memory');
  expect(errors).toEqual([]);
});
