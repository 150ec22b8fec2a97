import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { isSecretName } from '../../../src/scanners/secrets/names.js';
import { isPlaceholderToken } from '../../../src/scanners/secrets/placeholders.js';

/** Rules of 2026-12-05 evening: each case written for the rule, values random. */
describe('hard negatives: hashes, references, fixtures and ciphertext are not secrets', () => {
  it('names that hold a hash or digest of a secret', () => {
    for (const name of [
      'tokenHash',
      'api_key_sha256',
      'secret_checksum',
      'password_digest',
      'KEY_FINGERPRINT',
    ])
      expect(isSecretName(name), name).toBe(false);
    for (const name of ['tokenHashSecret', 'api_key', 'PASSWORD'])
      expect(isSecretName(name), name).toBe(true);
    expect(
      findSecrets('"tokenHash": "f2c2cfec87d4c99189da6dd288a42ac8b7faa932a956580ecf34b91397632e68"'),
    ).toEqual([]);
    expect(
      findSecrets('"token": "f2c2cfec87d4c99189da6dd288a42ac8b7faa932a956580ecf34b91397632e68"'),
    ).toHaveLength(1);
  });

  it('elided values, fixtures that say so, and letters typed in order', () => {
    for (const v of [
      'sk-ant-api03-...',
      'ghp_1a2b\u2026',
      'dummy_secret_value_0000',
      'fake-token-9f8e7d',
      'aBcDeFgHiJkLmNoP',
    ])
      expect(isPlaceholderToken(v), v).toBe(true);
    for (const v of [
      'pupLROv0gUGjtT3wfg2l6MB9J3BE',
      'Rm1jwo7xt0XY4SRVbhUM',
      'xoxb-1234567890-1234567890123-Al7Fb4SyocUO10St',
    ])
      expect(isPlaceholderToken(v), v).toBe(false);
    expect(findSecrets('export ANTHROPIC_API_KEY=sk-ant-api03-...')).toEqual([]);
  });

  it('a token cut off by masking characters is a template', () => {
    expect(
      findSecrets('"token4": "xoxp-572370529330-573807301142-572331691188-####################"'),
    ).toEqual([]);
    expect(
      findSecrets('"token4": "xoxp-572370529330-573807301142-572331691188-a4JWxWE0XhvZSTY8u7Ph"'),
    ).toHaveLength(1);
  });

  it('references: make/shell substitution, format fields, Key Vault references', () => {
    for (const text of [
      'DB_URL = postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/$(PGDATABASE)',
      'const PG = "postgresql://{username}:{password}@db:5432/app";',
      'SESSION_SECRET=@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/session)',
    ])
      expect(findSecrets(text), text).toEqual([]);
    expect(findSecrets('DB_URL = postgres://app:TTagtLFAck9nW90q@db/app')).toHaveLength(1);
  });

  it('a SealedSecret encryptedData value is ciphertext; a Secret data value is not', () => {
    const sealed =
      'kind: SealedSecret\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq8ishsU2HM7S7Ej5zTWdCwlwZdKW0AARQItCpbKxC82oy';
    expect(findSecrets(sealed)).toEqual([]);
    expect(findSecrets('spring.datasource.password=ENC(Rm1jwo7xt0XY4SRVbhUMe2pupLROv0gU)')).toEqual([]);
    expect(findSecrets('[client]\npassword = AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq8ish')).toHaveLength(1);
  });

  it('hex typed in mixed case is no machine key; package names with versions are no secret', () => {
    expect(findSecrets('meraki-api-key: acdeFf05b1a6d4c890237bf08c5e6e8d2b4d0f2e')).toEqual([]);
    expect(findSecrets('signing key: acdef05b1a6d4c890237bf08c5e6e8d2b4d0f2e7')).toHaveLength(1);
    expect(findSecrets('"bucket_key": "SalesResults-1.2"')).toEqual([]);
    expect(findSecrets('"sessionKey": "claude-code-session-2026-12-05"')).toEqual([]);
    expect(findSecrets('"sessionKey": "claude-code-session-9f2Kq7LmX3"')).toHaveLength(1);
  });

  it('CSRF token headers and reCAPTCHA site keys are no credentials', () => {
    expect(findSecrets('X-CSRF-Token: 9b6a857420c3f180311620607d73ede0')).toEqual([]);
    expect(findSecrets('X-Auth-Token: 9b6a857420c3f180311620607d73ede0')).toHaveLength(1);
    expect(findSecrets('recaptcha_site_key: 6LcG7gfT1uQmGxa14URBIKKrxr2ibCHR8Ut0AAAA')).toEqual([]);
    expect(findSecrets('recaptcha_secret_key: 6LcG7gfT1uQmGxa14URBIKKrxr2ibCHR8Ut0AAAA')).toHaveLength(1);
  });
});

describe('rules searched in windows find what the whole text held', () => {
  const pad = 'line: of ordinary yaml\n'.repeat(2000);

  it('Secret data before its kind (kubectl sorts keys), YAML and JSON, far into a text', () => {
    const yaml =
      'apiVersion: v1\ndata:\n  password: VFRhZ3RMRkFjazluVzkwcVhWSXBqYVVC\nkind: Secret\nmetadata:\n  name: db\n';
    const json =
      '{"apiVersion": "v1", "data": {"password": "VFRhZ3RMRkFjazluVzkwcVhWSXBqYVVC"}, "kind": "Secret"}';
    for (const [text, rule] of [
      [yaml, 'kubernetes-secret-data'],
      [pad + yaml + pad, 'kubernetes-secret-data'],
      [json, 'kubernetes-secret-data-json'],
      [pad + json + pad, 'kubernetes-secret-data-json'],
    ] as [string, string][])
      expect(
        findSecrets(text).map((h) => h.ruleId),
        text.slice(0, 40),
      ).toEqual([rule]);
    const configMap = yaml.replace('kind: Secret', 'kind: ConfigMap').replace('password:', 'blob:');
    expect(findSecrets(pad + configMap + pad)).toEqual([]);
    expect(findSecrets(pad + yaml.replace('password:', 'blob:') + pad)).toHaveLength(1);
  });

  it('a PEM header without an end does not swallow the rest of the text', () => {
    const body =
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7f0xaST1w+bJKnDyyDN1hMAIoNnXQE+8l9umE5jMnNhAl91Qb08bY';
    const text = `-----BEGIN PRIVATE KEY-----\n${body}\n${'x = 1\n'.repeat(5000)}mailgun: key-3006c51488cc37d43aa11a7870b0f2f1\n`;
    expect(findSecrets(text).map((h) => h.ruleId)).toEqual(['private-key', 'mailgun-private-key']);
  });

  it('a context rule on a line far into a text, and the anchored pass near a provider name', () => {
    const text = `${pad}conn = "Server=db;User Id=app;Password=C8kUoucsxDHvR36I;"\n${pad}circleci token: 087a4ad6c653bea78318b234175fe5a215edd54c\n${pad}`;
    expect(findSecrets(text)).toHaveLength(2);
  });
});

describe('long-tail secrets found by context', () => {
  it('Go database/sql DSN, PHP define, api key in prose, key is, Telegram bot URL', () => {
    for (const text of [
      'dsn := "billing:Rm1jwo7xt0XY4SRVbhUM@tcp(db.internal:3306)/billing?parseTime=true"',
      "define( 'DB_PASSWORD', 'zdUHcOYDtJ2piP6Q' );",
      'honeycomb api key: YV3QnA79A8Ft0IYQRKNnEp',
      'the deepgram key is 103b418fadd879749f8a5baa0808d7a59f489b06, rotate it',
      'curl https://api.telegram.org/bot7712345678:AAGu7maJeG1V0JgnybD2yiTMPMc7r7ODg5T/getMe',
    ])
      expect(findSecrets(text), text).toHaveLength(1);
    expect(findSecrets('dsn := "billing:billing@tcp(db:3306)/billing"')).toEqual([]);
  });

  it('Oracle EZConnect, mc alias set, any Authorization scheme, apikey <hex> in logs, Laravel base64: keys', () => {
    for (const text of [
      'oracle: app/Rm1jwo7xt0XY4SRV@db.acme.dev:1521/ORCLPDB1',
      'mc alias set prod https://minio.acme.dev AKX7Q2 iDk92cpVkdPWuOCj6hn5oeyZvQj6OmKqnzoj2KBM',
      '"Authorization": "Splunk 468127b6-9987-4297-95d0-4fddc5124e3c"',
      '2026-12-05T10:00:01Z INFO connecting with apikey 3006c51488cc37d43aa11a7870b0f2f1',
      'APP_KEY=base64:f0xaST1w+bJKnDyyDN1hMAIoNnXQE+8l9umE5jM=',
    ])
      expect(findSecrets(text), text).toHaveLength(1);
    for (const text of [
      'sqlplus scott/tiger@db.acme.dev:1521/ORCLPDB1',
      'Authorization: Bearer <token>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell reference, written as the user would
      'APP_KEY=base64:${LARAVEL_KEY}',
    ])
      expect(findSecrets(text), text).toEqual([]);
    expect(findSecrets("define('DB_HOST', 'db.internal.acme.dev');")).toEqual([]);
  });
});
