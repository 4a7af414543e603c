// "Print or save as PDF" gives a clean report: every dimension, the discussion prompts, no
// controls, and white paper with a light chart even when the page is dark.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TITLES, asUpload, demoBackup, restore } from './helpers.mjs';

const CONTROLS = [
  'Skip to content',
  'Theme',
  'Download results',
  'Download team result',
  'Download all my data',
  'Change answers',
  'Start over',
  'Print or save as PDF',
  'Presentation view',
  'Compare with a team check',
  'Add my answers',
  'Import answers filled apart',
  'Choose files',
  'Delete team check',
  "Show a person's shape",
  'Dismiss',
];
const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** Prints the page to PDF as a person would (A4, background graphics on). */
async function printed(page, name) {
  const dir = await mkdtemp(join(tmpdir(), 'teamshape-print-'));
  const pdf = join(dir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, margin: { top: '1.5cm', bottom: '1.5cm', left: '1.5cm', right: '1.5cm' } });
  const text = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/-\n/g, '-'));
  // Pages in grey at 30 dpi: a solid dark area 2 cm wide (a dark chart background, a dark
  // page) shows as rows with a long run of dark pixels; text never does.
  execFileSync('pdftoppm', ['-gray', '-r', '30', pdf, join(dir, 'page')]);
  let darkRows = 0;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.pgm'))) {
    const bytes = await readFile(join(dir, file));
    const [, w, h] = bytes.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/).map(Number);
    const start = bytes.length - w * h;
    for (let y = 0; y < h; y++) {
      let run = 0;
      for (let x = 0; x < w; x++) {
        run = bytes[start + y * w + x] < 80 ? run + 1 : 0;
        if (run >= 24) {
          darkRows++;
          break;
        }
      }
    }
  }
  return { pdf, text, darkRows };
}

async function expectCleanReport(page, name, mustHave) {
  const report = await printed(page, name);
  for (const words of [...TITLES, ...mustHave]) expect(report.text, `the PDF shows "${words}"`).toContain(squash(words));
  for (const control of CONTROLS) expect(report.text, `the PDF has no "${control}"`).not.toContain(control);
  expect(report.darkRows, 'no dark areas on paper').toBe(0);
  return report;
}

for (const theme of ['light', 'dark']) {
  test(`solo and team results print as a clean report (${theme} theme)`, async ({ page }) => {
    await restore(page, asUpload('demo.json', demoBackup()));
    await page.getByTestId('theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    await page.goto('./#/results/solo-demo');
    await expect(page.getByTestId('radar').locator('svg')).toBeVisible();
    const prompt = await page.getByTestId('dimension').first().locator('.prompts li').first().textContent();
    const why = await page.getByTestId('why-no-grade').textContent();
    await expectCleanReport(page, `solo-${theme}`, ['The shape of your answers', prompt, why.slice(0, 60)]);
    // After printing the chart is back in the page's palette.
    const background = page.getByTestId('radar').locator('svg rect').first();
    await expect(background).toHaveAttribute('fill', theme === 'dark' ? /#111827/i : /#FFFFFF/i);

    await page.goto('./#/team/check-demo');
    await expect(page.getByTestId('distributions')).toBeVisible();
    const agreed = await page.getByTestId('agree').locator('.prompts li').first().textContent();
    await expectCleanReport(page, `team-${theme}`, [
      'Platform team, Q3',
      "The team's shape",
      'Where you see things differently',
      'How the team answered each statement',
      agreed,
    ]);
  });
}
