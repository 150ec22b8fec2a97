import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import secretInHistory from '../../../src/checks/claude/secret-in-history.js';
import agentState from '../../../src/checks/secrets/agent-state.js';
import { machine, run } from '../claude-settings/helpers.js';

const REAL = path.join(__dirname, '../../fixtures/real-claude/Danik911__thesis_project/home/.claude.json');

describe('claude/secret-in-history reads projects[].history in ~/.claude.json', () => {
  it('reports the keys pasted into a prompt of the real file once, masked, at the JSON path and line', async () => {
    const text = fs.readFileSync(REAL, 'utf8');
    const f = machine({ '~/.claude.json': text });
    const [finding, ...rest] = await run(secretInHistory, f);
    expect(rest).toEqual([]);
    const line =
      text.split('\n').findIndex((l) => l.includes('PERPLEXITY_API_KEY') && l.includes('"content"')) + 1;
    expect(finding).toMatchObject({ file: path.join(f.home, '.claude.json'), line });
    expect(finding?.message).toMatch(
      /keeps 3 pasted secrets in the prompt history .*\.history\[\d+\]\.pastedContents/,
    );
    expect(finding?.message).toContain('perplexity-api-key');
    expect(JSON.stringify(finding)).not.toContain('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');
    // The same leak is not reported a second time by the agent-state scan.
    const state = await run(agentState, f);
    expect(state.map((s) => s.line)).not.toContain(line);
  });

  it("finds the issue's Google, Supabase and Firecrawl keys in history even where MCP env holds the same values", async () => {
    const real = path.join(__dirname, '../../fixtures/real-claude/0blueteam0__nexus-atip/home/.claude.json');
    const f = machine({ '~/.claude.json': fs.readFileSync(real, 'utf8') });
    const [finding] = await run(secretInHistory, f);
    expect(finding?.message).toMatch(/google-api-key/);
    expect(finding?.message).toMatch(/supabase-access-token/);
    expect(finding?.message).toMatch(/firecrawl-api-key|generic-secret/);
    expect(finding?.message).toContain('projects["K:\\\\PortableApps\\\\Claude-Code"].history[30].display');
  });

  it('ignores placeholders and MCP entries in ~/.claude.json', async () => {
    const f = machine({
      '~/.claude.json': JSON.stringify({
        projects: {
          '/p': {
            history: [{ display: 'set PERPLEXITY_API_KEY=pplx-your-api-key and xoxb-your-slack-bot-token' }],
          },
        },
        mcpServers: { x: { command: 'x', env: { TOKEN: 'ghp_not_in_history_anyway' } } },
      }),
    });
    expect(await run(secretInHistory, f)).toEqual([]);
  });
});
