import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeSettingsChecks } from '../../../src/checks/claude/_settings-checks.js';
import sandboxDisabled from '../../../src/checks/claude/sandbox-disabled.js';
import settingsEnvSecret from '../../../src/checks/claude/settings-env-secret.js';
import settingsUnreadable from '../../../src/checks/claude/settings-unreadable.js';
import transcriptRetention from '../../../src/checks/claude/transcript-retention.js';
import { createContext } from '../../../src/core/context.js';
import { runAudit } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { machine, rerun, run } from './helpers.js';

const ANT = 'sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8';

describe('claude/transcript-retention', () => {
  it('reports count, size and oldest age from stat only', async () => {
    const f = machine({
      '~/.claude/projects/-home-u-a/s1.jsonl': 'x'.repeat(2048),
      '~/.claude/projects/-home-u-a/s2.jsonl': 'y'.repeat(1024),
      '~/.claude/projects/-home-u-b/s3.jsonl': { content: '', mode: 0o000 },
      '~/.claude/projects/-home-u-b/notes.txt': 'not a transcript',
    });
    const old = new Date('2026-08-28T12:00:00Z');
    fs.utimesSync(path.join(f.home, '.claude/projects/-home-u-a/s1.jsonl'), old, old);
    const [finding] = await run(transcriptRetention, f);
    expect(finding?.message).toContain('not set, so transcripts are kept 30 days');
    expect(finding?.message).toContain('3 transcript(s) on disk, 3.0 KB in total, the oldest 90 day(s) old');
    expect(finding?.fixPlans[0]).toMatchObject({
      file: path.join(f.home, '.claude/settings.json'),
      value: 14,
    });
  });

  it('targets the file that set the long retention, and passes after the fix', async () => {
    const f = machine({
      '~/.claude/settings.json': '{"cleanupPeriodDays": 7}',
      '.claude/settings.local.json': '{\n  "cleanupPeriodDays": 60\n}\n',
    });
    const findings = await run(transcriptRetention, f);
    expect(findings[0]).toMatchObject({ file: path.join(f.project, '.claude/settings.local.json'), line: 2 });
    applyFixes(findings, { dryRun: false });
    expect(await rerun(transcriptRetention, f)).toEqual([]);
  });

  it.each([
    ['0', '0'],
    ['"7"', '"7"'],
    ['2.5', '2.5'],
  ])('cleanupPeriodDays %s is rejected by Claude Code, so the default 30 days apply', async (raw, shown) => {
    const f = machine({ '~/.claude/settings.json': `{"cleanupPeriodDays": ${raw}}` });
    const [finding] = await run(transcriptRetention, f);
    expect(finding?.message).toContain(
      `cleanupPeriodDays is ${shown}, which Claude Code rejects (it must be a whole number of at least 1), so transcripts are kept the default 30 days`,
    );
    applyFixes(
      [finding].flatMap((x) => x ?? []),
      { dryRun: false },
    );
    expect(await rerun(transcriptRetention, f)).toEqual([]);
  });
});

describe('transcripts are never read', () => {
  it('no settings check opens a .jsonl file', async () => {
    const f = machine({
      '~/.claude/settings.json': '{}',
      '~/.claude/projects/-home-u-a/s1.jsonl': '{"type":"user"}\n',
    });
    const opened: string[] = [];
    const fsys = f.ctx.fs;
    const ctx = createContext({
      ...f.ctx,
      fs: {
        ...fsys,
        readText: (file, opts) => {
          opened.push(file);
          return fsys.readText(file, opts);
        },
      },
    });
    const audit = await runAudit(ctx, claudeSettingsChecks);
    // Unset retention is baseline advice: an item of claude/security-baseline.
    const ids = audit.findings.flatMap((x) => [x.checkId, ...(x.items ?? []).map((i) => i.checkId)]);
    expect(ids).toContain('claude/transcript-retention');
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.filter((p) => p.endsWith('.jsonl'))).toEqual([]);
  });
});

describe('claude/settings-env-secret', () => {
  it('reports the key line with a masked value', async () => {
    const f = machine({
      '.claude/settings.json': `{\n  "env": {\n    "DEBUG": "1",\n    "ANTHROPIC_API_KEY": "${ANT}"\n  }\n}\n`,
    });
    const [finding] = await run(settingsEnvSecret, f);
    expect(finding).toMatchObject({ line: 4, file: path.join(f.project, '.claude/settings.json') });
    expect(finding?.evidence).toMatch(/^ANTHROPIC_API_KEY: sk-a\*{4}\[redacted \d+ chars\]$/);
    expect(JSON.stringify(finding)).not.toContain(ANT.slice(10));
  });

  it('reports a key written into apiKeyHelper or an exec-form hook argument, at its line, masked', async () => {
    const f = machine({
      '~/.claude/settings.json': [
        '{',
        `  "apiKeyHelper": "printf %s ${ANT}",`,
        '  "hooks": {"Stop": [{"hooks": [',
        `    {"type": "command", "command": "notify", "args": ["--key", "${ANT}"]}`,
        '  ]}]}',
        '}',
      ].join('\n'),
    });
    const findings = await run(settingsEnvSecret, f);
    expect(findings.map((x) => [x.line, x.evidence?.split(':')[0]])).toEqual([
      [2, 'apiKeyHelper'],
      [4, 'hooks.Stop.0.hooks.0.args.1'],
    ]);
    expect(JSON.stringify(findings)).not.toContain(ANT.slice(10));
  });
});

describe('claude/sandbox-disabled', () => {
  it('points at an explicit "enabled": false', async () => {
    const f = machine({ '~/.claude/settings.json': '{\n  "sandbox": {\n    "enabled": false\n  }\n}' });
    expect(await run(sandboxDisabled, f)).toMatchObject([{ line: 3, severity: 'low' }]);
  });
});

describe('claude/settings-unreadable and robustness', () => {
  const broken = {
    '~/.claude/settings.json': '{\n  "permissions": {\n    "deny": [\n  }\n}\n',
    '.claude/settings.json': { dir: true as const },
    '.claude/settings.local.json': { bytes: [0x7b, 0x00, 0x7d] },
    '/etc/claude-code/managed-settings.json': { bytes: [0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d] },
    '.mcp.json': { symlink: '~/work/app/.mcp.json' },
    '~/.claude.json': '{"mcpServers": {',
  };

  it('reports every bad file once, with the parse error line', async () => {
    const f = machine(broken);
    const findings = await run(settingsUnreadable, f);
    expect(findings.map((x) => path.relative(f.root, x.file ?? ''))).toEqual([
      'home/.claude/settings.json',
      'home/work/app/.claude/settings.json',
      'home/work/app/.claude/settings.local.json',
      'sys/etc/claude-code/managed-settings.json',
      'home/.claude.json',
      'home/work/app/.mcp.json',
    ]);
    expect(findings[0]?.line).toBe(4);
    expect(findings.map((x) => x.message).join('\n')).toMatch(
      /not valid JSON[\s\S]*not a regular file[\s\S]*1 NUL byte[\s\S]*not valid JSON[\s\S]*loop/,
    );
  });

  it('no settings check crashes on broken files, and fixes leave them untouched', async () => {
    const f = machine(broken);
    const audit = await runAudit(f.ctx, claudeSettingsChecks);
    expect(audit.findings.filter((x) => /could not complete/.test(x.message))).toEqual([]);
    const userFile = path.join(f.home, '.claude/settings.json');
    const before = fs.readFileSync(userFile, 'utf8');
    const result = applyFixes(audit.findings, { dryRun: false });
    expect(fs.readFileSync(userFile, 'utf8')).toBe(before);
    expect(result.summary).toContain(`skipped ${userFile}: does not parse`);
    expect(fs.readdirSync(path.dirname(userFile))).toEqual(['settings.json']);
  });
});

describe('claude/settings-unreadable: making an ignored settings file load', () => {
  it('plans a strict JSON rewrite when loading the file only adds protection; --fix applies it once', async () => {
    const f = machine({
      '~/.claude/settings.json':
        '{\n  // block downloads\n  "permissions": {\n    "deny": ["Bash(wget *)", "Bash(curl *)",],\n  },\n  "cleanupPeriodDays": 14\n}\n',
    });
    const [finding] = await run(settingsUnreadable, f);
    expect(finding?.fixPlans).toEqual([
      expect.objectContaining({ kind: 'strict-json', file: path.join(f.home, '.claude/settings.json') }),
    ]);
    expect(finding?.message).toContain('`agentwarden audit --fix` rewrites it as strict JSON');
    const result = applyFixes([finding as NonNullable<typeof finding>], { dryRun: false });
    expect(result.backups).toHaveLength(1);
    const text = fs.readFileSync(path.join(f.home, '.claude/settings.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      permissions: { deny: ['Bash(wget *)', 'Bash(curl *)'] },
      cleanupPeriodDays: 14,
    });
    expect(await rerun(settingsUnreadable, f)).toEqual([]);
  });

  it('is not fixable when loading the file would switch on what it grants, and says what (the fix engine says the same)', async () => {
    const f = machine({
      '.claude/settings.local.json':
        '{\n  "permissions": {\n    "allow": ["Bash(find:*)",],\n    "defaultMode": "bypassPermissions"\n  },\n  "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]}\n}\n',
    });
    const [finding] = await run(settingsUnreadable, f);
    expect(finding?.fixable).toBe(false);
    const reason =
      'Claude Code ignores this file (a trailing comma at line 3), so none of it is in force, and making it ' +
      'strict JSON would also switch on its allow rules, defaultMode "bypassPermissions", hooks.';
    expect(finding?.message).toContain(`\`agentwarden audit --fix\` leaves it alone: ${reason}`);
    // The plan is kept: --fix refuses it itself, in the same words.
    const result = applyFixes(finding ? [finding] : [], { dryRun: true });
    expect(result.summary).toContain(reason.replace(/\.$/, ''));
    expect(result.summary).toContain('skipped');
  });

  it('plans nothing for a file Claude Code drops for its encoding', async () => {
    const f = machine({
      '.claude/settings.json': {
        bytes: [0x00, ...Buffer.from('{"permissions": {"deny": ["Bash(wget *)"]}}')],
      },
    });
    const [finding] = await run(settingsUnreadable, f);
    expect(finding?.message).toContain('NUL');
    expect(finding?.fixPlans).toEqual([]);
  });
});

describe('audit --fix end to end', () => {
  it('never switches on a latent allow rule: the whole audit --fix leaves the file byte for byte, says why, and the rule stays reported as latent', async () => {
    const text =
      '{\n  // off until reviewed\n  "permissions": {\n    "allow": ["Bash(*)"],\n    "deny": ["Bash(wget *)",]\n  }\n}\n';
    const f = machine({ '~/.claude/settings.json': text });
    const userFile = path.join(f.home, '.claude/settings.json');
    const first = await runAudit(f.ctx, claudeSettingsChecks);
    // Other checks still plan edits of this file (deny rules, bypass off, retention)…
    expect(first.findings.flatMap((x) => x.fixPlans).some((p) => p.file === userFile)).toBe(true);
    const result = applyFixes(first.findings, { dryRun: false });
    // …but none is applied: it would have made the file strict JSON and put Bash(*) in force.
    expect(fs.readFileSync(userFile, 'utf8')).toBe(text);
    expect(result.backups).toEqual([]);
    expect(result.summary).toContain(
      `skipped ${userFile}: Claude Code ignores this file (a comment at line 2)`,
    );
    expect(result.summary).toContain('would also switch on its allow rules');
    const second = await runAudit(createContext({ ...f.ctx }), claudeSettingsChecks);
    const latent = second.findings.filter((x) => x.checkId === 'claude/broad-allow-rule');
    expect(latent.map((x) => [x.line, x.severity])).toEqual([[4, 'medium']]);
    expect(second.findings.find((x) => x.checkId === 'claude/settings-unreadable')?.message).toContain(
      'rerun `agentwarden audit --fix`',
    );
  });

  it('fixes every fixable settings finding once; a second pass changes nothing', async () => {
    const f = machine({
      '~/.claude/settings.json':
        '{\n  // hand-written\n  "enableAllProjectMcpServers": true,\n  "cleanupPeriodDays": 30\n}\n',
    });
    const first = await runAudit(f.ctx, claudeSettingsChecks);
    // The file has a comment, so Claude Code ignores it: its retention and autoapprove do not apply, and the
    // baseline advice is grouped (its fixable items named inside).
    const fixable = first.findings.filter((x) => x.fixable).map((x) => x.checkId);
    // settings-unreadable's own fix (the strict-JSON rewrite) applies too: the file switches nothing else on.
    expect(new Set(fixable)).toEqual(
      new Set(['claude/security-baseline', 'claude/project-mcp-autoapprove', 'claude/settings-unreadable']),
    );
    const items = first.findings.flatMap((x) =>
      (x.items ?? []).filter((i) => i.fixable).map((i) => i.checkId),
    );
    expect(new Set(items)).toEqual(
      new Set([
        'claude/bypass-permissions',
        'claude/dangerous-commands-not-denied',
        'claude/transcript-retention',
        'claude/sensitive-paths-unprotected',
      ]),
    );
    const result = applyFixes(first.findings, { dryRun: false });
    expect(result.changedFiles).toEqual([path.join(f.home, '.claude/settings.json')]);
    expect(result.backups).toHaveLength(1);
    const second = await runAudit(createContext({ ...f.ctx }), claudeSettingsChecks);
    expect(second.findings.filter((x) => x.fixable)).toEqual([]);
    expect(applyFixes(second.findings, { dryRun: false }).changedFiles).toEqual([]);
    // Claude Code ignores a settings file with a comment: the fix made it strict JSON, or nothing applied.
    expect(fs.readFileSync(path.join(f.home, '.claude/settings.json'), 'utf8')).not.toContain('//');
  });
});
