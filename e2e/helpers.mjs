// Shared steps for the end-to-end tests.
import { expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { BASE } from '../playwright.config.mjs';

/** The one origin the page may load from: the e2e server's. */
export const ORIGIN = new URL(BASE).origin;

/** Records every request the page makes; `foreign()` lists those to another origin. */
export function trackRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    foreign: () =>
      urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== ORIGIN),
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

/** Creates a team check from the start page: `mode` is 'anonymous' or 'named'. */
export async function createCheck(page, name, mode = 'anonymous', threshold = undefined) {
  await openHome(page);
  await page.getByRole('link', { name: 'Create a team check' }).click();
  await page.getByTestId('check-name').fill(name);
  await page.getByTestId(mode).check();
  if (threshold !== undefined) await page.getByTestId('threshold').fill(String(threshold));
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText(name);
}

/** Answers every item on the current dimension page with `choose(itemIndex)` ("1".."5" or "dont_know"). */
export async function answerPage(page, choose) {
  const items = page.getByTestId('item');
  // count() does not wait: right after "Start a check" on a slow machine the app may still be
  // loading (the shell keeps the tap), and a count of 0 would answer nothing.
  await expect(items.first()).toBeVisible();
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    await items.nth(i).locator(`input[value="${choose(i)}"]`).check();
  }
  return n;
}

/**
 * Ends a person's turn on a shared device before answering everything: finishing asks first
 * while statements are open, then "Finish anyway".
 */
export async function finishTurn(page) {
  // "Finish my turn" on a page per dimension; on one page (a laptop), the main button.
  const early = page.getByTestId('results-now');
  await ((await early.count()) ? early : page.getByTestId('next')).click();
  await expect(page.getByTestId('finish-confirm')).toBeVisible();
  await page.getByTestId('finish-anyway').click();
  await expect(page.getByTestId('hand-over')).toBeVisible();
}

/** Answers all dimensions from the current page on, then follows the last "next" link. */
export async function answerAll(page, choose) {
  for (let d = 0; ; d++) {
    await expect(page.getByTestId('progress')).toBeVisible();
    await answerPage(page, (i) => choose(d, i));
    const next = page.getByTestId('next');
    const label = await next.textContent();
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await next.click();
    if (label !== 'Next') return;
    // The next dimension's page, not the one just answered, before counting its items.
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(title);
  }
}

/** Clicks a control that downloads a file and returns the file's name and parsed JSON. */
export async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  const text = await readFile(path, 'utf8');
  return { name: file.suggestedFilename(), path, text, json: JSON.parse(text) };
}

/** The file format version this app writes, read from the core (crates/core/src/format.rs). */
export const FORMAT_VERSION = Number(
  readFileSync(new URL('../crates/core/src/format.rs', import.meta.url), 'utf8').match(/pub const FORMAT_VERSION: u64 = (\d+);/)[1],
);

/** The questionnaire new checks use (the catalog's default, crates/core/src/catalog.rs). */
export const QUESTIONNAIRE = JSON.parse(
  await readFile(new URL('../questionnaire/teamshape-core.v3.json', import.meta.url), 'utf8'),
);
const questionnaire = QUESTIONNAIRE;
export const ITEM_IDS = questionnaire.dimensions.flatMap((d) => d.items.map((i) => i.id));
/** The default questionnaire's dimension titles, in order: tests never write them down. */
export const TITLES = questionnaire.dimensions.map((d) => d.title);
/** How many dimensions the default questionnaire has: tests never write the number down. */
export const DIMENSION_COUNT = questionnaire.dimensions.length;

/**
 * A questionnaire's content hash as docs/FORMAT.md defines it: FNV-1a 64 over its JSON indented
 * by two spaces, fields in the documented order (the order of the questionnaire files).
 */
export function questionnaireHash(q) {
  const canonical = JSON.stringify({
    id: q.id,
    version: q.version,
    title: q.title,
    description: q.description,
    dimensions: q.dimensions.map((d) => ({
      id: d.id,
      version: d.version,
      title: d.title,
      description: d.description,
      prompts: d.prompts,
      items: d.items.map((i) => ({ id: i.id, version: i.version, text: i.text, reverse: i.reverse })),
    })),
    // Format version 4: the optional intuitions part, when there is one, in its documented order.
    ...(q.intuitions ? { intuitions: q.intuitions } : {}),
  }, null, 2);
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(canonical, 'utf8')) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
const HASH = questionnaireHash(questionnaire);

/** A valid response file, built by hand the way docs/FORMAT.md describes it. */
export function responseFile(id, answerFor, extra = {}) {
  return {
    format: 'teamshape',
    format_version: 4,
    kind: 'response',
    questionnaire: { id: questionnaire.id, version: questionnaire.version, hash: HASH },
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

/** A valid team check file; `responses` are the `response` objects of response files. */
export function teamCheckFile(team_check, responses) {
  return {
    format: 'teamshape',
    format_version: 4,
    kind: 'team_check',
    // A team check carries its whole questionnaire.
    questionnaire: { ...questionnaire, hash: HASH },
    // Its team, unless given: the check's own id and name, as a check of format version 2 is read.
    team_check: {
      anonymity: 'anonymous',
      anonymity_threshold: 3,
      created_at: '2026-11-02T08:00:00.000Z',
      team: { id: team_check.id, name: team_check.name },
      ...team_check,
    },
    responses: [...responses].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

/** A backup holding whole response and team check documents, responses first. */
export function backupFile(documents) {
  return { format: 'teamshape', format_version: 4, kind: 'backup', documents };
}

/** Restores files with the home page's "Restore from file" and waits for the notice. */
export async function restore(page, ...uploads) {
  await openHome(page);
  await page.getByTestId('restore').setInputFiles(uploads);
  await expect(page.getByTestId('notice')).toContainText('restored');
}

/**
 * The same data for every screen test: a finished solo check (id "solo-demo", with a
 * "Don't know" and a comment) and a named team check of five ("check-demo"), enough for the
 * team page to name shapes, whose members agree on Trust and differ on Alignment.
 */
export function demoBackup() {
  const solo = responseFile('solo-demo', (i) => (i === 7 ? 'dont_know' : [4, 3, 5, 2, 4, 3][i % 6]));
  solo.response.answers[1].comment = 'We rarely say this out loud.';
  const people = ['Ada', 'Grace', 'Linus', 'Margaret', 'Edsger'].map((name, n) =>
    responseFile(`resp-${n + 1}`, (i) => (i < 5 ? [1, 5, 3, 4, 5][n] : i === 9 && n === 2 ? 'dont_know' : [4, 4, 5, 3, 4][n]), {
      respondent: name,
    }).response,
  );
  const team = teamCheckFile({ id: 'check-demo', name: 'Platform team, Q3', anonymity: 'named' }, people);
  return backupFile([solo, team]);
}
