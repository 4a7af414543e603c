#!/usr/bin/env node
// Browser benchmarks: the rows of docs/PERFORMANCE.md's targets table that only a browser can
// measure, in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), against the
// release build in dist/ (a copy of it, taken at the start) served under /some/deep/path/ by
// e2e/serve.mjs.
//
//   trunk build --release && npm run bench:browser
//
// Environment: BENCH_RUNS (default 15) runs per row, BENCH_RUNS_SLOW (default BENCH_RUNS) for
// the 1,000-respondent row, BENCH_PORT (default 4391), BENCH_ONLY (comma-separated row keys:
// nav, phone, rerender, overlays, team1000, import200, memory; memory is measured in the nav
// runs), BENCH_RUNS_PHONE (default 7) runs of each kind in the phone profile.
//
// Every run uses a fresh (cold) browser context: empty HTTP cache, no localStorage, no service
// worker installed. Times are taken inside the page with performance.now() (a MutationObserver notes when
// the DOM changes), so Playwright's own round trips are not counted. The radar's drawing time
// comes from the app itself: RadarChart (src/ui/components/radar.rs) writes how long its last
// `radar::draw` took as data-render-ms on the radar figure, and how long computing the chart's
// input took (for "compare with a team check", the team statistics) as data-input-ms.
//
// What each row measures is described where it is measured, below, and in docs/PERFORMANCE.md.
// Writes bench/results/browser-<date>.json and prints a table.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config.mjs';

const root = new URL('..', import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const RUNS_SLOW = Number(process.env.BENCH_RUNS_SLOW ?? RUNS);
const RUNS_PHONE = Number(process.env.BENCH_RUNS_PHONE ?? 7);
/**
 * A mid-range phone on a slow mobile network, set per page through the DevTools protocol: the
 * CPU 4x slower, 150 ms added to every request, 1.6 Mbit/s down and 750 kbit/s up (Lighthouse's
 * "slow 4G"), with the server sending gzip and the cache off.
 */
const PHONE = { cpuSlowdown: 4, latencyMs: 150, downBitsPerS: 1.6e6, upBitsPerS: 750e3 };
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const SUB_PATH = '/some/deep/path/';
const HOME = `http://127.0.0.1:${PORT}${SUB_PATH}`;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (key) => !ONLY || ONLY.has(key) || (key === 'nav' && ONLY.has('memory'));

if (!existsSync(new URL('dist/index.html', root))) {
  console.error('bench/browser.mjs: dist/index.html not found; run `trunk build --release` first');
  process.exit(2);
}

// ---- Test data, built the way docs/FORMAT.md describes it ----------------------------------

const questionnaire = JSON.parse(await readFile(new URL('questionnaire/teamshape-core.json', root), 'utf8'));
const ITEM_IDS = questionnaire.dimensions.flatMap((d) => d.items.map((i) => i.id));
const LABELS = { 1: 'Strongly disagree', 2: 'Disagree', 3: 'Neither agree nor disagree', 4: 'Agree', 5: 'Strongly agree', dont_know: "Don't know" };
const DIMENSIONS = questionnaire.dimensions.length;
const Q_REF = { id: questionnaire.id, version: questionnaire.version };

/** A small linear congruential generator, so every run measures the same data. */
function lcg(seed) {
  let state = BigInt(seed) * 6364136223846793005n + 1442695040888963407n;
  return () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(state >> 33n) / 2 ** 31;
  };
}

/**
 * One respondent's `response` object, as the native benchmarks generate them: about 88 % scale
 * points (uniform 1 to 5), 8 % "Don't know", 4 % left open, a short comment on about 1 in 20.
 */
function generatedResponse(id, seed, extra = {}) {
  const next = lcg(seed);
  const answers = [];
  ITEM_IDS.forEach((item, i) => {
    const roll = next();
    const entry = { item };
    if (roll < 0.88) entry.answer = 1 + Math.floor(next() * 5);
    else if (roll < 0.96) entry.answer = 'dont_know';
    if (next() < 0.05) entry.comment = `Comment ${i} of ${id}`;
    if (entry.answer === undefined && entry.comment === undefined) return;
    entry.answered_at = new Date(Date.UTC(2026, 10, 1, 9, 0, 0) + i * 7000).toISOString();
    answers.push(entry);
  });
  return { id, ...extra, started_at: '2026-11-01T09:00:00.000Z', answers };
}

const responseDocument = (response) => ({
  format: 'teamshape',
  format_version: 1,
  kind: 'response',
  questionnaire: Q_REF,
  response,
});

/** Per dimension, the mean item score (reverse-worded items flipped), as in a download. */
function scores(response) {
  const given = new Map(response.answers.map((a) => [a.item, a.answer]));
  return questionnaire.dimensions.map((d) => {
    const points = d.items.filter((i) => typeof given.get(i.id) === 'number').map((i) => (i.reverse ? 6 - given.get(i.id) : given.get(i.id)));
    const dontKnow = d.items.filter((i) => given.get(i.id) === 'dont_know').length;
    return {
      dimension: d.id,
      score: points.length ? points.reduce((a, b) => a + b, 0) / points.length : null,
      items: d.items.length,
      answered: points.length,
      dont_know: dontKnow,
      unanswered: d.items.length - points.length - dontKnow,
    };
  });
}

/** A response file as "Download results" writes it: answer labels, export time and scores. */
function downloadedResponse(response) {
  const answers = response.answers.map(({ item, answer, comment, answered_at }) => ({
    item,
    ...(answer === undefined ? {} : { answer, answer_label: LABELS[answer] }),
    ...(comment === undefined ? {} : { comment }),
    answered_at,
  }));
  const { format, format_version, kind, questionnaire: q } = responseDocument(response);
  return {
    format,
    format_version,
    kind,
    exported_at: '2026-11-01T10:00:00.000Z',
    questionnaire: { ...q, title: questionnaire.title },
    response: { ...response, answers },
    scores: scores(response),
  };
}

const teamCheckDocument = (team_check, responses) => ({
  format: 'teamshape',
  format_version: 1,
  kind: 'team_check',
  questionnaire: Q_REF,
  team_check: { anonymity_threshold: 3, created_at: '2026-11-02T08:00:00.000Z', ...team_check },
  responses: [...responses].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

const backupDocument = (documents) => ({ format: 'teamshape', format_version: 1, kind: 'backup', documents });

const upload = (name, json, pretty = true) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json)),
});

const pad = (n) => String(n).padStart(4, '0');

// A finished solo check, every item answered on the scale.
const SOLO_ID = 'bench-solo';
const soloBackup = (() => {
  const next = lcg(7);
  const answers = ITEM_IDS.map((item, i) => ({
    item,
    answer: 1 + Math.floor(next() * 5),
    answered_at: new Date(Date.UTC(2026, 10, 1, 9, 0, 0) + i * 7000).toISOString(),
  }));
  return upload('solo.json', backupDocument([responseDocument({ id: SOLO_ID, started_at: '2026-11-01T09:00:00.000Z', answers })]));
})();

// A named team check of 50 people.
const NAMED_ID = 'bench-named-50';
const named50 = upload(
  'named-50.json',
  teamCheckDocument(
    { id: NAMED_ID, name: 'Fifty people', anonymity: 'named' },
    Array.from({ length: 50 }, (_, n) => generatedResponse(`resp-${pad(n)}`, 1000 + n, { respondent: `Person ${n + 1}` })),
  ),
);

// A backup with a solo response and an anonymous team check of 1,000 responses that includes
// it (so the results page can compare "me" with the team). Compact JSON: pretty, 1,000
// responses are over the 5 MB the app reads.
const BIG_ID = 'bench-anon-1000';
const ME_ID = 'resp-me';
const big1000 = (() => {
  const me = generatedResponse(ME_ID, 99);
  const others = Array.from({ length: 999 }, (_, n) => generatedResponse(`resp-${pad(n)}`, 5000 + n));
  // With answer labels, as the app writes team checks (its statistics are left out).
  const labelled = [me, ...others].map((r) => downloadedResponse(r).response);
  return upload(
    'team-1000.json',
    backupDocument([responseDocument(me), teamCheckDocument({ id: BIG_ID, name: 'A thousand people', anonymity: 'anonymous' }, labelled)]),
    false,
  );
})();

// An empty anonymous team check, and 200 different response files as people download them.
const EMPTY_ID = 'bench-empty';
const emptyCheck = upload('empty-check.json', teamCheckDocument({ id: EMPTY_ID, name: 'Import target', anonymity: 'anonymous' }, []));
const files200 = Array.from({ length: 200 }, (_, n) =>
  upload(`my-answers-${pad(n)}.json`, downloadedResponse(generatedResponse(`file-${pad(n)}`, 20000 + n))),
);

// ---- Statistics and output -----------------------------------------------------------------

const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
/** Nearest-rank percentile. */
function pct(xs, p) {
  const s = sorted(xs);
  if (s.length === 0) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
const summary = (xs) => ({ n: sorted(xs).length, median: pct(xs, 0.5), p95: pct(xs, 0.95), min: pct(xs, 0), max: pct(xs, 1) });

// ---- The server and the browser ------------------------------------------------------------

// Other work may rebuild dist/ while this runs (a build replaces it). So the run measures a
// copy: a temporary folder with dist/ and e2e/serve.mjs beside it, which serves its ../dist.
const snapshot = mkdtempSync(join(tmpdir(), 'teamshape-bench-'));
cpSync(new URL('dist', root), join(snapshot, 'dist'), { recursive: true });
mkdirSync(join(snapshot, 'e2e'));
copyFileSync(new URL('e2e/serve.mjs', root), join(snapshot, 'e2e', 'serve.mjs'));
// The main module: wasm-<hash>/teamshape_bg.wasm since the split build (scripts/build-wasm.sh).
const measuredWasm = readdirSync(join(snapshot, 'dist'), { recursive: true })
  .map(String)
  .find((f) => f.endsWith('_bg.wasm'));
const measuredWasmBytes = measuredWasm ? statSync(join(snapshot, 'dist', measuredWasm)).size : null;

function startServer() {
  const server = spawn(process.execPath, [join(snapshot, 'e2e', 'serve.mjs'), String(PORT), SUB_PATH], {
    cwd: snapshot,
    // Gzip as a static host sends it; only the phone profile's throttled network feels it.
    env: { ...process.env, TEAMSHAPE_SERVE_GZIP: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.on('exit', (code) => reject(new Error(`e2e/serve.mjs exited with ${code} (is port ${PORT} taken? set BENCH_PORT)`)));
    server.stdout.on('data', (chunk) => {
      if (String(chunk).includes('serving')) resolve(server);
    });
  });
}

// Installed in every page before the app's own scripts: markers the app never reads.
const INIT_SCRIPT = () => {
  const bench = (window.__bench = { marks: {}, clicks: [] });
  const mark = (name) => {
    if (bench.marks[name] === undefined) bench.marks[name] = performance.now();
  };
  addEventListener('TrunkApplicationStarted', (event) => {
    mark('app_started');
    bench.wasmMemoryBytes = event.detail?.wasm?.memory?.buffer?.byteLength ?? null;
    bench.wasmMemory = event.detail?.wasm?.memory ?? null;
  });
  new MutationObserver(() => {
    // The app shell's button (index.html) is there before the app; the app's replaces it.
    if (document.querySelector('#shell [data-testid="start"]')) mark('shell_start');
    if (document.querySelector('[data-testid="start"]') && !document.getElementById('shell')) mark('home_interactive');
    const radio = document.querySelector('[data-testid="item"] input[type="radio"]');
    if (radio && !radio.disabled) mark('first_radio');
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.closest('[data-testid="start"]')) mark('start_clicked');
    },
    true,
  );
  document.addEventListener('change', (event) => bench.clicks.push({ at: performance.now(), testid: event.target?.dataset?.testid }), true);
  /** performance.now() when `done()` first holds after a DOM change (or now, if it holds already). */
  bench.until = (done, timeoutMs = 30000) =>
    new Promise((resolve, reject) => {
      if (done()) return resolve(performance.now());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('timed out waiting for the page'));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (done()) {
          const at = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve(at);
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
  bench.frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  /** Measures the longest gap between animation frames until `stop()` is called. */
  bench.frameGaps = () => {
    let last = performance.now();
    let longest = 0;
    let frames = 0;
    let running = true;
    const tick = (now) => {
      longest = Math.max(longest, now - last);
      last = now;
      frames++;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return () => {
      running = false;
      longest = Math.max(longest, performance.now() - last);
      return { longest, frames };
    };
  };
};

const server = await startServer();
process.on('exit', () => {
  server.kill();
  rmSync(snapshot, { recursive: true, force: true });
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // precise-memory-info: performance.memory without rounding; expose-gc: collect before reading it.
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** A cold context and page: nothing cached, nothing stored. */
async function coldPage() {
  const context = await browser.newContext({ acceptDownloads: false });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Until the app's own "Start a check" is there (the shell's is there from the start). */
async function appHome(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="start"]') && !document.getElementById('shell'));
}

async function openHome(page) {
  await page.goto(HOME);
  await appHome(page);
}

/** Restores files with the home page's "Restore from file"; returns in-page ms from the pick to the notice. */
async function restore(page, files) {
  await page.evaluate(() => {
    const notice = () => document.querySelector('[data-testid="notice"]')?.textContent ?? '';
    window.__bench.restoreDone = window.__bench.until(() => /restored/.test(notice()), 120000);
  });
  await page.getByTestId('restore').setInputFiles(files);
  return page.evaluate(async () => {
    const done = await window.__bench.restoreDone;
    const picked = window.__bench.clicks.filter((c) => c.testid === 'restore').at(-1).at;
    return done - picked;
  });
}

/** Goes to a screen by its hash and returns in-page ms until `selector` is in the DOM. */
async function go(page, hash, selector) {
  return page.evaluate(
    async ([hash, selector]) => {
      const start = performance.now();
      location.hash = hash;
      const at = await window.__bench.until(() => document.querySelector(selector));
      return at - start;
    },
    [hash, selector],
  );
}

/**
 * In the page: does one thing that changes the radar (`kind`, with `arg`), then resolves when
 * the radar's SVG has changed, with the time to that DOM change, to the next animation frame,
 * and the app's own input and drawing times from the figure's data attributes.
 */
async function radarChange(page, kind, arg) {
  return page.evaluate(
    async ([kind, arg]) => {
      const acts = {
        // What the page receives when another tab saves the response with one answer changed.
        storage: ({ key, item, stamp }) => {
          const doc = JSON.parse(localStorage.getItem(key));
          const answer = doc.response.answers.find((a) => a.item === item);
          answer.answer = answer.answer === 5 ? 1 : 5;
          delete answer.answer_label;
          answer.answered_at = new Date(Date.UTC(2027, 0, 1) + stamp * 1000).toISOString();
          delete doc.scores;
          const text = JSON.stringify(doc);
          localStorage.setItem(key, text);
          return () => dispatchEvent(new StorageEvent('storage', { key, newValue: text, storageArea: localStorage, url: location.href }));
        },
        overlay: (index) => () => document.querySelectorAll('[data-testid="overlays"] input[type="checkbox"]')[index].click(),
        compare: (id) => () => {
          const select = document.querySelector('[data-testid="compare"]');
          select.value = id;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        },
      };
      const figure = document.querySelector('[data-testid="radar"]');
      if (figure.dataset.renderMs === undefined) throw new Error('the radar has no data-render-ms: dist/ is an older build');
      // Setting innerHTML makes a new <svg> node; comparing nodes costs nothing, unlike markup.
      const before = figure.querySelector('svg');
      const act = acts[kind](arg); // preparation (writing storage) is not timed
      const start = performance.now();
      act();
      const dom = await window.__bench.until(() => figure.querySelector('svg') !== before, 10000);
      const frame = await window.__bench.frame();
      // The attributes are written in the same reactive flush; read them after the frame.
      return {
        dom: dom - start,
        frame: frame - start,
        draw: Number(figure.dataset.renderMs),
        input: Number(figure.dataset.inputMs),
      };
    },
    [kind, arg],
  );
}

// ---- The rows ------------------------------------------------------------------------------

const results = {};
const log = (...args) => console.error(...args);

/**
 * Navigation to the first question, and memory after load. One cold context per run:
 * `home_interactive` is navigation start (performance.now() = 0) to the "Start a check"
 * button in the DOM, `click_to_question` is the click on it to the first radio of the first
 * item in the DOM (enabled). Their sum is the row's figure: the app's time, without the time
 * Playwright (or a person) takes between seeing the button and clicking it. Memory is read
 * between the two, after the load event, a 500 ms pause and a forced garbage collection.
 */
async function navigation() {
  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page, errors } = await coldPage();
    const wallStart = performance.now();
    await openHome(page);
    const wallHome = performance.now() - wallStart;
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    const memory = await page.evaluate(() => {
      window.gc?.();
      const wasmBytes = window.__bench.wasmMemory?.buffer?.byteLength ?? window.__bench.wasmMemoryBytes ?? null;
      return { jsHeapUsed: performance.memory?.usedJSHeapSize ?? null, jsHeapTotal: performance.memory?.totalJSHeapSize ?? null, wasmBytes };
    });
    await page.getByTestId('start').click();
    await page.locator('[data-testid="item"] input[type="radio"]').first().waitFor();
    const radioEnabled = await page.locator('[data-testid="item"] input[type="radio"]').first().isEnabled();
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ...window.__bench.marks,
        response_end: nav?.responseEnd,
        dom_content_loaded: nav?.domContentLoadedEventEnd,
        load: nav?.loadEventEnd,
        wasm_requested: wasm?.startTime,
        wasm_fetched: wasm?.responseEnd,
        first_contentful_paint: fcp?.startTime,
      };
    });
    if (!radioEnabled || errors.length) throw new Error(`navigation run ${run}: radio enabled ${radioEnabled}, errors ${errors}`);
    rows.push({
      ...marks,
      wall_to_home_ms: wallHome,
      click_to_question: marks.first_radio - marks.start_clicked,
      first_question: marks.home_interactive + (marks.first_radio - marks.start_clicked),
      ...memory,
    });
    await context.close();
  }
  results.navigation = {
    runs: RUNS,
    samples: rows,
    first_question_ms: summary(rows.map((r) => r.first_question)),
    home_interactive_ms: summary(rows.map((r) => r.home_interactive)),
    click_to_question_ms: summary(rows.map((r) => r.click_to_question)),
    wasm_fetched_ms: summary(rows.map((r) => r.wasm_fetched)),
    app_started_ms: summary(rows.map((r) => r.app_started)),
    wall_to_home_ms: summary(rows.map((r) => r.wall_to_home_ms)),
  };
  results.memory = {
    runs: RUNS,
    js_heap_used_bytes: summary(rows.map((r) => r.jsHeapUsed)),
    js_heap_total_bytes: summary(rows.map((r) => r.jsHeapTotal)),
    wasm_memory_bytes: summary(rows.map((r) => r.wasmBytes)),
  };
}

/**
 * The first visit on a phone (PHONE above), cold. Two kinds of run, RUNS_PHONE of each:
 *  - "wait": the user waits for the app, then taps "Start a check". Figures: first contentful
 *    paint, the shell's "Start a check" in the DOM, the app's own "Start a check" in the DOM
 *    (the first control the app itself answers), and the first question: that moment plus the
 *    time from the tap to the first radio, as in the navigation row.
 *  - "early": the user taps "Start a check" as soon as Playwright can (it waits for the button
 *    to be visible and stable): the shell's, which the app carries out when it starts, or the
 *    app's own if the app has replaced the shell meanwhile (it can arrive first on a fast run).
 *    Figure: navigation start to the first radio, the tap included.
 * All from navigation start (performance.now() = 0), in the page.
 */
async function phone() {
  const rows = [];
  for (let run = 0; run < RUNS_PHONE; run++) {
    for (const kind of ['wait', 'early']) {
      const { context, page, errors } = await coldPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: PHONE.latencyMs,
        downloadThroughput: PHONE.downBitsPerS / 8,
        uploadThroughput: PHONE.upBitsPerS / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
      await page.goto(HOME, { waitUntil: 'commit' });
      if (kind === 'early') {
        await page.getByTestId('start').click();
      } else {
        await appHome(page);
        await page.getByTestId('start').click();
      }
      await page.locator('[data-testid="item"] input[type="radio"]').first().waitFor({ timeout: 60000 });
      const marks = await page.evaluate(() => {
        const paint = (name) => performance.getEntriesByName(name)[0]?.startTime;
        const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'));
        return {
          ...window.__bench.marks,
          first_paint: paint('first-paint'),
          first_contentful_paint: paint('first-contentful-paint'),
          wasm_fetched: wasm?.responseEnd,
          wasm_transfer_bytes: wasm?.transferSize,
        };
      });
      if (errors.length) throw new Error(`phone run ${run} (${kind}): errors ${errors}`);
      rows.push({
        kind,
        ...marks,
        first_question:
          kind === 'early' ? marks.first_radio : marks.home_interactive + (marks.first_radio - marks.start_clicked),
      });
      await context.close();
    }
  }
  const wait = rows.filter((r) => r.kind === 'wait');
  const early = rows.filter((r) => r.kind === 'early');
  results.phone = {
    runs: RUNS_PHONE,
    profile: PHONE,
    samples: rows,
    first_contentful_paint_ms: summary(rows.map((r) => r.first_contentful_paint)),
    shell_start_ms: summary(rows.map((r) => r.shell_start)),
    wasm_fetched_ms: summary(rows.map((r) => r.wasm_fetched)),
    app_control_ms: summary(wait.map((r) => r.home_interactive)),
    first_question_ms: summary(wait.map((r) => r.first_question)),
    early_tap_ms: summary(early.map((r) => r.start_clicked)),
    early_first_question_ms: summary(early.map((r) => r.first_question)),
  };
}

/**
 * The solo results page re-rendering after one answer changes. The results page has no
 * inputs for answers; an answer reaches it when another tab saves the response (the app
 * listens to `storage` events). So, per change: the stored response gets one answer changed
 * (flipped between 1 and 5, with a later time) and the page receives the `storage` event a
 * second tab would cause. Timed from dispatching the event to the new SVG in the DOM: reading
 * the document (format::read), merging, saving it back, scoring, drawing and inserting the
 * SVG. `draw` is radar::draw alone. The built-in questionnaire has 7 dimensions, so the radar
 * has 7 axes, not the 8 of the target (an 8th needs another questionnaire, i.e. a test mode).
 */
async function rerender() {
  const rows = [];
  const CHANGES = 5;
  for (let run = 0; run < RUNS; run++) {
    const { context, page, errors } = await coldPage();
    await openHome(page);
    await restore(page, [soloBackup]);
    await go(page, `#/results/${SOLO_ID}`, '[data-testid="radar"] svg');
    for (let change = 0; change < CHANGES; change++) {
      const timing = await radarChange(page, 'storage', {
        key: `teamshape:response:${SOLO_ID}`,
        item: ITEM_IDS[change * 5], // one item in each of five dimensions
        stamp: run * 100 + change,
      });
      rows.push({ run, change, ...timing });
    }
    if (errors.length) throw new Error(`rerender run ${run}: ${errors}`);
    await context.close();
  }
  results.rerender = {
    runs: RUNS,
    changes_per_run: CHANGES,
    axes: DIMENSIONS,
    samples: rows,
    storage_event_to_svg_ms: summary(rows.map((r) => r.dom)),
    draw_ms: summary(rows.map((r) => r.draw)),
    to_next_frame_ms: summary(rows.map((r) => r.frame)),
  };
}

/**
 * The radar of a named team check of 50 people, with the band, the median and all 50 people's
 * polygons. Per cold run: restore the check, open it, tick 49 people's boxes (each waiting for
 * its redraw), then time ticking the 50th: the click to the new SVG in the DOM, and
 * radar::draw alone.
 */
async function overlays() {
  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page, errors } = await coldPage();
    await openHome(page);
    await restore(page, [named50]);
    await go(page, `#/team/${NAMED_ID}`, '[data-testid="overlays"] input[type="checkbox"]');
    const boxes = await page.locator('[data-testid="overlays"] input[type="checkbox"]').count();
    if (boxes !== 50) throw new Error(`overlays: ${boxes} checkboxes, expected 50`);
    // The first 49, in one go in the page, each waiting for its redraw; the draw time is kept.
    const drawAt = await page.evaluate(async () => {
      const figure = document.querySelector('[data-testid="radar"]');
      const boxes = document.querySelectorAll('[data-testid="overlays"] input[type="checkbox"]');
      const draws = {};
      for (let i = 0; i < 49; i++) {
        const before = figure.querySelector('svg');
        boxes[i].click();
        await window.__bench.until(() => figure.querySelector('svg') !== before, 10000);
        await window.__bench.frame();
        draws[i + 1] = Number(figure.dataset.renderMs);
      }
      return draws;
    });
    const timing = await radarChange(page, 'overlay', 49);
    drawAt[50] = timing.draw;
    const svg = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="radar"] svg');
      const elements = {};
      for (const e of svg.querySelectorAll('*')) elements[e.tagName] = (elements[e.tagName] ?? 0) + 1;
      return { chars: svg.outerHTML.length, elements };
    });
    rows.push({ run, ...timing, drawAt, svg_chars: svg.chars, svg_elements: svg.elements });
    if (errors.length) throw new Error(`overlays run ${run}: ${errors}`);
    await context.close();
  }
  results.overlays = {
    runs: RUNS,
    samples: rows,
    click_to_svg_ms: summary(rows.map((r) => r.dom)),
    draw_ms: summary(rows.map((r) => r.draw)),
    draw_ms_by_people: Object.fromEntries([1, 10, 25, 50].map((n) => [n, summary(rows.map((r) => r.drawAt[n]))])),
    svg_chars: rows[0]?.svg_chars,
    svg_elements: rows[0]?.svg_elements,
  };
}

/**
 * 1,000 respondents x 36 items (the built-in questionnaire; 40 items needs another one).
 * The app has no screen that computes team statistics alone, so three figures per cold run:
 *  - import: picking the backup file (4.0 MB, compact JSON) to the "restored" notice: reading
 *    the file, format::read, storing the check (localStorage refuses it: see the notes), the
 *    home screen's list;
 *  - team page: setting the hash to the team table in the DOM: TeamCheckPage and
 *    TeamResults, i.e. several clones of the check, team::statistics, scoring, widest spread,
 *    the radar, and the per-item distribution tables;
 *  - compare: on "me"'s solo results, choosing "compare with" the team check, to the new SVG;
 *    data-input-ms is the time to compute the radar's input: finding the team checks that hold
 *    "me" (cloning each), cloning the check once more, and team::statistics over 1,000
 *    responses. It is the closest in-page figure to "statistics in wasm": an upper bound.
 */
async function team1000() {
  const rows = [];
  for (let run = 0; run < RUNS_SLOW; run++) {
    const { context, page, errors } = await coldPage();
    await openHome(page);
    const importMs = await restore(page, [big1000]);
    const storageWarning = await page.evaluate(() => document.querySelector('[data-testid="storage-warning"]')?.textContent ?? null);
    const teamPageMs = await go(page, `#/team/${BIG_ID}`, '[data-testid="team-table"]');
    await go(page, `#/results/${ME_ID}`, '[data-testid="compare"]');
    const compare = await radarChange(page, 'compare', BIG_ID);
    rows.push({ run, import: importMs, team_page: teamPageMs, compare, storage_warning: storageWarning });
    if (errors.length) throw new Error(`team1000 run ${run}: ${errors}`);
    await context.close();
  }
  results.team1000 = {
    runs: RUNS_SLOW,
    respondents: 1000,
    items: ITEM_IDS.length,
    file_bytes: big1000.buffer.length,
    samples: rows,
    import_ms: summary(rows.map((r) => r.import)),
    team_page_ms: summary(rows.map((r) => r.team_page)),
    compare_input_ms: summary(rows.map((r) => r.compare.input)),
    compare_draw_ms: summary(rows.map((r) => r.compare.draw)),
    compare_to_svg_ms: summary(rows.map((r) => r.compare.dom)),
    storage_warning: rows.find((r) => r.storage_warning)?.storage_warning ?? null,
  };
}

/**
 * Importing 200 response files (pretty JSON with labels and scores, as downloaded, about 7 KB
 * each, 200 different respondents) into an empty anonymous team check with "Choose files". Timed in the page from
 * the input's change event to the outcomes list holding 200 entries (the whole import: reading
 * the files, parsing, merging, saving the check, and re-rendering the team's results with 200
 * respondents). A requestAnimationFrame loop runs meanwhile; the longest gap between two frames
 * is how long the page was unresponsive at a stretch.
 */
async function import200() {
  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page, errors } = await coldPage();
    await openHome(page);
    await restore(page, [emptyCheck]);
    await go(page, `#/team/${EMPTY_ID}`, '[data-testid="import-files"]');
    await page.evaluate(() => {
      const bench = window.__bench;
      bench.clicks.length = 0;
      bench.stopFrames = null;
      document.addEventListener('change', () => (bench.stopFrames ??= bench.frameGaps()), { capture: true, once: true });
      bench.importDone = bench.until(() => document.querySelectorAll('[data-testid="import-outcomes"] li').length === 200, 120000);
    });
    await page.getByTestId('import-files').setInputFiles(files200);
    const row = await page.evaluate(async () => {
      const bench = window.__bench;
      const done = await bench.importDone;
      const frame = await bench.frame();
      const gaps = bench.stopFrames();
      const picked = bench.clicks.find((c) => c.testid === 'import-files').at;
      return {
        dom: done - picked,
        frame: frame - picked,
        longest_frame_gap: gaps.longest,
        frames: gaps.frames,
        ok: [...document.querySelectorAll('[data-testid="import-outcomes"] li')].filter((li) => !li.classList.contains('error')).length,
      };
    });
    if (row.ok !== 200 || errors.length) throw new Error(`import200 run ${run}: ${row.ok} imported, errors ${errors}`);
    rows.push({ run, ...row });
    await context.close();
  }
  results.import200 = {
    runs: RUNS,
    files: files200.length,
    bytes: files200.reduce((sum, f) => sum + f.buffer.length, 0),
    samples: rows,
    import_ms: summary(rows.map((r) => r.dom)),
    to_next_frame_ms: summary(rows.map((r) => r.frame)),
    longest_frame_gap_ms: summary(rows.map((r) => r.longest_frame_gap)),
  };
}

// ---- Running -------------------------------------------------------------------------------

const started = Date.now();
const version = browser.version();
const steps = [
  ['nav', navigation],
  ['phone', phone],
  ['rerender', rerender],
  ['overlays', overlays],
  ['team1000', team1000],
  ['import200', import200],
];
try {
  for (const [key, step] of steps) {
    if (!wanted(key)) continue;
    const t = Date.now();
    log(`bench: ${key} ...`);
    const loadBefore = loadavg()[0];
    await step();
    const entry = results[key === 'nav' ? 'navigation' : key];
    if (entry) entry.load_average = { before: loadBefore, after: loadavg()[0] };
    log(`bench: ${key} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
} finally {
  await browser.close();
}

// ---- Report --------------------------------------------------------------------------------

const ms = (v) => (v == null ? '–' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const mb = (v) => (v == null ? '–' : `${(v / 1024 / 1024).toFixed(2)} MB`);
const table = [];
const row = (what, s, fmt, target, limit, note = '') =>
  table.push({
    what,
    median: fmt(s?.median),
    p95: fmt(s?.p95),
    target,
    verdict: s?.median == null ? 'not measured' : s.median <= limit ? 'ok' : 'over target',
    note,
  });

if (results.navigation) {
  row('navigation to first question interactive', results.navigation.first_question_ms, ms, 'median <= 250 ms', 250);
  row('  of which: navigation to home interactive', results.navigation.home_interactive_ms, ms, '', Infinity, 'part');
  row('  of which: click "Start a check" to first radio', results.navigation.click_to_question_ms, ms, '', Infinity, 'part');
}
if (results.phone) {
  const p = results.phone;
  row('phone profile: first contentful paint (the app shell)', p.first_contentful_paint_ms, ms, 'median <= 1 s', 1000);
  row('phone profile: the app\'s "Start a check" in the DOM', p.app_control_ms, ms, 'median <= 1.8 s', 1800);
  row('  the shell\'s "Start a check" in the DOM (a tap is kept)', p.shell_start_ms, ms, '', Infinity, 'part');
  row('  the wasm fetched', p.wasm_fetched_ms, ms, '', Infinity, 'part');
  row('phone profile: first question, tap when the app is ready', p.first_question_ms, ms, '', Infinity, 'context');
  row('phone profile: first question, tap on the shell at once', p.early_first_question_ms, ms, '', Infinity, 'context');
  row('  of which: the tap (Playwright, on the painted shell or the app)', p.early_tap_ms, ms, '', Infinity, 'part');
}
if (results.rerender) {
  const axes = `${results.rerender.axes} axes`;
  row(`radar re-render after one answer changes (${axes}): storage event to new SVG`, results.rerender.storage_event_to_svg_ms, ms, '<= 4 ms median', 4);
  row(`  radar::draw alone (${axes})`, results.rerender.draw_ms, ms, '', 4);
}
if (results.overlays) {
  row('radar with 50 polygons and a band: click to new SVG', results.overlays.click_to_svg_ms, ms, '<= 16 ms', 16);
  row('  radar::draw alone, 50 polygons and a band', results.overlays.draw_ms, ms, '', 16);
}
if (results.team1000) {
  row('team statistics 1,000 x 36: radar input incl. statistics', results.team1000.compare_input_ms, ms, '<= 20 ms in wasm', 20, 'upper bound');
  row('  team page render with 1,000 respondents', results.team1000.team_page_ms, ms, '', Infinity, 'context');
  row(`  import of the 1,000-response file (${(results.team1000.file_bytes / 1048576).toFixed(1)} MB)`, results.team1000.import_ms, ms, '', Infinity, 'context');
}
if (results.import200) {
  row('importing 200 response files', results.import200.import_ms, ms, '<= 1 s in total', 1000);
  row('  longest gap between frames during it', results.import200.longest_frame_gap_ms, ms, 'responsive (<= 100 ms)', 100);
}
if (results.memory) {
  row('JS heap after load (used, after GC)', results.memory.js_heap_used_bytes, mb, '<= 3 MB', 3 * 1024 * 1024);
  row('  wasm linear memory after load', results.memory.wasm_memory_bytes, mb, '', Infinity, 'not in target');
}

for (const r of table) if (r.note === 'part' || r.note === 'context' || r.note === 'not in target') r.verdict = '';
const date = new Date().toISOString().slice(0, 10);
const report = {
  date,
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, load_average_at_end: loadavg(), node: process.version },
  browser: `Chromium ${version} (headless, /usr/bin/chromium)`,
  build: { wasm: measuredWasm, wasm_bytes: measuredWasmBytes },
  runs: RUNS,
  runs_slow: RUNS_SLOW,
  seconds: Math.round((Date.now() - started) / 1000),
  table,
  results,
};
await mkdir(new URL('bench/results/', root), { recursive: true });
const out = new URL(`bench/results/browser-${date}.json`, root);
await writeFile(out, JSON.stringify(report, null, 2) + '\n');

const cols = ['what', 'median', 'p95', 'target', 'verdict'];
const widths = cols.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
const line = (r) => cols.map((c, i) => (i === 1 || i === 2 ? String(r[c]).padStart(widths[i]) : String(r[c]).padEnd(widths[i]))).join('  ');
console.log(`\nteamshape browser benchmarks, ${date}: ${report.browser}, ${report.machine.cores} cores, ` +
  `${RUNS} cold runs per row (${RUNS_SLOW} for 1,000 respondents), ${report.seconds} s, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`build: dist/${measuredWasm} (${measuredWasmBytes} bytes); performance.now() here has 0.1 ms resolution\n`);
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(line(r));
console.log(`\nfull results: ${out.pathname.replace(root.pathname, '')}`);
process.exit(0);
