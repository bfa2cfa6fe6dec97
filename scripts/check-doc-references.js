// Fails when a document names a source or test file that does not exist: a doc that cites a
// missing test tells the reader a behaviour is guarded when nothing guards it.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const documents = ['README.md', ...readdirSync('docs').map((name) => join('docs', name))].filter((path) =>
  path.endsWith('.md'),
);
const reference =
  /\b((?:apps|libs|test|bench|scripts|migrations)\/[\w-][\w/-]*(?:\.[\w-]+)*\.(?:ts|tsx|js|mjs|json))\b/g;
const missing = [];
for (const document of documents) {
  const lines = readFileSync(document, 'utf8').split('\n');
  lines.forEach((line, index) => {
    for (const [, path] of line.matchAll(reference)) {
      if (!existsSync(path)) missing.push(`${document}:${index + 1} names ${path}, which does not exist`);
    }
  });
}
if (missing.length) {
  process.stderr.write(`${missing.join('\n')}\n`);
  process.exit(1);
}
