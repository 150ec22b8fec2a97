import { describe, expect, it } from 'vitest';
import {
  lineContaining,
  lineStarts,
  lineText,
  positionAt,
  positionLocator,
} from '../../src/core/text-position.js';

const LF = 'ab\ncde\n\nf';
const CRLF = 'ab\r\ncde\r\n\r\nf';

describe('text positions', () => {
  it('maps offsets to 1-based line and column through a line table', () => {
    const starts = lineStarts(LF);
    expect(starts).toEqual([0, 3, 7, 8]);
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt(starts, 8)).toEqual({ line: 4, column: 1 });
    expect(lineText(LF, starts, 2)).toBe('cde');
    expect(lineText(LF, starts, 3)).toBe('');
  });

  it('treats CRLF like LF: the carriage return ends its line', () => {
    const starts = lineStarts(CRLF);
    expect(positionAt(starts, CRLF.indexOf('d'))).toEqual({ line: 2, column: 2 });
    expect(positionAt(starts, CRLF.indexOf('f'))).toEqual({ line: 4, column: 1 });
    expect(lineText(CRLF, starts, 2)).toBe('cde');
    expect(lineContaining(CRLF, CRLF.indexOf('d'))).toEqual({ start: 4, text: 'cde' });
  });

  it('locates increasing offsets incrementally and agrees with the line table, also when going back', () => {
    for (const text of [LF, CRLF]) {
      const starts = lineStarts(text);
      const locate = positionLocator(text);
      const offsets = [...text].map((_, i) => i);
      for (const o of [...offsets, 0, ...offsets.reverse()]) expect(locate(o)).toEqual(positionAt(starts, o));
    }
  });

  it('finds the line around an offset on the first and last lines', () => {
    expect(lineContaining(LF, 1)).toEqual({ start: 0, text: 'ab' });
    expect(lineContaining(LF, LF.length - 1)).toEqual({ start: 8, text: 'f' });
  });
});
