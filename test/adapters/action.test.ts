import { describe, expect, it } from 'vitest';
import { type ToolCall, toolCallToAction } from '../../src/adapters/claude-code/action.js';

const base = { cwd: '/home/dev/app', home: '/home/dev', sessionId: 's1' };

function map(toolName: string, toolInput: Record<string, unknown>, extra: Partial<ToolCall> = {}) {
  const r = toolCallToAction({ ...base, toolName, toolInput, ...extra });
  if (!r.ok) throw new Error(r.error);
  return r.action;
}

describe('toolCallToAction', () => {
  it('Bash → exec with the command', () => {
    expect(map('Bash', { command: 'rm -rf ~', description: 'x' })).toEqual({
      tool: 'Bash',
      kind: 'exec',
      command: 'rm -rf ~',
      paths: [],
      urls: [],
      cwd: '/home/dev/app',
      sessionId: 's1',
      raw: { command: 'rm -rf ~', description: 'x' },
    });
  });

  it('Read resolves relative and ~ paths', () => {
    expect(map('Read', { file_path: '.env' }).paths).toEqual(['/home/dev/app/.env']);
    expect(map('Read', { file_path: '~/.ssh/id_rsa' }).paths).toEqual(['/home/dev/.ssh/id_rsa']);
    expect(map('Read', { file_path: '../other/../x' }).paths).toEqual(['/home/dev/x']);
    expect(map('Read', { file_path: '/etc/passwd' })).toMatchObject({ kind: 'read', paths: ['/etc/passwd'] });
  });

  it('write tools, NotebookEdit by notebook_path', () => {
    for (const tool of ['Write', 'Edit', 'MultiEdit'])
      expect(map(tool, { file_path: 'src/a.ts' })).toMatchObject({
        kind: 'write',
        paths: ['/home/dev/app/src/a.ts'],
      });
    expect(map('NotebookEdit', { notebook_path: 'n.ipynb', new_source: '' })).toMatchObject({
      kind: 'write',
      paths: ['/home/dev/app/n.ipynb'],
    });
  });

  it('Glob/Grep read their path, or cwd, and the root of an absolute pattern', () => {
    expect(map('Grep', { pattern: 'TODO' }).paths).toEqual(['/home/dev/app']);
    // Grep reads the contents of every file below its path: a search, which the policy judges as such.
    expect(map('Grep', { pattern: 'x', path: '~/.aws' })).toMatchObject({
      kind: 'search',
      paths: ['/home/dev/.aws'],
    });
    expect(map('Glob', { pattern: '/home/dev/.ssh/*' }).paths).toEqual(['/home/dev/app', '/home/dev/.ssh']);
    expect(map('Glob', { pattern: '~/.config/**/token*' }).paths).toEqual([
      '/home/dev/app',
      '/home/dev/.config',
    ]);
    expect(map('Glob', { pattern: '**/*.ts' }).paths).toEqual(['/home/dev/app']);
  });

  it('a relative glob pattern that climbs out with .. names the directory it reaches', () => {
    expect(map('Glob', { pattern: '../.ssh/*' }).paths).toEqual(['/home/dev/app', '/home/dev/.ssh']);
    expect(map('Glob', { pattern: '../.aws/**', path: '/home/dev/app' }).paths).toEqual([
      '/home/dev/app',
      '/home/dev/.aws',
    ]);
    expect(map('Glob', { pattern: 'src/../**/*.ts' }).paths).toEqual(['/home/dev/app']);
  });

  it('NotebookRead and LS read their path', () => {
    expect(map('NotebookRead', { notebook_path: '~/.aws/credentials' })).toMatchObject({
      kind: 'read',
      paths: ['/home/dev/.aws/credentials'],
    });
    expect(map('LS', { path: '../.ssh' })).toMatchObject({ kind: 'read', paths: ['/home/dev/.ssh'] });
    expect(toolCallToAction({ ...base, toolName: 'NotebookRead', toolInput: {} }).ok).toBe(false);
  });

  it('network, agent, mcp and unknown tools', () => {
    expect(map('WebFetch', { url: 'https://x.example/a', prompt: 'p' })).toMatchObject({
      kind: 'network',
      urls: ['https://x.example/a'],
    });
    expect(map('WebSearch', { query: 'q' })).toMatchObject({ kind: 'network', urls: [] });
    expect(map('Agent', { prompt: 'p' }).kind).toBe('agent');
    expect(map('Task', { prompt: 'p' }).kind).toBe('agent');
    expect(
      map('mcp__github__create_issue', { title: 't' }, { mcpServer: { name: 'github', source: 'project' } }),
    ).toMatchObject({ kind: 'mcp', raw: { title: 't' }, mcpServer: { name: 'github', source: 'project' } });
    expect(map('mcp__github__create_issue', {}).mcp).toEqual({ server: 'github', tool: 'create_issue' });
    expect(map('mcp__my__srv__get_x', {}).mcp).toEqual({ server: 'my', tool: 'srv__get_x' });
    expect(map('SomethingNew', {}).kind).toBe('unknown');
  });

  it("Claude Code's bookkeeping tools are internal; an MCP resource read names its server", () => {
    for (const tool of ['TodoWrite', 'ExitPlanMode', 'AskUserQuestion', 'BashOutput', 'KillShell', 'Skill'])
      expect(map(tool, {}).kind, tool).toBe('internal');
    expect(map('ReadMcpResourceTool', { server: 'docs', uri: 'x://y' })).toMatchObject({
      kind: 'internal',
      mcp: { server: 'docs' },
    });
  });

  it('refuses calls missing the field that says what they touch', () => {
    expect(toolCallToAction({ ...base, toolName: 'Bash', toolInput: { command: '' } })).toEqual({
      ok: false,
      error: 'Bash call has no command',
    });
    expect(toolCallToAction({ ...base, toolName: 'Write', toolInput: { file_path: 3 } }).ok).toBe(false);
    expect(toolCallToAction({ ...base, toolName: 'WebFetch', toolInput: {} }).ok).toBe(false);
  });
});
