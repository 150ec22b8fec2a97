import { type SpawnSyncOptions, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { sharedFile } from '../helpers/shared.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const PAYLOADS = sharedFile('reference', 'claude-code', 'payloads');

/** These tests run the BUILT CLI, as Claude Code does (`npm test` builds first). */
export function requireBuild(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
}

export interface Machine {
  root: string;
  home: string;
  project: string;
  env: NodeJS.ProcessEnv;
  stateDir: string;
  cleanup(): void;
}

/** A fake home + project; the environment never points at the real home. */
export function machine(): Machine {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-guard-cli-'));
  const home = path.join(root, 'home');
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, CLAUDE_PROJECT_DIR: project };
  return {
    root,
    home,
    project,
    env,
    stateDir: path.join(home, '.local', 'state', 'agentwarden'),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Registers the hooks for a test file: the build must exist; each test's fake machines are removed after it. */
export function useMachines(): () => Machine {
  let machines: Machine[] = [];
  beforeAll(requireBuild);
  afterEach(() => {
    for (const m of machines) m.cleanup();
    machines = [];
  });
  return () => {
    const m = machine();
    machines.push(m);
    return m;
  };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(
  args: string[],
  m: Machine,
  opts: SpawnSyncOptions & { input?: string | Buffer } = {},
): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: m.env,
    cwd: m.project,
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
  });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

export function hook(input: string | Buffer, m: Machine, opts: Omit<SpawnSyncOptions, 'input'> = {}): Run {
  return cli(['guard', 'hook', 'claude'], m, { input, ...opts });
}

export function hookAsync(input: string, m: Machine, env: NodeJS.ProcessEnv = m.env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'guard', 'hook', 'claude'], { env, cwd: m.project });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A reference payload with its paths moved into the fake machine. */
export function payload(name: string, m: Machine, patch: Record<string, unknown> = {}): string {
  const text = fs.readFileSync(path.join(PAYLOADS, name), 'utf8').replaceAll('/home/dev/acme-api', m.project);
  return JSON.stringify({ ...JSON.parse(text), ...patch });
}

export function toolPayload(
  m: Machine,
  tool: string,
  toolInput: Record<string, unknown>,
  session = 's-test',
): string {
  return JSON.stringify({
    session_id: session,
    cwd: m.project,
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
    tool_use_id: 'toolu_test',
  });
}

export function decisionOf(run: Run): string {
  if (run.stdout.trim() === '') return 'none';
  const out = JSON.parse(run.stdout) as { hookSpecificOutput?: { permissionDecision?: string } };
  return out.hookSpecificOutput?.permissionDecision ?? 'none';
}
