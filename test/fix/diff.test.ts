import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/diff.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'x')).toBe('');
  });

  it('shows an insertion with three lines of context and correct ranges', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const b = ['1', '2', '3', '4', 'new', '5', '6', '7', '8'].join('\n');
    expect(unifiedDiff(a, b, 'a', 'b')).toBe('--- a\n+++ b\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n');
  });

  it('shows a change and a new file', () => {
    expect(unifiedDiff('x\n', 'y\n', 'f', 'f')).toBe('--- f\n+++ f\n@@ -1,1 +1,1 @@\n-x\n+y\n');
    expect(unifiedDiff('', '{}\n', '/dev/null', 'f')).toBe('--- /dev/null\n+++ f\n@@ -0,0 +1,1 @@\n+{}\n');
  });

  it('splits distant changes into separate hunks', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[1] = 'X';
    b[18] = 'Y';
    const diff = unifiedDiff(a.join('\n'), b.join('\n'), 'a', 'b');
    expect(diff.match(/^@@/gm)).toHaveLength(2);
  });
});
