import {
  buildFieldTree,
  countsTowards,
  fieldAndBroader,
  fieldAndNarrower,
  fieldName,
  orderedFields,
  type FieldNode,
} from './field-tree';

const node = (code: string, parentCode: string | null, position = 0): FieldNode => ({
  code,
  parentCode,
  position,
  names: { kk: `${code} (kk)`, ru: `${code} (ru)`, en: `${code} (en)` },
});

/** The seeded tree's shape (migrations/…-admission-documents.ts). */
const SEEDED = [
  node('reference_information_services', null, 1),
  node('remote_information_consulting', 'reference_information_services', 1),
  node('contact_centre', 'remote_information_consulting', 1),
  node('call_centre', 'remote_information_consulting', 2),
  node('other', null, 2),
];
const tree = buildFieldTree(SEEDED);
const CODES = SEEDED.map((n) => n.code);

describe('the field tree', () => {
  it('counts a narrower field towards each broader one, and never the reverse', () => {
    // Every ordered pair: a job in `job` counts for `required` exactly when `required` is on the
    // path from `job` up to its root.
    const above: Record<string, string[]> = {
      reference_information_services: [],
      remote_information_consulting: ['reference_information_services'],
      contact_centre: ['remote_information_consulting', 'reference_information_services'],
      call_centre: ['remote_information_consulting', 'reference_information_services'],
      other: [],
    };
    for (const job of CODES) {
      for (const required of CODES) {
        const expected = job === required || above[job].includes(required);
        expect({ job, required, counts: countsTowards(tree, job, required) }).toEqual({
          job,
          required,
          counts: expected,
        });
      }
    }
  });

  it('lists the fields that count towards a requirement: the field and all below it', () => {
    expect([...fieldAndNarrower(tree, 'reference_information_services')].sort()).toEqual([
      'call_centre',
      'contact_centre',
      'reference_information_services',
      'remote_information_consulting',
    ]);
    expect([...fieldAndNarrower(tree, 'remote_information_consulting')].sort()).toEqual([
      'call_centre',
      'contact_centre',
      'remote_information_consulting',
    ]);
    expect([...fieldAndNarrower(tree, 'call_centre')]).toEqual(['call_centre']);
    expect([...fieldAndNarrower(tree, 'other')]).toEqual(['other']);
  });

  it('walks from a field up to its root', () => {
    expect(fieldAndBroader(tree, 'call_centre')).toEqual([
      'call_centre',
      'remote_information_consulting',
      'reference_information_services',
    ]);
    expect(fieldAndBroader(tree, 'reference_information_services')).toEqual(['reference_information_services']);
  });

  it('treats a code it does not know as a field of its own, with no relatives', () => {
    expect([...fieldAndNarrower(tree, 'beekeeping')]).toEqual(['beekeeping']);
    expect(fieldAndBroader(tree, 'beekeeping')).toEqual(['beekeeping']);
    expect(countsTowards(tree, 'beekeeping', 'beekeeping')).toBe(true);
    expect(countsTowards(tree, 'beekeeping', 'reference_information_services')).toBe(false);
    expect(countsTowards(tree, 'call_centre', 'beekeeping')).toBe(false);
    expect(fieldName(tree, 'beekeeping')).toBe('beekeeping');
  });

  it('orders parents before children, siblings by position then code, whatever the row order', () => {
    const shuffled = buildFieldTree([...SEEDED].reverse());
    expect(orderedFields(shuffled).map((n) => n.code)).toEqual([
      'reference_information_services',
      'remote_information_consulting',
      'contact_centre',
      'call_centre',
      'other',
    ]);
    const tied = buildFieldTree([node('b', null), node('a', null), node('c', null, -1)]);
    expect(orderedFields(tied).map((n) => n.code)).toEqual(['c', 'a', 'b']);
  });

  it('names a field in each language', () => {
    expect(fieldName(tree, 'call_centre', 'kk')).toBe('call_centre (kk)');
    expect(fieldName(tree, 'call_centre')).toBe('call_centre (ru)');
    expect(fieldName(tree, 'call_centre', 'en')).toBe('call_centre (en)');
  });

  it('refuses a code listed twice, an unknown parent and a cycle', () => {
    expect(() => buildFieldTree([node('a', null), node('a', null)])).toThrow('field a is listed twice');
    expect(() => buildFieldTree([node('a', 'ghost')])).toThrow('field a names an unknown parent ghost');
    expect(() => buildFieldTree([node('root', null), node('a', 'b'), node('b', 'a')])).toThrow(
      'fields a, b form a cycle',
    );
    expect(() => buildFieldTree([node('a', 'a')])).toThrow('fields a form a cycle');
  });

  it('builds an empty tree', () => {
    const empty = buildFieldTree([]);
    expect(orderedFields(empty)).toEqual([]);
    expect([...fieldAndNarrower(empty, 'x')]).toEqual(['x']);
  });
});
