// The PR-3 credential chain on a fixture machine: files by what they hold, secret env names, never values.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { credentialFiles, secretEnvNames } from '../../src/discover/credentials.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

describe('credentialFiles', () => {
  it('follows CLAUDE_CONFIG_DIR and OPENCLAW_STATE_DIR, and lists SSH private keys only', () => {
    const fx = materialize({
      files: {
        '~/.aws/credentials': '[default]\n',
        '~/.ssh/work_key': 'private\n',
        '~/.ssh/work_key.pub': 'public\n',
        '~/.ssh/known_hosts': 'hosts\n',
        '~/claude-cfg/.credentials.json': '{}',
        '~/oc-state/credentials/telegram/bot.json': '{}',
        '~/oc-state/agents/main/agent/auth-profiles.json': '{}',
        '~/.openclaw/.env': 'IGNORED=1\n',
      },
    });
    fixtures.push(fx);
    const env = {
      CLAUDE_CONFIG_DIR: path.join(fx.home, 'claude-cfg'),
      OPENCLAW_STATE_DIR: path.join(fx.home, 'oc-state'),
    };
    const got = credentialFiles(fx.home, env, fx.ctx.fs).map((c) => [
      path.relative(fx.home, c.path),
      c.kind,
      c.openclaw,
    ]);
    expect(got).toEqual([
      ['.aws/credentials', 'file', false],
      ['.ssh/work_key', 'file', false],
      ['claude-cfg/.credentials.json', 'file', false],
      ['oc-state/credentials', 'dir', true],
      ['oc-state/agents/main/agent/auth-profiles.json', 'file', true],
    ]);
  });
});

describe('secretEnvNames', () => {
  it('names secret-named variables that have a value, sorted', () => {
    const env = {
      GITHUB_TOKEN: 'x',
      EMPTY_TOKEN: '',
      PATH: '/bin',
      EDITOR: 'vim',
    };
    expect(secretEnvNames({ ...env, AWS_SECRET_ACCESS_KEY: 'y' })).toEqual([
      'AWS_SECRET_ACCESS_KEY',
      'GITHUB_TOKEN',
    ]);
  });
});
