import { redactText } from './redact.js';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u180E\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** Makes invisible characters visible as <U+XXXX> so evidence shows what is hidden. */
function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}>`);
}

/** One line of a file as evidence: secrets redacted, invisible characters shown, cut to a readable length. */
export function evidenceLine(line: string, max = 160): string {
  const shown = showInvisible(redactText(line.trim()));
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
