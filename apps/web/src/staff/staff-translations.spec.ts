import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The staff's namespace in Kazakh, Russian and English: every key in all three, and every key the
 * staff code names literally present in the staff namespace or the portal's shared one (staff pages
 * look up both, staff first). Keys built at run time are caught by the browser tests.
 */
const LANGUAGES = ['kk', 'ru', 'en'] as const;
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const staff = Object.fromEntries(LANGUAGES.map((l) => [l, read(join(__dirname, 'i18n', `${l}.json`))]));
const shared = Object.fromEntries(LANGUAGES.map((l) => [l, read(join(__dirname, '..', 'i18n', `${l}.json`))]));

function flatten(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('staff translations', () => {
  it.each(LANGUAGES)('%s has every staff key the others have, each with text', (language) => {
    const mine = flatten(staff[language]);
    const all = new Set(LANGUAGES.flatMap((l) => flatten(staff[l])));
    expect([...all].filter((key) => !mine.includes(key))).toEqual([]);
    const empty = mine.filter((key) => {
      const value = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], staff[language]);
      return typeof value !== 'string' || value.trim() === '';
    });
    expect(empty).toEqual([]);
  });

  it('has every key the staff code names literally, in every language', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(__dirname)) {
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) named.add(key);
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/label: '([a-zA-Z0-9_.]+)'/g)) named.add(key);
    }
    expect(named.size).toBeGreaterThan(100);
    for (const language of LANGUAGES) {
      const present = new Set([...flatten(staff[language]), ...flatten(shared[language])]);
      expect([language, [...named].filter((key) => !present.has(key))]).toEqual([language, []]);
    }
  });
});
