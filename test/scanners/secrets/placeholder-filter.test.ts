import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';
import {
  inScannerTarget,
  isPlaceholder,
  isPlaceholderToken,
} from '../../../src/scanners/secrets/placeholders.js';
import { reportableSecrets } from '../../../src/scanners/secrets/scan.js';

/** Deterministic random bodies (a linear congruential generator), so real-shaped keys are not hand-picked. */
function randomBody(alphabet: string, length: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet.charAt(s % alphabet.length);
  }
  return out;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('placeholders where people paste them (issue 9)', () => {
  it.each([
    ['Perplexity template key', 'export PERPLEXITY_API_KEY=pplx-your-api-key'],
    ['Slack template bot token', 'SLACK_BOT_TOKEN=xoxb-your-slack-bot-token'],
    ['Slack template in JSON', '"SLACK_BOT_TOKEN": "xoxb-your-slack-bot-token"'],
    [
      'variable names as curl credentials',
      'curl -u CENSYS_ID:CENSYS_SECRET https://search.censys.io/api/v2/hosts/8.8.8.8',
    ],
    [
      'variable name after `token`',
      'curl -H "Authorization: token GITHUB_TOKEN" https://api.github.com/user',
    ],
    ['upper-case template', 'Authorization: Bearer YOUR_ACCESS_TOKEN'],
    ['sqlmap target', 'sqlmap -u "http://testphp.vulnweb.com/artists.php?artist=1" --batch --dbs'],
    [
      'sqlmap target with parameters',
      'sqlmap -u "http://target.local/login.php?user=admin&pass=test1234" --forms',
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable reference is the point
    ['${VAR}', 'api_key = "${OPENAI_API_KEY}"'],
    ['$VAR', 'api_key = "$OPENAI_API_KEY"'],
    ['<your-key>', 'api_key = "<your-key>"'],
    ['xxx…', 'api_key = "xxxxxxxxxxxxxxxxxxxx"'],
    ['padded provider prefix', 'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['instruction to replace', 'password = "REPLACE_WITH_YOUR_PASSWORD"'],
    ['instruction to insert', 'token: "INSERT_TOKEN_HERE"'],
    ['goes here', 'GITHUB_TOKEN=ghp_your_personal_access_token_goes_here'],
    ['my-…-value', 'client_secret = "my-client-secret-value"'],
  ])('%s is not a finding', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it('a .env.example file reports nothing, the same line in .env does', () => {
    const text = `STRIPE_KEY=sk_live_${randomBody(ALNUM, 24, 7)}\n`;
    expect(reportableSecrets(text, { file: '/p/.env.example' })).toEqual([]);
    expect(reportableSecrets(text, { file: '/p/.env' })).toHaveLength(1);
  });

  it('values the filter names, one by one', () => {
    for (const v of [
      'CENSYS_SECRET',
      'GITHUB_TOKEN',
      'YOUR_ACCESS_TOKEN',
      'pplx-your-api-key',
      'xoxb-your-slack-bot-token',
    ])
      expect(isPlaceholder(v), v).toBe(true);
    expect(inScannerTarget('sqlmap -u "http://h/p?id=1&pass=abc', 30)).toBe(true);
    expect(inScannerTarget('curl -u "http://h/p?id=1&pass=abc', 30)).toBe(false);
  });

  it('the same kinds of line with a real value are still findings', () => {
    const lines = [
      `export PERPLEXITY_API_KEY=pplx-${randomBody(ALNUM, 48, 1)}`,
      `SLACK_BOT_TOKEN=xoxb-1234567890-1234567890123-${randomBody(ALNUM, 24, 2)}`,
      `curl -u censys:${randomBody(ALNUM, 32, 3)} https://search.censys.io/api/v2/hosts/8.8.8.8`,
      `curl -H "Authorization: token ${randomBody(ALNUM, 40, 4)}" https://api.github.com/user`,
      `curl "http://target.local/login.php?user=admin&pass=${randomBody(ALNUM, 14, 5)}"`,
    ];
    for (const line of lines) expect(findSecrets(line), line).toHaveLength(1);
  });

  it('a provider-shaped key with a random body is never a placeholder', () => {
    // Many seeds: the placeholder words are bounded by separators, so random bodies do not spell them.
    for (let seed = 1; seed <= 2000; seed++) {
      const key = `ghp_${randomBody(ALNUM, 36, seed)}`;
      const pplx = `pplx-${randomBody(ALNUM, 48, seed + 5000)}`;
      const upper = randomBody('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_', 36, seed + 9000);
      expect(isPlaceholderToken(key), key).toBe(false);
      expect(isPlaceholderToken(pplx), pplx).toBe(false);
      expect(isPlaceholder(upper), upper).toBe(false);
    }
  });
});
