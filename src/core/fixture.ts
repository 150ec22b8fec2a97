import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckExample } from './check.js';
import { type AuditContext, type CommandRunner, createContext } from './context.js';

export interface MaterializedFixture {
  root: string;
  home: string;
  project: string;
  systemRoot: string;
  ctx: AuditContext;
  cleanup(): void;
}

export function fixturePath(
  f: Pick<MaterializedFixture, 'home' | 'project' | 'systemRoot'>,
  key: string,
): string {
  if (key === '~') return f.home;
  if (key.startsWith('~/')) return path.join(f.home, key.slice(2));
  if (key.startsWith('/')) return path.join(f.systemRoot, key);
  return path.join(f.project, key);
}

/** Writes an example's fake machine into a fresh temp dir and builds a context on it. */
export function materialize(
  example: Omit<CheckExample, 'name'>,
  opts: { now?: Date } = {},
): MaterializedFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-fx-'));
  const home = path.join(root, 'home');
  const systemRoot = path.join(root, 'sys');
  const project = path.join(home, 'work', 'app');
  for (const dir of [home, systemRoot, project]) fs.mkdirSync(dir, { recursive: true });
  const where = { home, project, systemRoot };
  const modes: [string, number][] = [];
  for (const [key, entry] of Object.entries(example.files)) {
    const abs = fixturePath(where, key);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof entry === 'string') fs.writeFileSync(abs, entry);
    else if ('content' in entry) fs.writeFileSync(abs, entry.content);
    else if ('bytes' in entry) fs.writeFileSync(abs, Buffer.from(entry.bytes));
    else if ('dir' in entry) fs.mkdirSync(abs, { recursive: true });
    else
      fs.symlinkSync(entry.symlink.startsWith('~') ? fixturePath(where, entry.symlink) : entry.symlink, abs);
    if (typeof entry !== 'string' && 'mode' in entry && entry.mode !== undefined)
      modes.push([abs, entry.mode]);
  }
  for (const [abs, mode] of modes) fs.chmodSync(abs, mode);
  const commands = example.commands ?? {};
  const run: CommandRunner = async (cmd, args) =>
    commands[[cmd, ...args].join(' ')] ?? { code: 127, stdout: '', stderr: `${cmd}: not found` };
  const ctx = createContext({
    home,
    project,
    systemRoot,
    env: { HOME: home, ...(example.env ?? {}) },
    platform: example.platform ?? 'linux',
    run,
    now: opts.now ?? new Date('2026-11-26T12:00:00Z'),
  });
  return {
    root,
    home,
    project,
    systemRoot,
    ctx,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
