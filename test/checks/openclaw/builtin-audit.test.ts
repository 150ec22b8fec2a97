import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../../src/checks/index.js';
import {
  mergeBuiltinFindings,
  runBuiltinAudit,
  withBuiltinAudit,
} from '../../../src/checks/openclaw/builtin-audit.js';
import { BUILTIN_PARITY, ourCheckId, parityFor } from '../../../src/checks/openclaw/builtin-parity.js';
import { openclawChecks } from '../../../src/checks/openclaw/index.js';
import type { CommandRunner } from '../../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit } from '../../../src/core/run-audit.js';
import { sharedFile } from '../../helpers/shared.js';
import { insecureHome } from './homes.js';

const EXAMPLE = fs.readFileSync(
  sharedFile('reference', 'openclaw', 'security-audit-output.example.json'),
  'utf8',
);
const BUILTIN_IDS = fs
  .readFileSync(sharedFile('reference', 'openclaw', 'security-audit-checks.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (l.split('\t')[0] as string).replace(/^["`]|["`]$/g, ''));

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

function recording(stdout: string, code = 0) {
  const calls: { cmd: string; args: string[]; timeoutMs?: number }[] = [];
  const run: CommandRunner = async (cmd, args, opts) => {
    calls.push({ cmd, args, ...(opts?.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }) });
    return { code, stdout, stderr: '' };
  };
  return { run, calls };
}

describe('audit --with-openclaw', () => {
  it('merges the recorded built-in output: marked, and without what our checks already report', async () => {
    const f = materialize(insecureHome);
    made.push(f);
    const ours = await runAudit(f.ctx, openclawChecks);
    const { run, calls } = recording(`[plugins] loaded\n${EXAMPLE}`);
    const merged = await withBuiltinAudit({ ...f.ctx, run }, ours);
    expect(calls).toEqual([
      {
        cmd: 'env',
        args: [`HOME=${f.home}`, 'npm_config_offline=true', 'openclaw', 'security', 'audit', '--json'],
        timeoutMs: 60_000,
      },
    ]);
    const added = merged.run.findings.filter((x) => x.checkId.startsWith('openclaw/builtin:'));
    const ids = added.map((x) => x.checkId.slice('openclaw/builtin:'.length));
    // The example holds 30 findings; ours already cover the gateway, channel, exec, hooks, sandbox and file ones.
    expect(ids).not.toContain('gateway.control_ui.allowed_origins_wildcard');
    expect(ids).not.toContain('tools.elevated.allowFrom.telegram.wildcard');
    expect(ids).not.toContain('fs.state_dir.perms_world_writable');
    expect(ids).not.toContain('hooks.allowed_agent_ids_unrestricted');
    expect(ids).toEqual(expect.arrayContaining(['summary.attack_surface']));
    expect(added.length + Number(/(\d+) more were/.exec(merged.note)?.[1])).toBe(30);
    for (const x of added) {
      expect(x.title).toMatch(/\(openclaw security audit\)$/);
      expect(x.fixable).toBe(false);
    }
    // Severities as OpenClaw gives them (warn is medium), seen when none of ours fired.
    const alone = mergeBuiltinFindings(JSON.parse(EXAMPLE), []);
    const sev = (id: string) =>
      'findings' in alone
        ? alone.findings.find((x) => x.checkId === `openclaw/builtin:${id}`)?.severity
        : 'error';
    expect(sev('hooks.allowed_agent_ids_unrestricted')).toBe('critical');
    expect(sev('hooks.default_session_key_unset')).toBe('medium');
    expect(sev('summary.attack_surface')).toBe('info');
    expect(merged.run.findings.length).toBe(ours.findings.length + added.length);
  });

  it('says so when openclaw is not installed, and when its config is invalid', async () => {
    const f = materialize(insecureHome);
    made.push(f);
    expect(await runBuiltinAudit({ ...f.ctx, run: recording('', 127).run }, [])).toEqual({
      status: 'missing',
    });
    const invalid = JSON.stringify({
      ok: false,
      error: { type: 'cli_error', message: 'invalid' },
      issues: [{ path: 'logging', message: 'x' }],
    });
    const res = await runBuiltinAudit({ ...f.ctx, run: recording(invalid, 1).run }, []);
    expect(res.status === 'ok' && res.findings.map((x) => [x.checkId, x.severity])).toEqual([
      ['openclaw/builtin:config.invalid', 'info'],
    ]);
    const garbage = await runBuiltinAudit({ ...f.ctx, run: recording('Segmentation fault', 139).run }, []);
    expect(garbage).toEqual({
      status: 'failed',
      reason: 'openclaw security audit (exit 139): its output is not JSON',
    });
  });

  it('the parity table covers every check id of the built-in audit, and the doc lists each', () => {
    const concrete = (id: string) =>
      id
        .replace(/\$\{[^}]+\}/g, 'x')
        .replace(/^tokenConflict\.checkId$/, 'gateway.env_token_overrides_config');
    for (const id of BUILTIN_IDS) expect(parityFor(concrete(id)), id).toBeDefined();
    const doc = fs.readFileSync(new URL('../../../docs/openclaw-parity.md', import.meta.url), 'utf8');
    for (const e of BUILTIN_PARITY) expect(doc, e.builtin).toContain(`\`${e.builtin}\``);
    const ours = new Set(allChecks.map((c) => c.id));
    for (const e of BUILTIN_PARITY)
      for (const id of e.ours) expect(ours, `${e.builtin} → ${id}`).toContain(ourCheckId(id));
  });
});
