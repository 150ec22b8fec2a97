// Issue 16, "Blinding the audit": a settings file near 4 MB made broad-allow-rule, dangerous-commands-not-denied,
// sensitive-paths-unprotected and security-baseline fail with "Invalid regular expression" (a RegExp built from
// a rule). Every check must still run on such a file and report what it holds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { materialize } from '../../src/core/fixture.js';
import { runAudit } from '../../src/core/run-audit.js';

const settings = {
  permissions: {
    allow: ['Bash(*)', `Bash(${'a'.repeat(1_000_000)} *)`, `Read(~/${'*/'.repeat(300_000)}x)`],
    deny: [
      `Read(./${'b/'.repeat(600_000)})`,
      `Bash(${'c'.repeat(600_000)} *)`,
      `Bash(rm ${'* '.repeat(300_000)}x)`,
      'Read(./.env)',
    ],
  },
  hooks: {
    PreToolUse: [
      {
        matcher: `(${'a|'.repeat(300_000)}Bash)`,
        hooks: [{ type: 'command', command: 'node ~/guard.js' }],
      },
    ],
  },
};
const text = JSON.stringify(settings, null, 2);
const fx = materialize({ files: { '~/.claude/settings.json': text } });
afterAll(() => fx.cleanup());

describe('audit of a 4 MB settings file', () => {
  it('runs every check to the end and still reports what the file holds', async () => {
    expect(fs.statSync(path.join(fx.ctx.home, '.claude', 'settings.json')).size).toBeGreaterThan(4_000_000);
    const { findings, checksRun } = await runAudit(fx.ctx, allChecks);
    expect(checksRun).toBe(allChecks.length);
    const failed = findings.filter((f) => f.message.startsWith('The check could not complete'));
    expect(failed.map((f) => `${f.checkId}: ${f.message.slice(0, 120)}`)).toEqual([]);
    // The allow-everything rule is still reported, at its line.
    const broad = findings.find(
      (f) => f.checkId === 'claude/broad-allow-rule' && f.evidence?.includes('Bash(*)'),
    );
    expect(broad?.severity).toMatch(/^(high|critical)$/);
    expect(broad?.line).toBe(4);
    // The deny rules are read (./.env is denied), the missing ones named.
    const missing = findings.find((f) => f.checkId === 'claude/security-baseline');
    expect(JSON.stringify(missing)).toContain('Bash(curl * > *)');
    expect(JSON.stringify(missing)).not.toContain('"Read(./.env)"');
    // The huge hook matcher is named as not evaluable rather than silently dropped.
    const hook = findings.filter((f) => f.checkId === 'claude/enforcement-hook');
    expect(hook.some((f) => f.message.startsWith('Could not evaluate this PreToolUse hook'))).toBe(true);
  }, 240_000);

  it('still reports the rules of a settings file with one stray 0xFF byte after its JSON (Claude Code drops it)', async () => {
    const stray = materialize({
      files: {
        '~/.claude/settings.json': {
          bytes: [...Buffer.from('{\n  "permissions": { "allow": ["Bash(*)"] }\n}\n'), 0xff],
        },
      },
    });
    try {
      const { findings } = await runAudit(stray.ctx, allChecks);
      const broad = findings.find((f) => f.checkId === 'claude/broad-allow-rule');
      expect(broad?.message).toMatch(/Bash\(\*\)[\s\S]*not in force/);
      const dropped = findings.find((f) => f.checkId === 'claude/settings-unreadable');
      expect(dropped?.message).toMatch(/stray bytes after its JSON object at line 3/);
    } finally {
      stray.cleanup();
    }
  }, 120_000);
});
