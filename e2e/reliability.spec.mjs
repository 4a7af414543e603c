// Hostile input for issue 10, "Never lose an answer, round 2": each test is one defect or
// suspicion from the issue, tried as a user would. docs/RELIABILITY.md lists them with what the
// user sees.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { FORMAT_VERSION, ITEM_IDS, asUpload, finishTurn, openHome, responseFile, teamCheckFile, trackErrors } from './helpers.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

function storedValues(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

async function createCheck(page, name, named = false) {
  await page.goto('./#/team/new');
  await page.getByTestId('check-name').fill(name);
  if (named) await page.getByTestId('named').check();
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText(name);
}

async function importFiles(page, ...uploads) {
  await page.locator('input[type="file"]').first().setInputFiles(uploads);
  await expect(page.getByTestId('notice')).toContainText('Imported');
}

// 1. A long comment ------------------------------------------------------------------------------

test('1. a comment is limited where it is typed, with a counter, and the response loads again', async ({ page }) => {
  const errors = trackErrors(page);
  await openHome(page);
  await page.getByTestId('start').click();
  const first = page.getByTestId('item').first();
  await first.locator('input[value="4"]').check();
  await first.locator('summary').click();
  const box = first.locator('textarea');
  // Pasted text longer than the box allows, non-ASCII and emoji (two UTF-16 units each).
  await box.fill('é'.repeat(9_990) + '😀'.repeat(100));
  await expect(first.getByTestId('comment-count')).toHaveText('10,000 / 10,000');
  expect((await box.inputValue()).length).toBe(10_000);
  await page.reload();
  await expect(page.getByTestId('damaged-data')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);
  await expect(page.getByTestId('item').first().getByTestId('comment-count')).toHaveText('10,000 / 10,000');
  expect(errors).toEqual([]);
});

// 2. Ids that screens cannot reach ---------------------------------------------------------------

test('2. ids a link cannot carry are refused by name; every id the reader accepts opens and deletes', async ({ page }) => {
  await openHome(page);
  const people = [responseFile('p1', () => 3).response];
  await page.getByTestId('restore').setInputFiles([
    asUpload('spaced.json', teamCheckFile({ id: 'our team', name: 'Spaced' }, people)),
    asUpload('slash.json', responseFile('a/b', () => 2)),
    asUpload('odd-but-fine.json', teamCheckFile({ id: 'Team_2026.Q3-a', name: 'Odd but fine' }, people)),
  ]);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('spaced.json: not restored: the team check id "our team" is not 1 to 100 ASCII letters');
  await expect(notice).toContainText('slash.json: not restored: the response id "a/b"');
  await expect(notice).toContainText('odd-but-fine.json: restored 0 checks and 1 team check.');
  await page.getByRole('link', { name: 'Odd but fine' }).click();
  await expect(page.getByTestId('check-title')).toHaveText('Odd but fine');
  expect(page.url()).toContain('#/team/Team_2026.Q3-a');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Delete team check' }).click();
  await expect(heading(page)).toHaveText('How does your team work?');
  expect(Object.keys(await storedValues(page)).filter((k) => k.includes('team-check'))).toEqual([]);
});

// 3. Two people under one id ---------------------------------------------------------------------

test('3. the same response id from two people keeps both and says so; their files again change nothing', async ({ page }) => {
  await openHome(page);
  await createCheck(page, 'Shared browser');
  const ada = responseFile('same-id', () => 2);
  const bob = responseFile('same-id', () => 5);
  await importFiles(page, asUpload('ada.json', ada), asUpload('bob.json', bob));
  const outcomes = page.getByTestId('import-outcomes');
  await expect(outcomes).toContainText('ada.json: added 1 response');
  await expect(outcomes).toContainText('kept as separate respondents: same-id.2');
  await expect(page.getByTestId('check-meta')).toContainText('2 people have answered');
  // Ada's later copy with one more comment is hers: merged, not a third person.
  ada.response.answers[0].comment = 'added later';
  ada.response.answers[0].answered_at = '2026-11-01T10:00:00.000Z';
  await importFiles(page, asUpload('ada-again.json', ada), asUpload('bob-again.json', bob));
  await expect(outcomes).toContainText('ada-again.json: updated answers of 1 response');
  await expect(outcomes).toContainText('bob-again.json: already imported; nothing changed');
  await expect(page.getByTestId('check-meta')).toContainText('2 people have answered');
});

// 4. Sizes in the browser's units ----------------------------------------------------------------

/** A team check of `n` people as the app writes it (pretty JSON), each answering every item. */
function bigCheck(n, comment = '') {
  const people = Array.from({ length: n }, (_, i) => {
    const r = responseFile(`person-${String(i).padStart(5, '0')}`, (k) => ((i + k) % 5) + 1).response;
    if (comment) r.answers[0].comment = comment;
    return r;
  });
  return teamCheckFile({ id: 'big-check', name: 'Big team' }, people);
}

test('4a. non-ASCII stored within the quota loads again; at 80 % a warning gives the numbers', async ({ page }) => {
  // About 1.9 million UTF-16 units of Japanese: 5.7 MB in UTF-8, the unit the old limit counted.
  const doc = JSON.stringify(bigCheck(190, '日本語のコメント'.repeat(1_240)), null, 2);
  await page.addInitScript((doc) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('teamshape:team-check:big-check', doc);
    // Another app on this origin fills the rest up to 4.3 million units: 82 %.
    localStorage.setItem('other-app', 'x'.repeat(4_300_000 - doc.length - 40));
  }, doc);
  await openHome(page);
  await expect(page.getByTestId('damaged-data')).toHaveCount(0);
  await expect(page.getByTestId('team-checks')).toContainText('Big team · 190 people have answered');
  const warning = page.getByTestId('storage-warning');
  await expect(warning).toContainText(/storage for teamshape is (8|9)\d% full \(4\.\d of about 5\.2 million characters\)/);
});

test('4b. a 1,100-person team check (over 5 MB) imports; when it fills storage the backup restores elsewhere', async ({ page, browser }) => {
  await openHome(page);
  await createCheck(page, 'Big team');
  const file = JSON.stringify(bigCheck(1_100), null, 2);
  expect(file.length).toBeGreaterThan(5 * 1024 * 1024);
  // A file of another team check: the import asks first.
  page.once('dialog', (dialog) => dialog.accept());
  await importFiles(page, asUpload('thousand.json', file));
  await expect(page.getByTestId('import-outcomes')).toContainText('thousand.json: added 1100 responses');
  const warning = page.getByTestId('storage-warning');
  await expect(warning).toContainText('full');
  const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download everything now' }).click()]);
  const backup = await readFile(await download.path(), 'utf8');
  const fresh = await browser.newPage();
  await openHome(fresh);
  await fresh.getByTestId('restore').setInputFiles([asUpload('backup.json', backup)]);
  await expect(fresh.getByTestId('notice')).toContainText('backup.json: restored 0 checks and 1 team check.');
  await expect(fresh.getByTestId('team-checks')).toContainText('Big team · 1100 people have answered');
  await fresh.close();
});

// 5. Site data blocked ---------------------------------------------------------------------------

test('5. with all site data blocked, a shared-device team check works in memory and downloads', async ({ page }) => {
  const errors = trackErrors(page);
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError');
        },
      });
    }
  });
  await openHome(page);
  await expect(page.getByTestId('storage-warning')).toContainText('does not let teamshape save');
  await page.getByRole('link', { name: 'Create a team check' }).click();
  await page.getByTestId('check-name').fill('No storage');
  await page.getByTestId('create-check').click();
  await page.getByTestId('add-answers').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  await page.getByTestId('item').first().locator('input[value="4"]').check();
  await expect(page.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);
  await finishTurn(page);
  await page.getByTestId('next-person').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  await page.getByTestId('item').first().locator('input[value="2"]').check();
  await finishTurn(page);
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('2 people have answered');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-check').click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(json.responses).toHaveLength(2);
  expect(errors).toEqual([]);
});

// 6. Undo after another tab wrote ----------------------------------------------------------------

test('6. undo merges with what another tab saved meanwhile: nothing lost, listed once', async ({ context }) => {
  const a = await context.newPage();
  await openHome(a);
  await createCheck(a, 'Undo me');
  const url = a.url();
  const b = await context.newPage();
  await b.goto(url);
  await expect(b.getByTestId('check-title')).toHaveText('Undo me');
  a.once('dialog', (d) => d.accept());
  await a.getByRole('button', { name: 'Delete team check' }).click();
  await expect(a.getByTestId('undo')).toBeVisible();
  // Tab B, which still shows the check, adds answers.
  await b.getByTestId('add-answers').click();
  await b.getByTestId('item').first().locator('input[value="5"]').check();
  await expect(b.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);
  await a.getByTestId('undo').click();
  await expect(a.getByTestId('team-checks').locator('li')).toHaveCount(1);
  await expect(a.getByTestId('team-checks')).toContainText('Undo me · 1 person has answered');
  const stored = Object.entries(await storedValues(a)).filter(([k]) => k.startsWith('teamshape:team-check:'));
  expect(stored).toHaveLength(1);
  const answers = JSON.parse(stored[0][1]).responses[0].answers;
  expect(answers.find((x) => x.item === ITEM_IDS[0]).answer).toBe(5);
});

// 7. Plain HTTP ----------------------------------------------------------------------------------

test('7. without crypto.randomUUID (plain HTTP on a LAN address) checks still start, with v4 UUIDs', async ({ page }) => {
  const errors = trackErrors(page);
  await page.addInitScript(() => {
    // What a non-secure context looks like: getRandomValues exists, randomUUID does not.
    delete Crypto.prototype.randomUUID;
  });
  await openHome(page);
  expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  expect(page.url()).toMatch(/#\/survey\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\/1$/);
  await createCheck(page, 'Over HTTP');
  expect(page.url()).toMatch(/#\/team\/[0-9a-f-]{36}$/);
  expect(errors).toEqual([]);
});

// 8. Another version's data ----------------------------------------------------------------------

test('8. documents of another questionnaire version or a newer format stay untouched, listed as kept', async ({ page }) => {
  // A version of the questionnaire this device does not have, and a format from the future.
  const other = responseFile('from-v2', () => 3);
  other.questionnaire.version = 99;
  const newer = { ...responseFile('from-future', () => 3), format_version: FORMAT_VERSION + 1 };
  const texts = { 'teamshape:response:from-v2': JSON.stringify(other), 'teamshape:response:from-future': JSON.stringify(newer) };
  await page.addInitScript((texts) => {
    for (const [k, v] of Object.entries(texts)) if (!localStorage.getItem(k)) localStorage.setItem(k, v);
  }, texts);
  await openHome(page);
  const kept = page.getByTestId('kept-data');
  await expect(kept).toContainText('kept where it is, untouched');
  await expect(kept).toContainText('teamshape:response:from-v2');
  await expect(kept).toContainText('"teamshape-core" version 99');
  await expect(kept).toContainText('import that questionnaire to see it');
  await expect(kept).toContainText(`newer teamshape (format version ${FORMAT_VERSION + 1})`);
  await expect(page.getByTestId('damaged-data')).toHaveCount(0);
  // A file with the same id is restored into memory, but never written over the kept value.
  const mine = responseFile('from-v2', () => 4);
  await page.getByTestId('restore').setInputFiles([asUpload('mine.json', mine)]);
  await expect(page.getByTestId('notice')).toContainText('restored 1 check and');
  await expect(page.getByTestId('storage-warning')).toContainText('could not read, kept as it was');
  await page.reload();
  const stored = await storedValues(page);
  for (const [k, v] of Object.entries(texts)) expect(stored[k]).toBe(v);
  expect(Object.keys(stored).filter((k) => k.startsWith('teamshape-damaged:'))).toEqual([]);
});

// Suspicions -------------------------------------------------------------------------------------

test('times that have not come yet, and 31 February, are refused on import', async ({ page }) => {
  await openHome(page);
  await createCheck(page, 'Clocks');
  const future = responseFile('future', () => 3);
  future.response.answers[0].answered_at = '2099-01-01T00:00:00.000Z';
  const feb = responseFile('feb', () => 3);
  feb.response.answers[0].answered_at = '2026-02-31T09:00:00.000Z';
  await importFiles(page, asUpload('future.json', future), asUpload('feb31.json', feb));
  const outcomes = page.getByTestId('import-outcomes');
  await expect(outcomes).toContainText('future.json: not imported: it holds the time 2099-01-01T00:00:00.000Z, which has not come yet');
  await expect(outcomes).toContainText('feb31.json: not imported');
  await expect(outcomes).toContainText('2026-02-31');
});

test('a value stored under a key that is not its id loads once and moves to its own key', async ({ page }) => {
  const doc = JSON.stringify(responseFile('real-id', () => 3));
  await page.addInitScript((doc) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('teamshape:response:wrong-key', doc);
      localStorage.setItem('teamshape:response:real-id', doc);
    }
  }, doc);
  await openHome(page);
  await expect(page.getByTestId('runs').locator('li')).toHaveCount(1);
  const keys = Object.keys(await storedValues(page)).filter((k) => k.startsWith('teamshape:response:'));
  expect(keys).toEqual(['teamshape:response:real-id']);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('runs').getByRole('button', { name: 'Delete' }).click();
  await page.reload();
  await expect(page.getByTestId('runs')).toHaveCount(0);
});

test('long unbroken names wrap on a narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openHome(page);
  await createCheck(page, 'W'.repeat(200));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await openHome(page);
  const overflowHome = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflowHome).toBeLessThanOrEqual(0);
});
