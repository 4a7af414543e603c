// A person fills the solo check end to end in the release build.
import { test, expect } from '@playwright/test';
import { DIMENSION_COUNT, ITEM_IDS, QUESTIONNAIRE, TITLES, answerAll, answerPage, download, openHome, trackErrors, trackRequests } from './helpers.mjs';

test('solo check: answer by keyboard and mouse, reload, results, download', async ({ page }) => {
  const requests = trackRequests(page);
  const errors = trackErrors(page);
  await openHome(page);
  await page.getByTestId('start').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[0]);
  await expect(page.getByTestId('progress')).toContainText(`Dimension 1 of ${DIMENSION_COUNT} · 0 of ${ITEM_IDS.length} answered`);

  // Keyboard only: focus the first radio group, arrow keys choose, Tab moves to the next item.
  const first = page.getByTestId('item').first();
  await first.locator('input[value="1"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(first.locator('input[value="3"]')).toBeChecked();
  await expect(page.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);

  // Mouse for the rest of the page; a comment on the second item.
  await answerPage(page, (i) => (i === 0 ? '3' : String((i % 5) + 1)));
  const second = page.getByTestId('item').nth(1);
  await second.getByText('Add a comment').click();
  await second.getByRole('textbox').fill('We argue about this <b>a lot</b>');
  await page.getByTestId('next').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[1]);
  await answerPage(page, (i) => (i === 0 ? 'dont_know' : '4'));

  // Reload: every answer and the comment are still there, on the same page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[1]);
  await expect(page.getByTestId('item').first().locator('input[value="dont_know"]')).toBeChecked();
  await expect(page.getByTestId('item').nth(1).locator('input[value="4"]')).toBeChecked();
  await page.getByTestId('back').click();
  await expect(page.getByTestId('item').first().locator('input[value="3"]')).toBeChecked();
  await expect(page.getByTestId('item').nth(1).getByRole('textbox')).toHaveValue('We argue about this <b>a lot</b>');

  // Partial results: say what is missing.
  await page.getByTestId('results-now').click();
  // Everything on the first two dimensions' pages is answered.
  const [one, two] = QUESTIONNAIRE.dimensions;
  const given = one.items.length + two.items.length;
  await expect(page.getByTestId('missing')).toContainText(`You have answered ${given} of ${ITEM_IDS.length}`);

  // Finish the survey.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[0]);
  await page.getByTestId('next').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[1]);
  await page.getByTestId('next').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[2]);
  await answerAll(page, () => '5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The shape of your answers');
  await expect(page.getByTestId('missing')).toHaveCount(0);

  const svg = page.getByTestId('radar').locator('svg');
  await expect(svg).toBeVisible();
  // Every axis labelled once; long labels are drawn as two consecutive lines.
  const drawn = (await svg.locator('text').allTextContents()).map((t) => t.trim()).join(' ');
  for (const axis of TITLES) {
    expect(drawn.split(axis)).toHaveLength(2);
  }
  // What the person wrote shows with their results, in print too.
  await expect(page.getByTestId('own-comments')).toHaveCount(1);
  await expect(page.getByTestId('own-comments')).toContainText('We argue about this <b>a lot</b>');
  const rows = page.getByTestId('score-table').locator('tbody tr');
  await expect(rows).toHaveCount(DIMENSION_COUNT);
  await expect(rows.filter({ hasText: TITLES[1] }).locator('td').nth(2)).toHaveText('1');
  await expect(page.getByTestId('dimension')).toHaveCount(DIMENSION_COUNT);
  await expect(page.getByTestId('why-no-grade')).toContainText('no total score');
  await expect(page.locator('body')).not.toContainText(/overall|maturity level|your grade|%/i);

  const file = await download(page, 'download');
  expect(file.name).toMatch(/^teamshape-my-answers-[a-z0-9]{4}-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(page.getByTestId('notice')).toContainText('send this file to the person who runs it');
  expect(file.text).toContain('\n  "format": "teamshape"');
  expect(file.json.kind).toBe('response');
  expect(file.json.questionnaire).toMatchObject({ id: QUESTIONNAIRE.id, version: QUESTIONNAIRE.version });
  expect(file.json.response.answers).toHaveLength(ITEM_IDS.length);
  const commented = file.json.response.answers.find((a) => a.comment);
  expect(commented.comment).toBe('We argue about this <b>a lot</b>');
  expect(file.json.response.answers.filter((a) => a.answer === 'dont_know')).toHaveLength(1);
  expect(file.json.scores).toHaveLength(DIMENSION_COUNT);
  const trust = file.json.scores.find((s) => s.dimension === two.id);
  expect(trust).toMatchObject({ dont_know: 1, answered: two.items.length - 1 });

  expect(requests.foreign()).toEqual([]);
  expect(requests.urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(errors).toEqual([]);
});

test('closing the tab and coming back continues where you left off; start over keeps the run', async ({ context }) => {
  const page = await context.newPage();
  await openHome(page);
  await page.getByTestId('start').click();
  const first = await answerPage(page, () => '2');
  await page.getByTestId('next').click();
  const second = TITLES[1];
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second);
  await page.getByTestId('item').first().locator('input[value="5"]').check();
  await page.close();

  const again = await context.newPage();
  await openHome(again);
  await expect(again.getByTestId('continue')).toContainText(`${first + 1} of ${ITEM_IDS.length} answered`);
  await again.getByTestId('continue').click();
  await expect(again.getByRole('heading', { level: 1 })).toHaveText(second);
  await expect(again.getByTestId('item').first().locator('input[value="5"]')).toBeChecked();

  again.once('dialog', (dialog) => dialog.accept());
  await again.getByTestId('start-over').click();
  await expect(again.getByTestId('progress')).toContainText(`Dimension 1 of ${DIMENSION_COUNT} · 0 of ${ITEM_IDS.length} answered`);
  await again.goto('./#/');
  await expect(again.getByTestId('runs').locator('li')).toHaveCount(2);
  await expect(again.getByTestId('runs')).toContainText(`${first + 1} of ${ITEM_IDS.length} answered`);
});
