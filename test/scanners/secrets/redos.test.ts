import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ANCHORED_FORMATS } from '../../../src/scanners/secrets/provider-formats.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';
import { nestedUnbounded, UNBOUNDED } from '../../helpers/regex-safety.js';

const patterns: [string, string, string][] = [
  ...SECRET_RULES.map(
    (r) => [r.id, r.re.source, r.re.flags.replace(/[gd]/g, '')] as [string, string, string],
  ),
  ...ANCHORED_FORMATS.map(([id, , value]) => [id, `^(?:${value})$`, 'i'] as [string, string, string]),
];

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
