import { redactText } from '../../core/redact.js';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u180E\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** One line of a file as evidence: secrets redacted, invisible characters shown as <U+XXXX>, cut short. */
export function evidence(line: string, max = 160): string {
  const shown = redactText(line.trim()).replace(
    INVISIBLE,
    (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}>`,
  );
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** The 1-based line of a text that first contains `needle`, searching from line `from`. */
export function lineOf(lines: readonly string[], needle: string, from = 1): number | undefined {
  const probe = needle.trim().split('\n')[0]?.slice(0, 80) ?? '';
  if (probe === '') return undefined;
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i]?.includes(probe)) return i + 1;
  return undefined;
}
