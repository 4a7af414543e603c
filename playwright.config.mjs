// End-to-end tests against the release build in dist/, served under a deep sub-path, in
// Debian's chromium. Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';

// TEAMSHAPE_E2E_PORT picks another port, e.g. when another checkout's server holds 4173.
export const PORT = Number(process.env.TEAMSHAPE_E2E_PORT ?? 4173);
export const BASE = `http://127.0.0.1:${PORT}/some/deep/path/`;
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
    command: `node e2e/serve.mjs ${PORT} /some/deep/path/`,
    url: BASE,
    reuseExistingServer: !process.env.CI,
  },
});
