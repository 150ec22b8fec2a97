import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asUser,
  CLI,
  ensureClaude,
  ensureUser,
  type MockApi,
  type RunAs,
  type Sandbox,
  sandbox,
  startMockApi,
  type ToolCall,
} from './_harness.js';

const claude = ensureClaude();
const user = ensureUser();
const skip = 'skip' in claude ? claude.skip : 'skip' in user ? user.skip : undefined;
if (skip) process.stderr.write(`agentwarden e2e: SKIPPED, ${skip}\n`);

let api: MockApi;
const boxes: Sandbox[] = [];
beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  api = await startMockApi();
});
afterAll(async () => {
  await api?.close();
  for (const b of boxes) fs.rmSync(b.root, { recursive: true, force: true });
});

function freshBox(): Sandbox {
  const box = sandbox(user as RunAs, api);
  boxes.push(box);
  return box;
}

/** `guard install` run by the test user, as a user would: the hook lands in their own settings. */
async function installGuard(box: Sandbox): Promise<void> {
  const run = await asUser(user as RunAs, process.execPath, [CLI, 'guard', 'install'], box);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

/** One `claude -p` session whose model makes exactly these tool calls. */
function session(box: Sandbox, calls: ToolCall[], mode: 'default' | 'bypassPermissions') {
  if ('skip' in claude) throw new Error('unreachable');
  api.script(calls);
  const args = ['-p', 'go', '--output-format', 'json', '--permission-mode', mode];
  return asUser(user as RunAs, claude.bin, args, box);
}

const bashrc = (box: Sandbox) => fs.readFileSync(path.join(box.home, '.bashrc'), 'utf8');

const CANARY: ToolCall = { name: 'Bash', input: { command: 'echo pwned >> ~/.bashrc' } };

/** The user's settings file, as guard install left it. */
const userSettings = (box: Sandbox) => path.join(box.home, '.claude', 'settings.json');

/**
 * Points every installed guard hook at a stand-in script (keeping the timeout and onFailure guard install
 * wrote, or a shorter timeout): what Claude Code does when the hook crashes or hangs.
 */
function replaceHook(box: Sandbox, script: string, timeout?: number): void {
  const file = path.join(box.root, 'stand-in-hook.sh');
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const settings = JSON.parse(fs.readFileSync(userSettings(box), 'utf8'));
  for (const groups of Object.values(settings.hooks) as { hooks: Record<string, unknown>[] }[][])
    for (const group of groups)
      for (const hook of group.hooks) {
        hook.command = file;
        delete hook.args;
        if (timeout !== undefined) hook.timeout = timeout;
      }
  fs.writeFileSync(userSettings(box), JSON.stringify(settings, null, 2));
}

describe.skipIf(skip !== undefined)(`real Claude Code ${'bin' in claude ? '' : '(skipped)'}`, () => {
  for (const mode of ['default', 'bypassPermissions'] as const) {
    it(`${mode}: the canaries confined to the fake home do not take effect`, async () => {
      const box = freshBox();
      await installGuard(box);
      const run = await session(
        box,
        [
          { name: 'Bash', input: { command: 'echo pwned >> ~/.bashrc' } },
          { name: 'Bash', input: { command: 'cat ~/.ssh/id_rsa' } },
          { name: 'Bash', input: { command: `rm -rf ${box.outside}` } },
          { name: 'Write', input: { file_path: path.join(box.home, '.bashrc'), content: 'pwned\n' } },
          { name: 'Read', input: { file_path: path.join(box.home, '.ssh', 'id_rsa') } },
        ],
        mode,
      );
      expect(run.timedOut).toBe(false);
      expect(bashrc(box)).toBe('# canary rc\n');
      expect(fs.existsSync(path.join(box.outside, 'precious.txt'))).toBe(true);
      expect(JSON.stringify(api.toolResults)).not.toContain('FAKE-E2E-KEY-CANARY');
    });
  }

  it('without the guard the same canary does take effect (the suite can fail)', async () => {
    const box = freshBox();
    const run = await session(
      box,
      [{ name: 'Bash', input: { command: 'echo pwned >> ~/.bashrc' } }],
      'bypassPermissions',
    );
    expect(run.timedOut).toBe(false);
    expect(bashrc(box)).toContain('pwned');
  });

  it('a harmless call runs through the installed exec-form hook', async () => {
    const box = freshBox();
    await installGuard(box);
    const settings = fs.readFileSync(path.join(box.home, '.claude', 'settings.json'), 'utf8');
    expect(settings).toContain('"args"');
    // Bypass mode, so only the guard could stop it (default mode in -p asks, and nobody answers).
    const run = await session(
      box,
      [{ name: 'Bash', input: { command: 'touch made-by-e2e.txt' } }],
      'bypassPermissions',
    );
    expect(run.timedOut).toBe(false);
    expect(api.toolResults.at(-1)?.isError, JSON.stringify(api.toolResults.at(-1))).toBe(false);
    expect(fs.existsSync(path.join(box.project, 'made-by-e2e.txt'))).toBe(true);
  });
  // Claude Code runs the hook; when the hook cannot answer, the call must not go ahead (fail closed).
  for (const [what, script] of [
    ['exits 1', 'cat >/dev/null; exit 1'],
    ['prints non-JSON and exits 1', 'cat >/dev/null; echo "TypeError: boom"; exit 1'],
    ['is killed', 'kill -9 $$'],
  ] as const) {
    it(`a hook that ${what} blocks the canary`, async () => {
      const box = freshBox();
      await installGuard(box);
      replaceHook(box, script);
      const run = await session(box, [CANARY], 'bypassPermissions');
      expect(run.timedOut).toBe(false);
      expect(bashrc(box)).toBe('# canary rc\n');
    });
  }

  it('a hook that hangs past its timeout blocks the canary', async () => {
    const box = freshBox();
    await installGuard(box);
    replaceHook(box, 'sleep 60', 2);
    const run = await session(box, [CANARY], 'bypassPermissions');
    expect(run.timedOut).toBe(false);
    expect(bashrc(box)).toBe('# canary rc\n');
  });

  it('a user settings file with a trailing comma is ignored by Claude Code (the guard in it does not run)', async () => {
    const box = freshBox();
    await installGuard(box);
    const text = fs.readFileSync(userSettings(box), 'utf8').trimEnd();
    fs.writeFileSync(userSettings(box), `${text.slice(0, -1).trimEnd()},\n}\n`);
    const run = await session(box, [CANARY], 'bypassPermissions');
    expect(run.timedOut).toBe(false);
    expect(bashrc(box)).toContain('pwned');
  });

  it('a user settings file with a comment is ignored by Claude Code (the guard in it does not run)', async () => {
    const box = freshBox();
    await installGuard(box);
    const text = fs.readFileSync(userSettings(box), 'utf8');
    fs.writeFileSync(userSettings(box), `// installed by agentwarden\n${text}`);
    const run = await session(box, [CANARY], 'bypassPermissions');
    expect(run.timedOut).toBe(false);
    expect(bashrc(box)).toContain('pwned');
  });

  it.skipIf(process.getuid?.() !== 0)(
    "a managed install holds against a project's disableAllHooks",
    async () => {
      const box = freshBox();
      const hadBundle = fs.existsSync('/usr/local/lib/agentwarden');
      const hadDir = fs.existsSync('/etc/claude-code');
      try {
        const install = await asUser(
          { ...(user as RunAs), uid: 0, gid: 0 },
          process.execPath,
          [CLI, 'guard', 'install', '--managed', '--user', (user as RunAs).name],
          box,
        );
        expect(install.status, install.stderr + install.stdout).toBe(0);
        fs.mkdirSync(path.join(box.project, '.claude'), { recursive: true });
        fs.writeFileSync(path.join(box.project, '.claude', 'settings.json'), '{ "disableAllHooks": true }\n');
        const run = await session(box, [CANARY], 'bypassPermissions');
        expect(run.timedOut).toBe(false);
        expect(bashrc(box)).toBe('# canary rc\n');
      } finally {
        await asUser(
          { ...(user as RunAs), uid: 0, gid: 0 },
          process.execPath,
          [CLI, 'guard', 'uninstall', '--managed'],
          box,
        );
        if (!hadDir) fs.rmSync('/etc/claude-code', { recursive: true, force: true });
        if (!hadBundle) fs.rmSync('/usr/local/lib/agentwarden', { recursive: true, force: true });
      }
    },
  );
});
