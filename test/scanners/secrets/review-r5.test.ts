import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/core/redact.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

/** Regressions found in review of round 5 (against dd3240f): each case written for the finding, values random. */
const spans = (text: string, includePlaceholders = false) =>
  findSecrets(text, { includePlaceholders }).map((h) => text.slice(h.start, h.end));

describe('a secret word before an assignment does not swallow it', () => {
  const v = 'Xk9mQ2vL7pR4tZ8aWq3nB5';
  for (const text of [
    `Please set the secret DB_PASSWORD=${v} now`,
    `we rotated the token API_TOKEN=${v} yesterday`,
    `new key: see below; the key STRIPE_SECRET=${v} is live`,
    `the secret DB_PASSWORD: ${v}`,
  ])
    it(text, () => {
      expect(spans(text)).toEqual([v]);
      expect(spans(text, true)).toEqual([v]);
      expect(redactText(text)).not.toContain(v);
    });
  it('a value after blanks still ends in base64 padding', () => {
    const b64 = 'dGhpc2lzYXNlY3JldHZhbHVlMTIzNDU2Nzg5MA==';
    expect(spans(`ENV API_SECRET ${b64}`)).toEqual([b64]);
  });
});
