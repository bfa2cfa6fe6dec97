#!/usr/bin/env node
// The portal's API types (apps/web/src/api/schema.d.ts), generated from the OpenAPI document that
// the built API writes without a database. With --check it only compares, and fails when the
// committed types are stale (a DTO changed without regenerating them): the build runs the check.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const target = 'apps/web/src/api/schema.d.ts';
const check = process.argv.includes('--check');
const scratch = mkdtempSync(join(tmpdir(), 'qualcert-openapi-'));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  const document = join(scratch, 'openapi.json');
  const types = join(scratch, 'schema.d.ts');
  run(process.execPath, ['dist/apps/api/src/openapi-export.js', document]);
  run(process.execPath, [join('node_modules', 'openapi-typescript', 'bin', 'cli.js'), document, '-o', types]);
  const fresh = readFileSync(types, 'utf8');
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale by definition
  }
  if (check) {
    if (fresh !== current) {
      process.stderr.write(`${target} is stale: the API's OpenAPI document changed. Run npm run web:api-types.\n`);
      process.exit(1);
    }
    process.stdout.write(`${target} matches the API's OpenAPI document\n`);
  } else {
    writeFileSync(target, fresh);
    process.stdout.write(`${target} written\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
