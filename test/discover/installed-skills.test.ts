// Installed-skill discovery on a fixture machine: every skill directory OpenClaw loads, in its order.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { installedSkills } from '../../src/discover/installed-skills.js';
import { loadOpenclawConfig } from '../../src/discover/openclaw.js';
import { openclawSkillDirs } from '../../src/discover/openclaw-skills.js';

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
