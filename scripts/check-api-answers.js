// Lists every answer the e2e run gave (test/utils/answer-recorder.ts) that the OpenAPI document of
// the same code does not declare: a status the operation does not list, or an error code its
// response for that status does not name; and every error answer whose message is not its code's
// message in the language the request asked for (Kazakh unless a test asked for another).
// Run by scripts/test-summary.js, or alone after an e2e run.
const { existsSync, readFileSync } = require('node:fs');

const ANSWERS = '.jest/api-answers.ndjson';
const DOCUMENT = '.jest/openapi.json';

/**
 * The error codes a documented error response names: the `enum` of its `code`, narrowed by every
 * part of an `allOf` (the error body lists every code; a response limits it to its own).
 */
function declaredCodes(document, response) {
  const enums = [];
  const visit = (schema) => {
    if (!schema) return;
    if (schema.$ref) return visit(document.components.schemas[schema.$ref.split('/').pop()]);
    for (const part of schema.allOf ?? []) visit(part);
    if (schema.properties?.code?.enum) enums.push(schema.properties.code.enum);
  };
  visit(response?.content?.['application/json']?.schema);
  if (enums.length === 0) return new Set();
  return new Set(enums.reduce((kept, list) => kept.filter((code) => list.includes(code))));
}

/** The document's path for an answer: the route's own pattern, else the template its URL fits. */
function documentPath(document, answer) {
  if (answer.routed) {
    const path = answer.path.replace(/:(\w+)/g, '{$1}');
    return document.paths[path] ? path : null;
  }
  const candidates = Object.keys(document.paths).filter((template) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(answer.path),
  );
  // A literal segment wins over a parameter (/applications/mine over /applications/{id}).
  candidates.sort((a, b) => (a.match(/\{/g) ?? []).length - (b.match(/\{/g) ?? []).length);
  return candidates[0] ?? null;
}

function undeclaredAnswers() {
  if (!existsSync(ANSWERS) || !existsSync(DOCUMENT)) return [];
  const document = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
  const problems = new Set();
  for (const line of readFileSync(ANSWERS, 'utf8').split('\n')) {
    if (!line) continue;
    const answer = JSON.parse(line);
    if (typeof answer.path !== 'string') continue;
    if (answer.localised === false)
      problems.add(
        `${answer.method} ${answer.path} ${answer.status} ${answer.code}: the message is not in ${answer.language}` +
          (answer.unlocalised ? ` (a field's: "${answer.unlocalised}")` : ''),
      );
    const path = documentPath(document, answer);
    // Routes the document leaves out on purpose (metrics, the docs, the queue dashboard), and
    // URLs no route has (ROUTE_NOT_FOUND), are not operations of the document.
    const operation = path && document.paths[path][answer.method.toLowerCase()];
    if (!operation) continue;
    // 304 Not Modified answers a cache's revalidation (ETag), not the operation itself.
    if (answer.status === 304) continue;
    const name = `${answer.method} ${path} ${answer.status}`;
    const response = operation.responses?.[String(answer.status)];
    if (!response) problems.add(`${name}${answer.code ? ` ${answer.code}` : ''}: status not documented`);
    else if (answer.status >= 400) {
      const codes = declaredCodes(document, response);
      // A documented answer of another shape than the error body (the health check's 503) has no code.
      const otherShape = answer.code === undefined && codes.size === 0;
      if (!otherShape && !codes.has(answer.code))
        problems.add(`${name} ${answer.code ?? '(no code)'}: code not documented`);
    }
  }
  return [...problems].sort();
}

module.exports = { undeclaredAnswers };

if (require.main === module) {
  const problems = undeclaredAnswers();
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  if (problems.length > 0)
    process.stderr.write(
      `${problems.length} answer(s) the OpenAPI document does not declare or whose message is not in the language asked for\n`,
    );
  process.exit(problems.length > 0 ? 1 : 0);
}
