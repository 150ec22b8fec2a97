import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import mcpPlainHttp from '../../../src/checks/claude/mcp-plain-http.js';
import mcpPlaintextSecret from '../../../src/checks/claude/mcp-plaintext-secret.js';
import mcpUnpinnedServer from '../../../src/checks/claude/mcp-unpinned-server.js';
import projectMcpAutoapprove from '../../../src/checks/claude/project-mcp-autoapprove.js';
import { createContext } from '../../../src/core/context.js';
import { runCheck } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { machine, rerun, run } from './helpers.js';

const PAT = 'ghp_Q7xk2V9mR4tL8wZ1nB6yH3cJ5dF0gS2aP7eK';
const ANT = 'sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8';

describe('claude/project-mcp-autoapprove', () => {
  it('fixes the file that set it, including the per-project entry of ~/.claude.json', async () => {
    const f = machine({ '.claude/settings.json': '{\n  // team\n  "enableAllProjectMcpServers": true\n}\n' });
    const claudeJson = path.join(f.home, '.claude.json');
    fs.writeFileSync(
      claudeJson,
      JSON.stringify(
        { numStartups: 3, projects: { [f.project]: { enableAllProjectMcpServers: true } } },
        null,
        2,
      ),
    );
    const findings = await run(projectMcpAutoapprove, f);
    expect(findings.map((x) => [x.file, x.line])).toEqual([
      [path.join(f.project, '.claude/settings.json'), 3],
      [claudeJson, 5],
    ]);
    applyFixes(findings, { dryRun: false });
    expect(await rerun(projectMcpAutoapprove, f)).toEqual([]);
    // Claude Code ignored the commented file: the fix made it strict JSON, so the fix applies.
    expect(fs.readFileSync(path.join(f.project, '.claude/settings.json'), 'utf8')).not.toContain('// team');
    expect(JSON.parse(fs.readFileSync(claudeJson, 'utf8')).numStartups).toBe(3);
  });

  it('does not plan a fix for managed settings', async () => {
    const f = machine({ '/etc/claude-code/managed-settings.json': '{"enableAllProjectMcpServers": true}' });
    const [finding] = await run(projectMcpAutoapprove, f);
    expect(finding?.fixPlans).toEqual([]);
    expect(finding?.fixable).toBe(false);
  });
});

describe('MCP server checks', () => {
  it('finds unpinned, plain-http and secret-bearing servers across all MCP files, masked', async () => {
    const f = machine({
      '.mcp.json': JSON.stringify(
        {
          mcpServers: {
            remote: {
              type: 'sse',
              url: 'http://mcp.internal.example:8080/sse',
              headers: { 'X-Api-Key': 'Zt8qL2mN5vB9xC3k' },
            },
            gh: {
              command: 'npx',
              args: ['-y', '@modelcontextprotocol/server-github'],
              env: { GITHUB_PERSONAL_ACCESS_TOKEN: PAT },
            },
          },
        },
        null,
        2,
      ),
      '/etc/claude-code/managed-mcp.json': JSON.stringify({
        mcpServers: { claude: { command: 'uvx', args: ['claude-mcp@latest', '--api-key', ANT] } },
      }),
    });
    const unpinned = await run(mcpUnpinnedServer, f);
    expect(unpinned.map((x) => x.message)).toEqual([
      expect.stringContaining('"gh" (project scope) starts npx @modelcontextprotocol/server-github'),
      expect.stringContaining(
        '"claude" (managed scope) starts uvx claude-mcp@latest, which asks for @latest',
      ),
    ]);
    const http = await run(mcpPlainHttp, f);
    expect(http).toMatchObject([{ line: 5, file: path.join(f.project, '.mcp.json') }]);
    const secrets = await run(mcpPlaintextSecret, f);
    expect(secrets.map((x) => [x.line, x.evidence?.split(':')[0]])).toEqual([
      [7, 'X-Api-Key'],
      [17, 'GITHUB_PERSONAL_ACCESS_TOKEN'],
      [1, 'args[2]'],
    ]);
    const all = JSON.stringify([...unpinned, ...http, ...secrets]);
    for (const secret of [PAT, ANT, 'Zt8qL2mN5vB9xC3k']) expect(all).not.toContain(secret);
  });
});

describe('claude/mcp-unpinned-server fix text', () => {
  it('names the package without the tag it asked for, and a pinned example', async () => {
    const f = machine({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@latest'] },
          db: { command: 'uvx', args: ['mcp-server-postgres@latest'] },
          img: { command: 'docker', args: ['run', '-i', 'registry.local:5000/tools/mcp:latest'] },
        },
      }),
    });
    const fixes = (await run(mcpUnpinnedServer, f)).map((x) => x.fix);
    expect(fixes).toEqual([
      'Pin an exact version of @modelcontextprotocol/server-github (for example @modelcontextprotocol/server-github@1.2.3).',
      'Pin an exact version of mcp-server-postgres (for example mcp-server-postgres==1.2.3).',
      'Pin an exact version of registry.local:5000/tools/mcp (for example registry.local:5000/tools/mcp:1.2.3).',
    ]);
  });
});

describe('per-project MCP servers in ~/.claude.json', () => {
  it('are found when the project is opened through a symlink and Claude Code keyed it by the real path', async () => {
    const f = machine({});
    const link = path.join(f.home, 'work', 'app-link');
    fs.symlinkSync(f.project, link);
    fs.writeFileSync(
      path.join(f.home, '.claude.json'),
      JSON.stringify({
        projects: {
          [fs.realpathSync(f.project)]: { mcpServers: { x: { command: 'npx', args: ['-y', 'some-mcp'] } } },
        },
      }),
    );
    const viaLink = await runCheck(mcpUnpinnedServer, createContext({ ...f.ctx, project: link }));
    expect(viaLink.map((x) => x.message)).toEqual([expect.stringContaining('MCP server "x" (local scope)')]);
  });
});
