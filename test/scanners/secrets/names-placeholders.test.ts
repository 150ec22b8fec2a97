import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../../src/scanners/secrets/names.js';
import { isPlaceholder, isPlaceholderToken } from '../../../src/scanners/secrets/placeholders.js';

describe('isSecretName', () => {
  it.each([
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'ANTHROPIC_API_KEY',
    'apiKey',
    'APIKey',
    'accessToken',
    'clientsecret',
    'secret_key_base',
    'DB_PASSWORD',
    'db_pwd',
    'DB_PASS',
    'GITHUB_PAT',
    'STRIPE_KEY',
    'API_KEY_2',
    'api_key_v2',
    'Authorization',
    'Proxy-Authorization',
    'X-API-KEY',
    'Cookie',
    'private_key_pem',
    'credentials',
  ])('%s names a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'PWD',
    'OLDPWD',
    'DATABASE_URL',
    'LOG_LEVEL',
    'CLAUDE_CODE_MAX_OUTPUT_TOKENS',
    'max_tokens',
    'tokenizer',
    'secretary',
    'KEYBOARD_LAYOUT',
    'SORT_KEY_ORDER',
    'SESSION_TIMEOUT',
    'SSH_KEY_FILE',
    'AWS_ACCESS_KEY_ID',
    'apiKeyId',
    'TOKEN_URL',
    'secretName',
    'tokenType',
    '',
  ])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('isPlaceholder', () => {
  it.each([
    '****',
    'xxx',
    '...',
    'your-api-key-here',
    'YOUR_TOKEN',
    '<token>',
    'sk-example-1234567890',
    'placeholder-value',
    'changeme',
    'REDACTED',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable reference is the point
    '${GITHUB_TOKEN}',
    '$API_KEY',
    '%(password)s',
    '{{ secrets.TOKEN }}',
    'null',
    'false',
    'undefined',
  ])('%s is a placeholder, in text and in config alike', (value) => {
    expect(isPlaceholder(value)).toBe(true);
    expect(isPlaceholderToken(value)).toBe(true);
  });

  it.each([
    'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'AIzaaaaaaaaaaaaaaaaaaaaaaa',
    'ghp_FAKEdemoTOKEN0000000000000000',
    'key-####-####',
  ])('%s is a masked or padded token: a placeholder in text, still a literal value in config', (value) => {
    expect(isPlaceholderToken(value)).toBe(true);
    expect(isPlaceholder(value)).toBe(false);
  });

  it.each([
    'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp',
    'a81f9c2e7d4b6053ff12',
    'Zr8vQ2mLx9Tk',
    'sk_live_xWFsyMYQPn3CLccmCOoQKP2T',
  ])('%s is not', (value) => {
    expect(isPlaceholder(value)).toBe(false);
    expect(isPlaceholderToken(value)).toBe(false);
  });
});
