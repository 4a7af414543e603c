// Your own questionnaire: a coach makes one in the editor, previews it, exports it; members on
// other devices import it, answer it and download their answers; the coach imports them into a
// team check with that questionnaire and sees the team's shape. Editing it once it is shared
// makes a new version. Every count comes from the questionnaire the test types in.

import { test, expect } from '@playwright/test';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerAll, download, openHome, trackErrors } from './helpers.mjs';

const OURS = {
  title: 'Platform health',
  description: 'How our platform team works, in our own words.',
  dimensions: [
    { title: 'On-call', description: 'Being on call without burning out.', prompts: ['What woke us up last month?'],
      items: ['In the last month, pages reached the right person.', 'In the last month, I lost sleep over a page.', 'In the last month, we fixed the cause of repeated pages.'] },
    { title: 'Docs', description: 'Finding what we need to know.', prompts: ['Which page did you miss?', 'What is out of date?'],
      items: ['In the last month, I found the runbook I needed.', 'In the last month, I asked a colleague because the docs were wrong.', 'In the last month, we updated docs after a change.'] },
    { title: 'Releases', description: 'Shipping safely and often.', prompts: ['What slowed a release?'],
      items: ['In the last month, we released at least weekly.', 'In the last month, a release was rolled back.', 'In the last month, I could release without asking for help.', 'In the last month, releases happened in working hours.'] },
  ],
};
// The second statement of each dimension describes a worse state.
const REVERSED = 1;
const STATEMENTS = OURS.dimensions.reduce((n, d) => n + d.items.length, 0);

async function openQuestionnaires(page) {
  await openHome(page);
  await page.getByTestId('questionnaires-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questionnaires');
}

/** Types OURS into a blank draft, adding dimensions and statements as needed. */
async function typeQuestionnaire(page) {
  await page.getByTestId('q-title').fill(OURS.title);
  await page.getByTestId('q-description').fill(OURS.description);
  const dims = page.getByTestId('dimension-editor');
  while ((await dims.count()) < OURS.dimensions.length) await page.getByTestId('add-dimension').click();
  for (const [d, dim] of OURS.dimensions.entries()) {
    const box = dims.nth(d);
    await box.getByTestId('d-title').fill(dim.title);
    await box.getByTestId('d-description').fill(dim.description);
    await box.getByTestId('d-prompts').fill(dim.prompts.join('\n'));
    const statements = box.getByTestId('statement-editor');
    while ((await statements.count()) < dim.items.length) await box.getByTestId('add-statement').click();
    for (const [i, text] of dim.items.entries()) {
      await statements.nth(i).getByTestId('s-text').fill(text);
      if (i === REVERSED) await statements.nth(i).getByTestId('s-reverse').check();
    }
  }
}

test('a coach makes a questionnaire, members elsewhere answer it, and the coach sees the team result', async ({ browser }) => {
  const coachContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const coach = await coachContext.newPage();
  const errors = trackErrors(coach);
  await openQuestionnaires(coach);
  await coach.getByTestId('new-questionnaire').click();
  await expect(coach.getByRole('heading', { level: 1 })).toHaveText('Untitled questionnaire');
  // Live checks: an empty draft cannot be saved, and says why in words.
  await expect(coach.getByTestId('error-count')).toContainText('to fix before saving');
  await expect(coach.getByTestId('editor-notes')).toContainText('The questionnaire needs a title.');
  await typeQuestionnaire(coach);

  // Nothing typed is lost: the draft is back after a reload, before it was ever saved.
  await coach.reload();
  await expect(coach.getByTestId('q-title')).toHaveValue(OURS.title);
  await expect(coach.getByTestId('dimension-editor')).toHaveCount(OURS.dimensions.length);
  await expect(coach.getByTestId('s-text').last()).toHaveValue(OURS.dimensions.at(-1).items.at(-1));

  await expect(coach.getByTestId('error-count')).toHaveText('Ready to save.');
  await coach.getByTestId('save-questionnaire').click();
  await expect(coach.getByTestId('notice')).toContainText(`Saved "${OURS.title}", version 1.`);

  // The preview is the real survey, every statement on one page.
  await coach.getByTestId('preview').click();
  await expect(coach.getByTestId('item')).toHaveCount(STATEMENTS);
  await expect(coach.getByTestId('progress')).toContainText(`0 of ${STATEMENTS} answered`);
  await coach.getByTestId('item').first().locator('input[value="4"]').check();
  await expect(coach.getByTestId('progress')).toContainText(`1 of ${STATEMENTS} answered`);
  await coach.getByTestId('next').click();
  await expect(coach.getByTestId('q-title')).toHaveValue(OURS.title);

  // Exported: a questionnaire file whose ids were made from the words.
  const file = await download(coach, 'export-draft');
  expect(file.json.kind).toBe('questionnaire');
  expect(file.json.questionnaire.title).toBe(OURS.title);
  expect(file.json.questionnaire.dimensions.map((d) => d.title)).toEqual(OURS.dimensions.map((d) => d.title));
  expect(file.json.questionnaire.dimensions[0].id).toBe('on-call');
  expect(file.json.questionnaire.dimensions[1].prompts).toEqual(OURS.dimensions[1].prompts);
  expect(file.json.questionnaire.dimensions[0].items[REVERSED].reverse).toBe(true);
  expect(file.json.questionnaire.dimensions[0].items[0].reverse).toBe(false);

  // Members, each on their own phone: import the file, answer, download their answers.
  // Downloads go with their browser context: kept, as a coach keeps the files sent to them.
  const inbox = await mkdtemp(join(tmpdir(), 'teamshape-editor-'));
  const answersFiles = [];
  for (let m = 0; m < 3; m++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const member = await context.newPage();
    const memberErrors = trackErrors(member);
    await openQuestionnaires(member);
    await member.getByTestId('import-questionnaire').setInputFiles(file.path);
    await expect(member.getByTestId('notice')).toContainText('the questionnaire is on this device now');
    const ours = member.locator(`[data-questionnaire="${file.json.questionnaire.id}"]`);
    await expect(ours).toContainText(`${STATEMENTS} statements`);
    // Still there after a reload: imported questionnaires are kept on the device.
    await member.reload();
    await ours.getByTestId('answer-questionnaire').click();
    await expect(member.getByRole('heading', { level: 1 })).toHaveText(OURS.dimensions[0].title);
    await answerAll(member, (d, i) => String(((m + d + i) % 5) + 1));
    await expect(member.getByTestId('download')).toBeVisible();
    const answers = await download(member, 'download');
    expect(answers.json.kind).toBe('response');
    expect(answers.json.questionnaire.id).toBe(file.json.questionnaire.id);
    expect(answers.json.response.answers).toHaveLength(STATEMENTS);
    const kept = join(inbox, `member-${m + 1}.json`);
    await copyFile(answers.path, kept);
    answersFiles.push(kept);
    expect(memberErrors).toEqual([]);
    await context.close();
  }

  // The coach's team check with that questionnaire, threshold 3, and the members' files.
  await coach.goto('./#/team/new');
  await coach.getByTestId('check-name').fill('Platform, December');
  await coach.getByTestId('questionnaire-choice').getByText(OURS.title).click();
  await coach.getByTestId('threshold').fill('3');
  await coach.getByTestId('create-check').click();
  await coach.getByTestId('import-files').setInputFiles(answersFiles);
  for (let m = 1; m <= 3; m++) await expect(coach.getByTestId('import-outcomes')).toContainText(`member-${m}.json: added 1 response`);
  await expect(coach.getByTestId('notice')).toContainText('Imported 3 of 3 files; 0 refused.');
  await coach.getByTestId('reveal').click();
  await expect(coach.getByTestId('radar').first()).toBeVisible();
  for (const dim of OURS.dimensions) await expect(coach.locator('main')).toContainText(dim.title);
  await expect(coach.getByTestId('below-threshold')).toHaveCount(0);
  expect(errors).toEqual([]);
  await coachContext.close();
});

test('editing a questionnaire that was shared makes a new version; a typo fix keeps its statement', async ({ page }) => {
  const errors = trackErrors(page);
  await openQuestionnaires(page);
  await page.getByTestId('new-questionnaire').click();
  await typeQuestionnaire(page);
  await page.getByTestId('save-questionnaire').click();
  await expect(page.getByTestId('notice')).toContainText('version 1.');
  const first = await download(page, 'export-draft');
  const ids = first.json.questionnaire.dimensions[0].items.map((i) => i.id);

  // Shared: every statement whose meaning changes becomes a new one, in a new version.
  await expect(page.getByTestId('new-version-note')).toContainText('saving makes version 2');
  const statements = page.getByTestId('statement-editor');
  await statements.nth(0).getByTestId('s-text').fill(OURS.dimensions[0].items[0].replace('reached', 'reachd'));
  await statements.nth(0).getByTestId('s-text').fill(OURS.dimensions[0].items[0].replace('right', 'correct'));
  await expect(statements.nth(0).getByTestId('meaning-changed')).toContainText('Saving makes this a new statement');
  await statements.nth(0).getByTestId('s-same-meaning').check();
  await statements.nth(2).getByTestId('s-text').fill('In the last month, we removed a noisy alert.');
  await page.getByTestId('save-questionnaire').click();
  await expect(page.getByTestId('notice')).toContainText('version 2');
  await expect(page.getByTestId('notice')).toContainText('the answers stay with version 1');
  const second = await download(page, 'export-draft');
  expect(second.json.questionnaire.version).toBe(2);
  const now = second.json.questionnaire.dimensions[0].items;
  expect(now[0].id).toBe(ids[0]);
  expect(now[1].id).toBe(ids[1]);
  expect(now[2].id).not.toBe(ids[2]);
  // Both versions stay on the device: answers to version 1 remain readable.
  await page.goto('./#/questionnaires');
  await expect(page.locator(`[data-questionnaire="${second.json.questionnaire.id}"]`)).toContainText('version 2');
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape:questionnaire:')).sort());
  expect(stored).toEqual([`teamshape:questionnaire:${first.json.questionnaire.id}:1`, `teamshape:questionnaire:${first.json.questionnaire.id}:2`]);
  // And "Download all my data" holds both, so a restore on another browser can read their answers.
  await openHome(page);
  const backup = await download(page, 'download-all');
  const kept = backup.json.documents.filter((d) => d.kind === 'questionnaire').map((d) => `${d.questionnaire.id} ${d.questionnaire.version}`);
  expect(kept.sort()).toEqual([`${first.json.questionnaire.id} 1`, `${first.json.questionnaire.id} 2`]);
  expect(errors).toEqual([]);
});

test('a stored draft that cannot be read is moved aside, never overwritten', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('teamshape:editor-draft', '{"base": null, "questionnaire": {');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('./#/editor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No questionnaire is being edited');
  await expect(page.getByTestId('damaged-data')).toContainText('teamshape:editor-draft');
  const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('teamshape-damaged:')).map(([, v]) => v));
  expect(kept).toEqual(['{"base": null, "questionnaire": {']);
});
