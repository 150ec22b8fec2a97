import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { KeywordMatcher } from '../../../src/scanners/secrets/keyword-index.js';
import { isSecretName } from '../../../src/scanners/secrets/names.js';

/**
 * Rules of 2026-12-06, round 5 (a name bound to a value in any syntax and in other languages): each case written for
 * the mechanism, not taken from a dev set; values are random characters.
 */
const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));
const V = 'Tz4kR9vLq2XwN7bHc5MpJ8sYd3Fg';

describe('secret names in other languages', () => {
  it.each([
    'contraseña_bd',
    'mot_de_passe',
    'Passwort',
    'wachtwoord_smtp',
    'salasana',
    'hasło',
    'jelszó',
    'senha_do_banco',
    'ключ_api',
    'пароль',
    'токен_доступа',
    '数据库密码',
    'api密钥',
    'パスワード',
    '비밀번호',
    'clave_api',
    'api_schlüssel',
    'chiave_segreta',
  ])('%s is a secret name', (name) => {
    expect(isSecretName(name)).toBe(true);
  });
  it.each(['clave_primaria', 'clé_publique', 'chave_publica', 'пароль_id'])('%s is not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
  it('bound to a value in YAML, JSON, XML attributes, env files and TOML', () => {
    expect(spans(`base:\n  contraseña_bd: ${V}\n  puerto: 5432`)).toEqual([V]);
    expect(spans(`{"usuario": "ops", "密码": "${V}"}`)).toEqual([V]);
    expect(spans(`<verbindung host="db" passwort="${V}"/>`)).toEqual([V]);
    expect(spans(`SENHA_SMTP=${V}`)).toEqual([V]);
    expect(spans(`[сервис]\nтокен = "${V}"`)).toEqual([V]);
    expect(spans(`管理员口令：${V}`)).toEqual([V]);
  });
  it('not a primary key, a public key or a reference', () => {
    expect(findSecrets('clave_primaria: id_cliente_2026_ref')).toEqual([]);
    expect(
      findSecrets(
        'clé_publique: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq7Wm2Zp9Tq2VbK8rWn4LcY6dHs1FjG5aEu0oNiXk3 ops',
      ),
    ).toEqual([]);
    expect(findSecrets('пароль: $DB_PASSWORD_FROM_VAULT')).toEqual([]);
  });
});

describe('the keyword pass finds keywords in other scripts as written', () => {
  const matcher = new KeywordMatcher([
    { text: 'пароль', anyCase: true, positional: true },
    { text: '密钥', anyCase: true, positional: true },
    { text: 'key', anyCase: true, positional: true },
  ]);
  const runs = { minLength: 20, tokenChar: new Uint8Array(128) };
  it('at their offsets, next to ASCII keywords', () => {
    const text = 'мой пароль и 密钥, KEY';
    const found = matcher.scan(text, 100, runs);
    expect([...found.first]).toEqual([4, 13, 17]);
    expect(found.offsets[0]).toEqual([4]);
  });
  it('not other words of the same length in the same script', () => {
    const found = matcher.scan('ничего такого 中文文本', 100, runs);
    expect([...found.first]).toEqual([-1, -1, -1]);
  });
});

describe('command-line flags in any case and separator', () => {
  it('snake, camel and PowerShell flags', () => {
    expect(spans(`acmectl push --client_secret ${V} --region eu`)).toEqual([V]);
    expect(spans(`deploy --authToken=${V}`)).toEqual([V]);
    expect(spans(`Connect-AcmeService -ApiKey ${V} -Region eu`)).toEqual([V]);
  });
  it('not key lists, stdin flags or files', () => {
    expect(findSecrets('gpg --recv-keys 9C4F1A2E7B3D5F60A8E9C1B2D3F4A5B6C7D8E9F0')).toEqual([]);
    expect(findSecrets('docker login --password-stdin registry-7.acme.io')).toEqual([]);
    expect(findSecrets('acmectl --token-file /etc/acme/token.json')).toEqual([]);
  });
});

describe('a name and its value as separate fields', () => {
  it('adjacent string arguments, list items and SQL columns', () => {
    expect(spans(`props.put("mail.smtp.password", "${V}");`)).toEqual([V]);
    expect(spans(`INSERT INTO settings VALUES (3, 'webhook_signing_secret', '${V}');`)).toEqual([V]);
    expect(spans(`az keyvault secret set --name "Smtp:Password" "${V}"`)).toEqual([V]);
  });
  it('not translations, plain words or a bare map key', () => {
    expect(findSecrets('msgs.put("password", "Mot de passe oublié");')).toEqual([]);
    expect(findSecrets('grant("token", "refresh_token")')).toEqual([]);
    expect(findSecrets(`cache.set("key", "${V}")`)).toEqual([]);
  });
  it('a Swift keyed setter, value first', () => {
    expect(spans(`keychain.set("${V}", forKey: "refreshToken")`)).toEqual([V]);
    expect(findSecrets(`defaults.set("${V}", forKey: "lastOpenedDocument")`)).toEqual([]);
  });
  it('a name and a value separated by blanks only, as a whole line', () => {
    expect(spans(`release {\n    keystorePassword '${V}'\n}`)).toEqual([V]);
    expect(spans(`ENV SENTRY_AUTH_TOKEN ${V}`)).toEqual([V]);
    expect(spans(`location / {\n  set $backend_api_key "${V}";\n}`)).toEqual([V]);
    expect(
      findSecrets('token_type bearer_access_v2\nENV TOKEN_URL https://auth.acme.io/oauth/token'),
    ).toEqual([]);
  });
  it('a table row, a block scalar or heredoc, fish set -gx, and prose "is" in other languages', () => {
    expect(spans(`| Variable | Wert |\n|---|---|\n| MAIL_PASSWORD | ${V} |`)).toEqual([V]);
    expect(findSecrets('| token_ttl | 3600 |\n| token_url | https://auth.acme.io/token |')).toEqual([]);
    expect(spans(`webhook_secret: >-\n  ${V}\nretries: 3`)).toEqual([V]);
    expect(spans(`  client_secret = <<-EOT\n    ${V}\n  EOT`)).toEqual([V]);
    expect(spans(`set -Ux DEPLOY_TOKEN ${V}`)).toEqual([V]);
    expect(spans(`Das Passwort lautet ${V}`)).toEqual([V]);
    expect(findSecrets('api_secret: |\n  Rotated every quarter by the platform team.')).toEqual([]);
  });
  it('an element named as a secret, a plist entry and a .NET setting', () => {
    expect(spans(`<auth>\n  <ClientSecret>${V}</ClientSecret>\n</auth>`)).toEqual([V]);
    expect(spans(`<key>StripeSecretKey</key>\n<string>${V}</string>`)).toEqual([V]);
    expect(
      spans(`<setting name="SmtpPassword" serializeAs="String">\n  <value>${V}</value>\n</setting>`),
    ).toEqual([V]);
    expect(findSecrets(`<key>CFBundleVersion</key>\n<string>2026.12.06-build7</string>`)).toEqual([]);
    expect(findSecrets(`<PublicKeyToken>${V}</PublicKeyToken>`)).toEqual([]);
  });
});

describe('look-alikes rejected by their value shape, whatever name they are given', () => {
  it.each([
    ['an SRI digest', 'sha256-Kp2vQ9mW4xT7nB1cR8yL5sD3fG6hJ0kZ+aE/uI2oP4w='],
    ['a GIF', 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='],
    ['a WOFF2 font', 'd09GMgABAAAAAAQkAA0AAAAAB9QAAAPSAAEAAAAAAAAAAAAAAAAAAAAA'],
    ['a zip archive', 'UEsDBBQAAAAIAJx7hlmQ2xk3LwAAADQAAAAIAAAAcmVhZG1lLm1k'],
    ['an AWS KMS ciphertext', 'AQICAHi7Qm3Zp9Tq2VbK8rWn4LcY6dHs1FjG5aEu0oNiXk3bAHvR2m'],
    ['a P-384 public key', 'MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEq8Zr2LwX9vKt4NbP7yHs3JcM6dFg'],
    ['an X.509 certificate', 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYD'],
    ['counting bytes', '202122232425262728292a2b2c2d2e2f'],
    ['a base64 sentence', 'TmV2ZXIgZ29ubmEgZ2l2ZSB5b3UgdXAgbmV2ZXIgZ29ubmEgbGV0'],
  ])('%s', (_what, value) => {
    expect(findSecrets(`upload_secret = "${value}"`)).toEqual([]);
  });
  it('not a DER private key, nor base64 of a config holding a password', () => {
    const der = 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7q8Zr2LwX9vKt4NbP';
    expect(spans(`upload_secret = "${der}"`)).toEqual([der]);
    const config = Buffer.from('db password is Zq8r2LwX9vKt').toString('base64');
    expect(spans(`upload_secret = "${config}"`)).toEqual([config]);
  });
});

describe('short passwords under a password name', () => {
  const pw = 'm7#Rq2vK9';
  it('from 8 characters with letters and digits, # included', () => {
    expect(spans(`{"smtpPassword": "${pw}"}`)).toEqual([pw]);
    expect(spans(`REDIS_PASS=${pw}`)).toEqual([pw]);
    expect(spans(`PGPASSWORD=${pw} pg_dump -h db-3 orders`)).toEqual([pw]);
  });
  it('not a short token, a default password with a number, or a setting about passwords', () => {
    expect(findSecrets(`session_token: ${pw}`)).toEqual([]);
    // A default with a short number only: `Passw0rd2024!` is a weak password someone chose (review-r5.test.ts).
    expect(findSecrets('keystore_password: Passw0rd1!')).toEqual([]);
    expect(findSecrets('password_hash_algorithm: scrypt16')).toEqual([]);
  });
});

describe('values behind a wrapper, an anchor, CDATA, a fallback or a sensitive flag', () => {
  it('a constructor call, a YAML anchor or tag, CDATA', () => {
    expect(spans(`let signing_secret = SecretString::new("${V}".into());`)).toEqual([V]);
    expect(spans(`base: &base\n  webhook_token: &tok ${V}`)).toEqual([V]);
    expect(spans(`<clientSecret><![CDATA[${V}]]></clientSecret>`)).toEqual([V]);
    expect(findSecrets('api_token = os.getenv("ACME_API_TOKEN_V2")')).toEqual([]);
  });
  it("an environment variable's hard-coded default", () => {
    expect(spans(`const key = process.env.MAILGUN_API_KEY ?? "${V}";`)).toEqual([V]);
    expect(spans(`db_pass := cmp.Or(os.Getenv("DB_PASSWORD"), "${V}")`)).toEqual([V]);
    expect(findSecrets('region = os.getenv("AWS_REGION", "eu-central-1-fallback")')).toEqual([]);
  });
  it('a Terraform output marked sensitive, not one that is not', () => {
    expect(
      spans(`"admin_password": {\n  "value": "${V}",\n  "type": "string",\n  "sensitive": true\n}`),
    ).toEqual([V]);
    expect(findSecrets(`"bucket": {"value": "${V}", "type": "string"}`)).toEqual([]);
  });
  it('a hex secret or token printed in a log line, not a csrf token', () => {
    const hex = '7be04c1d95a3f2e8061b4d9c3a7f5e21';
    expect(spans(`DEBUG refresh ok, session token ${hex} valid 3600s`)).toEqual([hex]);
    expect(spans(`worker: signing with secret=${hex}`)).toEqual([hex]);
    expect(findSecrets(`form rendered, csrf token ${hex}`)).toEqual([]);
  });
  it('az login -p', () => {
    expect(spans(`az login --service-principal -u http://ci-app -p ${V} --tenant acme.io`)).toEqual([V]);
  });
});

describe('a SQL dump row under a column named as a secret', () => {
  it('an INSERT with a column list, in any row of it', () => {
    const text = `INSERT INTO \`oauth_apps\` (\`id\`, \`label\`, \`client_secret\`) VALUES\n(1, 'web', 'x'),\n(2, 'cli, v2', '${V}');`;
    expect(spans(text)).toEqual([V]);
  });
  it('a COPY block field', () => {
    const text = `COPY public.webhooks (id, url, signing_secret, enabled) FROM stdin;\n9\thttps://hooks.acme.io/in\t${V}\tt\n\\.`;
    expect(spans(text)).toEqual([V]);
  });
  it('not the other columns, nor after the block ends', () => {
    const ref = 'c0ffee5a1e7b4d2f9a8b3c6d';
    expect(
      findSecrets(`INSERT INTO orders (id, external_ref, status) VALUES (7, '${ref}', 'paid');`),
    ).toEqual([]);
    const copy = `COPY public.webhooks (id, signing_secret) FROM stdin;\n9\tx\n\\.\n\n-- later\nlookup\t${V}`;
    expect(findSecrets(copy)).toEqual([]);
  });
});

describe('credentials in shapes of their own', () => {
  it("PowerShell's plaintext secure string", () => {
    expect(spans(`$p = ConvertTo-SecureString -String '${V}' -AsPlainText -Force`)).toEqual([V]);
    expect(findSecrets('$p = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force')).toEqual([]);
  });
  it('a printed file whose name says secret', () => {
    expect(spans(`$ cat ~/.config/acme/api_token\n${V}\n$ ls`)).toEqual([V]);
    expect(findSecrets(`$ cat build/VERSION\n${V}`)).toEqual([]);
    expect(findSecrets(`TOKEN=$(cat /run/secrets/acme_token)\nSTAGE=prod-eu-west-1-blue-green`)).toEqual([]);
  });
  it('an OpenVPN static key', () => {
    const lines = Array.from(
      { length: 16 },
      (_, i) => `${'9f3c27ab'.repeat(3)}${(0x10000000 + i * 7919).toString(16)}`,
    );
    const text = `-----BEGIN OpenVPN Static key V1-----\n${lines.join('\n')}\n-----END OpenVPN Static key V1-----`;
    expect(findSecrets(text).map((h) => h.ruleId)).toEqual(['private-key-openvpn-static']);
  });
});
