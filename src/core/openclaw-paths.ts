/**
 * Where OpenClaw keeps its state, as OpenClaw 2026.9 resolves it (shared reference/openclaw REFERENCE.md §2).
 * Here in core, apart from the config loader in discover/openclaw.ts, because the guard's hook path (spend
 * for budgets) needs the directory without loading the config parsers.
 */
import * as path from 'node:path';
import type { FileSystem } from './files.js';

type Env = Readonly<Record<string, string | undefined>>;
type Stat = Pick<FileSystem, 'stat'>;

const exists = (fsys: Stat, p: string) => fsys.stat(p) !== undefined;

/** A path from the environment, `~` meaning the home (OpenClaw expands it; tests and services rely on it). */
export function envPath(value: string, home: string): string {
  return path.resolve(value.replace(/^~(?=[/\\]|$)/, home));
}

/** `$OPENCLAW_HOME` replaces the home directory for every OpenClaw default. */
export function openclawHome(home: string, env: Env): string {
  return env.OPENCLAW_HOME ? envPath(env.OPENCLAW_HOME, home) : home;
}

/**
 * The state dir: $OPENCLAW_STATE_DIR, else ~/.openclaw-<profile> with $OPENCLAW_PROFILE, else ~/.openclaw,
 * or the legacy ~/.clawdbot when only it exists. There is no ~/.moltbot in OpenClaw's code.
 */
export function openclawStateDir(home: string, env: Env, fsys: Stat): string {
  if (env.OPENCLAW_STATE_DIR) return envPath(env.OPENCLAW_STATE_DIR, home);
  const base = openclawHome(home, env);
  if (env.OPENCLAW_PROFILE) return path.join(base, `.openclaw-${env.OPENCLAW_PROFILE}`);
  const current = path.join(base, '.openclaw');
  const legacy = path.join(base, '.clawdbot');
  return !exists(fsys, current) && exists(fsys, legacy) ? legacy : current;
}
