// End-to-end tests against the release build in dist/, served under a deep sub-path, in
// Debian's chromium. Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';

export const BASE = 'http://127.0.0.1:4173/some/deep/path/';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.mjs',
  timeout: 90_000,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: BASE,
    acceptDownloads: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'node e2e/serve.mjs 4173 /some/deep/path/',
    url: BASE,
    reuseExistingServer: !process.env.CI,
  },
});
