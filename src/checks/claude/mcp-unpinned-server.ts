import { defineCheck } from '../../core/check.js';
import { redactText } from '../../core/redact.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { unpinnedLaunch } from '../../scanners/mcp/pinning.js';
import { analyzerFor } from '../../scanners/shell/analyzer-for.js';
import { launchCommandLine } from '../../scanners/shell/index.js';

/** The package or image without the tag or version it was asked for. */
function bareName(launcher: string, spec: string): string {
  if (launcher === 'docker' || launcher === 'podman') return spec.replace(/:[^/:]*$/, '');
  if (launcher === 'uvx' || launcher.startsWith('pipx') || launcher.startsWith('uv '))
    return spec.replace(/(?:@latest|[=<>~!]=?.*)$/, '');
  return spec.replace(/(.)@[^/@]*$/, '$1');
}

function pinnedExample(launcher: string, name: string): string {
  if (launcher === 'docker' || launcher === 'podman') return `${name}:1.2.3`;
  if (launcher === 'uvx' || launcher.startsWith('pipx') || launcher.startsWith('uv '))
    return `${name}==1.2.3`;
  return `${name}@1.2.3`;
}

export default defineCheck({
  id: 'claude/mcp-unpinned-server',
  severity: 'medium',
  seedRefs: ['SK-4', 'CC-H2'],
  frameworks: ['OWASP-LLM03'],
  title: 'MCP server runs an unpinned package or image',
  docs: {
    why:
      'An MCP server started with `npx -y pkg`, `pkg@latest`, `uvx pkg` or a docker image without a tag downloads ' +
      'whatever the registry serves at that moment. A hijacked or typosquatted release then runs with your ' +
      'credentials at the next session start, with no change in your files.',
    fix:
      'Pin an exact version: `npx -y pkg@1.4.2`, `uvx pkg==0.6.0`, `docker run image:1.2.3` (or @sha256:…), ' +
      'and record its hash with `agentwarden skills lock`.',
  },
  examples: {
    bad: [
      {
        name: 'npx without version in ~/.claude.json',
        files: {
          '~/.claude.json': JSON.stringify(
            {
              mcpServers: {
                github: {
                  type: 'stdio',
                  command: 'npx',
                  args: ['-y', '@modelcontextprotocol/server-github'],
                },
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'project .mcp.json with uvx and docker :latest',
        files: {
          '.mcp.json':
            '{\n  "mcpServers": {\n    "fetch": {"command": "uvx", "args": ["mcp-server-fetch"]},\n    "db": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "DB_URL", "ghcr.io/acme/db-mcp:latest"]}\n  }\n}\n',
        },
      },
    ],
    good: [
      {
        name: 'pinned npx, uvx and docker',
        files: {
          '.mcp.json': JSON.stringify({
            mcpServers: {
              github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'] },
              fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.4.7'] },
              db: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/db-mcp:1.3.0'] },
              local: { command: 'node', args: ['./tools/server.js'] },
            },
          }),
        },
      },
    ],
  },
  async run(ctx) {
    const launches = loadMcpConfig(ctx).servers.flatMap((server) => {
      const { command } = server.config;
      if (typeof command !== 'string') return [];
      const args = Array.isArray(server.config.args) ? server.config.args.map(String) : [];
      return [{ server, command, args, line: launchCommandLine(command, args) }];
    });
    const shell = await analyzerFor(launches.map((l) => l.line));
    const where = { cwd: ctx.project, home: ctx.home, project: ctx.project };
    return launches.flatMap(({ server, command, args, line }) => {
      const launch = unpinnedLaunch(shell.analyze(line, where).commands);
      if (!launch) return [];
      const spec = redactText(launch.spec);
      const name = bareName(launch.launcher, spec);
      return [
        {
          message: `MCP server "${server.name}" (${server.scope} scope) starts ${launch.launcher} ${spec}, which ${launch.reason}.`,
          file: server.file,
          line: server.doc.locate([...server.path, 'args']).line,
          // Mask before cutting: a cut token is too short for the detector to recognise.
          evidence: redactText([command, ...args].join(' ')).slice(0, 200),
          fix: `Pin an exact version of ${name} (for example ${pinnedExample(launch.launcher, name)}).`,
        },
      ];
    });
  },
});
