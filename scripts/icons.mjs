#!/usr/bin/env node
// Draws the app icons for the web app manifest from the SVGs in public/, with Playwright's
// headless Debian chromium (already needed by the tests), so no image tool is needed. Run once
// after changing an icon and commit the PNGs; the build only copies them.
//
//   node scripts/icons.mjs
//
//   public/favicon.svg       -> public/icon-192.png, public/icon-512.png   (purpose "any")
//   public/icon-maskable.svg -> public/icon-maskable-512.png              (purpose "maskable":
//                               full bleed, the shape inside the central 80% safe zone)
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';

const pub = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const jobs = [
  ['favicon.svg', 192, 'icon-192.png'],
  ['favicon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const [source, size, target] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const svg = readFileSync(join(pub, source), 'utf8');
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(pub, target), omitBackground: true });
    await page.close();
    console.log(`${source} -> ${target} (${size} px)`);
  }
} finally {
  await browser.close();
}
