import { beforeAll, describe, expect, it } from 'vitest';
import { unpinnedLaunch } from '../../../src/scanners/mcp/pinning.js';
import {
  launchCommandLine,
  loadShellAnalyzer,
  type ShellAnalyzer,
} from '../../../src/scanners/shell/index.js';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await loadShellAnalyzer();
});

const where = { cwd: '/h/work/app', home: '/h', project: '/h/work/app' };
const launch = (command: string, args: string[]) =>
  unpinnedLaunch(shell.analyze(launchCommandLine(command, args), where).commands);

describe('MCP launch pinning', () => {
  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-github'], 'has no version'],
    ['npx', ['-y', 'mcp-remote@latest', 'https://x'], 'moving dist-tag "latest"'],
    ['npx', ['-y', 'pkg@^1.2.0'], 'version range'],
    ['npx', ['-y', 'pkg@1.2'], 'not an exact'],
    ['npx', ['-y', 'pkg@1.x'], 'version range'],
    ['npx', ['-y', 'pkg@next'], 'moving dist-tag "next"'],
    ['npx -y @scope/pkg', [], 'has no version'],
    ['uvx', ['mcp-server-fetch'], 'no exact'],
    ['uvx', ['--from', 'git+https://github.com/x/y', 'y'], 'no exact'],
    ['docker', ['run', '-i', '--rm', '-e', 'TOKEN', 'ghcr.io/github/github-mcp-server'], 'no tag'],
    ['docker', ['run', '-i', 'mcp/fetch:latest'], ':latest'],
    ['cmd', ['/c', 'npx', '-y', '@upstash/context7-mcp'], 'has no version'],
    ['npx', ['-y', '--package=mcp-proxy', 'mcp-proxy', '--port', '8080'], 'has no version'],
    ['npx', ['-y', 'mcp-remote', '-p', '1.0.0'], 'has no version'],
    // The shell analyser unwraps what a launch is wrapped in.
    ['sh', ['-c', 'npx -y @scope/pkg'], 'has no version'],
    ['env', ['NODE_ENV=production', 'uvx', 'mcp-server-git'], 'no exact'],
  ])('%s %j is unpinned', (cmd, args, reason) => {
    expect(launch(cmd, args)?.reason).toContain(reason);
  });

  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8']],
    ['npx', ['-y', 'pkg@1.2.3-beta.1']],
    ['uvx', ['mcp-server-fetch==2025.4.7']],
    ['uvx', ['--from', 'mcp-server-git==0.6.2', 'mcp-server-git']],
    ['docker', ['run', '-i', '--rm', 'localhost:5000/mcp/fetch:1.0.0']],
    ['docker', ['run', 'mcp/fetch@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef']],
    ['node', ['./server.js']],
    ['npx', ['./local-server']],
    // Options after the package or image belong to the server, not to npx / uvx / docker.
    ['npx', ['-y', 'mcp-proxy@2.14.3', '-p', '8080']],
    ['npx', ['-y', '@acme/mcp@1.0.0', '--package', 'ignored']],
    ['uvx', ['mcp-server-fetch==2025.4.7', '--from', 'ignored']],
    ['docker', ['run', '-i', '--rm', '--shm-size', '1g', 'mcp/playwright:1.2.0']],
  ])('%s %j is pinned or local', (cmd, args) => {
    expect(launch(cmd, args)).toBeUndefined();
  });

  it('names the launcher and the spec as written', () => {
    expect(launch('pnpm', ['dlx', 'pkg@next'])).toEqual({
      launcher: 'pnpm dlx',
      spec: 'pkg@next',
      reason: 'uses the moving dist-tag "next"',
    });
  });
});
