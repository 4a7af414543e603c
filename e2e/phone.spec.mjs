// Answering on a phone (issue 16): a compact scale, progress in sight, no statement skipped
// without a word, and picking up where one left off.
import { test, expect } from '@playwright/test';
import { ITEM_IDS, asUpload, demoBackup, openHome, restore, trackErrors } from './helpers.mjs';

test.use({ viewport: { width: 390, height: 844 } });

test('on a 390 px phone a statement takes at most 200 px, each answer is a 44 px target named by its words', async ({ page }) => {
  const errors = trackErrors(page);
  await openHome(page);
  await page.getByTestId('start').click();
  const items = page.getByTestId('item');
  await expect(items.first()).toBeVisible();
  const n = await items.count();
  const heights = [];
  for (let i = 0; i < n; i++) heights.push((await items.nth(i).boundingBox()).height);
  expect(Math.max(...heights), `statement heights ${heights.join(', ')}`).toBeLessThanOrEqual(200);

  const first = items.first();
  for (const label of await first.locator('label.choice').all()) {
    const box = await label.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // The words are the answers' names for screen readers, though only the ends show them.
  await first.getByRole('radio', { name: 'Neither agree nor disagree' }).check();
  await expect(first.locator('input[value="3"]')).toBeChecked();
  await expect(first.getByText('Neither agree nor disagree')).not.toBeInViewport();
  await expect(first.getByText('Strongly disagree')).toBeVisible();
  // A tap anywhere on an answer's button chooses it; the keyboard moves along the row.
  await first.locator('label.choice').nth(4).click({ position: { x: 5, y: 5 } });
  await expect(first.locator('input[value="5"]')).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(first.locator('input[value="4"]')).toBeChecked();

  // Progress stays in sight at the last statement of the page.
  await items.nth(n - 1).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('progress')).toBeInViewport();
  await expect(page.getByTestId('progress')).toContainText(`1 of ${ITEM_IDS.length} answered`);
  expect(errors).toEqual([]);
});

test('statements left open are counted, can be jumped to, and "Continue" lands on the first of them', async ({ page }) => {
  const errors = trackErrors(page);
  await openHome(page);
  await page.getByTestId('start').click();
  const items = page.getByTestId('item');
  await expect(items.first()).toBeVisible();
  const n = await items.count();
  // Everything on the first page but the second statement.
  for (let i = 0; i < n; i++) if (i !== 1) await items.nth(i).locator('input[value="4"]').check();
  const open = page.getByTestId('open-here');
  await expect(open).toHaveText('1 statement on this page is still open. Go to the first');
  await open.getByRole('button', { name: 'Go to the first' }).click();
  await expect(items.nth(1).locator('input').first()).toBeFocused();
  await expect(items.nth(1)).toBeInViewport();

  // Skip it; the next page says all of its statements are open.
  await page.getByTestId('next').click();
  await expect(page.getByTestId('open-here')).toContainText(/^\d+ statements on this page are still open/);

  // Leave, come back: "Continue" opens the first dimension at the statement left open.
  await page.goto('./#/');
  await page.getByTestId('continue').click();
  await expect(page.locator(`[data-item="${ITEM_IDS[1]}"] input`).first()).toBeFocused();
  await items.nth(1).locator('input[value="2"]').check();
  await expect(page.getByTestId('open-here')).toBeEmpty();
  expect(errors).toEqual([]);
});

test('the radar on a 360 px phone: axis labels at least 12 px, the scale numbered above everything else', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await restore(page, asUpload('demo.json', demoBackup()));
  await page.goto('./#/results/solo-demo');
  const svg = page.getByTestId('radar').locator('svg');
  await expect(svg).toBeVisible();
  const texts = await svg.locator('text').evaluateAll((nodes) =>
    nodes.map((n) => ({ text: n.textContent.trim(), height: n.getBoundingClientRect().height })),
  );
  const labels = texts.filter((t) => !/^[1-5]$/.test(t.text));
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label.height, label.text).toBeGreaterThanOrEqual(12);
  // Each scale point is numbered once, and drawn after every line and marker: nothing covers it.
  const order = await svg.evaluate((s) => {
    const all = [...s.querySelectorAll('*')];
    const numbers = all.filter((n) => n.tagName === 'text' && /^[1-5]$/.test(n.textContent.trim()));
    const marks = all.filter((n) => ['path', 'polyline', 'polygon', 'circle', 'line'].includes(n.tagName));
    return { numbers: numbers.length, first: all.indexOf(numbers[0]), lastMark: Math.max(...marks.map((m) => all.indexOf(m))) };
  });
  expect(order.numbers).toBe(5);
  expect(order.first).toBeGreaterThan(order.lastMark);
});
