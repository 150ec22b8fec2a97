import { describe, expect, it } from 'vitest';
import { ANCHORED_RULE_IDS } from '../../../src/scanners/secrets/anchored.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';
import {
  crc32,
  dockerAuthValid,
  githubChecksumValid,
  jwtStructureValid,
} from '../../../src/scanners/secrets/validators.js';

// Fake values in real formats, made up for these tests. None is a live credential.
const rules = (text: string) => findSecrets(text).map((h) => h.ruleId);
const values = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function githubToken(random30: string): string {
  let n = crc32(random30);
  let sum = '';
  while (n > 0) {
    sum = BASE62.charAt(n % 62) + sum;
    n = Math.floor(n / 62);
  }
  return `ghp_${random30}${sum.padStart(6, '0')}`;
}

describe('catalogue', () => {
  it('has hundreds of provider rules with unique ids per format', () => {
    const ids = new Set([...SECRET_RULES.map((r) => r.id), ...ANCHORED_RULE_IDS]);
    expect(ids.size).toBeGreaterThanOrEqual(200);
    for (const p of [
      'anthropic',
      'openai',
      'github',
      'gitlab',
      'aws',
      'azure',
      'slack',
      'stripe',
      'telegram',
    ]) {
      expect(
        [...ids].some((id) => id.startsWith(p)),
        p,
      ).toBe(true);
    }
    for (const p of ['discord', 'twilio', 'whatsapp', 'npm', 'pypi', 'huggingface', 'private-key', 'jwt']) {
      expect(
        [...ids].some((id) => id.startsWith(p)),
        p,
      ).toBe(true);
    }
  });
});

describe('validators', () => {
  it('GitHub checksum: holds for a minted token, fails when one character changes', () => {
    const token = githubToken('Zx8Cv7Bn6Mq5Wl4Ek3Rj2Th1Yg0Uf9');
    expect(githubChecksumValid(token)).toBe(true);
    expect(githubChecksumValid(`${token.slice(0, 10)}Q${token.slice(11)}`)).toBe(false);
    const [hit] = findSecrets(`GH_TOKEN=${token}`);
    expect(hit?.verified).toBe(true);
  });

  it('JWT: a header that is JSON with alg passes, random eyJ text does not', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"1234567890","name":"Jo"}').toString('base64url');
    const jwt = `${header}.${payload}.Qm9ndXNTaWduYXR1cmVWYWx1ZQ`;
    expect(jwtStructureValid(jwt)).toBe(true);
    expect(rules(`Authorization: Bearer ${jwt}`)).toContain('jwt');
    expect(rules('eyJhbGciOiJ9eyJub3Q.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlcw')).toEqual([]);
  });

  it('docker auth: base64 of user:password only', () => {
    expect(dockerAuthValid(Buffer.from('deploy:Zr8vQ2mLx9Tk').toString('base64'))).toBe(true);
    expect(dockerAuthValid(Buffer.from('no colon here').toString('base64'))).toBe(false);
  });
});

describe('context formats', () => {
  it('AWS secret key paired with its access key id, not alone', () => {
    const secret = 'q8Jx3Lm2Vb7Nc4Zk9Rw1Ty6Hp5Gf0Ds2Ae4Wu7Io';
    expect(values(`AKIAEEARJ6ENXFWB4VFX\n${secret}`)).toEqual(['AKIAEEARJ6ENXFWB4VFX', secret]);
    expect(values(`checksum ${secret}`)).toEqual([]);
  });

  it('Azure Storage / Cosmos DB connection strings', () => {
    const key = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmE==';
    const conn = `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${key};EndpointSuffix=core.windows.net`;
    expect(values(conn)).toEqual([key]);
    expect(rules(`AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${key};`)).toEqual([
      'azure-storage-account-key',
    ]);
  });

  it('ADO.NET connection string password, JDBC query password, mongodb+srv URL', () => {
    expect(values('Server=db01;Database=app;User Id=app;Password=Tr0ub4dor&3x;')).toEqual(['Tr0ub4dor&3x']);
    expect(values('jdbc:mysql://db01:3306/app?user=app&password=Tr0ub4dor3x')).toEqual(['Tr0ub4dor3x']);
    expect(values('mongodb+srv://app:Zr8vQ2mLx9Tk@cluster0.ab1cd.mongodb.net/test')).toEqual([
      'Zr8vQ2mLx9Tk',
    ]);
  });

  it('docker config.json auths, Jenkins credentials XML, .npmrc, .netrc, .pypirc', () => {
    const auth = Buffer.from('deploy:Zr8vQ2mLx9Tk').toString('base64');
    expect(values(`{"auths":{"registry.acme.io":{"auth":"${auth}"}}}`)).toEqual([auth]);
    expect(values('<password>{AQAAABAAAAAQx8Kc2mZqL0vR7tB1nW4yJpE=}</password>')).toEqual([
      '{AQAAABAAAAAQx8Kc2mZqL0vR7tB1nW4yJpE=}',
    ]);
    expect(values('//npm.acme.io/:_authToken=Zr8vQ2mLx9TkWp4Hq')).toEqual(['Zr8vQ2mLx9TkWp4Hq']);
    expect(values('machine api.acme.io login deploy password Zr8vQ2mLx9Tk')).toEqual(['Zr8vQ2mLx9Tk']);
    expect(values('[pypi]\nusername = __token__\npassword = Zr8vQ2mLx9Tk\n')).toEqual(['Zr8vQ2mLx9Tk']);
  });

  it('a hex key in a log line, and a service token assigned with quotes', () => {
    expect(values('2026-01-02 INFO Using Key=8f3a9c2e71b04d5f9a6e3c1b7d2f0a48')).toEqual([
      '8f3a9c2e71b04d5f9a6e3c1b7d2f0a48',
    ]);
    expect(values("mailgun token = 'Zr8vQ2mLx9TkWp4HqNc7'")).toEqual(['Zr8vQ2mLx9TkWp4HqNc7']);
  });

  it('keyword-anchored: a provider name assigned a value of its shape', () => {
    expect(rules('TWILIO_AUTH = 9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toEqual(['twilio-auth-token']);
    expect(rules('algolia_admin: "k3j5h7g9f1d3s5a7p9o1i3u5y7t9r1e3"')).toEqual(['algolia-api-key']);
    // the same value under a name without a provider keyword or secret word is not a secret
    expect(rules('build_hash: 9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toEqual([]);
  });

  it('new AI and agent providers by prefix', () => {
    expect(rules('GROQ=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')).toEqual(['groq-api-key']);
    expect(rules('key: r8_Zr8vQ2mLx9TkWp4HqNc7Bd3Fg6Jk1Lm5Np8Qa')).toEqual(['replicate-api-token']);
  });
});

describe('benign high-entropy strings stay quiet', () => {
  it.each([
    ['sha256 hex', 'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    [
      'integrity',
      'integrity: sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
    ],
    ['uuid', 'request_id: 123e4567-e89b-12d3-a456-426614174000'],
    ['base64 of prose', 'data: VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw=='],
  ])('%s', (_name, text) => {
    expect(rules(text)).toEqual([]);
  });
});
