import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import mcpUnpinnedServer from '../../../src/checks/claude/mcp-unpinned-server.js';
import { packageLaunch } from '../../../src/scanners/shell/launchers.js';
import { machine, run } from '../claude-settings/helpers.js';

describe('package launchers', () => {
  it.each([
    ['bun', ['x', 'ccusage'], 'bun x'],
    ['npx.cmd', ['-y', 'pkg'], 'npx'],
    ['/usr/local/bin/npx', ['-y', 'pkg'], 'npx'],
    ['C:\\Program Files\\nodejs\\npx.cmd', ['pkg'], 'npx'],
    ['uvx.exe', ['pkg'], 'uvx'],
  ])('%s %j is a %s launch', (name, args, launcher) => {
    expect(packageLaunch({ name, args })?.launcher).toBe(launcher);
  });

  it('bun running a local script is not a package launch', () => {
    expect(packageLaunch({ name: 'bun', args: ['run', 'build'] })).toBeUndefined();
  });
});

describe('claude/mcp-unpinned-server covers hooks and the status line in every scope', () => {
  it('reports the statusLine from the ccusage guide, a user hook and a project hook, each at its line', async () => {
    const f = machine({
      // The statusLine as ryoppippi/ccusage docs/guide/statusline.md shows it.
      '~/.claude/settings.json': [
        '{',
        '  "statusLine": {"type": "command", "command": "bun x ccusage statusline", "padding": 0},',
        '  "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "npx.cmd -y ccnotify@latest"}]}]}',
        '}',
      ].join('\n'),
      '.claude/settings.json': JSON.stringify(
        {
          hooks: {
            SessionStart: [{ hooks: [{ type: 'command', command: '/usr/local/bin/npx -y @acme/hook' }] }],
            PostToolUse: [{ hooks: [{ type: 'command', command: 'npx -y prettier@3.3.3 --write .' }] }],
          },
        },
        null,
        2,
      ),
    });
    const found = (await run(mcpUnpinnedServer, f)).map((x) => [
      path.basename(x.file ?? ''),
      x.line,
      x.message,
    ]);
    expect(found).toEqual([
      [
        'settings.json',
        3,
        expect.stringMatching(
          /^Stop hook in user settings starts npx ccnotify@latest, which uses the moving dist-tag "latest"/,
        ),
      ],
      [
        'settings.json',
        8,
        expect.stringMatching(
          /^SessionStart hook in project settings .* starts npx @acme\/hook, which has no version/,
        ),
      ],
      [
        'settings.json',
        2,
        expect.stringMatching(/^statusLine in user settings starts bun x ccusage, which has no version/),
      ],
    ]);
  });
});
