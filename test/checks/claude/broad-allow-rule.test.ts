import { describe, expect, it } from 'vitest';
import broadAllowRule from '../../../src/checks/claude/broad-allow-rule.js';
import { machine, run } from '../claude-settings/helpers.js';

/** Runs the check on a user settings file allowing these rules; returns [rule, severity, message] per finding. */
async function judge(rules: string[]) {
  const f = machine({
    '~/.claude/settings.json': JSON.stringify({ permissions: { allow: rules } }, null, 2),
  });
  return (await run(broadAllowRule, f)).map((x) => [x.evidence, x.severity, x.message] as const);
}

describe('claude/broad-allow-rule judges Bash rules by what they admit', () => {
  it.each([
    // wrappers and shells run any command
    ['Bash(timeout:*)', 'critical'],
    ['Bash(env:*)', 'critical'],
    ['Bash(xargs:*)', 'critical'],
    ['Bash(command:*)', 'critical'],
    ['Bash(sudo:*)', 'critical'],
    ['Bash(sudo *)', 'critical'],
    ['Bash(source *)', 'high'],
    ['Bash(powershell -Command:*)', 'critical'],
    ['Bash(cmd.exe *)', 'critical'],
    ['Bash(bash:*)', 'critical'],
    ['Bash(eval:*)', 'critical'],
    // leading and middle wildcards
    ['Bash(* --help)', 'critical'],
    ['Bash(curl * http://localhost:*)', 'high'],
    // package runners
    ['Bash(uvx:*)', 'high'],
    ['Bash(bunx:*)', 'high'],
    ['Bash(bun x:*)', 'high'],
    ['Bash(deno:*)', 'high'],
    ['Bash(tsx:*)', 'high'],
    ['Bash(npm exec:*)', 'high'],
    ['Bash(nix shell:*)', 'high'],
    ['Bash(mise:*)', 'high'],
    ['Bash(python3:*)', 'high'],
    // tools that execute
    ['Bash(find:*)', 'critical'],
    ['Bash(git:*)', 'high'],
    ['Bash(sed:*)', 'high'],
    ['Bash(awk:*)', 'critical'],
    ['Bash(tar:*)', 'high'],
    ['Bash(make:*)', 'high'],
    ['Bash(go:*)', 'high'],
    // containers and clusters
    ['Bash(podman:*)', 'high'],
    ['Bash(docker compose:*)', 'high'],
    ['Bash(kubectl:*)', 'high'],
    // tokens, pushes
    ['Bash(gh:*)', 'high'],
    ['Bash(git push:*)', 'high'],
    ['Bash(/usr/bin/find:*)', 'critical'],
  ])('%s is %s', async (rule, severity) => {
    const [finding, ...rest] = await judge([rule]);
    expect(rest).toEqual([]);
    expect(finding?.[1]).toBe(severity);
  });

  it('names the admitted command that shows it', async () => {
    const [find, gh] = (await judge(['Bash(find:*)', 'Bash(gh:*)'])).map(([, , message]) => message);
    expect(find).toContain('admits `find . -exec sh -c');
    expect(gh).toContain('admits `gh auth token`, which prints or reads credentials');
  });

  it('leaves narrow rules alone', async () => {
    expect(
      await judge([
        'Bash(npm run test:*)',
        'Bash(git status)',
        'Bash(ls:*)',
        'Bash(git log:*)',
        'Bash(git diff *)',
        'Bash(npx prettier:*)',
        'Bash(python3 -m pytest:*)',
        'Bash(gh pr view:*)',
        'Bash(docker ps)',
        'Bash(mkdir:*)',
        'Bash(npm install)',
        'Bash(uv run pytest:*)',
        'mcp__github__get_issue',
      ]),
    ).toEqual([]);
  });

  it('reports pre-approved MCP tools: all servers high, one whole server low', async () => {
    const found = await judge(['mcp__*', 'mcp__context7', 'mcp__playwright__*', 'mcp__github__get_issue']);
    expect(found.map(([rule, severity]) => [rule, severity])).toEqual([
      ['mcp__*', 'high'],
      ['mcp__context7', 'low'],
      ['mcp__playwright__*', 'low'],
    ]);
  });
});

describe('inline code, wrapped interpreters and config gadgets in real rules from the corpus', () => {
  it.each([
    ["Bash(node -e ' *)", 'DEDVO20/backend-rs'],
    ['Bash(node -e ":*)', 'Cornman92/Dev'],
    ["Bash(python -c ' *)", 'DEVMarlosGomes/Kuryos-deploy'],
    ['Bash(sudo python3 *)', 'DEEPGadget/gadgetini'],
    ['Bash(timeout 30 node:*)', 'DESARROLLOSROD/LogiProfit'],
    ['Bash(PYTHONPATH=pipeline python:*)', 'DELAxGithub/davinciauto'],
    ['Bash(powershell -ExecutionPolicy Bypass -File:*)', 'DG0908/baeder-azubi-app'],
    ['Bash(git config:*)', 'DFS420/GHL-FR'],
  ])('%s (%s) runs arbitrary code', async (rule) => {
    const [finding] = await judge([rule]);
    expect(finding?.[2]).toContain('which runs arbitrary code');
  });
});
