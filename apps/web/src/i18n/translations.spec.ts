import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The interface in Kazakh, Russian and English: every key in all three, every key the code names
 * present, and every error code the API can answer translated. (Keys built at run time, such as
 * `status.${status}`, are caught by the browser tests' missing-key handler.)
 */
const LANGUAGES = ['kk', 'ru', 'en'] as const;
const root = join(__dirname, '..');
const resources = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    JSON.parse(readFileSync(join(__dirname, `${language}.json`), 'utf8')) as Record<string, unknown>,
  ]),
) as Record<(typeof LANGUAGES)[number], Record<string, unknown>>;

function flatten(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A key as the code names it: plural forms are one key. */
const base = (key: string) => key.replace(PLURAL, '');
const keys = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(resources[l])])) as Record<
  (typeof LANGUAGES)[number],
  string[]
>;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    // The staff pages have their own namespace and test (staff/staff-translations.spec.ts).
    if (statSync(path).isDirectory()) return path === join(root, 'staff') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('portal translations', () => {
  it.each(LANGUAGES)('%s has every key the others have', (language) => {
    const mine = new Set(keys[language].map(base));
    const all = new Set(LANGUAGES.flatMap((l) => keys[l].map(base)));
    expect([...all].filter((key) => !mine.has(key))).toEqual([]);
  });

  it.each(LANGUAGES)('%s has each plural form its language needs', (language) => {
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const plurals = new Set(keys[language].filter((k) => PLURAL.test(k)).map(base));
    const missing = [...plurals].flatMap((key) =>
      forms.filter((form) => !keys[language].includes(`${key}_${form}`)).map((form) => `${key}_${form}`),
    );
    expect(missing).toEqual([]);
  });

  it('has every key the code names literally, in every language', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) named.add(key);
    }
    expect(named.size).toBeGreaterThan(50);
    for (const language of LANGUAGES) {
      const present = new Set(keys[language].map(base));
      expect([...named].filter((key) => !present.has(key))).toEqual([]);
    }
  });

  it('translates every error code the API answers', () => {
    const schema = readFileSync(join(root, 'api', 'schema.d.ts'), 'utf8');
    const union = /ErrorBodyDto: \{[\s\S]*?code: ([^;]+);/.exec(schema)?.[1] ?? '';
    const codes = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
    expect(codes).toContain('VALIDATION_FAILED');
    for (const language of LANGUAGES) {
      expect(codes.filter((code) => !keys[language].includes(`errors.${code}`))).toEqual([]);
    }
  });
});
