import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/document.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';

/** The reference filesystem server and its forks: every argument after the package is an allowed root. */
const FILESYSTEM_SERVER =
  /(?:^|[/\\@])(?:mcp-)?server-filesystem(?:@[^/\\\s]*)?(?:[/\\]dist[/\\]index\.js)?$/;

/** A root that is the whole disk, a whole drive or a whole home directory. */
function wholeScope(dir: string, home: string): 'disk' | 'drive' | 'home' | undefined {
  const d = dir.trim().replace(/^["']|["']$/g, '');
  if (d === '/' || d === '//') return 'disk';
  if (/^[A-Za-z]:[\\/]*$/.test(d)) return 'drive';
  const bare = d.replace(/[\\/]+$/, '');
  if (/^(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%|\/root)$/.test(bare) || bare === home) return 'home';
  if (/^(?:\/Users|\/home|[A-Za-z]:[\\/]Users)[\\/][^\\/]+$/.test(bare)) return 'home';
  return undefined;
}

export default defineCheck({
  id: 'claude/mcp-filesystem-scope',
  severity: 'high',
  seedRefs: ['CC-H2', 'PR-1'],
  frameworks: ['OWASP-LLM06'],
  title: 'A filesystem MCP server is given the whole disk or home directory',
  docs: {
    why: "The filesystem MCP server reads and writes everything under the directories it is started with, outside Claude Code's own permission rules (Read/Edit deny rules do not apply to MCP tools). Given /, ~, $HOME, a whole home directory or a drive such as C:\\, it hands the agent ~/.ssh, ~/.aws, browser profiles and shell start-up files.",
    fix: 'Start the server with the project directory (or the few directories the work needs) instead.',
  },
  examples: {
    bad: [
      {
        name: 'filesystem server on a home directory (Acidsyd/BOB_inbox .mcp.json)',
        files: {
          '.mcp.json': JSON.stringify(
            {
              mcpServers: {
                filesystem: {
                  command: 'npx',
                  args: ['@modelcontextprotocol/server-filesystem', '/Users/gianpierodifelice'],
                },
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'whole drive through cmd /c',
        files: {
          '~/.claude.json': JSON.stringify({
            mcpServers: {
              fs: {
                command: 'cmd',
                args: ['/c', 'npx', '-y', '@modelcontextprotocol/server-filesystem', 'C:\\'],
              },
            },
          }),
        },
      },
    ],
    good: [
      {
        name: 'filesystem server on a project folder (Danik911/thesis_project .mcp.json)',
        files: {
          '.mcp.json': JSON.stringify({
            mcpServers: {
              filesystem: {
                command: 'cmd',
                args: [
                  '/c',
                  'npx',
                  '-y',
                  '@modelcontextprotocol/server-filesystem',
                  'C:\\Users\\anteb\\Desktop\\Courses\\Projects\\thesis_project',
                ],
              },
            },
          }),
        },
      },
    ],
  },
  run(ctx) {
    return loadMcpConfig(ctx).servers.flatMap((server) => {
      const { command } = server.config;
      if (typeof command !== 'string') return [];
      const argv = [
        ...command.trim().split(/\s+/),
        ...(Array.isArray(server.config.args) ? server.config.args.map(String) : []),
      ];
      const at = argv.findIndex((a) => FILESYSTEM_SERVER.test(a));
      if (at < 0) return [];
      // Some builds of the server also take their roots from the environment.
      const env = isRecord(server.config.env) ? server.config.env : {};
      const fromEnv =
        typeof env.ALLOWED_DIRECTORIES === 'string' ? env.ALLOWED_DIRECTORIES.split(/[,;]/) : [];
      const roots = [...argv.slice(at + 1).filter((a) => !a.startsWith('-')), ...fromEnv];
      return roots.flatMap((root) => {
        const scope = wholeScope(root, ctx.home);
        if (!scope) return [];
        const what = { disk: 'the whole disk', drive: 'a whole drive', home: 'a whole home directory' }[
          scope
        ];
        return [
          {
            message: `MCP server "${server.name}" (${server.scope} scope) gives the agent read and write access to ${what} ("${root}"), including ~/.ssh and ~/.aws, outside Claude Code's permission rules.`,
            file: server.file,
            line: server.doc.locate([...server.path, 'args']).line,
            evidence: root,
            fix: `Replace "${root}" with the project directory or the specific directories the work needs.`,
          },
        ];
      });
    });
  },
});
