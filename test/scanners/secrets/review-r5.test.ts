import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/core/redact.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { KeywordMatcher } from '../../../src/scanners/secrets/keyword-index.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';

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

describe('look-alike checks never hide a real value from redaction', () => {
  // base64 of "correct horse battery staple now"
  const phrase = 'Y29ycmVjdCBob3JzZSBiYXR0ZXJ5IHN0YXBsZSBub3c=';
  it('a base64 passphrase under a password name is masked', () => {
    expect(redactText(`DB_PASSWORD=${phrase}`)).not.toContain(phrase);
  });
  it("a Kubernetes Secret's data is a secret whatever it decodes to", () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${phrase}\n`;
    expect(spans(text)).toEqual([phrase]);
    expect(findSecrets(text).map((h) => h.ruleId)).toEqual(['kubernetes-secret-data']);
  });
  it('a weak password with a year or a long number is a password', () => {
    expect(spans('DB_PASSWORD=Welcome2024!')).toEqual(['Welcome2024!']);
    expect(spans('ADMIN_PASSWORD=Changeme123456')).toEqual(['Changeme123456']);
  });
  it('a well-known default stays unreported, and is masked when redacting', () => {
    expect(spans('DB_PASSWORD=changeme123')).toEqual([]);
    expect(redactText('DB_PASSWORD=changeme123')).not.toContain('changeme123');
  });
  it('a value that merely starts like gzip is a secret; real gzip data is not', () => {
    const v = 'H4sIXk9mQ2vL7pR4tZ8aWq3nB5';
    expect(spans(`API_SECRET=${v}`)).toEqual([v]);
    const gz =
      'H4sIAAAAAAAAAy3PsQ0DMQxD0VU4gklZloQMFeCaWz+Ame5XfODzfbGwPs/3BTGcW0JH3wpU1q2NU+dWIidvHST3rcKOuNWI1K2Bil5e4PwRgssKBVlhYLYZbvSxw0S1IR7UssTCkSk2ctviYB9jWog2JkLzvySI1hRgWNNGGlNiypgOeoyp0DSmRoUxDU7yB8cl/zU7AQAA';
    expect(spans(`API_SECRET=${gz}`)).toEqual([]);
    expect(redactText(`API_SECRET=${gz}`)).not.toContain(gz);
  });
});

describe('one table of foreign secret words for names, passwords and the rule', () => {
  const v = 'Xk9mQ2vL7pR4tZ8aWq3n';
  it('every word the name test knows is a name the rule starts at', () => {
    expect(spans(`zugangsdaten: ${v}`)).toEqual([v]);
    expect(spans(`identifiants = ${v}`)).toEqual([v]);
    expect(spans(`avain: ${v}`)).toEqual([v]);
    expect(spans(`비밀 키: ${v}`)).toEqual([v]);
  });
  it('every password word takes a short password', () => {
    expect(spans('adgangskode: Vb7Qz2Lm9X')).toEqual(['Vb7Qz2Lm9X']);
    expect(spans('κωδικός: Vb7Qz2Lm9X')).toEqual(['Vb7Qz2Lm9X']);
  });
});

describe('the keyword pass costs one step per character on prose in other scripts', () => {
  // The engine's own keywords, every rule's (the foreign secret words among them).
  const matcher = new KeywordMatcher(
    SECRET_RULES.flatMap((r) =>
      r.keywords.map((text) => ({ text, anyCase: r.anyCase === true, positional: true })),
    ),
  );
  const runs = { minLength: 20, tokenChar: new Uint8Array(128) };
  const chinese = '我们今天讨论了项目的进度和下周的测试计划，大家都同意先修复问题再发布新版本。'.repeat(300);
  const russian = 'Мы обсудили ход работы и план тестирования на следующую неделю, все согласились. '.repeat(
    200,
  );
  it('no keyword is rechecked where none occurs (a bench, not a timing)', () => {
    expect(matcher.scan(chinese, 100, runs).checks).toBe(0);
    expect(matcher.scan(russian, 100, runs).checks).toBe(0);
  });
  it('keywords in other scripts are still found, each checked once', () => {
    const text = `${chinese}数据库密码：x ${russian}пароль: y`;
    const found = matcher.scan(text, 100, runs);
    expect(found.checks).toBeLessThan(10);
    expect(spans(`${chinese}\n数据库密码：Xk9mQ2vL7pR4tZ8aWq3\n${russian}`)).toEqual(['Xk9mQ2vL7pR4tZ8aWq3']);
  });
});

/** Found in the final review of the session (against dd3240f); values random. */
describe('exemptions for public values are narrow', () => {
  const v = 'Xq7vR2pLm9Tz4Kw8';
  it.each([
    `DB_PASSWORD = "${v}"  # never expose client-side!`,
    `DB_PASSWORD = "${v}"  # NOT safe to commit`,
    `DB_PASSWORD=${v} DOCS=https://ex.com/client-side-setup`,
  ])('a comment that warns, or a URL, does not make the value public: %s', (text) => {
    expect(spans(text)).toEqual([v]);
  });

  it('a comment that says the value is public still does', () => {
    expect(spans(`ANALYTICS_TOKEN="${v}"  # publishable, shipped in the bundle`)).toEqual([]);
  });

  it('a JWT is public only when its own role is anon, not a role nested in its metadata', () => {
    const claims = (c: object) => Buffer.from(JSON.stringify(c)).toString('base64url');
    const jwt = (c: object) =>
      `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${claims(c)}.Pm4Tz8Wq2Lx7Vn3Rb9Nc5Yk1Gd6Fs0Ja4Ue2Kt7Zq3W`;
    const service = jwt({ user_metadata: { role: 'anon' }, role: 'service_role', iss: 'supabase' });
    expect(spans(`createClient(url, "${service}")`)).toEqual([service]);
    expect(spans(`createClient(url, "${jwt({ role: 'anon', iss: 'supabase' })}")`)).toEqual([]);
  });

  it('only the WebSocket handshake key is public, not a websocket auth token', () => {
    const token = 'Xq7vR2pLm9Tz4Kw8Hn3J';
    expect(spans(`websocket_token = "${token}"`)).toEqual([token]);
    expect(spans(`WEBSOCKET_TOKEN=${token}`)).toEqual([token]);
    expect(spans('Sec-WebSocket-Key: Q2x7Vb9LmK4tR8wZ3nYp1A==')).toEqual([]);
  });
});
