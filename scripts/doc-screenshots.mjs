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

const server = spawn('node', [join(root, 'e2e/serve.mjs'), String(PORT), '/docs/'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
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
