import { describe, expect, it } from 'vitest';
import { ANCHORED_RULE_IDS } from '../../../src/scanners/secrets/anchored.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { secretFingerprint } from '../../../src/scanners/secrets/mask.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';

/** Rules of 2026-12-06 (dev4 round): each case written for the rule, values random. */
const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

describe('assignments escaped inside a JSON string', () => {
  const v = 'q7Tn2VxK9mLp4RzW8cYb3HdJ6fGs1AeU5oNi0tQk';
  it('a secret name and value in escaped quotes (a HAR body, a notebook cell, a transcript line)', () => {
    expect(spans(`{"text":"{\\"access_token\\":\\"${v}\\",\\"token_type\\":\\"Bearer\\"}"}`)).toEqual([v]);
    expect(spans(`"source":["ZENDESK_API_TOKEN = \\"${v}\\"\\n"]`)).toEqual([v]);
  });
  it('escaped non-secrets stay unreported', () => {
    expect(findSecrets(`{"text":"{\\"token_type\\":\\"Bearer\\",\\"expires_in\\":3600}"}`)).toEqual([]);
    expect(findSecrets(`"source":["API_KEY = \\"\${API_KEY}\\"\\n"]`)).toEqual([]);
    expect(findSecrets(`"source":["api_key = os.environ[\\"API_KEY\\"]"]`)).toEqual([]);
  });
});

describe('name/value entries', () => {
  const v = 'Hq4mZt8RvN2xLc6KpW9sBd3YfJ7gTa1EuQ5oVi0n';
  it('an Authorization header entry of a HAR file, the scheme dropped', () => {
    expect(spans(`{"name": "Authorization", "value": "Bearer ${v}"}`)).toEqual([v]);
    expect(spans(`{"name": "Content-Type", "value": "application/json"}`)).toEqual([]);
    expect(spans(`{"name": "Authorization", "value": "Bearer {{token}}"}`)).toEqual([]);
  });
  it("an escaped container env entry in a transcript's tool result", () => {
    expect(spans(`{\\"name\\": \\"DB_PASSWORD\\", \\"value\\": \\"${v}\\"}`)).toEqual([v]);
    expect(spans(`{\\"name\\": \\"REQUEST_ID\\", \\"value\\": \\"${v}\\"}`)).toEqual([]);
  });
  it("a Postman collection's API-key auth holds the key in the entry named value", () => {
    const auth = `"auth": {"type": "apikey", "apikey": [{"key": "value", "value": "${v}", "type": "string"}, {"key": "key", "value": "X-API-Key"}]}`;
    expect(spans(auth)).toEqual([v]);
    expect(spans(auth.replace(v, '{{apiKey}}'))).toEqual([]);
  });
  it('a Terraform variable named as a secret with a default', () => {
    const tf = `variable "zendesk_api_token" {\n  type      = string\n  sensitive = true\n  default   = "${v}"\n}`;
    expect(spans(tf)).toEqual([v]);
    expect(spans(tf.replace('zendesk_api_token', 'instance_type'))).toEqual([]);
    expect(spans(tf.replace(v, 'replace-me'))).toEqual([]);
  });
});

describe('a name and value as the first two arguments of an environment setter', () => {
  const v = '9f2c7a1e5b8d3f60a4c2e7b19d5f8a3c6e1b';
  it('Python, Go, .NET', () => {
    expect(spans(`os.environ.setdefault("PLAID_SECRET", "${v}")`)).toEqual([v]);
    expect(spans(`os.Setenv("LINODE_TOKEN", "${v}")`)).toEqual([v]);
    expect(spans(`Environment.SetEnvironmentVariable("API_KEY", "${v}");`)).toEqual([v]);
  });
  it('not under a name that holds no secret', () => {
    expect(spans(`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings.production")`)).toEqual([]);
    expect(spans(`os.Setenv("BUILD_SHA", "${v}")`)).toEqual([]);
  });
});

describe('a password hash or a ciphertext under a secret name is not the secret (dev4b)', () => {
  it('stored password hashes: bcrypt, sha512-crypt, argon2, Django pbkdf2, Spring {bcrypt}, LDAP {SSHA}', () => {
    for (const hash of [
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      '$6$Qn3Vx8Lm$Tz7Kq2Wb9Rd4Xc1Nv6Hs3Jf8Lp5Mg0Ya2Ue7Io4Pk9Bt6Rw1Zq3Xn8Vm5Lc2Hd7Jf0Sg4Aa',
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$Qm9ZqR7tX2vLp9Wc4Nd8Kf3Hj6Bs1Ae5Uo0Iy7Tg2Rk',
      'pbkdf2_sha256$600000$Xk2Vq8Lm3Tz9Wb4Rd7Nc1H$Zt6Kq2Wb9Rd4Xc1Nv6Hs3Jf8Lp5Mg0Ya2Ue7Io4Pk9B=',
      '{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG',
      '{SSHA}Wm9Kq2Tz8Lx4Vb7Nc3Rd1Hf6Jg5Sa0Ue',
    ]) {
      expect(findSecrets(`password: "${hash}"`), hash).toEqual([]);
      expect(findSecrets(`{"password": "${hash}"}`), hash).toEqual([]);
    }
  });
  it('a password holding a hash prefix other than at its start stays reported', () => {
    expect(spans('password: "Wq5Rt9$2b$12$Lz2Xv7Nc3Kb8Mp"')).toEqual(['Wq5Rt9$2b$12$Lz2Xv7Nc3Kb8Mp']);
  });
  it('names saying encrypted or hashed hold ciphertext; an encryption key is still a secret', () => {
    const blob = 'YupAsjl4J66G0zO7BL/k1PfayBSTM9gf1UOCPC4QaI5CUsBdrj9Xu/EPGKSiUprV';
    expect(findSecrets(`encrypted_password: "${blob}"`)).toEqual([]);
    expect(findSecrets(`hashedPassword = '${blob}'`)).toEqual([]);
    expect(findSecrets(`DB_PASSWORD_ENC=${blob}`)).toEqual([]);
    expect(spans(`ENCRYPTION_KEY=${blob}`)).toEqual([blob]);
    expect(spans(`db_password: "${blob}"`)).toEqual([blob]);
  });
});

describe('sqlcmd -P takes the password (mysql -P is a port)', () => {
  const v = 'Uj6bfQ1XS93vONfrO%zdj';
  it('reported for sqlcmd, not for mysql', () => {
    expect(spans(`sqlcmd -S tcp:sql.internal,1433 -U sa -P "${v}" -Q "SELECT 1"`)).toEqual([v]);
    expect(findSecrets(`mysql -h db.internal -P 3306 -u app -e "select 1"`)).toEqual([]);
    expect(findSecrets(`rsync -P ${v}/ backup:/srv`)).toEqual([]);
  });
});

describe('ops and tool formats (dev4c)', () => {
  const v = 'Zr8Kq2VmT5xW9pLc3NdY7bHf1GjA6sEu';
  const pw = 'Ve8jD9YVNf2Nm!fXk';
  it("a typed declaration's value, not its type", () => {
    expect(spans(`const apiKey: string = "${v}";`)).toEqual([v]);
    expect(spans(`val apiToken: String = "${v}"`)).toEqual([v]);
    expect(spans(`static API_KEY: &str = "${v}";`)).toEqual([v]);
    expect(spans(`public Secret: Option<String> = "${v}";`)).toEqual([v]);
    expect(spans(`var apiKey string = "${v}"`)).toEqual([v]);
    expect(findSecrets('apiKey: string;\nif (token: string == other) {}')).toEqual([]);
    expect(findSecrets('const apiKey: string = process.env.API_KEY ?? "";')).toEqual([]);
  });
  it('an Authorization header set by a web server directive', () => {
    expect(spans(`proxy_set_header Authorization "Bearer ${v}";`)).toEqual([v]);
    expect(spans(`RequestHeader set Authorization "Basic ${v}"`)).toEqual([v]);
    expect(findSecrets('proxy_set_header Authorization $http_authorization;')).toEqual([]);
  });
  it('passwords set in SQL, but not the stored hashes', () => {
    expect(spans(`CREATE USER 'reporting'@'%' IDENTIFIED BY '${pw}';`)).toEqual([pw]);
    expect(spans(`ALTER ROLE etl WITH LOGIN PASSWORD '${pw}';`)).toEqual([pw]);
    const mysqlHash = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19';
    expect(findSecrets(`CREATE USER 'app'@'%' IDENTIFIED BY PASSWORD '${mysqlHash}';`)).toEqual([]);
    expect(findSecrets(`ALTER ROLE app PASSWORD 'md5${'3f9a2c7e1b5d8f40a6c2e9b17d4f8a3c'}';`)).toEqual([]);
  });
  it('redis AUTH at a prompt and literal auth-call arguments', () => {
    expect(spans(`cache.internal:6379> AUTH ${v}\nOK`)).toEqual([v]);
    expect(spans(`> db.auth("root", "${pw}")`)).toEqual([pw]);
    expect(spans(`request(app).get('/admin').auth('admin', '${pw}')`)).toEqual([pw]);
    expect(findSecrets('The server replies NOAUTH when AUTH is required')).toEqual([]);
    expect(findSecrets('db.auth(user, process.env.MONGO_PASSWORD)')).toEqual([]);
  });
  it('a password element with attributes (FileZilla)', () => {
    const b64 = 'ZHk1YWlyOVRoQ0QybEg5MU9ATk5q';
    expect(spans(`<User>deploy</User>\n<Pass encoding="base64">${b64}</Pass>`)).toEqual([b64]);
    expect(findSecrets('<Pass encoding="base64"></Pass>')).toEqual([]);
  });
  it('a GPG key name holds a key id or fingerprint', () => {
    expect(findSecrets('GPG_KEY=A6FC0486EDB9358EE04B1501A5A12BAE6D62DBAA')).toEqual([]);
    expect(findSecrets('PGP_KEY: 07F7AABC138AC25B9D293AC69156D6BBA4900D74')).toEqual([]);
    expect(spans(`GPG_PASSPHRASE=${v}`)).toEqual([v]);
  });
});

describe('the closing-comment rule runs only on lines whose comment names a secret', () => {
  const v = 'QW3Ok7Zr8Kq2VmT5xW9pLc3N';
  it('finds the value far into a text, after other comment markers on the line, and in a # comment', () => {
    const pad = '// ordinary comment\nconst url = "https://example.test/a"; # not a name\n'.repeat(3000);
    expect(spans(`${pad}analytics.load("${v}") // segment write key\n${pad}`)).toEqual([v]);
    expect(spans(`fetch("https://cdn.test/x.js"); init("${v}") // deploy token`)).toEqual([v]);
    expect(spans(`client = Client("${v}")  # api key.`)).toEqual([v]);
  });
  it('not when the comment only mentions a secret word before other words', () => {
    expect(findSecrets(`analytics.load("${v}") // the key is loaded lazily`)).toEqual([]);
  });
});

describe('Jenkins credential XML is searched within its reach of each tag, not over the whole text', () => {
  let seed = 7;
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const random = (n: number) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return chars[(seed >> 16) % 64];
    }).join('');
  it('a multi-line value of 3,900 characters far into a text', () => {
    const body = Array.from({ length: 60 }, () => random(64)).join('\n');
    const pad = 'line: of ordinary yaml\n'.repeat(3000);
    const xml = `<com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey>\n<privateKey>${body}</privateKey>`;
    expect(spans(`${pad}${xml}\n${pad}`)).toEqual([body]);
  });
});

describe('anchored provider names', () => {
  const hex = '0b849a32884a3ac1f2e7d9c05a6b4e1f';
  it("a name holding a provider's id, hash or checksum is not its key; a client-id format still finds ids", () => {
    expect(findSecrets(`algolia_icon_hash = "${hex}"`)).toEqual([]);
    expect(findSecrets(`ALGOLIA_APP_ID=${hex}`)).toEqual([]);
    expect(findSecrets(`datadog_checksum: ${hex}0b849a32`)).toEqual([]);
    expect(spans(`ALGOLIA_ADMIN=${hex}`)).toEqual([hex]);
    expect(findSecrets(`ADOBE_CLIENT_ID=${hex}`).map((h) => h.ruleId)).toEqual(['adobe-client-id']);
  });
  it("OpenWeatherMap's key under its appid name", () => {
    expect(findSecrets(`OPENWEATHERMAP_APPID=${hex}`).map((h) => h.ruleId)).toEqual([
      'openweathermap-api-key',
    ]);
    expect(findSecrets('OPENWEATHERMAP_CITY_ID=2643743')).toEqual([]);
  });
});

describe('rule ids', () => {
  it('each rule has its own id, and no rule shares one with an anchored provider format', () => {
    const ids = [...SECRET_RULES.map((r) => r.id), ...ANCHORED_RULE_IDS];
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
  it("a family's renamed rules keep the family's id as a prefix, and a provider's rule still names an unnamed hit", () => {
    const v = 'Vq7Lm2Xz9Rt4Kb8Nc3Wd';
    const hit = findSecrets(`curl -u deploy:${v} https://search.internal:9200`)[0];
    expect(hit?.ruleId).toBe('cli-password-argument-user-password');
    // Fingerprints depend on the value only: baselines written before the renames still match.
    expect(hit?.fingerprint).toBe(secretFingerprint(v));
    const github = 'ghp_Zr8Kq2VmT5xW9pLc3NdY7bHf1GjA6sEu4Rt0';
    expect(findSecrets(`--token ${github}`).map((h) => h.ruleId)).toEqual(['github-token']);
  });
});
