#!/usr/bin/env node
// The portal's build report: the JavaScript each entry page loads, gzipped, from Vite's manifest.
// Fails when the public verification page (the one a QR code opens on a phone) needs more than
// its budget, so the candidate's and the staff's code stay in chunks of their own.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const out = 'dist/web';
const manifestPath = join(out, '.vite', 'manifest.json');
const BUDGET = 200 * 1024;
if (!existsSync(manifestPath)) {
  process.stderr.write(`${manifestPath} is missing: build the portal first (npm run build:web)\n`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Every chunk a page loads before it shows: its own and its static imports, transitively. */
function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const gzipped = (file) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const pages = {
  'verify certificate (/verify/{number})': [entry, 'src/pages/verify-certificate-page.tsx'],
  'verify form (/verify)': [entry, 'src/pages/verify-form-page.tsx'],
  'catalogue card (/catalogue/cards/{id})': [entry, 'src/pages/catalogue/card-page.tsx'],
  'cabinet (/cabinet)': [entry, 'src/pages/cabinet/cabinet-page.tsx'],
};
// A page also fetches its language's words (one chunk per language): count the largest.
const words = Math.max(
  ...['kk', 'ru', 'en']
    .map((language) => manifest[`src/i18n/${language}.json`])
    .filter(Boolean)
    .map((chunk) => gzipped(chunk.file)),
  0,
);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failed = false;
process.stdout.write(`portal JavaScript per page (gzipped, with the largest language's words, ${kb(words)}):\n`);
for (const [page, keys] of Object.entries(pages)) {
  const chunks = closure(keys.filter((key) => manifest[key]));
  const total = [...chunks].reduce((sum, key) => sum + gzipped(manifest[key].file), words);
  const over = page.startsWith('verify certificate') && total > BUDGET;
  failed ||= over;
  process.stdout.write(
    `  ${page.padEnd(42)} ${kb(total).padStart(9)}${over ? `  OVER the ${kb(BUDGET)} budget` : ''}\n`,
  );
}
process.exit(failed ? 1 : 0);
