import { defineCheck } from '../../core/check.js';
import { redactText } from '../../core/redact.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { loadClaudeSettings, scopeLabel } from '../../discover/claude-settings.js';
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

/** A command Claude Code starts by itself: an MCP server, a hook, the status line. */
interface Launch {
  what: string;
  written: string;
  /** As the shell will see it. */
  line: string;
  at: { file: string; line: number };
  /** Why Claude Code ignores the settings file it is in (a comment or trailing comma): latent, not in force. */
  ignored?: string;
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
  title: 'An MCP server, hook or status line runs an unpinned package or image',
  docs: {
    why:
      'An MCP server, hook or statusLine (user or project) started with `npx -y pkg`, `pkg@latest`, `bunx`, ' +
      '`bun x`, `uvx pkg`, `pnpm dlx`, a path-qualified launcher (`/usr/local/bin/npx`, `npx.cmd`) or a docker ' +
      'image without a tag downloads ' +
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
      {
        name: 'statusLine from the ccusage guide (bun x) and a hook through a path-qualified npx',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              statusLine: { type: 'command', command: 'bun x ccusage statusline', padding: 0 },
              hooks: {
                Stop: [{ hooks: [{ type: 'command', command: '/usr/local/bin/npx -y ccnotify@latest' }] }],
              },
            },
            null,
            2,
          ),
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
    const settings = loadClaudeSettings(ctx);
    const ignoredWhy = (file: string): string | undefined => {
      if (!settings.files.some((f) => f.file === file && f.ignoredByClaude)) return undefined;
      const line = settings.problems.find((p) => p.file === file)?.line;
      return line === undefined ? 'a syntax error' : `a syntax error at line ${line}`;
    };
    const launches: Launch[] = loadMcpConfig(ctx).servers.flatMap((server) => {
      const { command } = server.config;
      if (typeof command !== 'string') return [];
      const args = Array.isArray(server.config.args) ? server.config.args.map(String) : [];
      return [
        {
          what: `MCP server "${server.name}" (${server.scope} scope)`,
          written: [command, ...args].join(' '),
          line: launchCommandLine(command, args),
          at: { file: server.file, line: server.doc.locate([...server.path, 'args']).line },
        },
      ];
    });
    for (const hook of settings.allHooks) {
      if (hook.command === undefined) continue;
      const args = Array.isArray(hook.hook.args) ? hook.hook.args.map(String) : [];
      launches.push({
        what: `${hook.event} hook in ${scopeLabel(hook.scope)}`,
        written: [hook.command, ...args].join(' '),
        line: args.length > 0 ? launchCommandLine(hook.command, args) : hook.command,
        at: hook,
        ignored: ignoredWhy(hook.file),
      });
    }
    for (const status of settings.everywhere(['statusLine', 'command'])) {
      if (typeof status.value !== 'string') continue;
      launches.push({
        what: `statusLine in ${scopeLabel(status.scope)}`,
        written: status.value,
        line: status.value,
        at: status,
        ignored: ignoredWhy(status.file),
      });
    }
    const shell = await analyzerFor(launches.map((l) => l.line));
    const where = { cwd: ctx.project, home: ctx.home, project: ctx.project };
    return launches.flatMap(({ what, written, line, at, ignored }) => {
      const launch = unpinnedLaunch(shell.analyze(line, where).commands);
      if (!launch) return [];
      const spec = redactText(launch.spec);
      const name = bareName(launch.launcher, spec);
      return [
        {
          message: ignored
            ? `${what} is not in force (Claude Code ignores the file for ${ignored}), but once the syntax is ` +
              `fixed it starts ${launch.launcher} ${spec}, which ${launch.reason}.`
            : `${what} starts ${launch.launcher} ${spec}, which ${launch.reason}.`,
          file: at.file,
          line: at.line,
          ...(ignored && { severity: 'low' as const }),
          // Mask before cutting: a cut token is too short for the detector to recognise.
          evidence: redactText(written).slice(0, 200),
          fix: `Pin an exact version of ${name} (for example ${pinnedExample(launch.launcher, name)}).`,
        },
      ];
    });
  },
});
