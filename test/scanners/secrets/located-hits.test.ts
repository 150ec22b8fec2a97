import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { maskSecret, secretFingerprint } from '../../../src/scanners/secrets/mask.js';

// Fake, randomly generated values in real formats. None is a live credential.
const GITHUB = 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp';
const STRIPE = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const AWS_ID = 'AKIAEEARJ6ENXFWB4VFX';

describe('findSecrets: located, masked hits', () => {
  it('gives 1-based line and column of each secret in multi-line text', () => {
    const text = `first line\n  token: ${GITHUB}\n\nuse ${STRIPE} here`;
    const hits = findSecrets(text);
    expect(hits.map((h) => [h.ruleId, h.line, h.column])).toEqual([
      ['github-token', 2, 10],
      ['stripe-secret-key', 4, 5],
    ]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toMatch(/^(?:ghp_|sk_live_)/);
  });

  it('gives the same lines and columns for CRLF text as for LF text', () => {
    const lf = `a\nb ${AWS_ID}\nc\n  ${GITHUB}`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const where = (t: string) => findSecrets(t).map((h) => [h.line, h.column]);
    expect(where(crlf)).toEqual([
      [2, 3],
      [4, 3],
    ]);
    expect(where(crlf)).toEqual(where(lf));
  });

  it('locates a secret on the first line and one at the very end of the text', () => {
    const text = `${STRIPE}\n\n\nx=${GITHUB}`;
    expect(findSecrets(text).map((h) => [h.line, h.column, h.end === text.length])).toEqual([
      [1, 1, false],
      [4, 3, true],
    ]);
  });

  it('masks every hit with the one masking function, never showing the secret', () => {
    const text = `A=${GITHUB} B=${STRIPE} C=${AWS_ID}`;
    const hits = findSecrets(text);
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      const secret = text.slice(h.start, h.end);
      expect(h.masked).toBe(maskSecret(secret));
      expect(h.masked).not.toContain(secret);
      expect(h.masked).not.toContain(secret.slice(4, 12));
    }
  });

  it('gives a stable fingerprint that depends on the secret only and does not contain it', () => {
    const [a] = findSecrets(`token: ${GITHUB}`);
    const [b] = findSecrets(`something else\n\nGITHUB=${GITHUB}`);
    const [c] = findSecrets(`token: ${GITHUB.slice(0, -1)}X`);
    expect(a?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).toBe(secretFingerprint(GITHUB));
    expect(c?.fingerprint).not.toBe(a?.fingerprint);
    expect(GITHUB).not.toContain(a?.fingerprint);
  });

  it('serialises a hit with its masked text and fingerprint, never the secret', () => {
    const [hit] = findSecrets(`token: ${GITHUB}`);
    const json = JSON.parse(JSON.stringify(hit));
    expect(json).toEqual({
      ruleId: 'github-token',
      start: 7,
      end: 7 + GITHUB.length,
      line: 1,
      column: 8,
      masked: maskSecret(GITHUB),
      fingerprint: secretFingerprint(GITHUB),
      verified: false,
    });
    expect(JSON.stringify(hit)).not.toContain(GITHUB.slice(4));
    expect(inspect(hit)).not.toContain(GITHUB.slice(4));
  });
});

describe('findSecrets: allowlist', () => {
  const text = `a=${GITHUB}\nb=${STRIPE}`;

  it('drops secrets whose fingerprint is allowed, as a set or a list', () => {
    const allowed = secretFingerprint(GITHUB);
    const asSet = findSecrets(text, { allow: { fingerprints: new Set([allowed]) } });
    const asList = findSecrets(text, { allow: { fingerprints: [allowed] } });
    expect(asSet.map((h) => h.ruleId)).toEqual(['stripe-secret-key']);
    expect(asList.map((h) => h.ruleId)).toEqual(['stripe-secret-key']);
  });

  it('drops secrets whose value matches an allowed pattern, global patterns included', () => {
    const allow = { patterns: [/^sk_live_xWFs/g] };
    expect(findSecrets(text, { allow }).map((h) => h.ruleId)).toEqual(['github-token']);
    expect(findSecrets(text, { allow }).map((h) => h.ruleId)).toEqual(['github-token']);
  });

  it('keeps everything when the allowlist matches nothing', () => {
    const allow = { fingerprints: ['0000000000000000'], patterns: [/nothing-like-this/] };
    expect(findSecrets(text, { allow })).toHaveLength(2);
  });
});
