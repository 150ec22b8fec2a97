// The policy decides on action kinds; each adapter's tool table says what its tools are. A Claude Code tool
// name in src/policy would mean the policy decides differently for an agent whose tools are named otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const POLICY = path.resolve(import.meta.dirname, '..', '..', 'src', 'policy');

const CLAUDE_TOOLS = [
  'Bash',
  'Read',
  'Write',
  'Edit',
  'MultiEdit',
  'Glob',
  'Grep',
  'LS',
  'NotebookRead',
  'NotebookEdit',
  'WebFetch',
  'WebSearch',
  'Agent',
  'Task',
  'TodoWrite',
  'TodoRead',
  'ExitPlanMode',
  'EnterPlanMode',
  'AskUserQuestion',
  'BashOutput',
  'TaskOutput',
  'TaskStop',
  'KillShell',
  'KillBash',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
  'Skill',
  'SlashCommand',
];

// Policy files name MCP tools `mcp__<server>__<tool>`: the notation is built in one module, and the rule
// catalogue's examples are written in it, as policy files are.
const MCP_NOTATION_FILES = ['mcp-names.ts', `rules${path.sep}`];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The code without its comments (`//` only where a comment can start, so URLs in strings stay). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

describe('src/policy is agent-neutral', () => {
  const files = sourceFiles(POLICY).map((file) => ({
    file: path.relative(POLICY, file),
    code: code(fs.readFileSync(file, 'utf8')),
  }));

  it('names no Claude Code tool', () => {
    const quoted = new RegExp(`(['"\`])(${CLAUDE_TOOLS.join('|')})\\1`, 'g');
    const found = files.flatMap(({ file, code }) =>
      [...code.matchAll(quoted)].map((m) => `${file}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('reads MCP tool names only in the policy-file notation', () => {
    const found = files
      .filter(({ file }) => !MCP_NOTATION_FILES.some((allowed) => file.startsWith(allowed)))
      .filter(({ code }) => code.includes('mcp__'))
      .map(({ file }) => file);
    expect(found).toEqual([]);
  });

  it('the check itself finds a tool name when there is one', () => {
    const quoted = new RegExp(`(['"\`])(${CLAUDE_TOOLS.join('|')})\\1`);
    expect(quoted.test(code("if (action.tool === 'Grep') x();"))).toBe(true);
    expect(quoted.test(code("// the old 'Grep' check\nconst y = 'https://x';"))).toBe(false);
  });
});
