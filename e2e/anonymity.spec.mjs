// Anonymity: each case of "Safe to be honest" (docs/PRIVACY.md), as a coach and a team would
// meet it. Counts come from the questionnaire file, never from numbers written here.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { answerAll, asUpload, createCheck, download, finishTurn, openHome, responseFile, teamCheckFile, trackErrors } from './helpers.mjs';

const questionnaire = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.v2.json', import.meta.url), 'utf8'));
const ITEMS = questionnaire.dimensions.flatMap((d) => d.items);
const DIMENSIONS = questionnaire.dimensions;

/** A response file whose every dimension scores `score` (reverse-worded items answered reversed). */
function scoring(id, score, perDimension = {}) {
  return responseFile(id, (i) => {
    const dimension = DIMENSIONS.find((d) => d.items.some((it) => it.id === ITEMS[i].id));
    const value = perDimension[dimension.id] ?? score;
    return ITEMS[i].reverse ? 6 - value : value;
  });
}

async function importFiles(page, files) {
  await page.getByTestId('import-files').setInputFiles(files.map((f) => asUpload(`${f.response.id}.json`, f)));
  await expect(page.getByTestId('import-outcomes').locator('li')).toHaveCount(files.length);
}

const row = (page, dimension) => page.getByTestId('team-table').locator('tbody tr').filter({ hasText: dimension.title });

test('people who start and hand over without answering are not counted; one person is never shown', async ({ page }) => {
  const errors = trackErrors(page);
  await createCheck(page, 'Empty starters', 'anonymous', 3);
  // Two people open the survey and hand over without answering.
  for (let n = 0; n < 2; n++) {
    await page.getByTestId(n === 0 ? 'add-answers' : 'next-person').click();
    await expect(page.getByTestId('progress')).toBeVisible();
    await finishTurn(page);
  }
  await page.getByTestId('next-person').click();
  await answerAll(page, () => '4');
  await expect(page.getByTestId('hand-over')).toContainText('Thank you');
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('1 person has answered · 2 people started, nothing answered yet');
  // Hidden until revealed; then only the count, and how many more each dimension needs.
  await expect(page.getByTestId('results-hidden')).toBeVisible();
  await expect(page.getByTestId('radar')).toHaveCount(0);
  await page.getByTestId('reveal').click();
  const below = page.getByTestId('below-threshold');
  await expect(below).toContainText('1 person has answered');
  await expect(below.locator('li')).toHaveCount(DIMENSIONS.length);
  await expect(below.locator('li').first()).toContainText('2 people more needed');
  for (const id of ['radar', 'team-table', 'differently', 'agree', 'distributions', 'export-summary']) {
    if (id !== 'export-summary') await expect(page.getByTestId(id)).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

test('n = 1, 2 and 4 at the default threshold show counts only; no me-vs-team; 5 show figures', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await createCheck(page, 'Growing team');
  const people = [1, 2, 3, 4, 5].map((n) => scoring(`grow-${n}`, n));
  await importFiles(page, people.slice(0, 1));
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toContainText('1 person has answered');
  await expect(page.getByTestId('below-threshold').locator('li').first()).toContainText('4 people more needed');
  await importFiles(page, people.slice(1, 2));
  await expect(page.getByTestId('below-threshold')).toContainText('2 people have answered');
  await importFiles(page, people.slice(2, 4));
  await expect(page.getByTestId('below-threshold')).toContainText('4 people have answered');
  await expect(page.getByTestId('team-table')).toHaveCount(0);
  // The median of 1 or 2 people is their own answers: no download carries figures either.
  const summary = await download(page, 'export-summary');
  expect(summary.json.kind).toBe('team_summary');
  for (const d of summary.json.team_figures.dimensions) {
    expect(d.shown).toBeUndefined();
    expect(d.more_needed).toBe(1);
  }
  // A member who holds this team file sees no team line against their own answers.
  const all = await download(page, 'export-check');
  const member = await browser.newContext();
  const mine = await member.newPage();
  await openHome(mine);
  await mine.getByTestId('restore').setInputFiles([asUpload('me.json', people[0]), asUpload('team.json', all.text)]);
  await expect(mine.getByTestId('notice')).toContainText('restored');
  await mine.goto('./#/results/grow-1');
  const before = await mine.getByTestId('radar').locator('svg').innerHTML();
  await mine.getByTestId('compare').selectOption({ label: 'Growing team' });
  await expect(mine.getByTestId('radar').locator('figcaption')).toContainText('Your answers (squares)');
  const circles = await mine.getByTestId('radar').locator('svg circle').count();
  expect(circles, 'no team median is drawn below the threshold').toBe(0);
  expect(await mine.getByTestId('radar').locator('svg').innerHTML()).not.toBe(before);
  await member.close();

  // The fifth person: figures appear (two new people since nothing was visible is not needed).
  await importFiles(page, people.slice(4, 5));
  await expect(page.getByTestId('below-threshold')).toHaveCount(0);
  await expect(row(page, DIMENSIONS[0])).toContainText('3.0');
  await expect(row(page, DIMENSIONS[0])).toContainText('5');
  await context.close();
});

test('at a threshold of 3 the median shows, but no per-statement counts; a file cannot ask for less', async ({ page }) => {
  await createCheck(page, 'Three of us', 'anonymous', 3);
  await importFiles(page, [scoring('a', 2), scoring('b', 3), scoring('c', 5)]);
  await page.getByTestId('reveal').click();
  await expect(row(page, DIMENSIONS[0])).toContainText('3.0');
  // No interpolated band: nothing between the given answers is shown as a range.
  await expect(page.getByTestId('team-table')).not.toContainText('–');
  await expect(page.getByTestId('team-table')).not.toContainText('Middle 70%');
  const distributions = page.getByTestId('distributions');
  await expect(distributions.getByTestId('counts-hidden')).toHaveCount(DIMENSIONS.length);
  await expect(distributions.getByTestId('counts-hidden').first()).toContainText(
    `${DIMENSIONS[0].title}: counts hidden for ${DIMENSIONS[0].items.length} of ${DIMENSIONS[0].items.length} statements, with fewer than 5 answers`,
  );
  await expect(distributions.locator('.bar')).toHaveCount(0);
  await expect(distributions.locator('table')).toHaveCount(0);
  // Below 5 people no shape is named, so no one is singled out among three.
  await expect(page.getByTestId('differently')).toContainText('From 5 people up');

  // The create screen refuses 2; a file asking for 1 is read with 3, and the page says so.
  await openHome(page);
  await page.getByRole('link', { name: 'Create a team check' }).click();
  await page.getByTestId('check-name').fill('Too small');
  await page.getByTestId('threshold').fill('2');
  await page.getByTestId('create-check').click();
  await expect(page.getByRole('alert')).toContainText('between 3 and 50');
  const file = teamCheckFile({ id: 'asks-for-one', name: 'Asks for one', anonymity_threshold: 1 }, [
    scoring('x1', 4).response,
    scoring('x2', 4).response,
  ]);
  await openHome(page);
  await page.getByTestId('restore').setInputFiles(asUpload('one.json', file));
  await expect(page.getByTestId('notice')).toContainText('restored 0 checks and 1 team check.');
  await page.goto('./#/team/asks-for-one');
  await expect(page.getByTestId('threshold-raised')).toContainText('never shows them from fewer than 3');
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toContainText('2 people have answered');
});

test('the lone dissenter is listed where the team sees things differently, never under agreement', async ({ page }) => {
  const [first, second] = DIMENSIONS;
  await createCheck(page, 'Quiet person');
  const files = [1, 2, 3, 4, 5, 6].map((n) => scoring(`same-${n}`, 4));
  files.push(scoring('quiet', 4, { [first.id]: 2 }));
  await importFiles(page, files);
  await page.getByTestId('reveal').click();
  const differently = page.getByTestId('differently');
  await expect(differently.locator('li').first()).toContainText(`${first.title} (the dimension as a whole)`);
  await expect(differently.locator('li').first()).toContainText('one or two see it less positively');
  await expect(page.getByTestId('agree')).toContainText(second.title);
  await expect(page.getByTestId('agree').locator('h4', { hasText: first.title })).toHaveCount(0);
  await expect(row(page, first)).toContainText('one or two see it less positively');
  // Reverse-worded statements are marked wherever they are listed with answers.
  const reverse = ITEMS.find((i) => i.reverse);
  await expect(page.getByTestId('distributions').locator('tr', { hasText: reverse.text })).toContainText('(reverse-worded)');
  // Seven dots per axis, unlabelled: seven diamonds on each axis, no text beside them.
  const diamonds = await page.getByTestId('radar').locator('svg polyline').count();
  expect(diamonds).toBeGreaterThanOrEqual(7 * DIMENSIONS.length);
});

test('before and after one person: the figures wait for a second new person, on one device and by import', async ({ page }) => {
  await createCheck(page, 'Before and after', 'anonymous', 3);
  await importFiles(page, [scoring('p1', 2), scoring('p2', 3), scoring('p3', 4)]);
  await page.getByTestId('reveal').click();
  await expect(row(page, DIMENSIONS[0])).toContainText('3.0');
  const shownBefore = await page.getByTestId('team-table').innerText();

  // One person answers on this device: the page does not change, and says why.
  await page.getByTestId('add-answers').click();
  await answerAll(page, () => '5');
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('4 people have answered');
  await expect(page.getByTestId('waiting')).toContainText('One more person has answered');
  expect(await page.getByTestId('team-table').innerText()).toBe(shownBefore);
  // Not even after a reload.
  await page.reload();
  await expect(page.getByTestId('waiting')).toBeVisible();
  expect(await page.getByTestId('team-table').innerText()).toBe(shownBefore);

  // One more by import: now both are in.
  await importFiles(page, [scoring('p5', 1)]);
  await expect(page.getByTestId('waiting')).toHaveCount(0);
  await expect(row(page, DIMENSIONS[0])).toContainText('5');
  expect(await page.getByTestId('team-table').innerText()).not.toBe(shownBefore);
  // And one more by import alone waits again.
  const shownAfter = await page.getByTestId('team-table').innerText();
  await importFiles(page, [scoring('p6', 5)]);
  await expect(page.getByTestId('waiting')).toBeVisible();
  expect(await page.getByTestId('team-table').innerText()).toBe(shownAfter);
});

test('an anonymous check leaves the device without names or times, and its summary without answers', async ({ page }) => {
  await createCheck(page, 'Export check');
  const files = [1, 2, 3, 4, 5].map((n) => scoring(`exp-${n}`, (n % 5) + 1));
  files[0].response.respondent = 'Alice';
  files[1].response.answers[0].comment = 'A very private remark';
  await importFiles(page, files);
  const all = await download(page, 'export-check');
  await expect(page.getByTestId('notice')).toContainText("holds everyone's answers");
  expect(all.text).not.toContain('Alice');
  expect(all.json.responses).toHaveLength(5);
  const times = [...all.text.matchAll(/"(\d{4}-\d\d-\d\dT[^"]+)"/g)].map((m) => m[1]);
  expect(times.length).toBeGreaterThan(files.length);
  for (const t of times) expect(t).toMatch(/T00:00:00\.000Z$/);

  await page.getByTestId('reveal').click();
  const summary = await download(page, 'export-summary');
  expect(summary.json.kind).toBe('team_summary');
  for (const secret of ['exp-1', 'exp-2', 'A very private remark', 'answered_at', '"responses"', 'Alice']) {
    expect(summary.text).not.toContain(secret);
  }
  expect(summary.json.team_figures.people).toBe(5);
  expect(summary.json.team_figures.dimensions[0].shown.median).toBe(3);
  // The summary is for sharing, not for merging: importing it says so and changes nothing.
  await page.getByTestId('import-files').setInputFiles(asUpload('summary.json', summary.text));
  await expect(page.getByTestId('import-outcomes')).toContainText('this is a team summary');
  await expect(page.getByTestId('check-meta')).toContainText('5 people have answered');
});

test('a person with fewer than half the statements of a dimension answered does not count there', async ({ page }) => {
  const [first, second] = DIMENSIONS;
  await createCheck(page, 'Minimum evidence');
  const files = [1, 2, 3, 4, 5].map((n) => scoring(`ev-${n}`, 4));
  // Person 5 answers only one statement of the first dimension; the rest stay open.
  const only = new Set(first.items.slice(1).map((i) => i.id));
  files[4].response.answers = files[4].response.answers.filter((a) => !only.has(a.item));
  await importFiles(page, files);
  await page.getByTestId('reveal').click();
  await expect(row(page, first)).toContainText('hidden');
  await expect(row(page, first)).toContainText('1 person more needed');
  await expect(row(page, second)).toContainText('4.0');
  await expect(row(page, second).locator('td').nth(1)).toHaveText('5');
});

test('comments show on the team page only where the figures do, in no order that names anyone', async ({ page }) => {
  const first = DIMENSIONS[0];
  await createCheck(page, 'Comments');
  const files = [1, 2, 3, 4, 5, 6].map((n) => scoring(`cm-${n}`, 3 + (n % 2)));
  files.forEach((f, n) => {
    f.response.answers[0].comment = `Remark number ${n + 1}`;
  });
  await importFiles(page, files.slice(0, 4));
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toBeVisible();
  await expect(page.getByTestId('comments')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Remark number');
  await importFiles(page, files.slice(4));
  const wall = page.getByTestId('comments');
  await expect(wall.locator('li')).toHaveCount(6);
  await expect(wall.locator('h4')).toHaveText([first.title]);
  const order = await wall.locator('li').allInnerTexts();
  expect(order).not.toEqual(files.map((_, n) => `Remark number ${n + 1}`));
  expect([...order].sort()).toEqual(files.map((_, n) => `Remark number ${n + 1}`).sort());
});
