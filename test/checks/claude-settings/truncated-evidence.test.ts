// Evidence is cut to a readable length. Cutting before masking leaves the head of a token the detector no
// longer recognises (too short for its pattern), so every check must mask first and cut second.
import { describe, expect, it } from 'vitest';
import enforcementHook from '../../../src/checks/claude/enforcement-hook.js';
import mcpUnpinnedServer from '../../../src/checks/claude/mcp-unpinned-server.js';
import projectCommandRisk from '../../../src/checks/claude/project-command-risk.js';
import type { Check } from '../../../src/core/check.js';
import { machine, run } from './helpers.js';

// Fake, realistic-looking GitHub token: 36 characters after the prefix.
const SECRET_PART = 'Q7xk2V9mR4tL8wZ1nB6yH3cJ5dF0gS2aP7eK';
const TOKEN = `ghp_${SECRET_PART}`;
/** A command whose token starts 23 characters before `cut`, so a cut there keeps `ghp_` and 19 more. */
function commandWithTokenAt(cut: number): string {
  const head =
    '/opt/guard/bin/check --endpoint https://guard.acme-corp.net/v1 --log /var/log/g.log --padding ';
  return `${head.padEnd(cut - 24, 'x')} ${TOKEN} --timeout 5`;
}

const hooks = (command: string) =>
  JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command }] }] } });

const cases: [string, Check, Record<string, string>][] = [
  ['claude/enforcement-hook', enforcementHook, { '~/.claude/settings.json': hooks(commandWithTokenAt(160)) }],
  [
    'claude/project-command-risk',
    projectCommandRisk,
    { '.claude/settings.json': hooks(commandWithTokenAt(200)) },
  ],
  [
    'claude/mcp-unpinned-server',
    mcpUnpinnedServer,
    {
      '.mcp.json': JSON.stringify({
        mcpServers: {
          gh: {
            command: 'npx',
            args: ['-y', 'gh-mcp', commandWithTokenAt(200).slice(`npx -y gh-mcp `.length)],
          },
        },
      }),
    },
  ],
];

describe('evidence cut to length never keeps part of a secret', () => {
  it.each(cases)('%s', async (_id, check, files) => {
    const findings = await run(check, machine(files));
    expect(findings.length).toBeGreaterThan(0);
    const shown = JSON.stringify(findings);
    expect(shown).not.toContain(SECRET_PART.slice(0, 12));
  });
});
