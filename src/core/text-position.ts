/**
 * Offsets in a text ↔ 1-based line and column, shared by the engines that report where they found something
 * (secrets, injection). Columns count UTF-16 code units, like editors' and JSONC parsers' offsets; a `\r`
 * before `\n` belongs to the line it ends, so CRLF text gets the same lines and columns as LF text.
 */
export interface Position {
  line: number;
  column: number;
}

/** Offsets of the start of every line, for many lookups in one text (see `positionAt`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset, by binary search in `lineStarts(text)`. */
export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** Text of a 1-based line, without its line break. */
export function lineText(text: string, starts: number[], line: number): string {
  const start = starts[line - 1] ?? 0;
  const next = starts[line];
  return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
}

/** The line holding `offset`: where it starts and its text, without its line break. */
export function lineContaining(text: string, offset: number): { start: number; text: string } {
  const start = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

/**
 * A locator for offsets met in increasing order (a scanner's hits): it only counts the newlines between one
 * offset and the next, so locating a few hits in a large text costs no line table. An offset before the
 * previous one restarts the count from the top.
 */
export function positionLocator(text: string): (offset: number) => Position {
  let line = 1;
  let lineStart = 0;
  // The first newline at or after lineStart (-1: none), kept so many hits on one long line do not each search
  // to its end.
  let next = text.indexOf('\n');
  return (offset) => {
    if (offset < lineStart) {
      line = 1;
      lineStart = 0;
      next = text.indexOf('\n');
    }
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', lineStart);
    }
    return { line, column: offset - lineStart + 1 };
  };
}
