// Prints one closing line for the unit, e2e and browser runs together, from Jest's JSON reports.
const { existsSync, readFileSync } = require('node:fs');
const { undeclaredAnswers } = require('./check-api-answers');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['.jest/unit.json', '.jest/e2e.json', '.jest/browser.json']) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
process.stdout.write(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
// A skipped or todo test is a hole in the suite that nobody sees: it fails the run like a failure.
if (skipped > 0) process.stderr.write(`${skipped} test(s) skipped or todo: the suite runs every test or fails\n`);
// Every answer the e2e run gave is one the OpenAPI document declares (scripts/check-api-answers.js).
const undeclared = undeclaredAnswers();
for (const problem of undeclared) process.stderr.write(`${problem}\n`);
if (undeclared.length > 0)
  process.stderr.write(
    `${undeclared.length} answer(s) the OpenAPI document does not declare or whose message is not in the language asked for\n`,
  );
process.exit(failed > 0 || skipped > 0 || passed === 0 || undeclared.length > 0 ? 1 : 0);
