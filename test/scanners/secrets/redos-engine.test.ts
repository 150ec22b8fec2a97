import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ANCHORED_PASS_PATTERNS } from '../../../src/scanners/secrets/anchored.js';
import { SECRET_MANIFEST_PATTERNS } from '../../../src/scanners/secrets/kubernetes.js';
import { NAME_PATTERNS } from '../../../src/scanners/secrets/names.js';
import { PLACEHOLDER_PATTERNS } from '../../../src/scanners/secrets/placeholders.js';
import { VALUE_SHAPE_PATTERNS } from '../../../src/scanners/secrets/value-shapes.js';

/**
 * redos.test.ts analyses every rule's regex; these are the engine's other patterns, which run on whole texts
 * (the anchored assignment pass, Kubernetes manifest landmarks) or on every captured value (placeholders,
 * value shapes, names). The anchored pass's keyword alternation is left to the structural reasoning: a plain
 * alternation of literals cannot backtrack.
 */
const patterns: [string, RegExp][] = [
  ...ANCHORED_PASS_PATTERNS.slice(0, 1).map((re, i) => [`anchored #${i}`, re] as [string, RegExp]),
  ...SECRET_MANIFEST_PATTERNS.map((re, i) => [`kubernetes #${i}`, re] as [string, RegExp]),
  ...NAME_PATTERNS.map((re, i) => [`names #${i}`, re] as [string, RegExp]),
  ...PLACEHOLDER_PATTERNS.map((re, i) => [`placeholders #${i}`, re] as [string, RegExp]),
  ...VALUE_SHAPE_PATTERNS.map((re, i) => [`value shapes #${i}`, re] as [string, RegExp]),
];

describe('the engine patterns beside the rules cannot backtrack catastrophically', () => {
  it.each(patterns)('%s: recheck finds no exponential or polynomial attack', (_name, re) => {
    const result = checkSync(re.source, re.flags.replace(/[gyd]/g, ''), { timeout: 10_000 });
    expect(result.status === 'vulnerable' ? `${result.complexity.summary} ${re.source}` : 'ok').toBe('ok');
  });
});
