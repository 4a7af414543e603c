// Issue 13: the same team over time. Three quarterly checks of one team, made by import of
// files written here (the current format version, one team id), compared; an experiment planned at the
// first check and looked back on at the second; the CSV, SVG and PNG downloads checked.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DIMENSION_COUNT, ITEM_IDS, QUESTIONNAIRE, asUpload, questionnaireHash, responseFile, restore, teamCheckFile, trackErrors } from './helpers.mjs';

const { PNG } = createRequire(import.meta.url)('pngjs');

const TEAM = { id: 'team-platform', name: 'Platform team' };
/** Answers on the scale and the two others: what the per-statement CSV has a row for each of. */
const ANSWERS_PER_STATEMENT = 5 + 2;

const REVERSE = QUESTIONNAIRE.dimensions.flatMap((d) => d.items.map((i) => i.reverse));

/** A team check of `TEAM` (format version 3 or later, which have `team`): one response per entry of `people`, whose every statement scores that value. */
function quarter(id, name, day, people) {
  const responses = people.map((value, n) => {
    const r = responseFile(`${id}-r${n}`, (i) => (REVERSE[i] ? 6 - value : value)).response;
    r.started_at = `${day}T09:00:00.000Z`;
    for (const a of r.answers) a.answered_at = `${day}T09:05:00.000Z`;
    return r;
  });
  const file = teamCheckFile({ id, name, anonymity: 'anonymous', anonymity_threshold: 5, created_at: `${day}T08:00:00.000Z` }, responses);
  file.team_check.team = TEAM;
  return file;
}

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field + row.join('')).toBe('');
  return rows;
}

async function downloaded(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

const Q1 = quarter('check-q1', 'Platform, Q1', '2026-01-15', [2, 2, 2, 2, 2, 2]);
const Q2 = quarter('check-q2', 'Platform, Q2', '2026-04-15', [4, 4, 4, 4, 4, 4]);
// Q3: the same middle as Q2, give or take, but people far apart: within the spread.
const Q3 = quarter('check-q3', 'Platform, Q3', '2026-07-15', [1, 2, 5, 5, 5, 5]);

test('three quarterly checks of one team are listed, compared and downloaded', async ({ page }) => {
  const errors = trackErrors(page);
  await restore(page, asUpload('q3.json', Q3), asUpload('q1.json', Q1), asUpload('q2.json', Q2));
  await page.goto(`./#/team/check-q2`);
  await expect(page.getByTestId('team-of')).toContainText('Platform team (3 checks)');
  await page.getByTestId('team-history').click();
  await expect(page.getByTestId('team-title')).toHaveText(TEAM.name);

  // By date, with the number of people in each.
  const checks = page.getByTestId('history-check');
  await expect(checks).toHaveCount(3);
  await expect(checks.nth(0)).toContainText('2026-01-15');
  await expect(checks.nth(2)).toContainText('2026-07-15');
  for (let i = 0; i < 3; i++) await expect(checks.nth(i).getByTestId('history-people')).toContainText('6 people');

  // Anonymous checks never revealed on this device show nothing, so nothing is compared yet.
  const rows = page.getByTestId('trend-row');
  await expect(rows).toHaveCount(DIMENSION_COUNT);
  await expect(page.getByTestId('trend-change').first()).toContainText('not enough people');
  for (let i = 0; i < 3; i++) await page.getByTestId('history-reveal').first().click();
  await expect(page.getByTestId('history-reveal')).toHaveCount(0);

  // Three lines with three legend entries; per dimension, two changes.
  await expect(page.getByTestId('compare-legend').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('compare-legend').locator('li svg')).toHaveCount(3);
  await expect(page.getByTestId('trend-change')).toHaveCount(DIMENSION_COUNT * 2);
  await expect(page.getByTestId('shared-only')).toHaveCount(0);
  const changes = await page.getByTestId('trend-change').allTextContents();
  // Q1 → Q2 is a clear move up in every dimension; Q2 → Q3 moves the middle (4 to 5) less than
  // the spread of Q3's answers.
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    expect(changes[2 * d]).toBe('↑ up 2.0');
    expect(changes[2 * d + 1]).toContain('within the spread');
  }

  // Per check × dimension: median, people, spread, "Don't know" and "Doesn't apply".
  const perDimension = await downloaded(page, 'csv-dimensions');
  expect(perDimension.name).toMatch(/\.csv$/);
  const table = parseCsv(perDimension.bytes.toString('utf8'));
  expect(table[0]).toEqual(['check', 'date', 'dimension', 'people', 'median', 'spread', 'dont_know', 'doesnt_apply']);
  expect(table).toHaveLength(1 + 3 * DIMENSION_COUNT);
  for (const row of table.slice(1)) {
    expect(row[3]).toBe('6');
    expect(Number.isFinite(Number(row[4])) && row[4] !== '').toBe(true);
  }
  expect(table.slice(1).map((r) => r[1])).toEqual(['2026-01-15', '2026-04-15', '2026-07-15'].flatMap((d) => Array(DIMENSION_COUNT).fill(d)));
  expect(table.slice(1, 1 + DIMENSION_COUNT).map((r) => r[2])).toEqual(QUESTIONNAIRE.dimensions.map((d) => d.title));

  // Per check × statement × answer, with counts that add up to the six people.
  const perAnswer = parseCsv((await downloaded(page, 'csv-answers')).bytes.toString('utf8'));
  expect(perAnswer).toHaveLength(1 + 3 * ITEM_IDS.length * ANSWERS_PER_STATEMENT);
  for (let at = 1; at < perAnswer.length; at += ANSWERS_PER_STATEMENT) {
    const counts = perAnswer.slice(at, at + ANSWERS_PER_STATEMENT).map((r) => Number(r[5]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  }

  // The chart for slides: an SVG, and a PNG drawn from it in the page, twice its size.
  const svg = await downloaded(page, 'radar-svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toContain('<svg');
  const [, width, height] = svgText.match(/width="(\d+)" height="(\d+)"/).map(Number);
  const png = await downloaded(page, 'radar-png');
  expect(png.name).toMatch(/\.png$/);
  const image = PNG.sync.read(png.bytes);
  expect([image.width, image.height]).toEqual([width * 2, height * 2]);
  // Not blank: the light background and the lines' colours are both in it.
  const colours = new Set();
  for (let i = 0; i < image.data.length; i += 4 * 97) colours.add(image.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(3);
  expect(errors).toEqual([]);
});

test('an experiment planned at one check is looked back on at the next and travels in the file', async ({ page }) => {
  const errors = trackErrors(page);
  await restore(page, asUpload('q1.json', Q1), asUpload('q2.json', Q2));
  const dimension = QUESTIONNAIRE.dimensions[1];

  await page.goto('./#/team/check-q1');
  await page.getByTestId('experiment-dimension').selectOption(dimension.id);
  await page.getByTestId('experiment-text').fill('=Say no to one meeting a week');
  await page.getByTestId('experiment-date').fill('2026-04-10');
  await page.getByTestId('experiment-add').click();
  await expect(page.getByTestId('experiment-list')).toContainText(`=Say no to one meeting a week” (${dimension.title}, look back 2026-04-10)`);
  const [q1File] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-check').click()]);
  const q1 = JSON.parse(await readFile(await q1File.path(), 'utf8'));
  expect(q1.format_version).toBe(4);
  expect(q1.team_check.team).toEqual(TEAM);
  expect(q1.team_check.experiments).toEqual([{ dimension: dimension.id, text: '=Say no to one meeting a week', look_back: '2026-04-10T00:00:00.000Z' }]);

  // The next check of the team opens with it.
  await page.goto('./#/team/check-q2');
  const open = page.getByTestId('review-open');
  await expect(open).toContainText('You planned to try “=Say no to one meeting a week”');
  await expect(open).toContainText('What happened?');
  await open.getByLabel('Changed it').check();
  await open.getByTestId('review-note').fill('Every other week instead');
  await open.getByTestId('review-save').click();
  await expect(page.getByTestId('review-open')).toHaveCount(0);
  await expect(page.getByTestId('reviews')).toContainText('changed — Every other week instead');
  const [q2File] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-check').click()]);
  const q2 = JSON.parse(await readFile(await q2File.path(), 'utf8'));
  expect(q2.team_check.reviews).toEqual([
    { check: 'check-q1', dimension: dimension.id, text: '=Say no to one meeting a week', outcome: 'changed', note: 'Every other week instead' },
  ]);

  // On the team's page, beside its dimension's trend.
  await page.goto(`./#/history/${TEAM.id}`);
  const row = page.getByTestId('trend-row').filter({ hasText: dimension.title });
  await expect(row.getByTestId('trend-experiments')).toContainText('=Say no to one meeting a week');
  await expect(row.getByTestId('trend-experiments')).toContainText('changed (Every other week instead)');

  // On another device, the two files continue the same history, experiment and review included.
  const other = await page.context().browser().newContext();
  const there = await other.newPage();
  await restore(there, asUpload('q2.json', q2), asUpload('q1.json', q1));
  await there.goto(`./#/history/${TEAM.id}`);
  await expect(there.getByTestId('history-check')).toHaveCount(2);
  await expect(there.getByTestId('trend-row').filter({ hasText: dimension.title }).getByTestId('trend-experiments')).toContainText('changed');
  await other.close();
  expect(errors).toEqual([]);
});

test('my own solo checks over time are overlaid the same way', async ({ page }) => {
  const errors = trackErrors(page);
  const mine = (id, day, value) => {
    const file = responseFile(id, (i) => (REVERSE[i] ? 6 - value : value));
    file.response.started_at = `${day}T09:00:00.000Z`;
    return file;
  };
  await restore(page, asUpload('a.json', mine('solo-a', '2026-02-01', 2)), asUpload('b.json', mine('solo-b', '2026-05-01', 4)));
  await page.goto('./#/results/solo-b');
  await page.getByTestId('my-history').click();
  await expect(page.getByTestId('compare-legend').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('compare-legend')).toContainText('2026-02-01');
  await expect(page.getByTestId('trend-row')).toHaveCount(DIMENSION_COUNT);
  // One person's own answers: every dimension moved from 2 to 4.
  await expect(page.getByTestId('trend-change')).toHaveText(Array(DIMENSION_COUNT).fill('↑ up 2.0'));
  expect(errors).toEqual([]);
});

// Questionnaires that evolve (issue 12): a check made with version 1 of the full check and one
// made with version 2 are compared on the statements both asked, and the page says which.
const V1 = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.json', import.meta.url), 'utf8'));

test('a version 1 and a version 2 check of one team are compared on the statements they share, named on the page', async ({ page }) => {
  const errors = trackErrors(page);
  const older = quarter('check-v1', 'Platform, before the upgrade', '2026-01-15', [3, 3, 3, 3, 3, 3]);
  older.questionnaire = { ...V1, hash: questionnaireHash(V1) };
  const v1Items = V1.dimensions.flatMap((d) => d.items);
  for (const r of older.responses) {
    r.answers = v1Items.map((item) => ({ item: item.id, answer: 3, answered_at: '2026-01-15T09:05:00.000Z' }));
  }
  const newer = quarter('check-v2', 'Platform, after the upgrade', '2026-04-15', [4, 4, 4, 4, 4, 4]);
  expect(newer.questionnaire.version).not.toBe(V1.version);
  const v2Ids = new Set(ITEM_IDS);
  const shared = v1Items.filter((i) => v2Ids.has(i.id));
  // The two versions share some statements and not all, or this test would prove nothing.
  expect(shared.length).toBeGreaterThan(0);
  expect(shared.length).toBeLessThan(v1Items.length);

  await restore(page, asUpload('v1.json', older), asUpload('v2.json', newer));
  await page.goto(`./#/history/${TEAM.id}`);
  await expect(page.getByTestId('history-check')).toHaveCount(2);
  for (let i = 0; i < 2; i++) await page.getByTestId('history-reveal').first().click();
  await expect(page.getByTestId('shared-only')).toContainText(`compared on the ${shared.length} statements they share`);
  await page.getByTestId('shared-items').locator('summary').click();
  const listed = await page.getByTestId('shared-items').locator('li').allTextContents();
  expect(listed.sort()).toEqual(shared.map((i) => i.text).sort());
  await expect(page.getByTestId('trend-change').first()).toBeVisible();
  expect(errors).toEqual([]);
});
