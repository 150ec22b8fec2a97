import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/secrets/agent-state.js';
import { materialize } from '../../../src/core/fixture.js';
import { redactText } from '../../../src/core/redact.js';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import { isSecretName } from '../../../src/scanners/secrets/names.js';
import { isNonSecretShape } from '../../../src/scanners/secrets/value-shapes.js';

// Values made up for these tests (random characters, no live credential).
const B64_WITH_SLASHES = '/PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGeb=';
const RANDOM = 'F4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZ';
const PASSWORD = 'KLzdocJ2isAjIhKt';

const found = (text: string) => findSecrets(text, { includePlaceholders: true }).map((h) => h.ruleId);

describe('a value that is a path, a time, a version or a host is not a secret, whichever rule captured it', () => {
  it.each([
    // generic-secret-assignment
    ['credential-file-permissions: ~/.claude.json'],
    ['secret: ~/.ssh/id_ed25519_work'],
    ['credentials: ~/.aws/credentials-prod-2025'],
    ['"secretsDir":"/Users/dev/Library/Application Support/Claude/secrets-v2/"'],
    ['password = ~/.config/pypi/password-file.txt'],
    ['secret=2024-10-28T021607Z'],
    ['"token":"20241028T021607.507Z"'],
    ['secret_version: v2.3.17-rc.2'],
    ['secret = v1.2.3-alpha.20241022+sha.5114f85'],
    ['apiKeyRelease: 2024-10-22.preview'],
    ['secret_host: secrets-01.eu-west-1.internal.acme.io'],
    // authorization-header
    ['token: /var/run/secrets/kubernetes.io/serviceaccount/token'],
    ['Authorization: Bearer ~/.config/gh/hosts.yml'],
    ['token: ~/.config/agentwarden/token-store/default.json'],
    ['token: 2026-01-05T12:34:56.789Z'],
    // jenkins-credential
    ['<password>/run/secrets/db_password</password>'],
    ['<token>2026-01-05T12:34:56.789Z</token>'],
    ['<apiToken>https://jenkins.acme.io/credentials/store/system/domain/_/</apiToken>'],
    // ini-password, connection strings, URL query, netrc, npmrc, cli -u
    ['password = 2026-01-05T12:34:56'],
    ['pass: /etc/ssl/private/server-2025.pem'],
    ['Server=db;User Id=app;Password=2026-01-05T12:34:56;'],
    ['https://api.acme.io/v1/login?password=2026-01-05T12:34:56Z&user=x'],
    ['machine api.acme.io login deploy password /home/dev/.secrets/acme-2025.txt'],
    ['_authToken=./secrets/npm-token.txt'],
    ['curl -u admin:2026-01-05T12:34:56 http://x'],
    ['--user deploy:~/.netrc-file'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
    expect(redactText(text)).toBe(text);
  });

  it('an ISO timestamp under a name holding "token" (~/.claude.json) is not a secret', () => {
    for (const ts of ['2024-08-16T17:14:22.236Z', '2024-09-28T17:14:25.526Z', '2025-06-12T10:34:09.123Z'])
      expect(found(`"claudeCodeFirstTokenDate": "${ts}",`)).toEqual([]);
  });

  it('still finds secrets that contain a slash, start with digits or sit next to paths', () => {
    expect(found(`secret: ${B64_WITH_SLASHES}`)).toEqual(['generic-secret-assignment']);
    expect(found(`token: /${RANDOM}/${RANDOM}`)).toEqual(['authorization-header']);
    expect(found(`password = 2026${PASSWORD}`)).toEqual(['ini-password']);
    expect(found(`<password>${PASSWORD}</password>`)).toEqual(['jenkins-credential']);
    expect(found(`credentials: ~/.aws/${RANDOM}.txt`)).toEqual(['generic-secret-assignment']);
    expect(found(`secret = https://hooks.acme.io/services/${RANDOM}`)).toEqual([]);
    expect(found(`<token>https://hooks.acme.io/services/${RANDOM}</token>`)).toEqual(['jenkins-credential']);
  });
});

describe('isNonSecretShape', () => {
  it.each([
    '~/.claude.json',
    './config/credentials.json',
    '../../shared/passwords/prod-db.txt',
    '/etc/myapp/secrets/api-key.pem',
    'C:\\Users\\dev\\AppData\\Roaming\\tool\\secret.key',
    'config/tokens/gh-token-2025-11.txt',
    '~/.claude/projects/-home-user-app/0d9c1f3e-1111-4a5b-9c1d-2e3f4a5b6c7d.jsonl',
    '2026-01-05',
    '2026-01-05T12',
    '2026-01-05T12:34:56.789+05:30',
    '20260105T123456Z',
    '1733389000.123456',
    '1.14.2',
    'v2.3.17-rc.2',
    '1.2.3-beta.3+build.20241022',
    '192.168.100.200:8443',
    'secrets-01.eu-west-1.internal.acme.io',
    'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  ])('%s is not a secret by its shape', (value) => {
    expect(isNonSecretShape(value)).toBe(true);
  });

  it.each([
    B64_WITH_SLASHES,
    RANDOM,
    PASSWORD,
    `~/${RANDOM}`,
    `https://hooks.acme.io/services/${RANDOM}`,
    'https://api.acme.io/v1/charge?token=abc',
    '2026Zr8vQ2mLx9Tk',
    '12345678901234567890',
    'abcdef.0123456789abcdef',
  ])('%s may be a secret', (value) => {
    expect(isNonSecretShape(value)).toBe(false);
  });
});

describe('names that hold something about a secret', () => {
  it.each([
    'claudeCodeFirstTokenDate',
    'tokenExpiresAt',
    'secretRotatedAt',
    'SECRET_VERSION',
    'credential-file-permissions',
    'token_ttl',
    'credential_helper',
    'token_endpoint',
  ])('%s is not a secret name', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('secrets/agent-state on real ~/.claude.json keys', () => {
  it('does not report the first-token date or other timestamps', async () => {
    const fx = materialize({
      files: {
        '~/.claude.json': JSON.stringify(
          {
            numStartups: 42,
            firstStartTime: '2025-06-12T10:11:12.123Z',
            claudeCodeFirstTokenDate: '2025-06-12T10:34:09.123Z',
            lastReleaseNotesSeen: '2.0.14',
            projects: { '/w': { lastSessionId: '6f1d2c3b-1a2b-4c3d-8e9f-0a1b2c3d4e5f' } },
          },
          null,
          2,
        ),
      },
    });
    try {
      expect(await check.run(fx.ctx)).toEqual([]);
    } finally {
      fx.cleanup();
    }
  });
});
