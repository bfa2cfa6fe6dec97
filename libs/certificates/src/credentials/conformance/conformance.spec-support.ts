import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
// jsonld ships no types; only expand() and the document-loader shape are used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonld = require('jsonld') as {
  expand(input: object, options: { documentLoader: DocumentLoader; safe: boolean }): Promise<object[]>;
};

/**
 * What a wallet or verifier checks with standard tooling, without the network: 1EdTech's OB 3.0
 * AchievementCredential JSON Schema and JSON-LD expansion in safe mode (an undefined term or a
 * relative IRI is an error, not a silent drop), with the published contexts kept beside this file.
 */

type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

const here = __dirname;
const read = (file: string): unknown => JSON.parse(readFileSync(join(here, file), 'utf8'));

/** The contexts by the URL they are published at; the copies are the npm packages' (docs/CREDENTIALS.md). */
export const LOCAL_CONTEXTS: ReadonlyMap<string, unknown> = new Map([
  ['https://www.w3.org/ns/credentials/v2', read('contexts/credentials-v2.jsonld')],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', read('contexts/ob-v3p0-context-3.0.3.json')],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', read('contexts/ob-v3p0-extensions.json')],
]);

/** Serves the kept contexts and refuses anything else, so a test can never reach the network. */
export const localDocumentLoader: DocumentLoader = async (url) => {
  const document = LOCAL_CONTEXTS.get(url);
  if (document === undefined) throw new Error(`No local copy of ${url}: the test does not fetch`);
  return Promise.resolve({ contextUrl: null, documentUrl: url, document });
};

/** Expands in safe mode: throws on any term the contexts do not define. */
export async function expandSafely(document: object): Promise<object[]> {
  return jsonld.expand(structuredClone(document), { documentLoader: localDocumentLoader, safe: true });
}

let validator: ReturnType<Ajv2019['compile']> | undefined;

/** The schema's errors for the credential, or an empty list when it conforms. */
export function ob3SchemaErrors(credential: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(read('ob3-achievementcredential-schema.json') as object);
  }
  if (validator(credential)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
