import { describe, expect, it } from 'vitest';
import {
  diffLocks,
  type Lockfile,
  parseLockfile,
  stableJson,
  treeHash,
} from '../../../src/scanners/skills/lock.js';

const base = (): Lockfile => ({
  lockfileVersion: 1,
  skills: {
    'claude-user/b': {
      source: 'claude-user',
      path: '~/.claude/skills/b',
      version: '1.0.0',
      treeHash: 't',
      files: { 'SKILL.md': 'aa' },
    },
  },
  mcpServers: {
    'claude-project/gh': { source: 'claude-project', launch: 'npx -y pkg@1.0.0', configHash: 'c1' },
  },
});

describe('skills lockfile', () => {
  it('writes keys sorted at every level, so the same state gives the same bytes', () => {
    const a = stableJson({ z: 1, a: { y: 2, b: [3, { d: 4, c: 5 }] } });
    expect(a).toBe(
      '{\n  "a": {\n    "b": [\n      3,\n      {\n        "c": 5,\n        "d": 4\n      }\n    ],\n    "y": 2\n  },\n  "z": 1\n}\n',
    );
  });

  it('tree hash depends on every path and hash, not on insertion order', () => {
    expect(treeHash({ a: '1', b: '2' })).toBe(treeHash({ b: '2', a: '1' }));
    expect(treeHash({ a: '1', b: '2' })).not.toBe(treeHash({ a: '1', b: '3' }));
    expect(treeHash({ a: '1' })).not.toBe(treeHash({ c: '1' }));
  });

  it('says exactly what drifted: version, files, servers added and removed', () => {
    const now = base();
    const skill = now.skills['claude-user/b'];
    if (!skill) throw new Error('fixture');
    skill.version = '1.1.0';
    skill.files = { 'SKILL.md': 'bb', 'run.sh': 'cc' };
    now.mcpServers = {
      'claude-project/other': { source: 'claude-project', launch: 'uvx x==1', configHash: 'c2' },
    };
    expect(diffLocks(base(), now).map((d) => `${d.kind} ${d.what}: ${d.detail}`)).toEqual([
      'changed skill claude-user/b: version 1.0.0 → 1.1.0',
      'changed skill claude-user/b SKILL.md: sha256 aa… → bb…',
      'added skill claude-user/b run.sh: file added',
      'removed mcp claude-project/gh: no longer configured (was npx -y pkg@1.0.0)',
      'added mcp claude-project/other: new server: uvx x==1',
    ]);
    expect(diffLocks(base(), base())).toEqual([]);
  });

  it('a changed server environment is drift even when the launch line is the same', () => {
    const now = base();
    (now.mcpServers['claude-project/gh'] as { configHash: string }).configHash = 'c9';
    expect(diffLocks(base(), now)[0]?.detail).toContain('configuration changed');
  });

  it('rejects a lockfile of another version or shape with the field named', () => {
    expect(parseLockfile('{').ok).toBe(false);
    const r = parseLockfile('{"lockfileVersion": 1, "skills": {"x": {"source": 1}}, "mcpServers": {}}');
    expect(r.ok ? '' : r.error).toMatch(/^skills\.x\.source/);
  });
});
