// The Content-Security-Policy holds on every screen, nothing leaves the page's own origin, and
// text from files (names, comments, file names) is shown as text, never run as markup.
import { test, expect } from '@playwright/test';
import {
  answerAll,
  asUpload,
  backupFile,
  finishTurn,
  openHome,
  responseFile,
  restore,
  teamCheckFile,
  trackErrors,
  trackRequests,
} from './helpers.mjs';

/**
 * Records CSP violations, from the DOM event and from the console ("Refused to ...", "violates
 * the following Content Security Policy directive"), across reloads; each different one once.
 */
async function trackCsp(page) {
  const violations = new Set();
  await page.exposeBinding('__reportCsp', (_, v) => violations.add(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} ${e.sample} (from ${e.sourceFile}:${e.lineNumber})`),
    );
  });
  page.on('console', (m) => {
    if (/content security policy|refused to/i.test(m.text())) violations.add(`console: ${m.text()}`);
  });
  return { list: () => [...violations] };
}

test('the policy is in place, strict, and the app runs under it without a single violation', async ({ page }) => {
  const violations = await trackCsp(page);
  const requests = trackRequests(page);
  const errors = trackErrors(page);

  const response = await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does your team work?');

  // The meta tag is the first element of <head>, so it covers everything after it.
  const meta = await page.evaluate(() => {
    const first = document.head.firstElementChild;
    return { tag: first.outerHTML, equiv: first.getAttribute('http-equiv'), policy: first.getAttribute('content') };
  });
  expect(meta.equiv).toBe('Content-Security-Policy');
  const policy = meta.policy;
  expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/);
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['style-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  // Every script is a file of the page's origin (the wasm's boot script too): no inline script,
  // so no hash; 'wasm-unsafe-eval' compiles the wasm and its split modules.
  expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives['connect-src']).toEqual(["'self'"]);
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  expect(inline).toBe(0);

  // Hosts that read _headers send the same policy as a header (the e2e server does).
  expect(response.headers()['content-security-policy']).toBe(policy);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');

  // A solo check from the first page to the results, in both themes.
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('item').nth(1).getByText('Add a comment').click();
  await page.getByTestId('item').nth(1).getByRole('textbox').fill('a comment');
  await answerAll(page, (d, i) => (i === 0 ? 'dont_know' : String(((d + i) % 5) + 1)));
  await expect(page.getByTestId('radar').locator('svg')).toBeVisible();
  await page.getByTestId('theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme').selectOption('light');
  await page.reload();
  await expect(page.getByTestId('radar').locator('svg')).toBeVisible();

  // A named team check of three, with the per-statement bars, a person's overlay, the import
  // outcomes and the hand-over.
  await openHome(page);
  await page.getByRole('link', { name: 'Create a team check' }).click();
  await page.getByTestId('check-name').fill('CSP check');
  await page.getByTestId('named').check();
  await page.getByTestId('create-check').click();
  await expect(page.getByTestId('check-title')).toHaveText('CSP check');
  const files = ['Ann', 'Bo', 'Cy'].map((name, n) =>
    asUpload(`${name}.json`, responseFile(`member-${n}`, (i) => ((i + n) % 5) + 1, { respondent: name })),
  );
  await page.getByTestId('import-files').setInputFiles(files);
  await expect(page.getByTestId('import-outcomes').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('distributions').locator('.bar').first()).toBeAttached();
  await page.getByTestId('overlays').getByLabel('Bo').check();
  await page.getByTestId('respondent-name').fill('Dee');
  await page.getByTestId('add-answers').click();
  await finishTurn(page);

  expect(violations.list()).toEqual([]);
  expect(requests.foreign()).toEqual([]);
  expect(errors).toEqual([]);
});

test('names, comments and file names from a restored file show as text and never run', async ({ page }) => {
  const violations = await trackCsp(page);
  const requests = trackRequests(page);
  const errors = trackErrors(page);
  const img = '<img src=x onerror="window.__xss=1">';
  const script = '<script>window.__xss=2</script>';
  const svg = '<svg onload="window.__xss=3"></svg>';
  const checkName = `${img} ${script}`;

  const solo = responseFile('solo-xss', (i) => (i % 5) + 1);
  solo.response.answers[0].comment = `${script} ${img}`;
  const people = [img, script, svg].map((name, n) =>
    responseFile(`resp-xss-${n}`, (i) => ((i + n) % 5) + 1, { respondent: name }).response,
  );
  people[0].answers[2].comment = svg;
  const team = teamCheckFile({ id: 'check-xss', name: checkName, anonymity: 'named' }, people);

  await openHome(page);
  const scriptsBefore = await page.evaluate(() => document.scripts.length);
  await restore(page, asUpload(`${svg}.json`, backupFile([solo, team])));
  await expect(page.getByTestId('notice')).toContainText(`${svg}.json: restored 1 check and 1 team check.`);

  // Home: the team check's name, literally.
  await expect(page.getByTestId('team-checks').locator('a')).toHaveText(checkName);

  // The team check: title, and each person's name where their shape can be shown.
  await page.getByTestId('team-checks').locator('a').click();
  await expect(page.getByTestId('check-title')).toHaveText(checkName);
  const overlays = page.getByTestId('overlays').locator('label');
  await expect(overlays).toHaveText([img, script, svg]);
  await overlays.first().locator('input').check();
  await expect(page.getByTestId('radar').locator('svg')).toBeVisible();

  // The survey shows the comment in its text box.
  await page.goto('./#/survey/solo-xss/1');
  await expect(page.getByTestId('item').first().getByRole('textbox')).toHaveValue(`${script} ${img}`);

  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.evaluate(() => document.scripts.length)).toBe(scriptsBefore);
  expect(await page.locator('img, body svg[onload], [onerror]').count()).toBe(0);
  expect(requests.urls.filter((u) => /\/x$/.test(u))).toEqual([]);
  // Nothing was even attempted: a payload that had been parsed as markup would show up here as
  // a blocked inline handler.
  expect(violations.list()).toEqual([]);
  expect(errors).toEqual([]);
});
