import { WarningCode, WarningLog } from './parse-warnings';
import { SourceLine, deriveLine, keyWithOffsets, letterKey } from './source-lines';

/** A label of a two-column field table ("Код группы:" | "4224-5"), in the order printed. */
export interface LabelSpec<F extends string> {
  readonly field: F;
  readonly text: string;
}

export interface FieldValue<F extends string> {
  field: F;
  /** Line where the label starts. */
  line: number;
  values: SourceLine[];
}

export interface LabelledText<F extends string> {
  /** One entry per label met, in order; a label printed twice gives two entries. */
  fields: FieldValue<F>[];
  /** Values met before any label. */
  unlabelled: SourceLine[];
  /** Lines read as (parts of) labels. */
  labelLines: Set<number>;
}

interface Label<F extends string> {
  field: F;
  key: string;
  order: number;
}

interface Pending<F extends string> {
  key: string;
  /** The label the fragments read so far can only belong to, once known. */
  label: Label<F> | null;
  opened: FieldValue<F> | null;
  firstLine: number;
}

interface LineMatch<F extends string> {
  match: Match<F>;
  continuing: boolean;
}

interface Match<F extends string> {
  /** Null while the letters read so far start several labels. */
  label: Label<F> | null;
  complete: boolean;
  /** Text after the label's colon on the same line. */
  rest: string;
  key: string;
}

/**
 * Reads a field table whose label column is narrow: labels break across lines ("Уровень " /
 * "квалификац" / "ии по ОРК:"), across page breaks, into letter-per-line columns that drop
 * letters ("У" / "р" / " ф" / … / "я:"), and the value column is interleaved with them. Labels
 * are recognised on their letters alone (see `letterKey`), accumulated line by line while they
 * still read as the start of a known label.
 */
export function readLabelledText<F extends string>(
  lines: readonly SourceLine[],
  specs: readonly LabelSpec<F>[],
  warnings: WarningLog,
): LabelledText<F> {
  return new FieldTableReader(specs, warnings).read(lines);
}

class FieldTableReader<F extends string> {
  private readonly labels: Label<F>[];
  private readonly result: LabelledText<F> = { fields: [], unlabelled: [], labelLines: new Set() };
  private current: FieldValue<F> | null = null;
  private pending: Pending<F> | null = null;
  /** Labels printed side by side ("Уровень образования: Специальность: Квалификация:") share the next value line. */
  private stacked: FieldValue<F>[] = [];

  constructor(
    specs: readonly LabelSpec<F>[],
    private readonly warnings: WarningLog,
  ) {
    this.labels = specs.map((s, order) => ({ field: s.field, key: letterKey(s.text), order }));
  }

  read(lines: readonly SourceLine[]): LabelledText<F> {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.blank) continue;
      if (/^:+$/.test(line.text)) {
        this.result.labelLines.add(line.no); // the colon of a label, wrapped onto its own line
        continue;
      }
      if (isLetterFragment(line)) {
        const run = [line];
        while (i + 1 < lines.length && !lines[i + 1].blank && isLetterFragment(lines[i + 1])) run.push(lines[++i]);
        this.fragments(run);
        continue;
      }
      this.line(line);
    }
    return this.result;
  }

  private fragments(run: SourceLine[]): void {
    const runKey = run.map((l) => l.key).join('');
    const endsLabel = /:$/.test(run[run.length - 1].text);
    const found = matchFragments(this.labels, this.pending, runKey, endsLabel, this.current);
    if (!found) {
      for (const l of run) {
        this.warnings.add(l.no, WarningCode.UNRECOGNISED_FRAGMENT, `fragment "${l.text}" fits no label, left out`);
      }
      return;
    }
    for (const l of run) this.result.labelLines.add(l.no);
    this.accept(found.match, run[0], found.continuing);
    this.stacked = [];
  }

  private line(line: SourceLine): void {
    let text: SourceLine | null = line;
    const onThisLine: FieldValue<F>[] = [];
    let labelled = false;
    while (text) {
      const found: LineMatch<F> | null = matchLabelLine(this.labels, this.pending, text);
      if (!found) break;
      labelled = true;
      const field = this.accept(found.match, line, found.continuing);
      if (found.match.complete && field) onThisLine.push(field);
      text = found.match.rest.length > 0 ? deriveLine(line, found.match.rest) : null;
    }
    if (labelled) this.stacked = onThisLine.length > 1 ? onThisLine : [];
    if (!text) return;
    if (this.stacked.length > 1) {
      distributeStacked(this.stacked, text, this.warnings);
      this.stacked = [];
      return;
    }
    if (this.current) this.current.values.push(text);
    else this.result.unlabelled.push(text);
  }

  /** Applies a recognised label (or the next fragment of one) met on `line`. */
  private accept(match: Match<F>, line: SourceLine, continuing: boolean): FieldValue<F> | null {
    this.result.labelLines.add(line.no);
    const prior = continuing ? this.pending : null;
    let field: FieldValue<F> | null = null;
    if (match.label) {
      field =
        prior?.opened?.field === match.label.field ? prior.opened : this.open(match.label, prior?.firstLine ?? line.no);
      this.current = field;
    }
    if (!match.complete) {
      this.pending = { key: match.key, label: match.label, opened: field, firstLine: prior?.firstLine ?? line.no };
    } else if (continuing || (this.pending?.label !== null && this.pending?.label === match.label)) {
      this.pending = null;
    }
    // Otherwise a label of another field came whole in between; the unfinished one may still
    // be completed by fragments further down (a letter-per-line column runs past its values).
    return field;
  }

  private open(label: Label<F>, line: number): FieldValue<F> {
    const field: FieldValue<F> = { field: label.field, line, values: [] };
    this.result.fields.push(field);
    return field;
  }
}

/** Lines of one to three letters: the letter-per-line label column, never a value. */
function isLetterFragment(line: SourceLine): boolean {
  return /^\p{L}{1,3}:?$/u.test(line.text);
}

function matchLabelLine<F extends string>(
  labels: readonly Label<F>[],
  pending: Pending<F> | null,
  line: SourceLine,
): LineMatch<F> | null {
  const { key, ends } = keyWithOffsets(line.text);
  if (key.length === 0) return null;
  const attempts: { prefix: string; continuing: boolean }[] = pending
    ? [
        { prefix: pending.key, continuing: true },
        { prefix: '', continuing: false },
      ]
    : [{ prefix: '', continuing: false }];
  for (const { prefix, continuing } of attempts) {
    const acc = prefix + key;
    const exact = labels.find((l) => l.key === acc);
    if (exact) return { match: { label: exact, complete: true, rest: '', key: acc }, continuing };
    // "Код группы: 4224-5": a whole label, its colon, then the value.
    const inline = labels
      .filter((l) => l.key.length > prefix.length && acc.startsWith(l.key))
      .sort((a, b) => b.key.length - a.key.length)
      .map((l) => {
        const after = line.text.slice(ends[l.key.length - prefix.length - 1]);
        return { label: l, after };
      })
      .find((c) => /^\s*:/.test(c.after));
    if (inline) {
      const rest = inline.after.replace(/^\s*:\s*/, '');
      return { match: { label: inline.label, complete: true, rest, key: inline.label.key }, continuing };
    }
    const partial = labels.filter((l) => l.key.startsWith(acc));
    // A fresh label must show enough letters not to be mistaken for a short value.
    if (partial.length > 0 && (continuing || acc.length >= 3)) {
      const label = new Set(partial.map((p) => p.field)).size === 1 ? partial[0] : null;
      return { match: { label, complete: false, rest: '', key: acc }, continuing };
    }
  }
  return null;
}

/**
 * Letter-per-line labels lose letters in conversion ("урфонобразования" for "Уровень
 * профессионального образования:"), so besides a prefix match they may match as a
 * subsequence of a label's letters; the label expected next in the printed order wins.
 */
function matchFragments<F extends string>(
  labels: readonly Label<F>[],
  pending: Pending<F> | null,
  runKey: string,
  endsLabel: boolean,
  current: FieldValue<F> | null,
): LineMatch<F> | null {
  const after = current ? (labels.find((l) => l.field === current.field)?.order ?? -1) : -1;
  const ordered = [...labels.filter((l) => l.order > after), ...labels.filter((l) => l.order <= after)];
  const attempts = pending ? [{ acc: pending.key + runKey, continuing: true }] : [];
  attempts.push({ acc: runKey, continuing: false });
  for (const { acc, continuing } of attempts) {
    const candidates = continuing && pending?.label ? [pending.label, ...ordered] : ordered;
    const exact = candidates.find((l) => l.key === acc);
    if (exact) return { match: { label: exact, complete: true, rest: '', key: acc }, continuing };
    const partial = candidates.filter((l) => l.key.startsWith(acc));
    if (partial.length > 0) {
      const label = new Set(partial.map((p) => p.field)).size === 1 ? partial[0] : null;
      return { match: { label, complete: false, rest: '', key: acc }, continuing };
    }
    for (const l of candidates) {
      if (acc[0] !== l.key[0] || !isSubsequence(acc, l.key)) continue;
      if (endsLabel && acc[acc.length - 1] !== l.key[l.key.length - 1]) continue;
      return { match: { label: l, complete: endsLabel, rest: '', key: acc }, continuing };
    }
  }
  return null;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

/** "ТиПО (специалист среднего звена) - -" under three side-by-side labels. */
function distributeStacked<F extends string>(stacked: FieldValue<F>[], line: SourceLine, warnings: WarningLog): void {
  const tokens = line.text.split(' ');
  const fields = [...stacked];
  while (fields.length > 1 && tokens.length > 1 && /^[-–—]$/.test(tokens[tokens.length - 1])) {
    const field = fields.pop();
    field?.values.push(deriveLine(line, tokens.pop() ?? '-'));
  }
  fields[0].values.push(deriveLine(line, tokens.join(' ')));
  if (fields.length > 1) {
    warnings.add(
      line.no,
      WarningCode.STACKED_LABELS,
      'side-by-side labels share one value line; only the first took it',
    );
  } else {
    warnings.add(line.no, WarningCode.STACKED_LABELS, 'side-by-side labels share one value line, split at the dashes');
  }
}
