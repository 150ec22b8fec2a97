import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../src/checks/secrets/agent-state.js';
import { materialize } from '../../src/core/fixture.js';
import { agentStateFiles, openclawStateDirs } from '../../src/state/agent-files.js';
import { pruneTranscripts } from '../../src/state/prune.js';

// A made-up value in Stripe's live-key format.
const STRIPE = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const session = (text: string) =>
  `${JSON.stringify({ type: 'message', message: { role: 'user', content: [{ type: 'text', text }] } })}\n`;

function withHome<T>(
  files: Record<string, string>,
  env: Record<string, string>,
  body: (home: string) => T,
): T {
  const fx = materialize({ files, env });
  try {
    return body(fx.home);
  } finally {
    fx.cleanup();
  }
}

const relative = (home: string, files: { file: string }[]) =>
  files.map((f) => path.relative(home, f.file)).sort();

describe('OpenClaw state located as OpenClaw does', () => {
  it('reads $OPENCLAW_STATE_DIR instead of ~/.openclaw', () => {
    withHome(
      {
        '~/custom-oc/agents/main/sessions/s.jsonl': session('hi'),
        '~/custom-oc/logs/gateway.log': 'started\n',
        '~/.openclaw/agents/main/sessions/old.jsonl': session('hi'),
      },
      { OPENCLAW_STATE_DIR: '~/custom-oc' },
      (home) => {
        const env = { OPENCLAW_STATE_DIR: '~/custom-oc' };
        expect(openclawStateDirs(home, env)).toEqual([path.join(home, 'custom-oc')]);
        expect(relative(home, agentStateFiles(home, undefined, env))).toEqual([
          'custom-oc/agents/main/sessions/s.jsonl',
          'custom-oc/logs/gateway.log',
        ]);
      },
    );
  });

  it('reads a profile dir ($OPENCLAW_PROFILE) and legacy dirs left beside it', () => {
    withHome(
      {
        '~/.openclaw-work/agents/a/sessions/s.jsonl': session('hi'),
        '~/.clawdbot/agents/a/sessions/old.jsonl': session('hi'),
        '~/.moltbot/memory/notes.md': 'remember\n',
      },
      {},
      (home) => {
        const env = { OPENCLAW_PROFILE: 'work' };
        expect(relative(home, agentStateFiles(home, undefined, env))).toEqual([
          '.clawdbot/agents/a/sessions/old.jsonl',
          '.moltbot/memory/notes.md',
          '.openclaw-work/agents/a/sessions/s.jsonl',
        ]);
      },
    );
  });

  it('prunes old transcripts in the state dir OpenClaw uses', () => {
    withHome({ '~/custom-oc/agents/main/sessions/s.jsonl': session('hi') }, {}, (home) => {
      const r = pruneTranscripts(home, 0, {
        dryRun: true,
        now: new Date(Date.now() + 86_400_000),
        env: { OPENCLAW_STATE_DIR: path.join(home, 'custom-oc') },
      });
      expect(r.removed.map((f) => path.relative(home, f.file))).toEqual([
        'custom-oc/agents/main/sessions/s.jsonl',
      ]);
    });
  });

  it('secrets/agent-state leaves the state dir in use to openclaw/secret-in-state and reads legacy dirs', async () => {
    const fx = materialize({
      files: {
        '~/custom-oc/agents/main/sessions/s.jsonl': session(`key ${STRIPE}`),
        '~/.clawdbot/agents/main/sessions/old.jsonl': session(`key ${STRIPE}`),
      },
      env: { OPENCLAW_STATE_DIR: '~/custom-oc' },
    });
    try {
      const findings = await check.run(fx.ctx);
      expect(findings.map((f) => path.relative(fx.home, f.file ?? ''))).toEqual([
        '.clawdbot/agents/main/sessions/old.jsonl',
      ]);
    } finally {
      fx.cleanup();
    }
  });
});
