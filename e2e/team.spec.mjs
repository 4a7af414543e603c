// Team mode: filled apart and merged from files, or filled together on one device.
import { test, expect } from '@playwright/test';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITEM_IDS, TITLES, answerAll, answerPage, asUpload, createCheck, demoBackup, download, finishTurn, openHome, responseFile, restore, teamCheckFile, trackErrors, trackRequests } from './helpers.mjs';

const questionnaire = JSON.parse(await readFile(new URL('../questionnaire/teamshape-core.v2.json', import.meta.url), 'utf8'));
const DIMENSIONS = questionnaire.dimensions;

test('three people fill apart, a fourth merges their files and two more into an anonymous team check', async ({ browser }) => {
  const dir = await mkdtemp(join(tmpdir(), 'teamshape-'));
  const files = [];
  // They agree on everything but the first dimension, where they are far apart.
  for (const [n, first] of ['1', '5', '3'].entries()) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openHome(page);
    await page.getByTestId('start').click();
    await answerAll(page, (dimension, item) => (dimension === 0 ? first : item === 0 && n === 2 ? 'dont_know' : '4'));
    const file = await download(page, 'download');
    const kept = join(dir, `member-${n + 1}.json`);
    await copyFile(file.path, kept);
    files.push(kept);
    await context.close();
  }
  // Two more people, answering as the first two did: the first dimension splits in two groups.
  const inFirst = new Set(DIMENSIONS[0].items.map((i) => i.id));
  const more = [1, 5].map((v, n) => asUpload(`member-${n + 4}.json`, responseFile(`more-${n}`, (i) => (inFirst.has(ITEM_IDS[i]) ? v : 4))));

  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = trackRequests(page);
  const errors = trackErrors(page);
  await createCheck(page, 'Platform team, Q3');
  await page.getByTestId('import-files').setInputFiles(files);
  const outcomes = page.getByTestId('import-outcomes');
  await expect(outcomes.locator('li')).toHaveCount(3);
  await expect(outcomes).toContainText('member-1.json: added 1 response');
  await expect(page.getByTestId('check-meta')).toContainText('Anonymous · 3 people have answered');
  await page.getByTestId('import-files').setInputFiles(more);
  await expect(page.getByTestId('check-meta')).toContainText('Anonymous · 5 people have answered');

  // Hidden until shown; then the dots are drawn and the disagreement is listed first.
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toHaveCount(0);
  await expect(page.getByTestId('radar').locator('figcaption')).toContainText('diamonds');
  const differently = page.getByTestId('differently').locator('li');
  await expect(differently.first()).toContainText(DIMENSIONS[0].title);
  await expect(differently.first()).toContainText('two groups');
  await expect(page.getByTestId('agree')).toContainText(TITLES[1]);
  await expect(page.getByTestId('distributions').locator('table')).toHaveCount(DIMENSIONS.length);
  await expect(page.getByTestId('overlays')).toHaveCount(0);
  // As a whole the first dimension has no gap (reverse-worded statements pull the scores in):
  // spread out. Its statements, answered 1, 1, 3, 5, 5, are two groups, and come first above.
  await expect(page.getByTestId('team-table').locator('tbody tr').first()).toContainText('spread out');

  // Importing the same files again changes nothing.
  await page.getByTestId('import-files').setInputFiles(files);
  await expect(outcomes).toContainText('member-2.json: already imported; nothing changed');
  await expect(page.getByTestId('check-meta')).toContainText('5 people have answered');

  const exported = await download(page, 'export-check');
  expect(exported.json.kind).toBe('team_check');
  expect(exported.json.team_check.anonymity).toBe('anonymous');
  expect(exported.json.responses).toHaveLength(5);
  expect(exported.text).not.toContain('"respondent"');
  const first = exported.json.team_statistics.dimensions[0];
  expect(first).toMatchObject({ dimension: DIMENSIONS[0].id, people: 5, shown: { median: 3, shape: 'spread_out' } });

  expect(requests.foreign()).toEqual([]);
  expect(errors).toEqual([]);
});

test('together on one device: the hand-over hides the previous person\'s answers', async ({ page }) => {
  await createCheck(page, 'Workshop laptop');
  await page.getByTestId('add-answers').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  // On a laptop a turn is one page. Answer the first dimension only.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All statements');
  const first = DIMENSIONS[0].items.length;
  for (let i = 0; i < first; i++) await page.getByTestId('item').nth(i).locator('input[value="2"]').check();
  // Finishing with statements open asks first, and the person can go back to them.
  await page.getByTestId('next').click();
  await expect(page.getByTestId('finish-confirm')).toContainText(`${ITEM_IDS.length - first} statements still open`);
  await expect(page.getByTestId('hand-over')).toHaveCount(0);
  await page.getByTestId('answer-open').click();
  // The first open statement is the second dimension's first: it has focus.
  await expect(page.locator(`[data-item="${ITEM_IDS[first]}"] input`).first()).toBeFocused();
  await page.locator(`[data-item="${ITEM_IDS[first]}"] input[value="3"]`).check();
  await finishTurn(page);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('These answers are hidden');
  await expect(page.locator('input[type=radio]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('These answers are hidden');

  await page.goForward();
  await expect(page.getByTestId('hand-over')).toBeVisible();
  await page.getByTestId('next-person').click();
  await expect(page.getByTestId('progress')).toContainText(`0 of ${ITEM_IDS.length} answered`);
  await answerAll(page, () => '4');
  await expect(page.getByTestId('hand-over')).toContainText('Thank you');
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('2 people have answered');
  // Two people in an anonymous check: only how many have answered, once revealed.
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toContainText('2 people have answered');
  await expect(page.getByTestId('radar')).toHaveCount(0);
  await expect(page.getByTestId('distributions')).toHaveCount(0);
});

test('bad files are refused by name and reason; the good ones still import; nothing executes', async ({ page }) => {
  const errors = trackErrors(page);
  await createCheck(page, 'Imports');
  const xss = '<img src=x onerror="window.__xss=1">';
  const good = responseFile('good-1', (i) => (i % 5) + 1);
  good.response.answers[0].comment = xss;
  const otherQuestionnaire = responseFile('other-1', () => 3);
  otherQuestionnaire.questionnaire = { ...otherQuestionnaire.questionnaire, id: 'someone-elses', version: 2 };
  const outOfRange = responseFile('range-1', (i) => (i === 3 ? 7 : 3));
  await page.getByTestId('import-files').setInputFiles([
    asUpload('notes.json', 'hello, not json'),
    asUpload('half.json', JSON.stringify(good).slice(0, 200)),
    asUpload('other.json', otherQuestionnaire),
    asUpload('range.json', outOfRange),
    asUpload('empty.json', ''),
    asUpload('hello.json', { hello: 'world' }),
    asUpload('good.json', good),
  ]);
  const outcomes = page.getByTestId('import-outcomes');
  await expect(outcomes.locator('li')).toHaveCount(7);
  await expect(outcomes).toContainText('notes.json: not imported: this is not a JSON file');
  await expect(outcomes).toContainText('half.json: not imported: the file ends too early');
  await expect(outcomes).toContainText(
    'other.json: not imported: made with a questionnaire this device does not have ("someone-elses" version 2): import that questionnaire to see it',
  );
  await expect(outcomes).toContainText('range.json: not imported: item');
  await expect(outcomes).toContainText('empty.json: not imported: the file is empty');
  await expect(outcomes).toContainText('hello.json: not imported: this is JSON, but not a teamshape file');
  await expect(outcomes).toContainText('good.json: added 1 response');
  await expect(page.getByTestId('check-meta')).toContainText('1 person has answered');
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('named check: shapes overlay by name; a second facilitator merges the exported half', async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await createCheck(page, 'Named half A', 'named');
  for (const [name, value] of [['Alice', '2'], ['Bob', '5']]) {
    if (name === 'Alice') {
      await page.getByTestId('respondent-name').fill(name);
      await page.getByTestId('add-answers').click();
    } else {
      await page.getByTestId('respondent-name').fill(name);
      await page.getByTestId('next-person').click();
    }
    await answerAll(page, () => value);
    await expect(page.getByTestId('hand-over')).toBeVisible();
  }
  await page.getByTestId('see-team').click();
  await expect(page.getByTestId('check-meta')).toContainText('Named · 2 people have answered');
  const overlays = page.getByTestId('overlays');
  await expect(overlays).toContainText('Alice');
  await expect(overlays).toContainText('Bob');
  const svg = page.getByTestId('radar').locator('svg');
  const before = await svg.locator('circle').count();
  const legend = page.getByTestId('legend');
  await expect(legend).toContainText("The team's median");
  await expect(legend).not.toContainText('Alice');
  await overlays.getByLabel('Alice').check();
  await expect.poll(() => svg.locator('circle').count()).toBeGreaterThan(before);
  // The legend names Alice with a swatch in the colour her line is drawn in, and prints.
  const entry = legend.locator('li', { hasText: 'Alice' });
  await expect(entry).toHaveCount(1);
  const swatch = await entry.locator('.swatch').innerHTML();
  const colour = swatch.match(/stroke="(#[0-9A-Fa-f]{6})"/)[1];
  expect(await svg.evaluate((s, c) => s.innerHTML.toUpperCase().includes(`STROKE="${c.toUpperCase()}"`), colour)).toBe(true);
  await page.emulateMedia({ media: 'print' });
  await expect(entry).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  const half = await download(page, 'export-check');
  expect(half.json.responses.map((r) => r.respondent).sort()).toEqual(['Alice', 'Bob']);
  await first.close();

  const second = await browser.newContext();
  const other = await second.newPage();
  await createCheck(other, 'Named half B', 'named');
  // The other facilitator's file belongs to another team check: adding it is confirmed.
  const asked = [];
  other.on('dialog', (dialog) => {
    asked.push(dialog.message());
    dialog.accept();
  });
  await other.getByTestId('import-files').setInputFiles([
    asUpload('carol.json', responseFile('carol-1', () => 3, { respondent: 'Carol' })),
    asUpload('half-a.json', half.text),
  ]);
  await expect.poll(() => asked).toHaveLength(1);
  expect(asked[0]).toContain('half-a.json belongs to the team check "Named half A"');
  expect(asked[0]).toContain('not to "Named half B"');
  await expect(other.getByTestId('import-outcomes')).toContainText('half-a.json: added 2 responses');
  await expect(other.getByTestId('check-meta')).toContainText('3 people have answered');
  await expect(other.getByTestId('overlays')).toContainText('Carol');
  await second.close();
});

test('me vs. team: a member imports the team result and sees their answers against the median', async ({ browser }) => {
  const member = await browser.newContext();
  const mine = await member.newPage();
  await openHome(mine);
  await mine.getByTestId('start').click();
  await answerAll(mine, () => '2');
  const own = await download(mine, 'download');

  const facilitator = await browser.newContext();
  const page = await facilitator.newPage();
  await createCheck(page, 'Team for me', 'anonymous', 3);
  await page.getByTestId('import-files').setInputFiles([
    asUpload('me.json', own.text),
    asUpload('b.json', responseFile('b-1', () => 4)),
    asUpload('c.json', responseFile('c-1', () => 5)),
  ]);
  await expect(page.getByTestId('check-meta')).toContainText('3 people have answered');
  const team = await download(page, 'export-check');
  await facilitator.close();

  await mine.goto('./#/');
  await mine.getByTestId('restore').setInputFiles(asUpload('team.json', team.text));
  await expect(mine.getByTestId('notice')).toContainText('restored 0 checks and 1 team check.');
  await mine.getByTestId('runs').getByRole('link', { name: 'Results' }).click();
  const figure = mine.getByTestId('radar');
  const squaresBefore = await figure.locator('svg rect').count();
  await mine.getByTestId('compare').selectOption({ label: 'Team for me' });
  await expect(figure.locator('figcaption')).toContainText('Your answers (squares)');
  await expect.poll(() => figure.locator('svg rect').count()).toBeGreaterThan(squaresBefore);
  // Three people meet this check's threshold of 3: the team's median is drawn too.
  await expect(figure.locator('svg circle')).toHaveCount(DIMENSIONS.length);

  // Presentation view: the chart's figure alone, full screen; the same button leaves it.
  const fullscreen = () => mine.evaluate(() => document.fullscreenElement?.dataset.testid ?? null);
  await mine.getByTestId('present').click();
  await expect.poll(fullscreen).toBe('radar');
  await mine.getByTestId('present').click();
  await expect.poll(fullscreen).toBe(null);
  await member.close();
});

test('room view: the team results full screen with name, date, count, legend, and dimensions paged by keyboard', async ({ page }) => {
  const errors = trackErrors(page);
  await restore(page, asUpload('demo.json', demoBackup()));
  await page.goto('./#/team/check-demo');
  await expect(page.getByTestId('radar')).toBeVisible();
  const room = page.getByTestId('room');
  // Out of the room view its extra parts stay out of the page.
  await expect(room.getByTestId('room-dimension')).toBeHidden();
  await page.getByTestId('room-view').click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.dataset.testid)).toBe('room');
  await expect(room.locator('.room-head')).toContainText('Platform team, Q3');
  await expect(room.locator('.room-head')).toContainText('5 people have answered');
  await expect(room.getByTestId('legend')).toBeVisible();
  const titles = DIMENSIONS.map((d) => d.title);
  const current = room.getByTestId('room-dimension').locator('h3');
  await expect(current).toHaveText(titles[0]);
  await page.keyboard.press('ArrowRight');
  await expect(current).toHaveText(titles[1]);
  await page.keyboard.press('End');
  await expect(current).toHaveText(titles[titles.length - 1]);
  await page.keyboard.press('ArrowRight'); // stays on the last
  await expect(current).toHaveText(titles[titles.length - 1]);
  await page.keyboard.press('PageUp');
  await expect(current).toHaveText(titles[titles.length - 2]);
  await expect(room.getByTestId('room-dimension')).toContainText(`dimension ${titles.length - 1} of ${titles.length}`);
  await page.evaluate(() => document.exitFullscreen());
  await expect(room.getByTestId('room-dimension')).toBeHidden();
  expect(errors).toEqual([]);
});

test('a file of another team check is refused unless confirmed, and every import can be taken back', async ({ page }) => {
  const errors = trackErrors(page);
  await createCheck(page, 'Platform team, Q4');
  const lastQuarter = teamCheckFile({ id: 'q2-check', name: 'Platform team, Q2', created_at: '2026-03-02T09:00:00.000Z' }, [
    responseFile('q2-a', () => 2).response,
    responseFile('q2-b', () => 3).response,
  ]);
  const questions = [];
  let answer = false;
  page.on('dialog', (dialog) => {
    questions.push(dialog.message());
    answer ? dialog.accept() : dialog.dismiss();
  });
  const outcomes = page.getByTestId('import-outcomes');
  const meta = page.getByTestId('check-meta');
  // Declined: nothing added, and the outcome says why.
  await page.getByTestId('import-files').setInputFiles(asUpload('q2.json', lastQuarter));
  await expect(outcomes).toContainText('q2.json: not imported: it belongs to another team check, "Platform team, Q2" from 2026-03-02; left out');
  expect(questions[0]).toBe('q2.json belongs to the team check "Platform team, Q2" from 2026-03-02, not to "Platform team, Q4". Add its 2 responses to "Platform team, Q4" anyway?');
  await expect(page.getByTestId('imports')).toHaveCount(0);
  // A response file of this quarter, then last quarter's file confirmed.
  await page.getByTestId('import-files').setInputFiles(asUpload('ada.json', responseFile('ada-1', () => 4)));
  await expect(meta).toContainText('1 person has answered');
  answer = true;
  await page.getByTestId('import-files').setInputFiles(asUpload('q2.json', lastQuarter));
  await expect(outcomes).toContainText('q2.json: added 2 responses');
  await expect(meta).toContainText('3 people have answered');
  const imports = page.getByTestId('imports').locator('li');
  await expect(imports).toHaveCount(2);
  await expect(imports.nth(1)).toContainText('1 file');
  // Taking back last quarter's import leaves this quarter's answers.
  await imports.nth(1).getByTestId('take-back').click();
  await expect(meta).toContainText('1 person has answered');
  expect(questions.at(-1)).toContain('Remove what this import added or changed (2 responses)?');
  await expect(page.getByTestId('notice')).toContainText('Removed what the import of');
  await expect(imports).toHaveCount(1);
  // After a reload the check is as left: the two are gone for good, Ada stays.
  await page.reload();
  await expect(meta).toContainText('1 person has answered');
  expect(errors).toEqual([]);
});

test('on a laptop a turn is one page: each answer a click, one click to finish; a page per dimension on request', async ({ page }) => {
  const errors = trackErrors(page);
  await createCheck(page, 'Few clicks');
  await page.getByTestId('add-answers').click();
  await expect(page.getByTestId('item')).toHaveCount(ITEM_IDS.length);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(DIMENSIONS.map((d) => d.title));
  // Clicks from "add my answers" to the next person: one per statement, one to finish, one to hand over.
  let clicks = 0;
  const items = page.getByTestId('item');
  for (let i = 0; i < ITEM_IDS.length; i++) {
    await items.nth(i).locator('input[value="4"]').check();
    clicks++;
  }
  await page.getByTestId('next').click();
  clicks++;
  await expect(page.getByTestId('hand-over')).toBeVisible();
  await page.getByTestId('next-person').click();
  clicks++;
  expect(clicks).toBe(ITEM_IDS.length + 2);
  // The next person prefers a page per dimension; it is remembered for the next turn.
  await page.getByTestId('layout').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DIMENSIONS[0].title);
  await expect(page.getByTestId('item')).toHaveCount(DIMENSIONS[0].items.length);
  await expect(page.getByTestId('progress')).toContainText(`Dimension 1 of ${DIMENSIONS.length}`);
  await answerAll(page, () => '3');
  await expect(page.getByTestId('hand-over')).toBeVisible();
  await page.getByTestId('next-person').click();
  await expect(page.getByTestId('item')).toHaveCount(DIMENSIONS[0].items.length);
  await page.getByTestId('layout').click();
  await expect(page.getByTestId('item')).toHaveCount(ITEM_IDS.length);
  expect(errors).toEqual([]);
});

test('a team check can use the 2-minute pulse: one statement per dimension, on the same radar axes', async ({ page }) => {
  const errors = trackErrors(page);
  const pulse = JSON.parse(await readFile(new URL('../questionnaire/teamshape-pulse.json', import.meta.url), 'utf8'));
  await openHome(page);
  await page.getByRole('link', { name: 'Create a team check' }).click();
  const choice = page.getByTestId('questionnaire-choice');
  await expect(choice.locator('input[type=radio]').first()).toBeChecked();
  await choice.getByText(pulse.title).click();
  await page.getByTestId('check-name').fill('Retro pulse');
  await page.getByTestId('named').check();
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText('Retro pulse');
  for (const [n, name] of ['Ana', 'Ben'].entries()) {
    await page.getByTestId('respondent-name').fill(name);
    await page.getByTestId(n === 0 ? 'add-answers' : 'next-person').click();
    await expect(page.getByTestId('item')).toHaveCount(pulse.dimensions.reduce((sum, d) => sum + d.items.length, 0));
    await answerAll(page, () => String(3 + n));
    await expect(page.getByTestId('hand-over')).toBeVisible();
  }
  await page.getByTestId('see-team').click();
  const drawn = (await page.getByTestId('radar').locator('svg text').allTextContents()).map((t) => t.trim()).join(' ');
  for (const dimension of DIMENSIONS) expect(drawn.split(dimension.title)).toHaveLength(2);
  const file = await download(page, 'export-check');
  expect(file.json.questionnaire).toMatchObject({ id: pulse.id, version: pulse.version });
  expect(errors).toEqual([]);
});
