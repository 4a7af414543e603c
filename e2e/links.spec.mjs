// Sharing without files (issue 15): an invitation opened from its link on five phones, each
// person's answers sent back as a link, and a whole chat pasted into the team check.
import { test, expect } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { answerAll, asUpload, createCheck, openHome, QUESTIONNAIRE, questionnaireHash, restore, trackErrors, trackRequests } from './helpers.mjs';

const DIMENSIONS = QUESTIONNAIRE.dimensions;
const STATEMENTS = DIMENSIONS.reduce((n, d) => n + d.items.length, 0);
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Decodes the QR code on screen from a screenshot of it. */
async function readQr(locator) {
  // In the middle of the screen, clear of the notice bar at the bottom.
  await locator.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code?.data ?? null;
}

test('five people answer an invitation on their phones and send links; the facilitator pastes the chat', async ({ browser }) => {
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await facilitator.newPage();
  const errors = trackErrors(page);
  const requests = trackRequests(page);
  await createCheck(page, 'Platform team, links');

  // The invitation: a link, and a QR code that holds exactly that link.
  const invite = page.getByTestId('invite');
  const invitation = await invite.getByTestId('link-text').inputValue();
  expect(invitation).toContain('#/join/');
  expect(invitation.startsWith(new URL('./', page.url()).href)).toBe(true);
  expect(await readQr(invite.getByTestId('invite-qr'))).toBe(invitation);
  // Large for a projector: over the whole page, still the same code; Escape closes it.
  await invite.getByTestId('qr-large').click();
  const frame = invite.getByTestId('invite-qr-frame');
  await expect(frame).toHaveClass(/qr-large/);
  const box = await invite.getByTestId('invite-qr').boundingBox();
  expect(box.height).toBeGreaterThan(700);
  expect(await readQr(invite.getByTestId('invite-qr'))).toBe(invitation);
  await page.keyboard.press('Escape');
  await expect(frame).not.toHaveClass(/qr-large/);

  // Five members, each on a phone, open the invitation and answer everything.
  const links = [];
  for (let n = 0; n < 5; n++) {
    const context = await browser.newContext(PHONE);
    const phone = await context.newPage();
    const phoneErrors = trackErrors(phone);
    await phone.goto(invitation);
    await expect(phone.getByTestId('join-title')).toHaveText('Platform team, links');
    await expect(phone.getByTestId('join-questionnaire')).toContainText(`${STATEMENTS} statements`);
    await phone.getByTestId('join-start').click();
    if (n === 0) {
      // A short comment on the first statement travels in the link.
      const first = phone.getByTestId('item').first();
      await first.locator('summary').click();
      await first.locator('textarea').fill('We rarely talk about goals.');
    }
    // They agree on everything but the first dimension, where they are far apart.
    await answerAll(phone, (d, i) => (d === 0 ? ['1', '5', '1', '5', '3'][n] : i === 0 && n === 4 ? 'dont_know' : '4'));
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Share your answers');
    await expect(phone.getByTestId('share-summary')).toContainText(`You answered ${STATEMENTS} of ${STATEMENTS} statements`);
    await expect(phone.getByTestId('link-privacy')).toContainText('holds your answers');
    const mine = await phone.getByTestId('link-text').inputValue();
    expect(mine).toContain('#/answers/');
    expect(mine.length).toBeLessThanOrEqual(2000);
    // Copy works where the browser lets it (or the link stays selectable in its field).
    await phone.getByTestId('copy-link').click();
    await expect(phone.getByTestId('notice')).toContainText(/Copied|selected/);
    if (n === 0) {
      // Opened again in the same tab: offered to go on, not counted as a second person.
      await phone.goto(invitation);
      await expect(phone.getByTestId('join-again')).toBeVisible();
    }
    expect(phoneErrors).toEqual([]);
    links.push(mine);
    await context.close();
  }

  // The chat, pasted whole: names, times, other links, and one link cut off while copying.
  const cut = links[2].slice(0, Math.floor(links[2].length * 0.6));
  const chat = [
    '[09:58] Facilitator: please answer here ' + invitation.replace('#/join/', '#/join/'),
    `[10:01] Ada: done ${links[0]}`,
    '[10:02] Grace: wait, which link? see https://example.org/#/team/nothing',
    `[10:03] Grace: ${links[1]} 👍`,
    `[10:04] Linus: ${cut}`,
    `[10:05] Linus: sorry, again:\n${links[2]}`,
    `[10:06] Margaret: <${links[3]}>`,
    `[10:07] Edsger: (${links[4]}).`,
  ].join('\n');
  await page.getByTestId('paste-links').fill(chat);
  await page.getByTestId('add-links').click();
  const outcomes = page.getByTestId('import-outcomes').locator('li');
  // The invitation, five answers and the cut one: each read on its own, all or nothing.
  await expect(outcomes).toHaveCount(7);
  await expect(outcomes.filter({ hasText: 'added 1 response' })).toHaveCount(5);
  const refused = page.getByTestId('import-outcomes').locator('li.error');
  await expect(refused).toHaveCount(2);
  await expect(refused.filter({ hasText: 'invitation, not someone\'s answers' })).toHaveCount(1);
  await expect(refused.filter({ hasText: /cut off|damaged/ })).toHaveCount(1);
  await expect(page.getByTestId('check-meta')).toContainText('Anonymous · 5 people have answered');
  await expect(page.getByTestId('notice')).toContainText('Imported 5 of 7 links; 2 refused.');

  // The team's shape, from five links.
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('below-threshold')).toHaveCount(0);
  await expect(page.getByTestId('distributions').locator('table')).toHaveCount(DIMENSIONS.length);
  await expect(page.getByTestId('differently').locator('li').first()).toContainText(DIMENSIONS[0].title);
  await expect(page.getByTestId('comments')).toContainText('We rarely talk about goals.');

  // The same chat again changes nothing.
  await page.getByTestId('paste-links').fill(chat);
  await page.getByTestId('add-links').click();
  await expect(page.getByTestId('notice')).toContainText('Imported 5 of 7 links');
  await expect(outcomes.filter({ hasText: 'already imported; nothing changed' })).toHaveCount(5);
  await expect(page.getByTestId('check-meta')).toContainText('5 people have answered');

  expect(requests.foreign()).toEqual([]);
  expect(errors).toEqual([]);
  await facilitator.close();
});

test('a hostile or cut link changes nothing and says why; a good one asks before adding', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = trackErrors(page);
  await openHome(page);
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape')).sort());
  const before = await stored();
  for (const [hash, words] of [
    ['#/answers/AAAA', 'damaged'],
    ['#/answers/eJw%3Cscript%3E', 'never do'],
    ['#/join/eJwrSS0u0c3MS8nMS', /cut off|damaged/],
  ]) {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('link-refused')).toContainText(words);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('cannot be opened');
  }
  expect(await stored()).toEqual(before);

  // A solo response's link, opened on another device: shown first, kept only on request.
  await page.goto('./');
  await page.getByTestId('start').click();
  await answerAll(page, () => '3');
  await page.getByTestId('share-answers').click();
  const mine = await page.getByTestId('link-text').inputValue();
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(mine);
  await expect(second.getByTestId('answers-summary')).toContainText(`${STATEMENTS} of ${STATEMENTS} statements answered`);
  expect(await second.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape:response:')).length)).toBe(0);
  await second.getByTestId('keep-link').click();
  await expect(second.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await second.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('teamshape:response:')).length)).toBe(1);
  await other.close();
  expect(errors).toEqual([]);
  await context.close();
});

test("a team check with its own questionnaire: the invitation carries it to a device that never had it", async ({ browser }) => {
  // A questionnaire of the team's own, three statements, brought in by a team check file.
  const own = {
    id: 'retro-mini',
    version: 1,
    title: 'Our retro check',
    description: 'Three statements about the last month.',
    dimensions: ['focus', 'safety', 'pace'].map((id) => ({
      id,
      version: 1,
      title: id[0].toUpperCase() + id.slice(1),
      description: `About ${id}.`,
      prompts: [],
      items: [{ id: `${id}.one`, version: 1, text: `In the last month, ${id} was fine.`, reverse: false }],
    })),
  };
  const statements = own.dimensions.reduce((n, d) => n + d.items.length, 0);
  const file = {
    format: 'teamshape',
    format_version: 2,
    kind: 'team_check',
    questionnaire: { ...own, hash: questionnaireHash(own) },
    team_check: { id: 'check-own', name: 'Retro, our own questions', anonymity: 'named', anonymity_threshold: 3, created_at: '2026-11-02T08:00:00.000Z' },
    responses: [],
  };
  const facilitator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await facilitator.newPage();
  await restore(page, asUpload('own.json', file));
  await page.goto('./#/team/check-own');
  const invitation = await page.getByTestId('invite').getByTestId('link-text').inputValue();
  // The denser code decodes to the link, on the page and shown large as for a projector.
  expect(await readQr(page.getByTestId('invite-qr'))).toBe(invitation);
  await page.getByTestId('qr-large').click();
  expect(await readQr(page.getByTestId('invite-qr'))).toBe(invitation);
  await page.keyboard.press('Escape');

  const member = await browser.newContext(PHONE);
  const phone = await member.newPage();
  await phone.goto(invitation);
  await expect(phone.getByTestId('join-questionnaire')).toContainText(`Our retro check · ${statements} statements`);
  // A named check: the name first.
  await phone.getByTestId('join-start').click();
  await expect(phone.getByTestId('notice')).toContainText('Enter your name first');
  await phone.getByTestId('respondent-name').fill('Ada');
  await phone.getByTestId('join-start').click();
  await answerAll(phone, () => '5');
  const mine = await phone.getByTestId('link-text').inputValue();
  // The questionnaire is kept on the member's device: a reload still shows the check.
  await phone.reload();
  await expect(phone.getByTestId('link-text')).toHaveValue(mine);
  await member.close();

  await page.getByTestId('paste-links').fill(`Ada: ${mine}`);
  await page.getByTestId('add-links').click();
  await expect(page.getByTestId('import-outcomes')).toContainText('link 1: added 1 response');
  await expect(page.getByTestId('check-meta')).toContainText('Named · 1 person has answered');
  await facilitator.close();
});
