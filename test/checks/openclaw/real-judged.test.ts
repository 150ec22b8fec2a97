// Findings judged wrong on the real configurations (test/fixtures/real/openclaw, docs/benchmarks.md) and the
// general rule each fix follows, asserted on the real file, with the findings judged right next to them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openclawHome } from '../../../src/checks/openclaw/_openclaw.js';
import configInvalid from '../../../src/checks/openclaw/config-invalid.js';
import crossAgentSessionAccess from '../../../src/checks/openclaw/cross-agent-session-access.js';
import pluginInstallsUnpinned from '../../../src/checks/openclaw/plugin-installs-unpinned.js';
import readerWithOperatorTools from '../../../src/checks/openclaw/reader-with-operator-tools.js';
import toolPolicyDrift from '../../../src/checks/openclaw/tool-policy-drift.js';
import type { Check } from '../../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/openclaw');
const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

/** One check on a real openclaw.json as ~/.openclaw/openclaw.json: [line, message] of each finding. */
async function onReal(check: Check, dir: string): Promise<[number | undefined, string][]> {
  const f = materialize({
    files: {
      '~/.openclaw': { dir: true, mode: 0o700 },
      '~/.openclaw/openclaw.json': {
        content: fs.readFileSync(path.join(CORPUS, dir, 'openclaw.json'), 'utf8'),
        mode: 0o600,
      },
    },
  });
  made.push(f);
  return (await runCheck(check, f.ctx)).map((x) => [x.line, x.message]);
}

describe('plugin-installs-unpinned on real install records', () => {
  it('a local install (source "path") needs no integrity hash; an npm one does', async () => {
    // AthenDrakomin-hub/AI: feishu from npm with an unpinned spec (right), voice-call from a bundled dir (was wrong).
    expect(await onReal(pluginInstallsUnpinned, 'AthenDrakomin-hub__AI')).toEqual([
      [
        423,
        'plugin "feishu-openclaw-plugin": spec "@larksuiteoapi/feishu-openclaw-plugin" is not an exact version.',
      ],
    ]);
    // Ayushbunkar/Hermes-backlist: its only record is a plugins.load.paths directory.
    expect(await onReal(pluginInstallsUnpinned, 'Ayushbunkar__Hermes-backlist')).toEqual([]);
    // Austoin/OpenClaw-Cloud: npm, unpinned, no integrity (right, unchanged).
    expect(await onReal(pluginInstallsUnpinned, 'Austoin__OpenClaw-Cloud')).toEqual([
      [
        59,
        'plugin "feishu": spec "@m1heng-clawd/feishu" is not an exact version and no integrity hash is recorded.',
      ],
    ]);
  });
});

describe('reader-with-operator-tools per agent', () => {
  it("the agent's own deny and exec allowlist count: no browser, no unrestricted shell", async () => {
    // ATONCAP/self and AlphaTONCapital/logan: the one (default) agent denies browser and runs exec with
    // security "allowlist" in a sandbox; the global tools block does not exist (was reported at line 1).
    expect(await onReal(readerWithOperatorTools, 'ATONCAP__self')).toEqual([]);
    expect(await onReal(readerWithOperatorTools, 'AlphaTONCapital__logan')).toEqual([]);
  });

  it('the default agent keeps exec but its allow list leaves out the browser (was: "the browser and …")', async () => {
    // Bluewasabe/openclaw: agent "main" (default: true) answers discord with sandbox off and exec allowed.
    expect(await onReal(readerWithOperatorTools, 'Bluewasabe__openclaw')).toEqual([
      [
        expect.any(Number),
        'Agent "main" reads discord and also has unrestricted shell (exec): a single injected message can act with both.',
      ],
    ]);
  });
});

describe('tool-policy-drift on real agents', () => {
  it('read + exec agents with workspaceAccess "ro" outside a sandbox are reported (right)', async () => {
    const found = await onReal(toolPolicyDrift, 'Bluewasabe__openclaw');
    expect(found.map(([, m]) => m.match(/Agent "(\w+)"/)?.[1])).toEqual(['hermione', 'lovely', 'robin']);
    expect(found.map(([line]) => line)).toEqual([206, 227, 268]);
  });

  it('an agent with workspaceAccess "rw" is not meant to be read-only (was wrong)', async () => {
    // ATONCAP/self: allow lists file_write/file_edit (not OpenClaw names) and the sandbox grants rw.
    expect(await onReal(toolPolicyDrift, 'ATONCAP__self')).toEqual([]);
  });

  it('minimal + alsoAllow exec has no file tools but a shell (right)', async () => {
    expect(await onReal(toolPolicyDrift, 'Agenticware__augurium-openclaw')).toEqual([
      [
        102,
        'The tool policy has no write, edit or apply_patch but keeps exec outside a read-only sandbox: the shell still writes files, so the agent is not read-only.',
      ],
    ]);
  });

  it('byProvider narrowed to minimal takes exec away too: no drift (2014-y/ClawAI)', async () => {
    expect(await onReal(toolPolicyDrift, '2014-y__ClawAI')).toEqual([]);
  });
});

/** One check on a written config. */
async function onWritten(check: Check, config: string) {
  const f = materialize(openclawHome(config));
  made.push(f);
  return runCheck(check, f.ctx);
}

describe('tool-policy-drift with tools.byProvider', () => {
  it('a provider whose byProvider entry drops the file tools but keeps exec drifts; minimal does not', async () => {
    const found = await onWritten(
      toolPolicyDrift,
      "{\n  tools: {\n    byProvider: {\n      ollama: { deny: ['group:fs'] },\n      openai: { profile: 'minimal' },\n    },\n  },\n}\n",
    );
    expect(found.map((x) => [x.line, x.message])).toEqual([
      [
        4,
        'With provider "ollama", the tool policy has no write, edit or apply_patch but keeps exec outside a read-only sandbox: the shell still writes files, so the agent is not read-only.',
      ],
    ]);
  });

  it("an agent's own byProvider entry is read too, and reported at it", async () => {
    const found = await onWritten(
      toolPolicyDrift,
      "{ agents: { list: [{ id: 'ops', tools: { byProvider: { 'anthropic/claude-x': { allow: ['read', 'exec'] } } } }] } }\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/^With provider "anthropic\/claude-x", Agent "ops" has no write/);
  });

  it('a provider allow list without exec leaves no shell: no finding', async () => {
    expect(
      await onWritten(
        toolPolicyDrift,
        "{ tools: { byProvider: { ollama: { allow: ['read', 'web_fetch'] } } } }\n",
      ),
    ).toEqual([]);
  });
});

describe('cross-agent-session-access (built-in security.trust_model.cross_agent_session_access_default)', () => {
  it('several agents without trust signals: info, like the built-in (Agenticware/augurium-openclaw)', async () => {
    const found = await onReal(crossAgentSessionAccess, 'Agenticware__augurium-openclaw');
    expect(found).toHaveLength(1);
    expect(found[0]?.[1]).toMatch(
      /^3 agents share Gateway-wide session access: .* "luna", "atlas", "nova" can read/,
    );
  });

  it('only the agents that keep a session tool reach others; restricted agents are a signal (Bluewasabe)', async () => {
    const found = await onReal(crossAgentSessionAccess, 'Bluewasabe__openclaw');
    expect(found).toHaveLength(1);
    expect(found[0]?.[1]).toMatch(
      /so "main" can read and write .* Trust levels differ: main: its own tools\.allow/,
    );
  });

  it('an allow list of "*" is as open as none (the built-in skips any allow list); visibility tree is closed', async () => {
    const two = "agents: { list: [{ id: 'main' }, { id: 'public', sandbox: { mode: 'non-main' } }] }";
    const star = await onWritten(
      crossAgentSessionAccess,
      `{ tools: { agentToAgent: { allow: ['*'] } }, ${two} }\n`,
    );
    expect(star.map((x) => [x.severity, x.line])).toEqual([['medium', 1]]);
    expect(star[0]?.message).toContain('tools.agentToAgent.allow is "*"');
    expect(
      await onWritten(crossAgentSessionAccess, `{ tools: { agentToAgent: { allow: ['main'] } }, ${two} }\n`),
    ).toEqual([]);
    expect(
      await onWritten(crossAgentSessionAccess, `{ tools: { sessions: { visibility: 'tree' } }, ${two} }\n`),
    ).toEqual([]);
  });

  it("one agent behind an open channel: its users reach each other's sessions; session tools denied: nothing", async () => {
    const open = "channels: { telegram: { dmPolicy: 'open', allowFrom: ['*'] } }";
    const found = await onWritten(crossAgentSessionAccess, `{ ${open} }\n`);
    expect(found.map((x) => x.severity)).toEqual(['medium']);
    expect(found[0]?.message).toContain('channels.telegram.dmPolicy "open"');
    expect(
      await onWritten(crossAgentSessionAccess, `{ tools: { deny: ['group:sessions'] }, ${open} }\n`),
    ).toEqual([]);
  });
});

describe('config-invalid: retired model ids, as OpenClaw 2026.9.6 refuses them', () => {
  it('ArtificialSight/openclaw-railway-template: the two issues OpenClaw printed, at their lines', async () => {
    // openclaw security audit --json on this home (bench/real-openclaw.mjs --builtin): exit 1 with
    // agents.defaults.model.fallbacks.0 and agents.defaults.models.google/gemini-2.0-flash-exp "Unknown model".
    const found = (await onReal(configInvalid, 'ArtificialSight__openclaw-railway-template')).map(
      ([, m]) => m,
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^agents\.defaults\.model\.fallbacks\.0 names google\/gemini-2\.0-flash-exp, a model OpenClaw no longer knows/,
      ),
      expect.stringMatching(
        /^agents\.defaults\.models\.google\/gemini-2\.0-flash-exp names google\/gemini-2\.0-flash-exp/,
      ),
    ]);
  });

  it('a current model is no finding (35c0b4r/openclaw-coolify, accepted by OpenClaw)', async () => {
    expect(await onReal(configInvalid, '35c0b4r__openclaw-coolify')).toEqual([]);
  });
});
