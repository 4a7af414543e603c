#!/usr/bin/env node
// Takes the team-page screenshots in docs/ from the release build in dist/ (build it first:
// `trunk build --release`), with Playwright driving Debian's chromium. Run after changing the
// team page, look at the pictures, and commit them.
//
//   node scripts/doc-screenshots.mjs
//
//   docs/team-4-people.png   an anonymous check of 4 at a threshold of 3 (counts per
//                            statement stay hidden below 5 answers)
//   docs/team-8-people.png   an anonymous check of 8 at the default threshold, one of whom
//                            sees the first dimension differently
//   docs/survey-phone-{light,dark}.png   answering on a 390 x 844 phone (issue 16)
//   docs/room-laptop-{light,dark}.png    the room view of the check of 8 at 1366 x 768
//   docs/team-phone-{light,dark}.png     the team page of 8 on a 390 x 844 phone
//   docs/history-{phone,laptop}-{light,dark}.png   a team's three quarterly checks compared
//                            (issue 13), on a 390 x 844 phone and a 1280 x 900 laptop
//
//   node scripts/doc-screenshots.mjs history   takes only the history ones
//   docs/editor-{phone,laptop}-{light,dark}.png    the questionnaire editor, one dimension typed
//   node scripts/doc-screenshots.mjs editor    takes only the editor ones
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';
import { asUpload, backupFile, responseFile, teamCheckFile } from '../e2e/helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 4190;
const BASE = `http://127.0.0.1:${PORT}/docs/`;
const questionnaire = JSON.parse(await readFile(join(root, 'questionnaire/teamshape-core.v2.json'), 'utf8'));
const items = questionnaire.dimensions.flatMap((d) => d.items.map((i) => ({ ...i, dimension: d.id })));

/** A response whose dimension scores are `scores[dimension index]` (default 4), varied a little by `seed`. */
function person(id, seed, scores = {}) {
  return responseFile(id, (i) => {
    const d = questionnaire.dimensions.findIndex((x) => x.id === items[i].dimension);
    const base = scores[d] ?? [4, 3, 4, 3, 4, 3, 4][d % 7];
    const value = Math.min(5, Math.max(1, base + ((seed + i) % 3 === 0 ? 1 : 0) - ((seed * i) % 5 === 0 ? 1 : 0)));
    return items[i].reverse ? 6 - value : value;
  }).response;
}

const four = teamCheckFile({ id: 'doc-four', name: 'Small team, Q4', anonymity_threshold: 3 }, [0, 1, 2, 3].map((n) => person(`four-${n}`, n)));
const eight = teamCheckFile(
  { id: 'doc-eight', name: 'Platform team, Q4', anonymity_threshold: 5 },
  [0, 1, 2, 3, 4, 5, 6, 7].map((n) => person(`eight-${n}`, n, n === 7 ? { 0: 1 } : {})),
);

// Issue 13: one team, three quarters, an experiment planned in the first and looked back on in
// the second.
const TEAM = { id: 'doc-team', name: 'Platform team' };
function quarter(id, name, day, scores, extra = {}) {
  const file = teamCheckFile(
    { id, name, anonymity_threshold: 5, created_at: `${day}T08:00:00.000Z` },
    [0, 1, 2, 3, 4, 5].map((n) => person(`${id}-${n}`, n, scores)),
  );
  file.format_version = 3;
  file.team_check.team = TEAM;
  Object.assign(file.team_check, extra);
  return file;
}
const dims = questionnaire.dimensions.map((d) => d.id);
const quarters = [
  quarter('doc-q1', 'Platform team, Q1', '2026-01-15', { 0: 2, 2: 2, 4: 3 }, {
    experiments: [{ dimension: dims[2], text: 'Ask a user about every release', look_back: '2026-04-10T00:00:00.000Z' }],
  }),
  quarter('doc-q2', 'Platform team, Q2', '2026-04-15', { 0: 3, 2: 3, 4: 3 }, {
    reviews: [{ check: 'doc-q1', dimension: dims[2], text: 'Ask a user about every release', outcome: 'kept', note: 'Two calls a month' }],
  }),
  quarter('doc-q3', 'Platform team, Q3', '2026-07-15', { 0: 4, 2: 4, 4: 2 }),
];

/** The questionnaire editor with a dimension typed in, one statement reverse-worded, and the
 * checks saying what is left to fill in (issue 12). */
async function editor(browser, viewport, scheme, file) {
  const page = await browser.newPage({ viewport, baseURL: BASE, colorScheme: scheme });
  await page.goto('./#/questionnaires');
  await page.getByTestId('new-questionnaire').click();
  await page.getByTestId('q-title').fill('Platform health');
  await page.getByTestId('q-description').fill('How our platform team works, in our own words.');
  const dim = page.getByTestId('dimension-editor').first();
  await dim.getByTestId('d-title').fill('On-call');
  await dim.getByTestId('d-description').fill('Being on call without burning out.');
  await dim.getByTestId('d-prompts').fill('What woke us up last month?');
  const texts = ['In the last month, pages reached the right person.', 'In the last month, I lost sleep over a page.', 'In the last month, we fixed the cause of repeated pages.'];
  for (const [i, text] of texts.entries()) await dim.getByTestId('s-text').nth(i).fill(text);
  await dim.getByTestId('s-reverse').nth(1).check();
  await page.getByRole('heading', { level: 1 }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: join(root, 'docs', file) });
  console.log(`docs/${file}`);
  await page.close();
}

async function history(browser, viewport, scheme, file) {
  const page = await browser.newPage({ viewport, baseURL: BASE, colorScheme: scheme });
  await page.goto('./');
  await page.getByTestId('restore').setInputFiles(asUpload('docs.json', backupFile(quarters)));
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await page.goto(`./#/history/${TEAM.id}`);
  for (let i = 0; i < quarters.length; i++) await page.getByTestId('history-reveal').first().click();
  await page.getByTestId('compare').locator('svg').first().waitFor();
  await page.locator('#compare-heading').evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: join(root, 'docs', file), fullPage: viewport.width > 500 });
  console.log(`docs/${file}`);
  await page.close();
}

const server = spawn('node', [join(root, 'e2e/serve.mjs'), String(PORT), '/docs/'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    await editor(browser, { width: 390, height: 844 }, scheme, `editor-phone-${scheme}.png`);
    await editor(browser, { width: 1280, height: 900 }, scheme, `editor-laptop-${scheme}.png`);
  }
  if (process.argv[2] === 'editor') {
    await browser.close();
    server.kill();
    process.exit(0);
  }
  for (const scheme of ['light', 'dark']) {
    await history(browser, { width: 390, height: 844 }, scheme, `history-phone-${scheme}.png`);
    await history(browser, { width: 1280, height: 900 }, scheme, `history-laptop-${scheme}.png`);
  }
  if (process.argv[2] === 'history') {
    await browser.close();
    server.kill();
    process.exit(0);
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, baseURL: BASE });
  await page.goto('./');
  await page.getByTestId('restore').setInputFiles(asUpload('docs.json', backupFile([four, eight])));
  await page.getByTestId('notice').waitFor();
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  for (const [id, file] of [['doc-four', 'team-4-people.png'], ['doc-eight', 'team-8-people.png']]) {
    await page.goto(`./#/team/${id}`);
    await page.getByTestId('reveal').click();
    await page.getByTestId('radar').locator('svg').waitFor();
    await page.locator('#team-results-heading').evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: join(root, 'docs', file) });
    console.log(`docs/${file}`);
  }
  // Issue 16: phone and laptop, light and dark.
  for (const scheme of ['light', 'dark']) {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: BASE, colorScheme: scheme });
    await phone.goto('./');
    await phone.getByTestId('start').click();
    const items = phone.getByTestId('item');
    await items.first().waitFor();
    await items.nth(0).locator('input[value="4"]').check();
    await items.nth(1).locator('input[value="2"]').check();
    await phone.screenshot({ path: join(root, 'docs', `survey-phone-${scheme}.png`) });
    console.log(`docs/survey-phone-${scheme}.png`);
    await phone.goto('./');
    await phone.getByTestId('restore').setInputFiles(asUpload('docs.json', backupFile([four, eight])));
    await phone.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
    await phone.goto('./#/team/doc-eight');
    await phone.getByTestId('reveal').click();
    await phone.getByTestId('radar').locator('svg').waitFor();
    await phone.locator('#team-results-heading').evaluate((h) => h.scrollIntoView());
    await phone.screenshot({ path: join(root, 'docs', `team-phone-${scheme}.png`) });
    console.log(`docs/team-phone-${scheme}.png`);
    await phone.close();

    const laptop = await browser.newPage({ viewport: { width: 1366, height: 768 }, baseURL: BASE, colorScheme: scheme });
    await laptop.goto('./');
    await laptop.getByTestId('restore').setInputFiles(asUpload('docs.json', backupFile([four, eight])));
    await laptop.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
    await laptop.goto('./#/team/doc-eight');
    await laptop.getByTestId('reveal').click();
    await laptop.getByTestId('room-view').click();
    await laptop.waitForFunction(() => document.fullscreenElement !== null);
    await laptop.keyboard.press('ArrowRight');
    await laptop.waitForTimeout(300);
    await laptop.screenshot({ path: join(root, 'docs', `room-laptop-${scheme}.png`) });
    console.log(`docs/room-laptop-${scheme}.png`);
    await laptop.close();
  }
} finally {
  await browser.close();
  server.kill();
}
