import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

// Made-up values in the formats' documented shapes.
const B64_KEY = 'c2VjcmV0LWtleS1ib2R5LXRoYXQtaXMtbm90LXJlYWwtYXQtYWxsLTEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9w';
const PEM_B64 = Buffer.from(
  `-----BEGIN RSA PRIVATE KEY-----\n${B64_KEY}\n${B64_KEY}\n-----END RSA PRIVATE KEY-----\n`,
).toString('base64');
const CERT_B64 = Buffer.from(
  `-----BEGIN CERTIFICATE-----\n${B64_KEY}\n${B64_KEY}\n-----END CERTIFICATE-----\n`,
).toString('base64');

const found = (text: string) => findSecrets(text).map((h) => [h.ruleId, text.slice(h.start, h.end)]);

describe('secrets only their context identifies', () => {
  it('a Redis URL with an empty user', () => {
    expect(found('REDIS_URL=redis://:Q7mZp2Lw9XkR4tVb8NcY1sHd@cache.internal:6379/0')).toEqual([
      ['url-credentials', 'Q7mZp2Lw9XkR4tVb8NcY1sHd'],
    ]);
  });

  it('Jenkins plugin fields that end in Password / Secret / Token', () => {
    const xml =
      '<smtpAuthUsername>ci</smtpAuthUsername>\n<smtpAuthPassword>W30NgEcip4rJhICiyV</smtpAuthPassword>';
    expect(found(xml)).toEqual([['jenkins-credential', 'W30NgEcip4rJhICiyV']]);
    expect(found('<clientSecret>{AQAAABAAAAAQxk2m9Lq0Zr7Tn3Vb5Wc1Yd8Fe4Gh6Jk=}</clientSecret>')).toHaveLength(
      1,
    );
    expect(found('<maxTokens>4096</maxTokens>')).toEqual([]);
  });

  it('a .pypirc password holding # or ;', () => {
    expect(found('[private]\nusername = etl\npassword = ZoQFiWrGQh#3Bl')).toEqual([
      ['ini-password', 'ZoQFiWrGQh#3Bl'],
    ]);
  });

  it('a base64 PEM private key (kubeconfig client-key-data), not a base64 certificate', () => {
    expect(found(`    client-key-data: ${PEM_B64}`)).toEqual([['private-key-base64', PEM_B64]]);
    expect(found(`    client-certificate-data: ${CERT_B64}`)).toEqual([]);
  });

  it('a service name and the word token/key before a value, without an operator', () => {
    expect(found('twilio auth token c1baff203691593785c09fb1b6ce51e4 for the sms test')).toEqual([
      ['twilio-auth-token', 'c1baff203691593785c09fb1b6ce51e4'],
    ]);
    expect(found('the cache key 3f9a2b7c1d8e4f6a0b5c9d2e7f1a3b8c was evicted')).toEqual([]);
  });

  it('credentials published in documentation are not findings', () => {
    const jwtIo =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const azurite =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
    expect(found(`see ${jwtIo}`)).toEqual([]);
    expect(found(azurite)).toEqual([]);
  });
});

describe('development sets (bench/dev, labelled by construction)', () => {
  const rows = (file: string) =>
    readFileSync(new URL(`../../../bench/dev/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; label: number });

  it('finds at least 95 % of the context-only secrets', () => {
    const set = rows('secrets-context.jsonl');
    const hits = set.filter((r) => findSecrets(r.text).length > 0).length;
    expect(hits / set.length).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 1 % of the benign high-entropy strings', () => {
    const set = rows('secrets-benign.jsonl');
    const flagged = set.filter((r) => findSecrets(r.text).length > 0).length;
    expect(flagged / set.length).toBeLessThanOrEqual(0.01);
  });

  it('dev2 (hand-written): at least 95 % of its secrets, at most 1 % of its look-alikes', () => {
    const set = rows('secrets-dev2.jsonl');
    const flagged = (label: number) =>
      set.filter((r) => r.label === label && findSecrets(r.text).length > 0).length /
      set.filter((r) => r.label === label).length;
    expect(flagged(1)).toBeGreaterThanOrEqual(0.95);
    expect(flagged(0)).toBeLessThanOrEqual(0.01);
  });
});
