import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { isBase64Placeholder } from '../../../src/scanners/secrets/kubernetes.js';
import { isSecretName } from '../../../src/scanners/secrets/names.js';
import { isPlaceholder } from '../../../src/scanners/secrets/placeholders.js';

// Made-up values; each case was written for the rule or filter it names.
const found = (text: string) => findSecrets(text).map((h) => [h.ruleId, text.slice(h.start, h.end)]);

describe('names ending in key', () => {
  it('a qualified key name holds a secret (routing, license, signing, master keys)', () => {
    expect(found('OPSGENIE_ROUTING_KEY=5c0a7e9b13d24f68a0b1c2d3e4f5a6b7')).toEqual([
      ['generic-secret-assignment', '5c0a7e9b13d24f68a0b1c2d3e4f5a6b7'],
    ]);
    expect(found('crypto:\n  master_key: Q3vT8mLp2XcR7nWb5KyZ0aHd')).toEqual([
      ['generic-secret-assignment', 'Q3vT8mLp2XcR7nWb5KyZ0aHd'],
    ]);
  });

  it('a bare `key`, and keys that are no credential by their qualifier, are not', () => {
    expect(found('"key": "Zr8Lq2NvX5tK9mWc3PbY"')).toEqual([]);
    expect(found('"cacheKey": "f3a9c1e07b5d42e8a6c0b9d1e2f4a7c3"')).toEqual([]);
    expect(found('STRIPE_PUBLISHABLE_KEY=pk_live_9Qx2Lm7Vb3Nc8Zt5Wr1Ky6Hd')).toEqual([]);
    expect(found('{"items":[],"nextPageToken":"Q2lBS0dqQnBORGQyTm1wMlptbDJjWFJ3WWpCcE9YQTNFZ0k9"}')).toEqual(
      [],
    );
  });

  it('an indexed assignment (`config["SECRET_KEY"] = …`) and PowerShell `$env:NAME = …`', () => {
    expect(found("app.config['SECRET_KEY'] = 'r7Kd2Vn9Xq4LbT8mZc1Wp5Hy'")).toEqual([
      ['generic-secret-assignment', 'r7Kd2Vn9Xq4LbT8mZc1Wp5Hy'],
    ]);
    expect(found('$env:WRITE_KEY = "Jm4Qx8Rt2Vz6Lc9Nb3Kp7Wd"')).toEqual([
      ['generic-secret-assignment', 'Jm4Qx8Rt2Vz6Lc9Nb3Kp7Wd'],
    ]);
  });

  it('a segment of an ARN is no assignment', () => {
    expect(
      found('arn = "arn:aws:secretsmanager:us-east-2:210987654321:secret:team/api/oauth-client-Xy12Zw"'),
    ).toEqual([]);
  });

  it('names the other modules ask about', () => {
    expect(isSecretName('LICENSE_KEY')).toBe(true);
    expect(isSecretName('PAGE_ACCESS_TOKEN')).toBe(true);
    for (const name of ['public_key', 'cache-key', 'idempotencyKey', 'NextToken', 'pad_token', 'SORT_KEY'])
      expect(isSecretName(name)).toBe(false);
  });
});

describe('a name and its value as two fields of one entry', () => {
  it('.NET appSettings and NuGet credentials', () => {
    expect(found('<add key="MailjetSecretKey" value="Hb7Tq2Zx9Lm4Vc8Nr1Kw5Pd" />')).toEqual([
      ['secret-name-value-pair', 'Hb7Tq2Zx9Lm4Vc8Nr1Kw5Pd'],
    ]);
    expect(found('<add key="ClearTextPassword" value="Wq5Rt9Lz2Xv7Nc3Kb8Mp" />')).toHaveLength(1);
    expect(found('<add key="LogLevel" value="Information" />')).toEqual([]);
    expect(found('<add key="ApiKey" value="%API_KEY%" />')).toEqual([]);
  });

  it('container environments in JSON and YAML', () => {
    expect(found('{"name": "DB_PASSWORD", "value": "Tz3Kq8Lm2Xc7Vb9Nw4Rd"}')).toEqual([
      ['secret-name-value-pair-json', 'Tz3Kq8Lm2Xc7Vb9Nw4Rd'],
    ]);
    expect(found('env:\n  - name: SYNC_API_TOKEN\n    value: "c8Mx2Qv7Lz4Tb9Nk3Wp6Rd"')).toEqual([
      ['secret-name-value-pair-yaml', 'c8Mx2Qv7Lz4Tb9Nk3Wp6Rd'],
    ]);
    expect(found('env:\n  - name: LOG_FORMAT\n    value: json-structured-v2')).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference in the scanned text
    expect(found('{"name": "API_TOKEN", "value": "${API_TOKEN}"}')).toEqual([]);
  });
});

describe('hex keys in logs and prose', () => {
  it('the word before `key` decides: an HMAC key is one, a cache or public key is not', () => {
    expect(found('signing requests with HMAC key 4f0c9a2e7b1d8c3f6a5e0b9d2c7f1a4e8b3d6c0f')).toEqual([
      ['hex-key-in-log', '4f0c9a2e7b1d8c3f6a5e0b9d2c7f1a4e8b3d6c0f'],
    ]);
    expect(found('Using Key=9b2e7d4a1c8f3e6b0d5a9c2f7e1b4d8a')).toHaveLength(1);
    expect(found('cache-key: 9b2e7d4a1c8f3e6b0d5a9c2f7e1b4d8a')).toEqual([]);
    expect(found('public key 9b2e7d4a1c8f3e6b0d5a9c2f7e1b4d8a0c3f6e9b')).toEqual([]);
  });
});

describe('headers and command lines', () => {
  it('an Authorization header without a scheme, not a word after it', () => {
    expect(
      found("curl -H 'Authorization: 7c2e9a41-3b8d-4f6e-a1c5-d9b08e2f4a73' https://api.acme.test"),
    ).toEqual([['authorization-header', '7c2e9a41-3b8d-4f6e-a1c5-d9b08e2f4a73']]);
    expect(found('authorization: authorization_code_grant')).toEqual([]);
  });

  it('curl -u with a password holding @', () => {
    expect(found('curl -u deploy:Vq7@Lm2Xz9 https://search.internal:9200')).toEqual([
      ['cli-password-argument-user-password', 'Vq7@Lm2Xz9'],
    ]);
  });
});

describe('values that are no plaintext secret', () => {
  it('SOPS and Vault transit ciphertexts', () => {
    expect(isPlaceholder('ENC[AES256_GCM,data:q8Lm2Xz,iv:Zm9v,tag:YmFy,type:str]')).toBe(true);
    expect(isPlaceholder('vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==')).toBe(true);
    expect(found('db_password: ENC[AES256_GCM,data:Tq8Lm2Xz9Vc4,iv:Zm9vYmFy,type:str]')).toEqual([]);
  });

  it('base64 of a placeholder (a Secret template) under a password line', () => {
    // `Y2hhbmdlbWU=` is base64 of `changeme`; `UzNjcjN0LVE3bVpwMkx3` of a real-looking value.
    expect(isBase64Placeholder('Y2hhbmdlbWU=')).toBe(true);
    expect(isBase64Placeholder('UzNjcjN0LVE3bVpwMkx3')).toBe(false);
    expect(found('kind: Secret\ndata:\n  password: Y2hhbmdlbWU=')).toEqual([]);
    expect(found('kind: Secret\ndata:\n  password: UzNjcjN0LVE3bVpwMkx3')).toHaveLength(1);
  });

  it("the Cosmos DB emulator's published key", () => {
    const emulator =
      'AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
    expect(found(emulator)).toEqual([]);
  });
});
