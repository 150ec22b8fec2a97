import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LOCKFILE_NAME = 'agentwarden.lock.json';
export const LOCKFILE_VERSION = 1;

export interface LockedSkill {
  source: string;
  /** Directory, `~/`-relative when under home, so a lock reads the same on every machine of a user. */
  path: string;
  version?: string;
  /** sha256 over the sorted `path sha256` lines: changes when any file is added, removed or changed. */
  treeHash: string;
  /** Relative path → sha256 hex, sorted by path. */
  files: Record<string, string>;
}

export interface LockedMcpServer {
  source: string;
  /** The launch line or URL (secrets never: env and headers are hashed, not written). */
  launch: string;
  version?: string;
  /** sha256 of the server's whole configuration (env and headers included). */
  configHash: string;
}

export interface Lockfile {
  lockfileVersion: number;
  skills: Record<string, LockedSkill>;
  mcpServers: Record<string, LockedMcpServer>;
}

const lockSchema = z.object({
  lockfileVersion: z.literal(LOCKFILE_VERSION),
  skills: z.record(
    z.string(),
    z.object({
      source: z.string(),
      path: z.string(),
      version: z.string().optional(),
      treeHash: z.string(),
      files: z.record(z.string(), z.string()),
    }),
  ),
  mcpServers: z.record(
    z.string(),
    z.object({
      source: z.string(),
      launch: z.string(),
      version: z.string().optional(),
      configHash: z.string(),
    }),
  ),
});

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function treeHash(files: Record<string, string>): string {
  return `sha256-${sha256(
    Object.keys(files)
      .sort()
      .map((p) => `${p} ${files[p]}\n`)
      .join(''),
  )}`;
}

/** JSON with keys sorted at every level, so locks diff cleanly in review. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
    );
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export type ParsedLock = { ok: true; lock: Lockfile } | { ok: false; error: string };

export function parseLockfile(text: string): ParsedLock {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'lockfile'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, lock: parsed.data as Lockfile };
}

export interface Drift {
  kind: 'added' | 'removed' | 'changed';
  /** `skill <key>` or `mcp <key>`, then the file for file-level drift. */
  what: string;
  detail: string;
}

/** Every difference between the lock and what is installed now, in a stable order. */
export function diffLocks(locked: Lockfile, current: Lockfile): Drift[] {
  const out: Drift[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys(locked.skills, current.skills)) {
    const was = locked.skills[key];
    const now = current.skills[key];
    const what = `skill ${key}`;
    if (!was && now)
      out.push({
        kind: 'added',
        what,
        detail: `new skill at ${now.path} (${Object.keys(now.files).length} files)`,
      });
    else if (was && !now)
      out.push({ kind: 'removed', what, detail: `no longer installed (was ${was.path})` });
    else if (was && now) {
      if ((was.version ?? '') !== (now.version ?? ''))
        out.push({
          kind: 'changed',
          what,
          detail: `version ${was.version ?? '(none)'} → ${now.version ?? '(none)'}`,
        });
      if (was.source !== now.source)
        out.push({ kind: 'changed', what, detail: `source ${was.source} → ${now.source}` });
      for (const file of keys(was.files, now.files)) {
        const a = was.files[file];
        const b = now.files[file];
        if (a === b) continue;
        const kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
        const detail =
          kind === 'changed'
            ? `sha256 ${a?.slice(0, 12)}… → ${b?.slice(0, 12)}…`
            : kind === 'added'
              ? 'file added'
              : 'file removed';
        out.push({ kind, what: `${what} ${file}`, detail });
      }
    }
  }
  for (const key of keys(locked.mcpServers, current.mcpServers)) {
    const was = locked.mcpServers[key];
    const now = current.mcpServers[key];
    const what = `mcp ${key}`;
    if (!was && now) out.push({ kind: 'added', what, detail: `new server: ${now.launch}` });
    else if (was && !now)
      out.push({ kind: 'removed', what, detail: `no longer configured (was ${was.launch})` });
    else if (was && now) {
      if (was.launch !== now.launch)
        out.push({ kind: 'changed', what, detail: `launch ${was.launch} → ${now.launch}` });
      else if (was.configHash !== now.configHash)
        out.push({ kind: 'changed', what, detail: 'configuration changed (env, headers or options)' });
    }
  }
  return out;
}
