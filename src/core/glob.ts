/**
 * Glob patterns that files supply (a command's `~/.ss?/id_*`, a project policy's protected paths) compiled to
 * linear-time programs (core/linear-match.ts) instead of RegExps (issue 16): any pattern of any size matches in
 * at most text length × pattern size steps and never throws.
 */
import { type CharTest, charTest, matcherOf, ProgramBuilder, type TextMatcher } from './linear-match.js';

export const NOT_SLASH: CharTest = { kind: 'not-slash' };

/**
 * The bracket class `[abc]`, `[!a-z]` or `[^a-z]` whose `[` is at `start`: its test and the index of its `]`.
 * A `]` right after the `[` (or its `!`) is a member; `\` is an ordinary character. Undefined when the class
 * has no `]` or holds a reversed range (`[Post-process]`): the `[` is then literal, as in bash.
 */
export function bracketClass(pattern: string, start: number): { test: CharTest; end: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  const first = i;
  const ranges: [number, number][] = [];
  for (; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === ']' && i > first) return { test: { kind: 'ranges', ranges, negate }, end: i };
    const lo = ch.charCodeAt(0);
    const to = pattern[i + 2];
    if (pattern[i + 1] === '-' && to !== undefined && to !== ']') {
      const hi = to.charCodeAt(0);
      if (hi < lo) return undefined;
      ranges.push([lo, hi]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  return undefined;
}

/**
 * A shell glob over a path, matched whole: `*` and `?` stay within one segment, `[…]` is a class, and a
 * segment's leading dot is only matched by a dot (`*` does not list dotfiles).
 */
export function shellGlob(pattern: string): TextMatcher {
  const b = new ProgramBuilder();
  const dot = charTest('.');
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    const segmentStart = i === 0 || pattern[i - 1] === '/';
    if ((ch === '*' || ch === '?') && segmentStart) b.notBefore(dot);
    if (ch === '*') {
      if (pattern[i - 1] !== '*') b.star(NOT_SLASH);
    } else if (ch === '?') b.test(NOT_SLASH);
    else {
      const cls = ch === '[' ? bracketClass(pattern, i) : undefined;
      if (cls) {
        b.test(cls.test);
        i = cls.end;
      } else b.test(charTest(ch));
    }
  }
  return matcherOf(b.finishWhole());
}
