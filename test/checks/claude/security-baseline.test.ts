// Posture advice that applies to every machine is one finding per settings scope, high only when something
// on the machine makes it urgent; each item keeps its check id, place and fix.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeSettingsChecks } from '../../../src/checks/claude/_settings-checks.js';
import dangerousCommandsNotDenied from '../../../src/checks/claude/dangerous-commands-not-denied.js';
import securityBaseline from '../../../src/checks/claude/security-baseline.js';
import { runAudit } from '../../../src/core/run-audit.js';
import { machine, run } from '../claude-settings/helpers.js';

const PROTECTED = {
  permissions: {
    disableBypassPermissionsMode: 'disable',
    deny: [
      'Bash(curl * > *)',
      'Bash(wget *)',
      'Bash(cat .env*)',
      'Bash(rm -rf *)',
      'Read(./.env)',
      'Read(./.env.*)',
      'Read(~/.ssh/**)',
      'Read(~/.aws/**)',
      'Read(~/.config/**)',
      'Read(~/.gnupg/**)',
    ],
  },
  cleanupPeriodDays: 14,
  hooks: {
    PreToolUse: [
      {
        matcher: '*',
        hooks: [{ type: 'command', command: 'agentwarden guard hook claude', onFailure: 'block' }],
      },
    ],
  },
};

describe('claude/security-baseline', () => {
  it('groups the generic advice of an empty machine into one medium finding with every item', async () => {
    const f = machine({});
    const findings = await run(securityBaseline, f);
    expect(findings).toHaveLength(1);
    const [group] = findings;
    expect(group?.severity).toBe('medium');
    expect(group?.file).toBeUndefined();
    expect(group?.message).toMatch(/^User settings \(~\/\.claude\/settings\.json, not created yet\) lack 6/);
    expect(group?.items?.map((i) => i.checkId)).toEqual([
      'claude/enforcement-hook',
      'claude/bypass-permissions',
      'claude/dangerous-commands-not-denied',
      'claude/sensitive-paths-unprotected',
      'claude/sandbox-disabled',
      'claude/transcript-retention',
    ]);
    expect(group?.items?.every((i) => i.fix)).toBe(true);
    expect(group?.fixable).toBe(true);
    expect(group?.fixPlans.length).toBeGreaterThanOrEqual(4);
  });

  it('is high when bypass mode is in use, naming why', async () => {
    const f = machine({
      '~/.claude/settings.json': '{\n  "permissions": {"defaultMode": "bypassPermissions"}\n}\n',
    });
    const [group] = await run(securityBaseline, f);
    expect(group?.severity).toBe('high');
    expect(group?.message).toMatch(/Urgent here because bypass mode is in use \(.*settings\.json:2\)/);
    expect(group?.file).toBe(path.join(f.home, '.claude/settings.json'));
    expect(group?.line).toBe(2);
  });

  it('is high when project MCP servers are auto-approved', async () => {
    const f = machine({ '.claude/settings.json': '{"enableAllProjectMcpServers": true}' });
    const [group] = await run(securityBaseline, f);
    expect(group?.severity).toBe('high');
    expect(group?.message).toContain('project MCP servers are auto-approved');
  });

  it('is high for a broad allow in force, not for a latent one or a whole-server MCP rule', async () => {
    const inForce = machine({
      '.claude/settings.local.json': '{"permissions": {"allow": ["Bash(find:*)"]}}',
    });
    const [urgent] = await run(securityBaseline, inForce);
    expect(urgent?.severity).toBe('high');
    expect(urgent?.message).toContain('1 broad allow rule(s)');
    // A trailing comma: Claude Code ignores the file, so its rule is latent (reported medium by broad-allow-rule).
    const latent = machine({
      '.claude/settings.local.json': '{"permissions": {"allow": ["Bash(find:*)", "mcp__context7",]}}',
    });
    const [calm] = await run(securityBaseline, latent);
    expect(calm?.severity).toBe('medium');
    expect(calm?.message).not.toContain('broad allow');
  });

  it('is low when only the sandbox is missing, and one group per scope', async () => {
    const f = machine({
      '~/.claude/settings.json': JSON.stringify(PROTECTED, null, 2),
      '.claude/settings.json': '{\n  "sandbox": {"enabled": false}\n}\n',
    });
    const findings = await run(securityBaseline, f);
    expect(findings.map((g) => [g.severity, g.file, g.items?.map((i) => [i.checkId, i.line])])).toEqual([
      ['low', path.join(f.project, '.claude/settings.json'), [['claude/sandbox-disabled', 2]]],
    ]);
  });

  it('reports nothing when every baseline protection is in place', async () => {
    const f = machine({
      '~/.claude/settings.json': JSON.stringify({ ...PROTECTED, sandbox: { enabled: true } }),
    });
    expect(await run(securityBaseline, f)).toEqual([]);
  });

  it('the audit reports baseline advice only inside the group; without the group each check reports it', async () => {
    const f = machine({});
    const full = await runAudit(f.ctx, claudeSettingsChecks);
    expect(full.findings.filter((x) => x.checkId === 'claude/dangerous-commands-not-denied')).toEqual([]);
    expect(full.findings.filter((x) => x.checkId === 'claude/security-baseline')).toHaveLength(1);
    const alone = await runAudit(f.ctx, [dangerousCommandsNotDenied]);
    expect(alone.findings.map((x) => x.checkId)).toEqual(['claude/dangerous-commands-not-denied']);
  });

  it('deny rules in a settings file Claude Code ignores (a trailing comma) never count as protection', async () => {
    const denies = PROTECTED.permissions.deny.map((r) => `"${r}"`).join(', ');
    const f = machine({
      '.claude/settings.local.json': `{"permissions": {"deny": [${denies},]}}`,
    });
    const [finding] = await run(dangerousCommandsNotDenied, f);
    expect(finding?.message).toContain('Bash(curl * > *), Bash(wget *)');
    expect(finding?.message).toContain(
      `The deny rules in ${path.join(f.project, '.claude/settings.local.json')} do not count: Claude Code ignores that file`,
    );
  });
});
