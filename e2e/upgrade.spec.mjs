// Questionnaires that evolve: what a browser stored before version 2 of the questionnaire (and
// of the file format) stays listed and viewable with the questionnaire it was made with, and is
// not rewritten by merely being read. Counts come from the questionnaire files, never from
// numbers written here.

import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DIMENSION_COUNT, QUESTIONNAIRE, openHome, trackErrors } from './helpers.mjs';

const read = async (path) => readFile(new URL(path, import.meta.url), 'utf8');
// Written by the version 1 writer, before the upgrade (crates/core/tests/golden/).
const V1_RESPONSE = await read('../crates/core/tests/golden/v1-response.json');
const V1_CHECK = await read('../crates/core/tests/golden/v1-team-check.json');
const V1 = JSON.parse(await read('../questionnaire/teamshape-core.json'));
const response = JSON.parse(V1_RESPONSE).response;
const check = JSON.parse(V1_CHECK).team_check;
const stored = {
  [`teamshape:response:${response.id}`]: V1_RESPONSE,
  [`teamshape:team-check:${check.id}`]: V1_CHECK,
};

test.beforeEach(async ({ page }) => {
  await page.addInitScript((stored) => {
    for (const [k, v] of Object.entries(stored)) if (!localStorage.getItem(k)) localStorage.setItem(k, v);
  }, stored);
});

test('a version 1 response and team check stored before the upgrade are listed and viewable with version 1', async ({ page }) => {
  const errors = trackErrors(page);
  // The two versions differ, or this test would prove nothing.
  expect(V1.version).not.toBe(QUESTIONNAIRE.version);
  const v1Items = V1.dimensions.reduce((n, d) => n + d.items.length, 0);
  const answered = response.answers.filter((a) => a.answer !== undefined).length;

  await openHome(page);
  await expect(page.getByTestId('kept-data')).toHaveCount(0);
  await expect(page.getByTestId('damaged-data')).toHaveCount(0);
  // Listed with its own questionnaire's count of statements.
  await expect(page.getByTestId('runs')).toContainText(`${answered} of ${v1Items} answered`);
  await expect(page.getByTestId('team-checks')).toContainText(check.name);

  // Its results: one row per dimension, and version 1's words for them.
  await page.goto(`./#/results/${response.id}`);
  await expect(page.getByTestId('score-table').locator('tbody tr')).toHaveCount(DIMENSION_COUNT);
  const details = page.getByTestId('dimension').first();
  await expect(details).toContainText(V1.dimensions[0].description);
  await expect(details).not.toContainText(QUESTIONNAIRE.dimensions[0].description);

  // Its answers: version 1's statements, with the answers given then.
  await page.goto(`./#/survey/${response.id}/1`);
  const items = page.getByTestId('item');
  await expect(items).toHaveCount(V1.dimensions[0].items.length);
  await expect(items.first()).toContainText(V1.dimensions[0].items[0].text);
  const first = response.answers[0];
  await expect(items.first().locator(`input[value="${first.answer}"]`)).toBeChecked();

  // The team check opens, with version 1's statements for a new respondent to answer.
  await page.goto(`./#/team/${check.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(check.name);

  // Reading changed nothing that was stored.
  const now = await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(stored));
  expect(now).toEqual(Object.values(stored));
  expect(errors).toEqual([]);
});

test('a new check uses version 2, with "Doesn\'t apply" apart from "Don\'t know"', async ({ page }) => {
  await openHome(page);
  await page.getByTestId('start').click();
  const items = page.getByTestId('item');
  await expect(items).toHaveCount(QUESTIONNAIRE.dimensions[0].items.length);
  await expect(items.first()).toContainText(QUESTIONNAIRE.dimensions[0].items[0].text);
  await items.nth(0).locator('input[value="doesnt_apply"]').check();
  await items.nth(1).locator('input[value="dont_know"]').check();
  await expect(items.nth(0).locator('input[value="doesnt_apply"]')).toBeChecked();
  await page.getByTestId('results-now').click();
  const row = page.getByTestId('score-table').locator('tbody tr').first();
  // Answered, Don't know, Doesn't apply: one each where given.
  await expect(row.locator('td').nth(2)).toHaveText('1');
  await expect(row.locator('td').nth(3)).toHaveText('1');
  await expect(page.getByTestId('dimension').first()).toContainText('1 answered "Doesn\'t apply"');
});
