import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import broadAllowRule from '../../../src/checks/claude/broad-allow-rule.js';
import bypassPermissions from '../../../src/checks/claude/bypass-permissions.js';
import dangerousCommands from '../../../src/checks/claude/dangerous-commands-not-denied.js';
import sensitivePaths from '../../../src/checks/claude/sensitive-paths-unprotected.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { machine, rerun, run } from './helpers.js';

const DISABLE = '"disableBypassPermissionsMode": "disable"';

describe('claude/bypass-permissions', () => {
  it('points at the defaultMode key of the file that sets it', async () => {
    const f = machine({
      '~/.claude/settings.json': `{"permissions": {${DISABLE}}}`,
      '.claude/settings.local.json':
        '{\n  "permissions": {\n    "defaultMode": "bypassPermissions"\n  }\n}\n',
    });
    const [finding, ...rest] = await run(bypassPermissions, f);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'critical',
      file: path.join(f.project, '.claude/settings.local.json'),
      line: 3,
    });
  });

  it('rates an overridden bypass mode lower', async () => {
    const f = machine({
      '~/.claude/settings.json': `{"permissions": {"defaultMode": "bypassPermissions", ${DISABLE}}}`,
      '.claude/settings.json': '{"permissions": {"defaultMode": "default"}}',
    });
    const findings = await run(bypassPermissions, f);
    expect(findings.map((x) => x.severity)).toEqual(['high']);
    expect(findings[0]?.message).toContain('overridden');
  });

  it('fixes a missing disableBypassPermissionsMode in user settings', async () => {
    const f = machine({ '~/.claude/settings.json': '{\n  // mine\n  "model": "opus"\n}\n' });
    applyFixes(await run(bypassPermissions, f), { dryRun: false });
    const text = fs.readFileSync(path.join(f.home, '.claude/settings.json'), 'utf8');
    // Claude Code ignored the commented file: the fix made it strict JSON, so the setting applies.
    expect(text).not.toContain('// mine');
    expect(JSON.parse(text).model).toBe('opus');
    expect(await rerun(bypassPermissions, f)).toEqual([]);
  });
});

describe('claude/dangerous-commands-not-denied', () => {
  it('names only the missing seed rules and says deny rules are bypassable', async () => {
    const f = machine({
      '~/.claude/settings.json':
        '{\n  "permissions": {\n    "deny": ["Bash(curl:*)", "Bash(wget *)", "Read(**/.env*)"]\n  }\n}\n',
    });
    const [finding] = await run(dangerousCommands, f);
    expect(finding?.message).toContain('Bash(cat .env*), Bash(rm -rf *)');
    expect(finding?.message).not.toContain('Read(./.env)');
    expect(finding?.message).toContain(`python3 -c "open('.env')`);
    expect(finding?.message).toContain('$(…)');
    expect(finding).toMatchObject({ file: path.join(f.home, '.claude/settings.json'), line: 3 });
    expect(finding?.fixPlans).toEqual([
      expect.objectContaining({
        kind: 'json-append',
        path: ['permissions', 'deny'],
        values: ['Bash(cat .env*)', 'Bash(rm -rf *)'],
      }),
    ]);
  });

  it('a whole-tool Bash deny covers every command', async () => {
    const f = machine({
      '.claude/settings.local.json': '{"permissions": {"deny": ["Bash", "Read(./.env)", "Read(./.env.*)"]}}',
    });
    expect(await run(dangerousCommands, f)).toEqual([]);
  });

  it('fix creates the user settings file and then passes', async () => {
    const f = machine({});
    const result = applyFixes(await run(dangerousCommands, f), { dryRun: false });
    expect(result.changedFiles).toEqual([path.join(f.home, '.claude/settings.json')]);
    expect(await rerun(dangerousCommands, f)).toEqual([]);
  });
});

describe('claude/broad-allow-rule', () => {
  it('reports each broad rule at its line with a fitting severity', async () => {
    const f = machine({
      '~/.claude/settings.json': [
        '{',
        '  "permissions": {',
        '    "allow": [',
        '      "Bash(*)",',
        '      "Bash(npm run test)",',
        '      "Bash(ssh:*)",',
        '      "WebFetch(domain:*)",',
        '      "Write(//**)"',
        '    ],',
        '    "additionalDirectories": ["/"]',
        '  }',
        '}',
      ].join('\n'),
    });
    const findings = await run(broadAllowRule, f);
    expect(findings.map((x) => [x.evidence, x.line, x.severity])).toEqual([
      ['Bash(*)', 4, 'critical'],
      ['Bash(ssh:*)', 6, 'high'],
      ['WebFetch(domain:*)', 7, 'medium'],
      ['Write(//**)', 8, 'high'],
      ['/', 10, 'high'],
    ]);
    expect(findings[4]?.message).toContain('whole disk');
  });

  it('flags package runners and docker, which run any code, but not one named package', async () => {
    const f = machine({
      '.claude/settings.local.json':
        '{"permissions": {"allow": ["Bash(npx:*)", "Bash(docker:*)", "Bash(npx prettier:*)", "Bash(docker ps)"]}}',
    });
    const findings = await run(broadAllowRule, f);
    expect(findings.map((x) => x.evidence)).toEqual(['Bash(npx:*)', 'Bash(docker:*)']);
    expect(findings[0]?.message).toContain('admits `npx -y attacker-package`, which runs arbitrary code');
    expect(findings[1]?.message).toContain('admits `docker run -v /:/host alpine sh`');
  });

  it('flags the absolute home directory in additionalDirectories', async () => {
    const f = machine({});
    fs.mkdirSync(path.join(f.home, '.claude'), { recursive: true });
    fs.writeFileSync(
      path.join(f.home, '.claude/settings.json'),
      JSON.stringify({ permissions: { additionalDirectories: [f.home, '~/work/other'] } }),
    );
    expect((await run(broadAllowRule, f)).map((x) => x.evidence)).toEqual([f.home]);
  });
});

describe('claude/sensitive-paths-unprotected', () => {
  it('lists unprotected dirs and plans only the missing Read/Edit rules', async () => {
    const f = machine({
      '~/.claude/settings.json': JSON.stringify({
        permissions: { deny: ['Read(~/.ssh/**)', 'Edit(~/.aws/**)'] },
        sandbox: { filesystem: { denyRead: ['~/.gnupg'] } },
      }),
    });
    const [finding] = await run(sensitivePaths, f);
    expect(finding?.message).toContain('~/.aws, ~/.config');
    expect(finding?.fixPlans[0]).toMatchObject({
      values: ['Read(~/.aws/**)', 'Read(~/.config/**)', 'Edit(~/.config/**)'],
    });
  });

  it('fix then passes, and a second fix changes nothing', async () => {
    const f = machine({ '~/.claude/settings.json': '{\n  "permissions": {"deny": []}\n}\n' });
    applyFixes(await run(sensitivePaths, f), { dryRun: false });
    expect(await rerun(sensitivePaths, f)).toEqual([]);
    const again = applyFixes(await run(sensitivePaths, f), { dryRun: false });
    expect(again.changedFiles).toEqual([]);
  });
});
