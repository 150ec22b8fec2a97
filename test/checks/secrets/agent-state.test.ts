import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/secrets/agent-state.js';
import { materialize } from '../../../src/core/fixture.js';

// Fake values in real formats, made up for these tests.
const STRIPE = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const GITHUB = 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp';
const TRANSCRIPT = '~/.claude/projects/-home-user-work-app/s1.jsonl';

const toolResult = (output: string) =>
  `${JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', content: output }] } })}\n`;

async function run(files: Record<string, string>) {
  const fx = materialize({ files });
  try {
    return { findings: await check.run(fx.ctx), home: fx.home };
  } finally {
    fx.cleanup();
  }
}

describe('secrets/agent-state', () => {
  it('names file, line, JSON path inside the transcript line and the provider rotation advice', async () => {
    const { findings } = await run({
      [TRANSCRIPT]: toolResult('ok') + toolResult('ok') + toolResult(`$ env\nSTRIPE_KEY=${STRIPE}\n`),
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.file).toMatch(/s1\.jsonl$/);
    expect(f?.line).toBe(3);
    expect(f?.message).toContain('message.content[0].content');
    expect(f?.fix).toContain('dashboard.stripe.com');
    expect(JSON.stringify(findings)).not.toContain(STRIPE);
  });

  it('scans ~/.claude.json, memory files and shell history; skips prompt history and OpenClaw state', async () => {
    const { findings } = await run({
      // MCP entries are claude/mcp-plaintext-secret's, prompts kept in the per-project history claude/secret-in-history's
      '~/.claude.json': JSON.stringify(
        {
          mcpServers: { gh: { env: { GH: GITHUB } } },
          projects: { '/w': { history: [{ display: `use ${STRIPE}` }] } },
        },
        null,
        2,
      ),
      '~/.claude/projects/-home-user-work-app/memory/notes.md': `deploy token ${GITHUB}\n`,
      '~/.zsh_history': `: 1700000000:0;curl -H "Authorization: token ${GITHUB}" https://api.github.com\n`,
      // covered by claude/secret-in-history and openclaw/secret-in-state: not reported twice
      '~/.claude/history.jsonl': `${JSON.stringify({ display: `use ${STRIPE}` })}\n`,
      '~/.openclaw/agents/main/sessions/s.jsonl': toolResult(STRIPE),
    });
    expect(findings.map((f) => f.file?.split('/').slice(-1)[0]).sort()).toEqual(['.zsh_history', 'notes.md']);
  });

  it('streams a transcript line by line (a many-megabyte file with a secret at the end)', async () => {
    const filler = toolResult('x'.repeat(1000)).repeat(5000);
    const { findings } = await run({ [TRANSCRIPT]: filler + toolResult(`key ${STRIPE}`) });
    expect(findings[0]?.line).toBe(5001);
  });
});
