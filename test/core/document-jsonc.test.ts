import { describe, expect, it } from 'vitest';
import { offsetToPosition } from '../../src/core/document/document.js';
import { parseJsonc, strictJsonViolation } from '../../src/core/document/jsonc.js';

const text = `// comment
{
  "permissions": {
    /* block */
    "deny": ["Bash(rm -rf *)", "Read(./.env)",],
  },
}`;

describe('parseJsonc', () => {
  it('accepts comments and trailing commas and locates values by path', () => {
    const r = parseJsonc(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.value).toEqual({ permissions: { deny: ['Bash(rm -rf *)', 'Read(./.env)'] } });
    expect(r.doc.locate(['permissions'])).toEqual({ line: 3, column: 3 });
    expect(r.doc.locate(['permissions', 'deny', 1]).line).toBe(5);
    expect(r.doc.has(['permissions', 'allow'])).toBe(false);
    // A missing path points at the nearest existing parent.
    expect(r.doc.locate(['permissions', 'allow']).line).toBe(3);
  });

  it('reports the position of a syntax error', () => {
    const r = parseJsonc('{\n  "a": 1\n  "b": 2\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.position.line).toBe(3);
    expect(r.error).toMatch(/invalid JSON/);
  });

  it('rejects a document nested too deeply to parse instead of overflowing the stack', () => {
    for (const text of [
      '['.repeat(20_000) + ']'.repeat(20_000),
      `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`,
    ]) {
      const r = parseJsonc(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toBe('invalid JSON (nested too deeply)');
      expect(r.position).toEqual({ line: 1, column: 1 });
    }
  });

  it('finds the first comment or trailing comma that strict JSON (Claude Code) refuses', () => {
    expect(strictJsonViolation(text)).toEqual({ what: 'comment', position: { line: 1, column: 1 } });
    expect(strictJsonViolation('{\n  "deny": ["Bash(wget *)",\n  ]\n}')).toEqual({
      what: 'trailing comma',
      position: { line: 2, column: 26 },
    });
    expect(strictJsonViolation('{"url": "https://x.example/a//b", "c": "/* no */"}')).toBeUndefined();
  });

  it('deletes the last item of an array, on one line or several, leaving valid JSON', () => {
    for (const [before, index, after] of [
      ['{"a":[{"x":1}, {"y":2}]}', 1, { a: [{ x: 1 }] }],
      ['{"a":[{"x":1},{"y":2}],"b":0}', 1, { a: [{ x: 1 }], b: 0 }],
      ['{"a":[\n  {"x":1},\n  {"y":2}\n]}', 1, { a: [{ x: 1 }] }],
      ['{"a":[{"y":2}]}', 0, { a: [] }],
      ['{"a":[{"x":1},{"y":2},{"z":3}]}', 1, { a: [{ x: 1 }, { z: 3 }] }],
    ] as const) {
      const doc = parseJsonc(before);
      if (!doc.ok) throw new Error(doc.error);
      const edit = doc.doc.delete(['a', index]);
      if (!edit.ok) throw new Error(edit.error);
      expect(JSON.parse(edit.text)).toEqual(after);
    }
  });

  it('rejects an empty document', () => {
    expect(parseJsonc('').ok).toBe(false);
  });

  it('offsetToPosition counts lines from 1', () => {
    expect(offsetToPosition('a\nbc\nd', 4)).toEqual({ line: 2, column: 3 });
  });
});
