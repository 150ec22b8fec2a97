import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ANCHORED_FORMATS } from '../../../src/scanners/secrets/provider-formats.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';

const patterns: [string, string, string][] = [
  ...SECRET_RULES.map(
    (r) => [r.id, r.re.source, r.re.flags.replace(/[gd]/g, '')] as [string, string, string],
  ),
  ...ANCHORED_FORMATS.map(([id, , value]) => [id, `^(?:${value})$`, 'i'] as [string, string, string]),
];

/** `+`, `*` or `{n,}` outside a character class and not escaped. */
const UNBOUNDED = /(?<!\\)(?:[+*]|\{\d+,\})(?![^[]*\])/;

/**
 * A group that holds an unbounded quantifier and is itself repeated (`(a+)+`, `(?:x*y)*`): the shape behind
 * catastrophic backtracking. A bounded quantifier costs at most a constant factor per start position.
 */
function nestedUnbounded(source: string): boolean {
  const stack: { start: number; unbounded: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ start: i, unbounded: false });
    else if (c === ')') {
      const group = stack.pop();
      const after = source.slice(i + 1, i + 12);
      const repeated = /^(?:[+*]|\{\d+,\d*\})/.test(after) && !/^\{\d+\}/.test(after);
      if (group?.unbounded && repeated) return true;
      const parent = stack[stack.length - 1];
      if (parent && group?.unbounded) parent.unbounded = true;
    } else if (
      (c === '+' || c === '*' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) &&
      stack.length > 0
    ) {
      const top = stack[stack.length - 1];
      if (top) top.unbounded = true;
    }
  }
  return false;
}

describe('secret rule regexes cannot backtrack catastrophically', () => {
  it.each(patterns)('%s: no repeated group holding an unbounded quantifier', (_id, source) => {
    expect(nestedUnbounded(source)).toBe(false);
  });

  it('the structural check flags the classic catastrophic shapes (it can fail)', () => {
    expect(nestedUnbounded('^(a+)+$')).toBe(true);
    expect(nestedUnbounded('(?:x*y)*z')).toBe(true);
    expect(nestedUnbounded('\\bghp_[A-Za-z0-9]{36,255}')).toBe(false);
  });

  // recheck (pure-JS or its bundled binary, offline) on every pattern that still has an unbounded quantifier:
  // those are the ones where a crafted 50 MB line could cost more than linear time.
  const unbounded = patterns.filter(([, source]) => UNBOUNDED.test(source));
  it.each(unbounded)('%s: recheck finds no exponential or polynomial attack', (_id, source, flags) => {
    const result = checkSync(source, flags, { timeout: 10_000 });
    expect(result.status === 'vulnerable' ? result.complexity.summary : 'ok').toBe('ok');
  });

  it('recheck does flag a catastrophic pattern (the analyser is live)', () => {
    expect(checkSync('^(a+)+$', '').status).toBe('vulnerable');
  });
});
