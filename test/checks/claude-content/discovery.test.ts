import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../../src/core/frontmatter.js';
import { claudeContentFiles, encodeProjectPath } from '../../../src/discover/claude-files.js';
import { machine } from './_run.js';

const kinds = (fx: ReturnType<typeof machine>) =>
  claudeContentFiles(fx.ctx)
    .map((f) => `${f.scope}:${f.kind}:${path.relative(fx.root, f.path)}`)
    .sort();

describe('claudeContentFiles', () => {
  it('finds user, project, plugin, memory and nested files, and skips node_modules', () => {
    const fx = machine({
      '~/.claude/CLAUDE.md': '# me',
      '~/.claude/rules/style.md': 'x',
      '~/.claude/skills/pdf/SKILL.md': '---\nname: pdf\n---',
      '~/.claude/skills/pdf/scripts/fill.py': 'print(1)',
      '~/.claude/skills/pdf/logo.png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0] },
      '~/.claude/commands/ship.md': 'x',
      '~/.claude/agents/reviewer.md': 'x',
      '~/.claude/plugins/marketplaces/acme/plugins/tools/commands/lint.md': 'x',
      '~/.claude/plugins/cache/acme/tools/1.0.0/skills/fmt/SKILL.md': 'x',
      'CLAUDE.md': 'x',
      'CLAUDE.local.md': 'x',
      '.claude/CLAUDE.md': 'x',
      '.claude/commands/team/review.md': 'x',
      '.claude/agents/tester.md': 'x',
      '.claude/skills/release/SKILL.md': 'x',
      '.claude/skills/not-a-skill/README.md': 'x',
      'packages/api/CLAUDE.md': 'x',
      'node_modules/lib/CLAUDE.md': 'x',
    });
    expect(kinds(fx)).toEqual(
      [
        'plugin:command:home/.claude/plugins/marketplaces/acme/plugins/tools/commands/lint.md',
        'plugin:skill:home/.claude/plugins/cache/acme/tools/1.0.0/skills/fmt/SKILL.md',
        'project:agent:home/work/app/.claude/agents/tester.md',
        'project:claude-local-md:home/work/app/CLAUDE.local.md',
        'project:claude-md:home/work/app/.claude/CLAUDE.md',
        'project:claude-md:home/work/app/CLAUDE.md',
        'project:claude-md:home/work/app/packages/api/CLAUDE.md',
        'project:command:home/work/app/.claude/commands/team/review.md',
        'project:skill:home/work/app/.claude/skills/release/SKILL.md',
        'user:agent:home/.claude/agents/reviewer.md',
        'user:claude-md:home/.claude/CLAUDE.md',
        'user:command:home/.claude/commands/ship.md',
        'user:rules:home/.claude/rules/style.md',
        'user:skill-file:home/.claude/skills/pdf/scripts/fill.py',
        'user:skill:home/.claude/skills/pdf/SKILL.md',
      ].sort(),
    );
  });

  it('reads auto-memory of this project only, under the encoded project path', () => {
    const fx = machine({ '~/.claude/projects/-home-other-project/memory/other.md': 'other project' });
    const enc = encodeProjectPath(fx.project);
    expect(enc).toMatch(/^-.*-home-work-app$/);
    expect(enc).not.toMatch(/[^a-zA-Z0-9-]/);
    const memDir = path.join(fx.home, '.claude', 'projects', enc, 'memory');
    fs.mkdirSync(memDir, { recursive: true });
    fs.writeFileSync(path.join(memDir, 'notes.md'), 'remember');
    expect(claudeContentFiles(fx.ctx).map((f) => [f.kind, path.basename(f.path)])).toEqual([
      ['memory', 'notes.md'],
    ]);
  });

  it('honours CLAUDE_CONFIG_DIR', () => {
    const files = { '~/alt-claude/CLAUDE.md': '# alt', '~/.claude/CLAUDE.md': '# default' };
    const fx = machine(files);
    expect(claudeContentFiles(fx.ctx).map((f) => path.relative(fx.home, f.path))).toEqual([
      '.claude/CLAUDE.md',
    ]);
    const alt = machine(files);
    const altCtx = {
      ...alt.ctx,
      env: { ...alt.ctx.env, CLAUDE_CONFIG_DIR: path.join(alt.home, 'alt-claude') },
    };
    expect(claudeContentFiles(altCtx).map((f) => path.relative(alt.home, f.path))).toEqual([
      'alt-claude/CLAUDE.md',
    ]);
  });

  it('lists a CLAUDE.md that is a symlink loop or a directory, so a check can report it', () => {
    const fx = machine({ 'CLAUDE.md': { symlink: 'CLAUDE.md' }, '.claude/CLAUDE.md': { dir: true } });
    expect(
      claudeContentFiles(fx.ctx)
        .map((f) => path.relative(fx.project, f.path))
        .sort(),
    ).toEqual(['.claude/CLAUDE.md', 'CLAUDE.md']);
  });

  it('follows @imports of memory files up to five hops, not inside code, each file once', () => {
    const fx = machine({
      'CLAUDE.md':
        '# Project\nSee @docs/agents.md and @~/.claude/shared.md\n' +
        'Write to `@not/imported.md` or:\n```\n@also/not.md\n```\nMail me@example.com, ask @nobody.\n',
      'docs/agents.md': '@../hop2.md\n@agents.md\n',
      'hop2.md': '@hop3.md',
      'hop3.md': '@hop4.md',
      'hop4.md': '@hop5.md',
      'hop5.md': '@hop6.md',
      'hop6.md': 'too deep',
      'not/imported.md': 'x',
      'also/not.md': 'x',
      '~/.claude/shared.md': '@CLAUDE.md',
    });
    expect(kinds(fx).filter((k) => k.includes(':import:'))).toEqual([
      'project:import:home/.claude/shared.md',
      'project:import:home/work/app/docs/agents.md',
      'project:import:home/work/app/hop2.md',
      'project:import:home/work/app/hop3.md',
      'project:import:home/work/app/hop4.md',
      'project:import:home/work/app/hop5.md',
    ]);
  });
});

describe('parseFrontmatter', () => {
  it('parses a mapping', () => {
    const fm = parseFrontmatter('---\nname: a\ndisable-model-invocation: true\n---\nbody');
    expect(fm.data).toEqual({ name: 'a', 'disable-model-invocation': true });
    expect(fm.error).toBeUndefined();
  });

  it('accepts CRLF line endings', () => {
    expect(parseFrontmatter('---\r\nname: a\r\nallowed-tools: Bash, Read\r\n---\r\nbody').data).toEqual({
      name: 'a',
      'allowed-tools': 'Bash, Read',
    });
  });

  it('treats no frontmatter, an empty block and a later --- as no data, without error', () => {
    for (const text of ['# Title\n---\nname: x\n---', '---\n---\nbody', '']) {
      const fm = parseFrontmatter(text);
      expect(fm.data).toEqual({});
      expect(fm.error).toBeUndefined();
    }
  });

  it.each([
    ['unclosed', '---\nname: a\nbody', /never closed/],
    ['invalid YAML', '---\nname: a\ndescription: Deploy: now\n  x: y\n---\n', /not valid YAML/],
    ['a list instead of a mapping', '---\n- a\n- b\n---\n', /not a YAML mapping/],
    ['a scalar', '---\njust text\n---\n', /not a YAML mapping/],
  ])('reports %s instead of throwing', (_name, text, error) => {
    const fm = parseFrontmatter(text);
    expect(fm.data).toEqual({});
    expect(fm.error).toMatch(error);
  });
});
