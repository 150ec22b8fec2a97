import { describe, expect, it } from 'vitest';
import {
  bashRuleMatches,
  parsePermissionRule,
  pathPatternMatches,
} from '../../src/scanners/permissions/claude-rules.js';

describe('permission rules', () => {
  it('parses Tool and Tool(content)', () => {
    expect(parsePermissionRule('Bash')).toEqual({ tool: 'Bash', content: undefined });
    expect(parsePermissionRule('Bash(git commit *)')).toEqual({ tool: 'Bash', content: 'git commit *' });
    expect(parsePermissionRule('mcp__github__search')).toEqual({
      tool: 'mcp__github__search',
      content: undefined,
    });
    expect(parsePermissionRule('not a rule!')).toBeUndefined();
  });

  it.each([
    [undefined, 'anything at all', true],
    ['*', 'rm -rf /', true],
    ['curl:*', 'curl -s https://x > y', true],
    ['curl:*', 'wget x', false],
    ['curl *', 'curl', true],
    ['curl *', 'curlx', false],
    ['curl * > *', 'curl -s https://x > out.sh', true],
    ['curl * > *', 'curl -s https://x', false],
    ['cat .env*', 'cat .env.local', true],
    ['git commit *', 'git commit -m x', true],
    ['git commit *', 'git push', false],
    ['npm run test', 'npm run test', true],
    ['npm run test', 'npm run test; rm -rf /', false],
  ])('Bash(%s) vs %j -> %s', (content, command, expected) => {
    expect(bashRuleMatches(content, command)).toBe(expected);
  });

  const roots = { home: '/h', project: '/h/work/app', settingsRoot: '/h/.claude' };
  it.each([
    ['./.env', '/h/work/app/.env', true],
    ['./.env', '/h/work/app/sub/.env', false],
    ['.env', '/h/work/app/sub/.env', true],
    ['./.env.*', '/h/work/app/.env.local', true],
    ['./.env.*', '/h/work/app/.env', false],
    ['~/.ssh/**', '/h/.ssh/id_ed25519', true],
    ['~/.ssh', '/h/.ssh/id_ed25519', true],
    ['~/.ssh/*', '/h/.ssh/keys/id', true],
    ['~/.ssh/*.pub', '/h/.ssh/id_ed25519', false],
    ['//etc/**', '/etc/hosts', true],
    ['/**', '/h/.bashrc', false],
    ['~/**', '/h/.bashrc', true],
    ['//**', '/h/.bashrc', true],
    ['./src/**', '/h/.bashrc', false],
    [undefined, '/anything', true],
  ])('path %s covers %s -> %s', (pattern, abs, expected) => {
    expect(pathPatternMatches(pattern, abs, roots)).toBe(expected);
  });
});
