// Shared steps for the end-to-end tests.
import { expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Records every request the page makes; `foreign()` lists those to another origin. */
export function trackRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    foreign: () =>
      urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== 'http://127.0.0.1:4173'),
  };
}

/** Collects uncaught errors and console errors, so a test can assert there were none. */
export function trackErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

export async function openHome(page) {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');
}

/** Answers every item on the current dimension page with `choose(itemIndex)` ("1".."5" or "dont_know"). */
export async function answerPage(page, choose) {
  const items = page.getByTestId('item');
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    await items.nth(i).locator(`input[value="${choose(i)}"]`).check();
  }
  return n;
}

/** Answers all dimensions from the current page on, then follows the last "next" link. */
export async function answerAll(page, choose) {
  for (let d = 0; ; d++) {
    await expect(page.getByTestId('progress')).toBeVisible();
    await answerPage(page, (i) => choose(d, i));
    const next = page.getByTestId('next');
    const label = await next.textContent();
    await next.click();
    if (label !== 'Next') return;
  }
}

/** Clicks a control that downloads a file and returns the file's name and parsed JSON. */
export async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  const text = await readFile(path, 'utf8');
  return { name: file.suggestedFilename(), path, text, json: JSON.parse(text) };
}

const questionnaire = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.json', import.meta.url), 'utf8'));
export const ITEM_IDS = questionnaire.dimensions.flatMap((d) => d.items.map((i) => i.id));

/** A valid response file, built by hand the way docs/FORMAT.md describes it. */
export function responseFile(id, answerFor, extra = {}) {
  return {
    format: 'teamshape',
    format_version: 1,
    kind: 'response',
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    response: {
      id,
      started_at: '2026-11-01T09:00:00.000Z',
      answers: ITEM_IDS.map((item, i) => ({ item, answer: answerFor(i), answered_at: '2026-11-01T09:05:00.000Z' })),
      ...extra,
    },
  };
}

export function asUpload(name, json) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json, null, 2)) };
}
