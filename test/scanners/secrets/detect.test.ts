import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/core/redact.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { entropy } from '../../../src/scanners/secrets/entropy.js';
import { maskSecret } from '../../../src/scanners/secrets/mask.js';

// Fake, randomly generated values in real formats. None is a live credential.
const FAKE = {
  anthropic: 'sk-ant-api03-mB2hdDJFOc6EO1c8KzpGZEvmVEpZeAiUFQCovXde-VZT0JELaGRfXsiC1tIc4AA',
  github: 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp',
  awsId: 'AKIAEEARJ6ENXFWB4VFX',
  stripe: 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T',
  slack: 'xoxb-20042792593-280756560632-yP2kTditlxQERcKqpck4S3MO',
  generic: 'isPaykJ8YfJnHhG1lQgks4Ho6X1NZkbOomQPckqy',
};

const rules = (text: string) => findSecrets(text).map((h) => h.ruleId);
const values = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

describe('findSecrets: provider formats', () => {
  it.each([
    ['anthropic-api-key', `ANTHROPIC_API_KEY=${FAKE.anthropic}`, FAKE.anthropic],
    ['github-token', `token: ${FAKE.github}`, FAKE.github],
    ['aws-access-key-id', `aws_access_key_id = ${FAKE.awsId}`, FAKE.awsId],
    ['stripe-secret-key', `Stripe.apiKey = "${FAKE.stripe}";`, FAKE.stripe],
    ['slack-token', `SLACK_BOT_TOKEN=${FAKE.slack}`, FAKE.slack],
  ])('%s: finds the exact value', (ruleId, text, value) => {
    const hits = findSecrets(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.ruleId).toBe(ruleId);
    expect(text.slice(hits[0]?.start, hits[0]?.end)).toBe(value);
  });

  it('finds a secret assigned with Go, Ruby and YAML syntax and trims the closing quote', () => {
    expect(values(`apiToken := "${FAKE.generic}"`)).toEqual([FAKE.generic]);
    expect(values(`:api_key => '${FAKE.generic}',`)).toEqual([FAKE.generic]);
    expect(values(`  client_secret: ${FAKE.generic}`)).toEqual([FAKE.generic]);
  });

  it('finds passwords in URLs and curl -u, keeping only the password part', () => {
    expect(values('postgres://app:Zr8vQ2mLx9Tk@db.internal:5432/app')).toEqual(['Zr8vQ2mLx9Tk']);
    expect(values('curl -u deploy:Zr8vQ2mLx9Tk https://ci.internal/api')).toEqual(['Zr8vQ2mLx9Tk']);
  });

  it('finds a private key only when it has a key body', () => {
    const body =
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu';
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    expect(rules(`key:\n${pem}\n`)).toEqual(['private-key']);
    expect(rules('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toEqual([]);
  });
});

describe('findSecrets: near misses stay quiet', () => {
  it.each([
    ['UUID', 'request_id: 123e4567-e89b-12d3-a456-426614174000'],
    ['UUID under a secret-ish id name', "credentialsId: 'ff083f76-7804-4ef1-80e4-fe975bb9141b'"],
    ['git SHA', 'Fixes regression introduced in 327b00b42a9e80457391c0ad0e3113135b4f6f39'],
    [
      'integrity hash',
      '"integrity": "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="',
    ],
    ['base64 of prose', 'VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw=='],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable reference is the point
    ['env reference', 'API_KEY=${ANTHROPIC_API_KEY}'],
    ['placeholder x-run', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['angle-bracket placeholder', 'api_key: <your-api-key-goes-here>'],
    ['plain words', 'password = correct-horse-battery-staple'],
    ['CamelCase name', 'tokenizer: SentencePieceTokenizer'],
    ['version string', 'secret_version: 1.12.4-beta.2'],
    ['path under a secret name', 'SSH_KEY_FILE=/home/dev/.ssh/id_ed25519'],
    ['env lookup in code', 'apiKey: process.env.OPENAI_API_KEY,'],
    ['Rails credentials lookup', 'secret_key_base = Rails.application.credentials.secret_key_base'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression is the point
    ['GitHub Actions secret reference', 'password: ${{ secrets.DB_PASSWORD }}'],
    ['token budget', 'max_tokens: 4096'],
    ['publishable Stripe key', 'pk_live_51HqLyjWDarjtT1zdp7dc'],
    ['code assigned to a secret-ish name', 'const tokenValue = _scanner.getTokenValue();'],
    ['credentials of a documentation host', "const u = new URL('https://abc:xyz123@example.com/path');"],
    ['prose mentioning keys', 'Rotate the API key and the access token every 90 days.'],
  ])('%s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});

describe('redaction', () => {
  it('never leaves a full secret in redacted text', () => {
    const text = `export A=${FAKE.anthropic}\nexport B=${FAKE.github} C=${FAKE.stripe}`;
    const out = redactText(text);
    for (const v of [FAKE.anthropic, FAKE.github, FAKE.stripe]) expect(out).not.toContain(v);
    expect(out).toContain(maskSecret(FAKE.github));
  });

  it('merges overlapping hits so a secret is masked once and in full', () => {
    const text = `token=${FAKE.github}`;
    const hits = findSecrets(text);
    expect(hits).toHaveLength(1);
    expect(redactText(text)).toBe(`token=${maskSecret(FAKE.github)}`);
  });
});

describe('entropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBeCloseTo(2);
    expect(entropy('')).toBe(0);
  });

  it('counts code points beyond ASCII', () => {
    expect(entropy('ééàà')).toBeCloseTo(1);
    expect(entropy('a😀a😀')).toBeCloseTo(1);
  });
});
