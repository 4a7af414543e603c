#!/usr/bin/env node
// Takes the screenshots of the intuitions part (issue 14) in docs/ from the release build in
// dist/ (build it first: `trunk build --release`). Look at them, and commit them.
//
//   TEAMSHAPE_E2E_PORT=4621 node scripts/intuitions-screenshots.mjs
//
//   docs/intuitions-survey-{phone,laptop}-{light,dark}.png  the part, open, on the survey's last page
//   docs/intuitions-team-{phone,laptop}-{light,dark}.png    the team's intuitions on the team page
//
// The team is the golden file crates/core/tests/golden/v4-team-check-intuitions.json (five
// people, one time split unfinished), read at a threshold of 3 so that the time split shows.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';
import { asUpload } from '../e2e/helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.TEAMSHAPE_E2E_PORT ?? 4190);
const BASE = `http://127.0.0.1:${PORT}/docs/`;
const check = JSON.parse(await readFile(join(root, 'crates/core/tests/golden/v4-team-check-intuitions.json'), 'utf8'));
check.team_check.anonymity_threshold = 3;
const part = check.questionnaire.intuitions;

const server = spawn('node', [join(root, 'e2e/serve.mjs'), String(PORT), '/docs/'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['laptop', { width: 1280, height: 800 }]]) {
      const context = await browser.newContext({ viewport, baseURL: BASE, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto('./');
      await page.getByTestId('restore').setInputFiles(asUpload('team.json', check));
      await page.getByTestId('notice').waitFor();
      await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
      await page.goto(`./#/team/${check.team_check.id}`);
      await page.getByTestId('reveal').click();
      const team = page.getByTestId('intuitions-team');
      await team.waitFor();
      await team.evaluate((s) => s.scrollIntoView());
      await page.screenshot({ path: join(root, 'docs', `intuitions-team-${device}-${scheme}.png`) });
      console.log(`docs/intuitions-team-${device}-${scheme}.png`);

      // A person answering on their own, at the last page with the part open.
      await page.goto('./');
      await page.getByTestId('start').click();
      for (;;) {
        const next = page.getByTestId('next');
        if ((await next.textContent()) !== 'Next') break;
        const title = await page.getByRole('heading', { level: 1 }).textContent();
        await next.click();
        await page.waitForFunction((t) => document.querySelector('h1')?.textContent !== t, title);
      }
      const open = page.getByTestId('intuitions');
      await open.locator('summary').click();
      await open.locator(`[data-key="predict.${check.questionnaire.dimensions[0].id}"] input[value="4"]`).check();
      const input = open.locator(`[data-key="time.planned"] input[data-category="${part.time.categories[0].id}"]`);
      await input.fill('40');
      await input.press('Tab');
      const second = open.locator(`[data-key="time.planned"] input[data-category="${part.time.categories[1].id}"]`);
      await second.fill('25');
      await second.press('Tab');
      // Below the sticky progress bar.
      await open.locator('[data-key="time.planned"]').evaluate((s) => {
        s.scrollIntoView();
        window.scrollBy(0, -90);
      });
      await page.screenshot({ path: join(root, 'docs', `intuitions-survey-${device}-${scheme}.png`) });
      console.log(`docs/intuitions-survey-${device}-${scheme}.png`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
}
