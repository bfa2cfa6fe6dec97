/**
 * The ids a candidate sees for a test's options (docs/ASSESSMENT.md §4). The bank names options
 * `a`…`h` in the author's order, the same for every candidate; shown as they are, `a` everywhere
 * would follow the author's habit of putting the key first. So each test gets its own opaque
 * labels, drawn at random when it is assembled and stored with the draw: neither an option's
 * position nor its id says anything about the key, and a label is an option of one item only.
 *
 * - A label is unique within the test (a collision is drawn again), so a label answered on any
 *   other item is not an option of it.
 * - Answers are kept in the candidate's labels; scoring translates them back to the author's ids.
 *   A label that is not one of the item's options translates to nothing rather than to a guess.
 * - The label source is injected, as randomness is in test-assembly.ts, so the rule is testable.
 */

/** A source of fresh labels (random in production). */
export type LabelSource = () => string;

/**
 * For each item's options in display order, a label; unique across the whole test. Throws when
 * the source keeps repeating itself, which only a broken source does.
 */
export function labelOptions(items: readonly (readonly string[])[], newLabel: LabelSource): string[][] {
  const used = new Set<string>();
  const total = items.reduce((sum, options) => sum + options.length, 0);
  let draws = 0;
  return items.map((options) =>
    options.map(() => {
      for (;;) {
        draws += 1;
        if (draws > total * 4 + 16) throw new Error('the label source keeps repeating labels');
        const label = newLabel();
        if (label.length === 0 || used.has(label)) continue;
        used.add(label);
        return label;
      }
    }),
  );
}

/**
 * The author's option ids behind the labels a candidate chose: `labels[i]` shows `optionOrder[i]`.
 * null (never answered) stays null; unknown labels are dropped; the result is sorted and distinct.
 */
export function authorOptionIds(
  labels: readonly string[],
  optionOrder: readonly string[],
  answer: readonly string[] | null,
): string[] | null {
  if (answer === null) return null;
  const chosen = new Set<string>();
  for (const label of answer) {
    const index = labels.indexOf(label);
    if (index >= 0 && index < optionOrder.length) chosen.add(optionOrder[index]);
  }
  return [...chosen].sort();
}
