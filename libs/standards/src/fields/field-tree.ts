/**
 * Fields of activity as a tree (DOMAIN.md §3): broader field ← narrower field. Experience in a
 * field counts for that field and every field above it, never for the fields below it: a year in
 * a call centre is a year in reference-information services, a year at a reference desk is not a
 * year in a call centre. The tree is data (the field_of_activity table); these functions only
 * read it, so the catalogue lists it and eligibility counts with it the same way.
 */

export const FIELD_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type FieldLanguage = (typeof FIELD_LANGUAGES)[number];

export interface FieldNode {
  code: string;
  /** The broader field; null for a root. */
  parentCode: string | null;
  names: Readonly<Record<FieldLanguage, string>>;
  /** Order among siblings. */
  position: number;
}

export interface FieldTree {
  readonly nodes: ReadonlyMap<string, FieldNode>;
  /** Child codes per parent code (null: the roots), in display order. */
  readonly children: ReadonlyMap<string | null, readonly string[]>;
}

/** Siblings by position, then code, so that the order never depends on how rows were read. */
function bySiblingOrder(a: FieldNode, b: FieldNode): number {
  return a.position - b.position || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Builds the tree, refusing what a tree cannot be: a code twice, a parent that does not exist, a
 * cycle. Those are mistakes in a migration, and counting experience over them would only guess.
 */
export function buildFieldTree(rows: readonly FieldNode[]): FieldTree {
  const nodes = new Map<string, FieldNode>();
  for (const row of rows) {
    if (nodes.has(row.code)) throw new RangeError(`field ${row.code} is listed twice`);
    nodes.set(row.code, row);
  }
  const grouped = new Map<string | null, FieldNode[]>();
  for (const node of nodes.values()) {
    if (node.parentCode !== null && !nodes.has(node.parentCode)) {
      throw new RangeError(`field ${node.code} names an unknown parent ${node.parentCode}`);
    }
    const siblings = grouped.get(node.parentCode) ?? [];
    siblings.push(node);
    grouped.set(node.parentCode, siblings);
  }
  // Every node must be reachable from a root; what is not sits on a cycle.
  const reached = new Set<string>();
  const stack = [...(grouped.get(null) ?? [])];
  while (stack.length > 0) {
    const node = stack.pop() as FieldNode;
    reached.add(node.code);
    stack.push(...(grouped.get(node.code) ?? []));
  }
  const cyclic = [...nodes.keys()].filter((code) => !reached.has(code));
  if (cyclic.length > 0) throw new RangeError(`fields ${cyclic.sort().join(', ')} form a cycle`);
  const children = new Map<string | null, string[]>();
  for (const [parent, siblings] of grouped)
    children.set(
      parent,
      [...siblings].sort(bySiblingOrder).map((n) => n.code),
    );
  return { nodes, children };
}

/**
 * The fields whose experience counts towards `code`: the field itself and every field below it.
 * A code the tree does not know counts only itself.
 */
export function fieldAndNarrower(tree: FieldTree, code: string): Set<string> {
  const found = new Set<string>([code]);
  const stack = [code];
  while (stack.length > 0) {
    for (const child of tree.children.get(stack.pop() as string) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        stack.push(child);
      }
    }
  }
  return found;
}

/** The fields a job in `code` counts towards: the field, then each broader one up to its root. */
export function fieldAndBroader(tree: FieldTree, code: string): string[] {
  const path = [code];
  let parent = tree.nodes.get(code)?.parentCode ?? null;
  // buildFieldTree refused cycles, so this ends at a root.
  while (parent !== null) {
    path.push(parent);
    parent = tree.nodes.get(parent)?.parentCode ?? null;
  }
  return path;
}

/** True when experience in `jobField` counts towards a requirement in `required`. */
export function countsTowards(tree: FieldTree, jobField: string, required: string): boolean {
  return fieldAndBroader(tree, jobField).includes(required);
}

/** Every field, each parent before its children, siblings in their order (for lists). */
export function orderedFields(tree: FieldTree): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (parent: string | null): void => {
    for (const code of tree.children.get(parent) ?? []) {
      out.push(tree.nodes.get(code) as FieldNode);
      visit(code);
    }
  };
  visit(null);
  return out;
}

/** The field's name in a language, or its code when the tree does not know it. */
export function fieldName(tree: FieldTree, code: string, language: FieldLanguage = 'ru'): string {
  return tree.nodes.get(code)?.names[language] ?? code;
}
