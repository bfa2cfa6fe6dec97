import { RecognitionFlag, StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import { SourceLine, keyWithOffsets, letterKey } from './source-lines';
import { stripItemNumbers } from './text-cleanup';

/** "Возможность признания навыка: Рекомендовано", wherever its pieces were printed. */
export interface FlagMark {
  /** Index in the section's lines of the label's first line. */
  from: number;
  /** Index of the line holding the value. */
  to: number;
  line: number;
  value: RecognitionFlag;
}

const FLAG_LABEL = letterKey('Возможность признания навыка');

/**
 * Finds every recognition flag of a skill table. The flags close the skills, so they are what
 * the table is segmented on: they are the one part of a skill the layout never moves.
 */
export function findRecognitionFlags(lines: readonly SourceLine[], warnings: WarningLog): FlagMark[] {
  const flags: FlagMark[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].key.startsWith('возможн')) continue;
    // The label may wrap: "Возможность " / "признания навыка" / ":".
    let acc = '';
    let j = i;
    while (j < lines.length && !lines[j].blank) {
      acc += lines[j].key;
      if (acc.length >= FLAG_LABEL.length || !FLAG_LABEL.startsWith(acc)) break;
      j++;
    }
    if (!acc.startsWith(FLAG_LABEL) || j >= lines.length) continue;
    if (j > i) warnings.add(lines[i].no, WarningCode.FLAG_LABEL_BROKEN, 'recognition label broken across lines');

    // The value follows the label's colon on its line, or on the next printed line.
    const { ends } = keyWithOffsets(lines[j].text);
    const labelEnd = ends[FLAG_LABEL.length - (acc.length - lines[j].key.length) - 1];
    let valueText = lines[j].text.slice(labelEnd).replace(/^\s*:?\s*/, '');
    let to = j;
    while (valueText.length === 0) {
      to++;
      while (to < lines.length && lines[to].blank) to++;
      if (to >= lines.length) {
        throw new StandardParseError(lines[i].no, 'recognition flag without a value (the text ends here)');
      }
      valueText = /^:+$/.test(lines[to].text) ? '' : lines[to].text;
    }
    const value = readFlagValue(valueText, lines[to].no, warnings);
    flags.push({ from: i, to, line: lines[i].no, value });
    i = to;
  }
  return flags;
}

function readFlagValue(text: string, line: number, warnings: WarningLog): RecognitionFlag {
  const { numbers, rest } = stripItemNumbers(text);
  if (numbers.length > 0) warnings.add(line, WarningCode.FLAG_NUMBERED, `flag printed with an item number: "${text}"`);
  const key = letterKey(rest);
  if (key === 'рекомендовано') return 'recommended';
  if (key === 'нерекомендовано') return 'not_recommended';
  if (/^не/.test(key) && key.includes('рекоменд') && key.length <= 'нерекомендовано'.length + 2) {
    warnings.add(line, WarningCode.FLAG_MISSPELT, `flag printed as "${rest}", read as "Не рекомендовано"`);
    return 'not_recommended';
  }
  if (key.startsWith('рекоменд') && key.length <= 'рекомендовано'.length + 2) {
    warnings.add(line, WarningCode.FLAG_MISSPELT, `flag printed as "${rest}", read as "Рекомендовано"`);
    return 'recommended';
  }
  throw new StandardParseError(line, `recognition flag "${text}" is neither "Рекомендовано" nor "Не рекомендовано"`);
}
