// Accessibility: axe-core on every screen in both themes, failing on any serious or critical
// violation; and the main screens at phone and desktop widths in both themes, as screenshots
// (test-results/screenshots/) with no sideways scrolling of the page, and axe at both widths.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { TITLES, answerPage, asUpload, demoBackup, openHome, responseFile, restore } from './helpers.mjs';

/** Serious and critical axe violations on the page as it is now, one readable line each. */
async function audit(page, screen) {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  expect(passes.length, 'axe ran its rules').toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${screen}: [${v.impact}] ${v.id} (${v.help}) at ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n\s*/g, ' ')}`),
    );
}

async function heading(page, text) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
}

for (const theme of ['light', 'dark']) {
  test(`every screen passes axe (serious and critical) in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(180_000);
    const problems = [];
    const check = async (screen) => problems.push(...(await audit(page, `${screen} (${theme})`)));

    await openHome(page);
    await page.getByTestId('theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await check('home, empty');

    await page.getByRole('link', { name: 'Create a team check' }).click();
    await heading(page, 'Create a team check');
    await check('new team check');
    await page.getByTestId('create-check').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('new team check, with a problem');

    await openHome(page);
    await page.getByTestId('start').click();
    await answerPage(page, (i) => (i === 2 ? 'dont_know' : String((i % 5) + 1)));
    await page.getByTestId('item').first().getByText('Add a comment').click();
    await check('survey');
    await page.getByTestId('results-now').click();
    await expect(page.getByTestId('missing')).toBeVisible();
    await check('solo results, partial');

    await restore(page, asUpload('demo.json', demoBackup()));
    await check('home, with data and a notice');

    await page.goto('./#/results/solo-demo');
    await expect(page.getByTestId('radar').locator('svg')).toBeVisible();
    await check('solo results');

    await page.goto('./#/team/check-demo');
    await expect(page.getByTestId('distributions')).toBeVisible();
    await page.getByTestId('overlays').locator('input').first().check();
    await check('team check, named, 5 people');

    // An anonymous check: files imported (some refused), then someone answers on this device.
    await openHome(page);
    await page.getByRole('link', { name: 'Create a team check' }).click();
    await page.getByTestId('check-name').fill('Anonymous team');
    await page.getByTestId('create-check').click();
    await heading(page, 'Anonymous team');
    await check('team check, empty');
    await page.getByTestId('import-files').setInputFiles([
      ...[1, 2, 3].map((n) => asUpload(`member-${n}.json`, responseFile(`anon-${n}`, (i) => ((i * n) % 5) + 1))),
      asUpload('broken.json', '{"format": "teamshape"'),
    ]);
    await expect(page.getByTestId('import-outcomes').locator('li')).toHaveCount(4);
    await check('team check, import outcomes and results');

    await page.getByTestId('add-answers').click();
    await page.getByTestId('item').first().locator('input[value="3"]').check();
    await check('team survey');
    await page.getByTestId('next').click();
    await expect(page.getByTestId('finish-confirm')).toBeVisible();
    await check('finishing a turn with statements open');
    await page.getByTestId('finish-anyway').click();
    await expect(page.getByTestId('hand-over')).toBeVisible();
    await check('hand-over');
    await page.goBack();
    await heading(page, 'These answers are hidden');
    await check('hidden answers');

    // Links (issue 15): sharing answers, opening them, an invitation, a refused link.
    await page.goto('./#/share/solo-demo');
    await heading(page, 'Share your answers');
    await check('share my answers');
    const answers = await page.getByTestId('link-text').inputValue();
    await page.goto('./#/team/check-demo');
    const invitation = await page.getByTestId('invite').getByTestId('link-text').inputValue();
    await page.goto(answers);
    await expect(page.getByTestId('answers-summary')).toBeVisible();
    await check('answers from a link');
    await page.goto(invitation);
    await heading(page, 'Platform team, Q3');
    await check('invitation');
    await page.goto('./#/join/AAAA');
    await expect(page.getByTestId('link-refused')).toBeVisible();
    await check('refused link');

    // Questionnaires and the editor (issue 12): the list, a draft with its checks, the preview.
    await page.goto('./#/questionnaires');
    await heading(page, 'Questionnaires');
    await check('questionnaires');
    await page.getByTestId('new-questionnaire').click();
    await page.getByTestId('q-title').fill('Our own');
    await page.getByTestId('s-reverse').first().check();
    await expect(page.getByTestId('error-count')).toContainText('to fix before saving');
    await check('questionnaire editor');
    await page.getByTestId('preview').click();
    await expect(page.getByTestId('preview-note')).toBeVisible();
    await check('questionnaire preview');

    await page.goto('./#/no/such/screen');
    await heading(page, 'There is nothing here');
    await check('not found');

    expect(problems, problems.join('\n')).toEqual([]);
  });
}

const SCREENS = [
  ['home', './#/', 'How does your team work?'],
  ['survey', './#/survey/solo-demo/2', TITLES[1]],
  ['results', './#/results/solo-demo', 'The shape of your answers'],
  ['team', './#/team/check-demo', 'Platform team, Q3'],
  ['questionnaires', './#/questionnaires', 'Questionnaires'],
];

for (const width of [360, 1280]) {
  test(`screenshots at ${width} px, both themes, and nothing wider than the screen`, async ({ browser }) => {
    test.setTimeout(120_000);
    await mkdir('test-results/screenshots', { recursive: true });
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 780 : 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await restore(page, asUpload('demo.json', demoBackup()));
    await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
    const overflowing = [];
    const problems = [];
    for (const theme of ['light', 'dark']) {
      await page.getByTestId('theme').selectOption(theme);
      for (const [name, url, title] of SCREENS) {
        await page.goto(url);
        await heading(page, title);
        if (name === 'results' || name === 'team') await expect(page.getByTestId('radar').locator('svg')).toBeVisible();
        await page.screenshot({ path: `test-results/screenshots/${name}-${theme}-${width}.png`, fullPage: true });
        // One screenful, as a phone or laptop shows it (docs/results.png, docs/team-dark-phone.png);
        // for a team check, from "The team's shape" on.
        if (name === 'team') await page.locator('#team-results-heading').evaluate((h) => h.scrollIntoView());
        await page.screenshot({ path: `test-results/screenshots/${name}-${theme}-${width}-view.png` });
        const wide = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
        }));
        if (wide.page > wide.view) overflowing.push(`${name} (${theme}): ${wide.page} px wide in ${wide.view} px`);
        // At this width too: a table that scrolls sideways must be reachable by keyboard.
        problems.push(...(await audit(page, `${name} (${theme}, ${width} px)`)));
      }
    }
    await context.close();
    expect(overflowing).toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
