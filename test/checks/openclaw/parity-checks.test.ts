// The checks that close the built-in audit's remaining config-only ids (docs/openclaw-parity.md), and the
// reader-with-operator-tools false positives: each on a fixture home, with the severity and line it reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openclawHome } from '../../../src/checks/openclaw/_openclaw.js';
import { parityFor } from '../../../src/checks/openclaw/builtin-parity.js';
import execSafeBins from '../../../src/checks/openclaw/exec-safe-bins.js';
import gatewayRemoteTools from '../../../src/checks/openclaw/gateway-remote-tools.js';
import gatewayTrustedProxy from '../../../src/checks/openclaw/gateway-trusted-proxy.js';
import { openclawChecks } from '../../../src/checks/openclaw/index.js';
import pluginInstallsUnpinned from '../../../src/checks/openclaw/plugin-installs-unpinned.js';
import readerWithOperatorTools from '../../../src/checks/openclaw/reader-with-operator-tools.js';
import sandboxDangerousDocker from '../../../src/checks/openclaw/sandbox-dangerous-docker.js';
import toolPolicyDrift from '../../../src/checks/openclaw/tool-policy-drift.js';
import type { Check } from '../../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit, runCheck } from '../../../src/core/run-audit.js';
import { proxyToolsHome } from './homes.js';

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

async function run(check: Check, config: string) {
  const f = materialize(openclawHome(config));
  made.push(f);
  return runCheck(check, f.ctx);
}

describe('checks mapped to the built-in audit', () => {
  it('proxy-tools home: every built-in id the real audit reported on it (bench) is found by its mapped check', async () => {
    const f = materialize(proxyToolsHome);
    made.push(f);
    const fired = new Set((await runAudit(f.ctx, openclawChecks)).findings.map((x) => x.checkId));
    // OpenClaw 2026.9.6 accepts this config (agents.list is moved to agents.entries on load, with a warning).
    expect(fired.has('openclaw/config-invalid')).toBe(false);
    // What openclaw security audit 2026.9.6 reported on this home (bench/openclaw-parity.mjs --home proxy-tools).
    for (const id of [
      'gateway.tools_invoke_http.dangerous_allow',
      'mcp.apps.enabled',
      'gateway.trusted_proxy_auth',
      'gateway.trusted_proxy_no_proxies',
      'gateway.trusted_proxy_allow_loopback',
      'gateway.trusted_proxy_device_auto_approve',
      'gateway.trusted_proxy_device_auto_approve_admin',
      'gateway.trusted_proxy_no_allowlist',
      'tools.exec.fs_tools_disabled_but_exec_enabled',
      'tools.exec.safe_bins_interpreter_unprofiled',
      'tools.exec.safe_bins_broad_behavior',
      'tools.exec.safe_bin_trusted_dirs_risky',
      'gateway.nodes.deny_commands_ineffective',
      'gateway.nodes.allow_commands_dangerous',
      'tools.profile_minimal_overridden',
    ]) {
      const ours = (parityFor(id)?.ours ?? []).map((o) => `openclaw/${o}`);
      expect(ours.length, id).toBeGreaterThan(0);
      expect(
        ours.some((o) => fired.has(o)),
        `${id} → ${ours.join(', ')}`,
      ).toBe(true);
    }
  });

  it('trusted proxy: admin auto-approval is high, loopback medium, exposure reported at the bind', async () => {
    const found = await run(
      gatewayTrustedProxy,
      "{\n  gateway: {\n    bind: 'lan',\n    trustedProxies: ['10.0.0.2'],\n    auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x-user', allowUsers: ['me@example.com'], allowLoopback: true, deviceAutoApprove: { enabled: true, scopes: ['operator.admin'] } } },\n  },\n}\n",
    );
    expect(found.map((x) => [x.severity, x.line])).toEqual([
      ['high', 3],
      ['medium', 5],
      ['high', 5],
    ]);
    expect(found[2]?.message).toContain('operator.admin');
  });

  it('safe bins: an interpreter is high, jq medium, a temp trusted dir medium; a profiled interpreter passes', async () => {
    const found = await run(
      execSafeBins,
      "{ tools: { exec: { safeBins: ['cat', 'python3.12', 'jq'], safeBinTrustedDirs: ['/usr/bin', '/var/tmp/x'] } }, agents: { list: [{ id: 'a', tools: { exec: { safeBins: ['ruby'], safeBinProfiles: { ruby: {} } } } }] } }\n",
    );
    expect(found.map((x) => [x.severity, x.evidence])).toEqual([
      ['high', 'python3.12'],
      ['medium', 'jq'],
      ['medium', '/var/tmp/x'],
    ]);
  });

  it('remote tools: HTTP exec is critical when the gateway is exposed, medium on loopback', async () => {
    const exposed = await run(
      gatewayRemoteTools,
      "{ gateway: { bind: 'lan', tools: { allow: ['Exec'] } } }\n",
    );
    expect(exposed.map((x) => x.severity)).toEqual(['critical']);
    const local = await run(gatewayRemoteTools, "{ gateway: { tools: { allow: ['exec'] } } }\n");
    expect(local.map((x) => x.severity)).toEqual(['medium']);
    const denied = await run(
      gatewayRemoteTools,
      "{ gateway: { nodes: { commands: { allow: ['sms.send'], deny: ['sms.send', 'system.run --all'] } } } }\n",
    );
    expect(denied.map((x) => x.message)).toEqual([expect.stringContaining('"system.run --all"')]);
  });

  it('tool policy: file tools denied through group:fs with exec kept; confined by a read-only sandbox passes', async () => {
    const drift = await run(toolPolicyDrift, "{ tools: { deny: ['group:fs'] } }\n");
    expect(drift).toHaveLength(1);
    const confined = await run(
      toolPolicyDrift,
      "{ tools: { deny: ['group:fs'] }, agents: { defaults: { sandbox: { mode: 'all', workspaceAccess: 'ro' } } } }\n",
    );
    expect(confined).toEqual([]);
    const allowOnly = await run(toolPolicyDrift, "{ tools: { allow: ['read', 'exec'] } }\n");
    expect(allowOnly).toHaveLength(1);
  });

  it('sandbox bind: a named volume is low, a home written as ~ stays critical', async () => {
    const found = await run(
      sandboxDangerousDocker,
      "{ agents: { defaults: { sandbox: { mode: 'all', docker: { binds: ['cache:/cache', '~:/home/agent'] } } } } }\n",
    );
    expect(found.map((x) => x.severity)).toEqual(['low', 'critical']);
  });
});

describe('plugin and hook-pack install records in the SQLite machine state', () => {
  it('reports unpinned specs, missing integrity and version drift from state/openclaw.sqlite', async () => {
    const db = fs.readFileSync(new URL('../../fixtures/sqlite/openclaw-installs.sqlite', import.meta.url));
    const f = materialize(
      openclawHome('{}\n', {
        '~/.openclaw/state/openclaw.sqlite': { bytes: [...db] },
        '~/.openclaw/extensions/adapter/package.json': '{"name":"openclaw-mcp-adapter","version":"0.1.2"}',
        '~/.openclaw/extensions/voice/package.json': '{"name":"@openclaw/voice","version":"1.0.0"}',
      }),
    );
    made.push(f);
    const found = await runCheck(pluginInstallsUnpinned, f.ctx);
    const file = path.join(f.home, '.openclaw', 'state', 'openclaw.sqlite');
    expect(found.map((x) => [x.file, x.message])).toEqual([
      [
        file,
        'plugin "feishu": spec "@openclaw/feishu" is not an exact version; no integrity hash is recorded.',
      ],
      [file, 'plugin "adapter": version 0.1.1 was installed but 0.1.2 is on disk.'],
      [file, 'hook pack "pack": spec "hookpack@^1.2.0" is not an exact version.'],
    ]);
    for (const id of ['plugins.installs_version_drift', 'hooks.installs_unpinned_npm_specs'])
      expect(parityFor(id)?.ours).toContain('plugin-installs-unpinned');
  });
});

describe('exec approvals in the SQLite state', () => {
  it('autoAllowSkills, and an allowlisted interpreter only where strictInlineEval is off', async () => {
    const db = fs.readFileSync(new URL('../../fixtures/sqlite/openclaw-approvals.sqlite', import.meta.url));
    const f = materialize(
      openclawHome('{ agents: { entries: { ops: { tools: { exec: { strictInlineEval: true } } } } } }\n', {
        '~/.openclaw/state/openclaw.sqlite': { bytes: [...db] },
      }),
    );
    made.push(f);
    const found = await runCheck(execSafeBins, f.ctx);
    expect(found.map((x) => x.message)).toEqual([
      expect.stringContaining('autoAllowSkills: defaults'),
      expect.stringContaining('"/usr/bin/python3*" for agent "main"'),
    ]);
    for (const id of [
      'tools.exec.auto_allow_skills_enabled',
      'tools.exec.allowlist_interpreter_without_strict_inline_eval',
    ])
      expect(parityFor(id)?.ours).toContain('exec-safe-bins');
  });
});

describe('reader-with-operator-tools', () => {
  const operator = 'browser: { enabled: true } }\n';
  it('the local CLI channel is the operator, not an untrusted reader', async () => {
    expect(await run(readerWithOperatorTools, `{ channels: { cli: { enabled: true } }, ${operator}`)).toEqual(
      [],
    );
  });

  it('a DM allowlist of one sender without groups is the owner; two senders, or groups, are readers', async () => {
    const owner = "telegram: { dmPolicy: 'allowlist', allowFrom: ['123456789'] }";
    expect(await run(readerWithOperatorTools, `{ channels: { ${owner} }, ${operator}`)).toEqual([]);
    const two = "telegram: { dmPolicy: 'allowlist', allowFrom: ['123456789', '987654321'] }";
    expect(await run(readerWithOperatorTools, `{ channels: { ${two} }, ${operator}`)).toHaveLength(1);
    const groups =
      "telegram: { dmPolicy: 'allowlist', allowFrom: ['123456789'], groupAllowFrom: ['-100123'], groups: { '*': { requireMention: true } } }";
    expect(await run(readerWithOperatorTools, `{ channels: { ${groups} }, ${operator}`)).toHaveLength(1);
    const wildcard = "telegram: { dmPolicy: 'allowlist', allowFrom: ['*'] }";
    expect(await run(readerWithOperatorTools, `{ channels: { ${wildcard} }, ${operator}`)).toHaveLength(1);
  });
});
