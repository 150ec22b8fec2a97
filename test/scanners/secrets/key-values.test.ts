import { describe, expect, it } from 'vitest';
import { plaintextSecret, plaintextSecrets } from '../../../src/scanners/secrets/key-values.js';
import { secretFingerprint } from '../../../src/scanners/secrets/mask.js';

describe('plaintext secrets in env/headers', () => {
  it('flags detector hits and secret-looking names, masked', () => {
    const key = 'sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8';
    const hit = plaintextSecret('ANTHROPIC_API_KEY', key);
    expect(hit?.reason).toBe('anthropic-api-key');
    expect(hit?.masked).not.toContain(key.slice(4, 20));
    expect(plaintextSecret('Authorization', 'Bearer 8fK2mQ9xL4vR7tZ1wN3bY6cH')?.reason).toBe(
      'secret-looking name',
    );
    expect(plaintextSecret('MY_SERVICE_TOKEN', 'a81f9c2e7d4b6053ff12')?.masked).toMatch(
      /^a81f\*{4}\[redacted 20 chars\]$/,
    );
  });

  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's ${VAR} syntax, not a template
    ['GITHUB_TOKEN', '${GITHUB_TOKEN}'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's ${VAR} syntax, not a template
    ['Authorization', 'Bearer ${API_TOKEN}'],
    ['API_KEY', '$API_KEY'],
    ['SSH_KEY', '~/.ssh/id_ed25519'],
    ['CLAUDE_CODE_MAX_OUTPUT_TOKENS', '16000'],
    ['LOG_LEVEL', 'debug'],
    ['API_KEY', 'your-api-key-here'],
    ['API_KEY', 'short'],
  ])('leaves %s=%s alone', (k, v) => {
    expect(plaintextSecret(k, v)).toBeUndefined();
  });
});

describe('plaintextSecrets', () => {
  it('reports each secret entry of a map with a fingerprint, and nothing for a non-map', () => {
    const found = plaintextSecrets({ LOG_LEVEL: 'debug', MY_SERVICE_TOKEN: 'a81f9c2e7d4b6053ff12', N: 3 });
    expect(found.map((s) => [s.key, s.reason])).toEqual([['MY_SERVICE_TOKEN', 'secret-looking name']]);
    expect(found[0]?.fingerprint).toBe(secretFingerprint('a81f9c2e7d4b6053ff12'));
    expect(plaintextSecrets(['a81f9c2e7d4b6053ff12'])).toEqual([]);
    expect(plaintextSecrets(null)).toEqual([]);
  });
});

describe('a masked-looking value under a secret name', () => {
  it('is still reported: in config it is what the program is given', () => {
    const found = plaintextSecret('GITHUB_PERSONAL_ACCESS_TOKEN', 'ghp_FAKEdemoTOKEN0000000000000000');
    expect(found?.reason).toBe('secret-looking name');
    expect(found?.masked).not.toContain('FAKEdemoTOKEN');
  });
});
