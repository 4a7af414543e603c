#!/usr/bin/env node
// Writes the app shell into the built index.html: the home screen as the app renders it, so the
// page shows it (and its "Start a check" button) before the wasm has arrived and started.
//
//   node scripts/shell.mjs [distDir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Run by Trunk's post_build hook (through scripts/post-build.mjs) before scripts/csp.mjs. The
// words come from src/ui/home.txt, which the app reads too (src/ui/copy.rs), and the
// description and item count from questionnaire/teamshape-core.v2.json (the questionnaire new checks use), which the app compiles in:
// nothing here is a copy to keep in step by hand. The markup is that of `App`, `ThemeSwitch`
// and `Home` (src/ui/mod.rs, notices.rs, home.rs); e2e/shell.spec.mjs checks that the shell and
// the app show the same. index.html must hold one empty `<div id="shell" ...></div>`; the app
// removes it when it starts (src/ui/mod.rs `start`). public/shell.js handles early clicks.
// Node 20 or later, no dependencies.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The `key = text` lines of src/ui/home.txt, as an object. */
export function readWords(text) {
  const words = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^([a-z-]+) = (.*)$/);
    if (m) words[m[1]] = m[2];
  }
  return words;
}

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The shell's markup: the top bar and the home screen's first part, as the app renders them. */
export function shellMarkup(words, questionnaire) {
  const w = (key) => {
    if (!(key in words)) throw new Error(`src/ui/home.txt has no "${key}"`);
    return escape(words[key]);
  };
  const items = questionnaire.dimensions.reduce((n, d) => n + d.items.length, 0);
  if (!words.intro?.includes('{items}')) throw new Error('src/ui/home.txt: "intro" has no {items}');
  const option = (value) => `<option value="${value}">${w(`theme-${value}`)}</option>`;
  return [
    `<a class="skip-link" href="#main">${w('skip')}</a>`,
    `<header class="top-bar no-print"><a class="brand" href="#/">${w('brand')}</a>`,
    `<label class="theme-switch">${w('theme')} <select data-testid="theme" disabled>`,
    `${option('system')}${option('light')}${option('dark')}</select></label></header>`,
    `<main id="main" class="page" tabindex="-1">`,
    `<h1 tabindex="-1">${w('heading')}</h1>`,
    `<p class="lead">${escape(questionnaire.description)}</p>`,
    `<p>${w('intro').replace('{items}', items)}</p>`,
    `<div class="actions">`,
    `<button class="primary" data-testid="start" data-busy-text="${w('starting')}">${w('start')}</button>`,
    `<a class="button" href="#/team/new">${w('team')}</a>`,
    `</div></main>`,
  ].join('');
}

/** index.html with the shell written into its empty `<div id="shell">`. */
export function applyShell(html, words, questionnaire) {
  const slots = [...html.matchAll(/(<div id="?shell"?(?:\s[^>]*)?>)([\s\S]*?)(<\/div>)/g)];
  if (slots.length !== 1) throw new Error(`index.html needs one <div id="shell">, found ${slots.length}`);
  const [whole, open, inside, close] = slots[0];
  if (inside.trim() !== '') throw new Error('the shell is already written (a second run?)');
  return html.replace(whole, open + shellMarkup(words, questionnaire) + close);
}

function main() {
  const root = join(here, '..');
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, 'dist'));
  const index = join(dir, 'index.html');
  const words = readWords(readFileSync(join(root, 'src/ui/home.txt'), 'utf8'));
  const questionnaire = JSON.parse(readFileSync(join(root, 'questionnaire/teamshape-core.v2.json'), 'utf8'));
  writeFileSync(index, applyShell(readFileSync(index, 'utf8'), words, questionnaire));
  console.log(`shell: ${index}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`shell: ${e.message}`);
    process.exit(1);
  }
}
