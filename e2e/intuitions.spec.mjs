// The intuitions part (issue 14): predict, then reveal; where the time goes; who stays quiet.
// Counts come from the questionnaire files, never written down.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { asUpload, createCheck, download, openHome, trackErrors } from './helpers.mjs';

const FULL = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.v3.json', import.meta.url), 'utf8'));
const DIMENSIONS = FULL.dimensions;
const ITEMS = DIMENSIONS.flatMap((d) => d.items);
const PART = FULL.intuitions;
const CATEGORIES = PART.time.categories;

/** Types points for one category and leaves the field, as a keyboard user would. */
async function typePoints(page, key, category, points) {
  const input = page.locator(`[data-key="${key}"] input[data-category="${category}"]`);
  await input.fill(String(points));
  await input.press('Tab');
}

test('a team of five predicts, splits its time and says who held back; the team sees how well it knew itself', async ({ page }) => {
  const errors = trackErrors(page);
  await createCheck(page, 'Intuitions team');
  for (let n = 0; n < 5; n++) {
    await page.getByTestId(n === 0 ? 'add-answers' : 'next-person').click();
    await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEMS.length} answered`);
    // Everyone sees the team at its lowest: every statement scores 1 (reverse-worded ones are
    // answered 5), so every dimension's median is 1.
    for (const item of ITEMS) {
      await page.locator(`[data-item="${item.id}"] input[value="${item.reverse ? 5 : 1}"]`).check();
    }
    // The optional part is folded away; opening it is choosing to answer.
    const part = page.getByTestId('intuitions');
    await expect(part).not.toHaveAttribute('open', '');
    await part.locator('summary').click();
    // Everyone guesses the first dimension clearly higher than the team will answer, the rest right.
    for (const [d, dimension] of DIMENSIONS.entries()) {
      await part.locator(`[data-key="predict.${dimension.id}"] input[value="${d === 0 ? 4 : 1}"]`).check();
    }
    for (const statement of PART.predict.statements) {
      await part.locator(`[data-key="agree.${statement}"] input[value="50"]`).check();
    }
    // Planned: 60 and then 60 more, which the input holds at the 40 points left.
    const planned = part.locator('[data-key="time.planned"] [data-testid="points-left"]');
    await expect(planned).toHaveText('100 points left');
    await typePoints(page, 'time.planned', CATEGORIES[0].id, 60);
    await expect(planned).toHaveText('Unfinished: 40 points left');
    await typePoints(page, 'time.planned', CATEGORIES[1].id, 60);
    await expect(part.locator(`[data-key="time.planned"] input[data-category="${CATEGORIES[1].id}"]`)).toHaveValue('40');
    await expect(planned).toHaveText('All 100 points given');
    // What happened: by thumb, with "+"; the last person stops half-way.
    const actual = part.locator('[data-key="time.actual"] [data-testid="points-left"]');
    await typePoints(page, 'time.actual', CATEGORIES[0].id, 30);
    if (n < 4) await typePoints(page, 'time.actual', CATEGORIES[CATEGORIES.length - 1].id, 60);
    const plus = part.locator('[data-key="time.actual"]').getByRole('button', { name: `${CATEGORIES[1].text}: 5 more` });
    await plus.click();
    await plus.click();
    await expect(actual).toHaveText(n < 4 ? 'All 100 points given' : 'Unfinished: 60 points left');
    // A further "+" cannot go above 100.
    if (n < 4) {
      await plus.click();
      await expect(actual).toHaveText('All 100 points given');
    }
    await part.locator(`[data-key="quiet.self"] input[value="${n < 3 ? 1 : 0}"]`).check();
    await part.locator('[data-key="quiet.guess"] input[value="25"]').check();
    await page.getByTestId('next').click();
    await expect(page.getByTestId('hand-over')).toBeVisible();
  }
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('5 people have answered');
  // Nothing before the reveal.
  await expect(page.getByTestId('intuitions-team')).toHaveCount(0);
  await page.getByTestId('reveal').click();
  const team = page.getByTestId('intuitions-team');
  await expect(team).toBeVisible();
  const rows = team.getByTestId('prediction');
  await expect(rows).toHaveCount(DIMENSIONS.length);
  await expect(rows.first()).toContainText(DIMENSIONS[0].title);
  await expect(rows.first()).toContainText('+3.0, guessed higher');
  await expect(rows.first()).toContainText('surprise');
  await expect(team.locator('tr.surprise')).toHaveCount(1);
  await expect(rows.nth(1)).toContainText('about right');
  await expect(team.getByTestId('statement-guess')).toHaveCount(PART.predict.statements.length);
  await expect(team.getByTestId('statement-guess').first()).toContainText('50% would agree; 0% of 5 did');
  await expect(team.getByTestId('quiet')).toContainText('3 of 5 (60%) held back');
  await expect(team.getByTestId('quiet')).toContainText('People guessed 25% (median)');
  // One unfinished split leaves four: under the threshold of five, so no time figures yet.
  await expect(team.getByTestId('time-hidden')).toContainText('1 split unfinished, not counted');
  await expect(team.getByTestId('time')).toHaveCount(0);

  // The file keeps every answer (the unfinished split too); its statistics no guess.
  const file = await download(page, 'export-check');
  expect(file.json.format_version).toBe(4);
  expect(file.json.questionnaire.intuitions.time.categories).toHaveLength(CATEGORIES.length);
  const splits = file.json.responses.map((r) => r.intuitions.find((e) => e.key === 'time.actual').value);
  const sums = splits.map((s) => Object.values(s).reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
  expect(sums).toEqual([40, 100, 100, 100, 100]);
  expect(JSON.stringify(file.json.team_statistics)).not.toContain('predict');
  expect(errors).toEqual([]);
});

test('a solo check: the part can be skipped, and the sum never goes over 100', async ({ page }) => {
  await openHome(page);
  await page.getByTestId('start').click();
  // Through every page to the last, without answering.
  for (;;) {
    const next = page.getByTestId('next');
    if ((await next.textContent()) !== 'Next') break;
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await next.click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(title);
  }
  const part = page.getByTestId('intuitions');
  await part.locator('summary').press('Enter');
  await expect(part).toHaveAttribute('open', '');
  await typePoints(page, 'time.planned', CATEGORIES[0].id, 250);
  await expect(part.locator(`[data-key="time.planned"] input[data-category="${CATEGORIES[0].id}"]`)).toHaveValue('100');
  const minus = part.locator('[data-key="time.planned"]').getByRole('button', { name: `${CATEGORIES[0].text}: 5 fewer` });
  await minus.click();
  await expect(part.locator('[data-key="time.planned"] [data-testid="points-left"]')).toHaveText('Unfinished: 5 points left');
  // Kept after a reload: nothing typed is lost.
  await page.reload();
  await page.getByTestId('intuitions').locator('summary').click();
  await expect(page.locator('[data-key="time.planned"] [data-testid="points-left"]')).toHaveText('Unfinished: 5 points left');
  // Skipping is leaving it: the results come as always.
  await page.getByTestId('next').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The shape of your answers');
  // A link carries the statements' answers only: the share page says so, and offers the file.
  await page.getByTestId('share-answers').click();
  await expect(page.getByTestId('link-no-guesses')).toContainText('send the file instead');
  await expect(page.getByTestId('download-answers')).toBeVisible();
});

test('after the reveal each person sees their own guesses against the team; the time split shows plan against reality, largest gap first', async ({ browser }) => {
  // Five people (crates/core/tests/golden/v4-team-check-intuitions.json), read at a threshold
  // of 3: four finished both splits, one did not.
  const golden = JSON.parse(await readFile(new URL('../crates/core/tests/golden/v4-team-check-intuitions.json', import.meta.url), 'utf8'));
  golden.team_check.anonymity_threshold = 3;
  const person = golden.responses[0];
  const { id, version, hash } = golden.questionnaire;
  const mine = { format: 'teamshape', format_version: golden.format_version, kind: 'response', questionnaire: { id, version, hash }, response: person };
  const full = (split) => Object.values(split ?? {}).reduce((a, b) => a + b, 0) === 100;
  const entry = (r, key) => r.intuitions.find((e) => e.key === key)?.value;
  const finished = golden.responses.filter((r) => full(entry(r, 'time.planned')) && full(entry(r, 'time.actual'))).length;

  // The facilitator's view: the time split, and no one's own guesses.
  const facilitator = await browser.newContext();
  const page = await facilitator.newPage();
  const errors = trackErrors(page);
  await openHome(page);
  await page.getByTestId('restore').setInputFiles(asUpload('team.json', golden));
  await expect(page.getByTestId('notice')).toContainText('restored');
  await page.goto(`./#/team/${golden.team_check.id}`);
  await page.getByTestId('reveal').click();
  const team = page.getByTestId('intuitions-team');
  const categories = team.getByTestId('time-category');
  await expect(categories).toHaveCount(CATEGORIES.length);
  const gaps = (await categories.locator('.spread').allTextContents()).map((t) => Math.abs(Number(t.match(/gap ([+-]?\d+)/)[1])));
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
  expect(gaps[0]).toBeGreaterThan(0);
  await expect(team).toContainText(`From ${finished} people.`);
  await expect(team).toContainText(`${golden.responses.length - finished} split unfinished, not counted`);
  await expect(page.getByTestId('own-guesses')).toHaveCount(0);
  expect(errors).toEqual([]);
  await facilitator.close();

  // One of them, on their own device with their own response and the team's file.
  const member = await browser.newContext();
  const own = await member.newPage();
  await openHome(own);
  await own.getByTestId('restore').setInputFiles([asUpload('me.json', mine), asUpload('team.json', golden)]);
  await expect(own.getByTestId('notice')).toContainText('restored');
  await own.goto(`./#/results/${person.id}`);
  await expect(own.getByTestId('own-guesses')).toHaveCount(0);
  await own.getByTestId('compare').selectOption({ label: golden.team_check.name });
  const guesses = own.getByTestId('own-guess');
  const guessKeys = person.intuitions.filter((e) => /^(predict|agree)\./.test(e.key) || e.key === 'quiet.guess');
  await expect(guesses).toHaveCount(guessKeys.length);
  await expect(own.getByTestId('own-guesses')).toContainText('Only you see this');
  // Their guess of the first dimension's median, next to the team's.
  const first = DIMENSIONS[0];
  const median = golden.team_statistics.dimensions.find((d) => d.dimension === first.id).shown.median;
  await expect(guesses.filter({ hasText: first.title })).toContainText(
    `you guessed ${entry(person, `predict.${first.id}`).toFixed(1)}, the team: ${median.toFixed(1)}`,
  );
  // Who held back: their guess against the share who said so.
  const held = golden.responses.filter((r) => entry(r, 'quiet.self') === 1).length;
  await expect(guesses.filter({ hasText: 'Held back' })).toContainText(
    `you guessed ${entry(person, 'quiet.guess')}%, the team: ${Math.round((100 * held) / golden.responses.length)}%`,
  );
  await member.close();
});
