// Installed-skill discovery on a fixture machine: every skill directory OpenClaw loads, in its order.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import {
  type InstalledSkill,
  installedName,
  installedSkills,
  officialSkillDirs,
  readInstalled,
} from '../../src/discover/installed-skills.js';
import { loadOpenclawConfig } from '../../src/discover/openclaw.js';
import { openclawBundledSkillDirs, openclawSkillDirs } from '../../src/discover/openclaw-skills.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

const skill = (name: string) => `---\nname: ${name}\ndescription: ${name}\n---\nSay hello.\n`;

function machine(): MaterializedFixture {
  const fx = materialize({
    files: {
      '~/.openclaw/openclaw.json':
        "{ agents: { list: [{ id: 'ops' }] }, skills: { load: { extraDirs: ['~/extra-skills'] } } }\n",
      '~/.openclaw/workspace/skills/ws/SKILL.md': skill('ws'),
      '~/.openclaw/workspace/.agents/skills/ws-agents/SKILL.md': skill('ws-agents'),
      '~/.agents/skills/shared/SKILL.md': skill('shared'),
      '~/.openclaw/skills/managed/SKILL.md': skill('managed'),
      '~/.openclaw/agents/ops/agent/workshop-skills/workshop/SKILL.md': skill('workshop'),
      '~/extra-skills/extra/SKILL.md': skill('extra'),
    },
  });
  fixtures.push(fx);
  return fx;
}

describe('OpenClaw skill directories', () => {
  it('lists them in OpenClaw load order: workspace, workspace .agents, ~/.agents, managed, workshop, extra', () => {
    const fx = machine();
    const state = path.join(fx.home, '.openclaw');
    const dirs = openclawSkillDirs(fx.ctx, loadOpenclawConfig(fx.ctx));
    expect(dirs).toEqual([
      { dir: path.join(state, 'workspace', 'skills'), origin: 'workspace' },
      { dir: path.join(state, 'workspace', '.agents', 'skills'), origin: 'workspace' },
      { dir: path.join(fx.home, '.agents', 'skills'), origin: 'user' },
      { dir: path.join(state, 'skills'), origin: 'managed' },
      { dir: path.join(state, 'agents', 'ops', 'agent', 'workshop-skills'), origin: 'agent' },
      { dir: path.join(fx.home, 'extra-skills'), origin: 'extra' },
    ]);
  });

  it('installed skills cover every one of them, with the lockfile source of each', () => {
    const fx = machine();
    const found = Object.fromEntries(installedSkills(fx.ctx).map((s) => [path.basename(s.dir), s.source]));
    expect(found).toEqual({
      ws: 'openclaw-workspace',
      'ws-agents': 'openclaw-workspace',
      shared: 'openclaw-user',
      managed: 'openclaw-user',
      workshop: 'openclaw-user',
      extra: 'openclaw-extra',
    });
  });
});

describe('Claude Code commands and subagents, OpenClaw bundled skills', () => {
  function claudeAndBundled(env: Record<string, string> = {}): MaterializedFixture {
    const fx = materialize({
      files: {
        '~/.claude/skills/fmt/SKILL.md': skill('fmt'),
        '~/.claude/commands/review.md': '---\ndescription: Review the diff\n---\nReview it.\n',
        '~/.claude/commands/git/commit.md': '---\ndescription: Commit\n---\nCommit it.\n',
        '~/.claude/agents/helper.md': '---\nname: helper\ndescription: Helps\n---\nYou help.\n',
        '.claude/commands/deploy.md': '---\ndescription: Deploy\n---\nDeploy it.\n',
        '~/.local/lib/node_modules/openclaw/package.json': '{"name": "openclaw"}\n',
        '~/.local/lib/node_modules/openclaw/openclaw.mjs': '// entry\n',
        '~/.local/lib/node_modules/openclaw/skills/weather/SKILL.md': skill('weather'),
        '~/.local/lib/node_modules/openclaw/custodian-skills/care/SKILL.md': skill('care'),
        '~/.local/bin/openclaw': { symlink: '~/.local/lib/node_modules/openclaw/openclaw.mjs' },
        '~/own-bundle/github/SKILL.md': skill('github'),
      },
      env,
    });
    fixtures.push(fx);
    return fx;
  }

  it('lists commands and subagents as one-file entries next to skills, named after their folder', () => {
    const fx = claudeAndBundled();
    const found = installedSkills(fx.ctx)
      .filter((s) => s.source.startsWith('claude-'))
      .map((s) => [installedName(s), s.kind, s.source, s.file !== undefined]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['fmt', 'skill', 'claude-user', false],
        ['commands/review', 'command', 'claude-user', true],
        ['commands/git/commit', 'command', 'claude-user', true],
        ['agents/helper', 'agent', 'claude-user', true],
        ['commands/deploy', 'command', 'claude-project', true],
      ]),
    );
    const review = installedSkills(fx.ctx).find((s) => installedName(s) === 'commands/review');
    const input = readInstalled(fx.ctx, review as InstalledSkill);
    expect(input.main).toBe('review.md');
    expect(input.files.map((f) => f.path)).toEqual(['review.md']);
  });

  it("finds OpenClaw's bundled and custodian skills through the openclaw command on PATH; they are official", () => {
    const fx = claudeAndBundled();
    const bin = path.join(fx.home, '.local', 'bin');
    const ctx = { ...fx.ctx, env: { ...fx.ctx.env, PATH: `/nonexistent:${bin}` } };
    const pkg = path.join(fx.home, '.local', 'lib', 'node_modules', 'openclaw');
    expect(openclawBundledSkillDirs(ctx)).toEqual([
      path.join(pkg, 'skills'),
      path.join(pkg, 'custodian-skills'),
    ]);
    const bundled = installedSkills(ctx).filter((s) => s.source === 'openclaw-bundled');
    expect(bundled.map((s) => path.basename(s.dir)).sort()).toEqual(['care', 'weather']);
    expect(officialSkillDirs(ctx)).toEqual(expect.arrayContaining([path.join(pkg, 'skills')]));
  });

  it('OPENCLAW_BUNDLED_SKILLS_DIR overrides, as in OpenClaw; without PATH or a global install there are none', () => {
    const fx = claudeAndBundled();
    const dir = path.join(fx.home, 'own-bundle');
    expect(
      openclawBundledSkillDirs({ ...fx.ctx, env: { ...fx.ctx.env, OPENCLAW_BUNDLED_SKILLS_DIR: dir } }),
    ).toEqual([dir]);
    expect(openclawBundledSkillDirs(fx.ctx)).toEqual([]);
  });
});
