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
});
