import { describe, expect, it } from 'vitest';
import { HASH_BITS } from '../../../src/scanners/injection/features.js';
import {
  decodeModel,
  denseLogit,
  type ModelFile,
  shippedModel,
} from '../../../src/scanners/injection/model.js';

const tiny = (hidden?: ModelFile['hidden']): ModelFile => ({
  version: 'test',
  trainedOn: 'test',
  hashBits: HASH_BITS,
  bias: 0,
  weights: Buffer.alloc(1 << HASH_BITS).toString('base64'),
  scale: 1,
  dense: { 'i:a': 1, 'i:b': 0.5 },
  ...(hidden && { hidden }),
  platt: { a: 1, b: 0 },
  gateLogit: 0,
  threshold: 0.5,
});

describe('injection model hidden layer', () => {
  it('is the plain linear sum without a hidden layer', () => {
    const m = decodeModel(tiny());
    expect(
      denseLogit(
        m,
        new Map([
          ['i:a', 2],
          ['i:b', 2],
        ]),
      ),
    ).toBeCloseTo(3);
  });

  it('adds w2 * tanh(b1 + w1 . x) per unit', () => {
    const m = decodeModel(
      tiny({ b1: [-1, 0.5], w2: [2, 1], w1: [{ 'i:a': 1, 'i:b': 1 }, { 'i:b': -0.25 }] }),
    );
    const x = new Map([
      ['i:a', 1],
      ['i:b', 2],
    ]);
    const expected = 1 * 1 + 0.5 * 2 + 2 * Math.tanh(-1 + 1 + 2) + 1 * Math.tanh(0.5 - 0.5);
    expect(denseLogit(m, x)).toBeCloseTo(expected, 10);
  });

  it('ships a hidden layer in which evidence of injection can only raise the score', () => {
    const m = shippedModel();
    const hidden = m.hidden;
    expect(hidden).toBeDefined();
    if (!hidden) return;
    for (const w of hidden.w2) expect(w).toBeGreaterThanOrEqual(0);
    // Crosses of intents (i:s:*, i:w:*, i:g:*) are evidence: their input weights are never negative.
    for (const row of hidden.w1)
      for (const [name, w] of Object.entries(row))
        if (/^i:[swg]:/.test(name) || name.startsWith('rule:')) expect(w, name).toBeGreaterThanOrEqual(0);
  });
});
