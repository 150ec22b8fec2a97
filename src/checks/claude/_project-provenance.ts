import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';

/**
 * Who could have written the project's text, read from git's own files (no git process): a clone the user
 * has never committed to is someone else's text; a repository the user created or commits to is theirs;
 * a git submodule is a dependency. Without git, unknown.
 */
export type ProjectOrigin =
  | { kind: 'foreign'; why: string }
  | { kind: 'own'; why: string }
  | { kind: 'unknown'; why: string };

const MAX_REFLOG_BYTES = 1024 * 1024;

/** The repository's git directory: `.git`, or where a worktree's `.git` file points. */
function gitDir(ctx: AuditContext): string | undefined {
  const dotGit = path.join(ctx.project, '.git');
  const info = ctx.fs.stat(dotGit);
  if (info?.kind === 'dir') return dotGit;
  if (info?.kind !== 'file') return undefined;
  const read = ctx.fs.readText(dotGit, { maxBytes: 4096 });
  const target = read.ok ? /^gitdir:\s*(.+)$/m.exec(read.text)?.[1]?.trim() : undefined;
  return target ? path.resolve(ctx.project, target) : undefined;
}

/** From HEAD's reflog: how the repository began (clone or init) and whether anyone committed here since. */
export function projectOrigin(ctx: AuditContext): ProjectOrigin {
  return ctx.memo('claude/project-origin', () => {
    const dir = gitDir(ctx);
    if (!dir) return { kind: 'unknown', why: 'not a git repository' };
    const read = ctx.fs.readText(path.join(dir, 'logs', 'HEAD'), { maxBytes: MAX_REFLOG_BYTES });
    if (!read.ok) return { kind: 'unknown', why: 'no git history to tell who wrote it' };
    const messages = read.text
      .split('\n')
      .map((line) => line.slice(line.indexOf('\t') + 1))
      .filter((m) => m !== '');
    const clone = /^clone: from (\S+)/.exec(messages[0] ?? '');
    const committed = messages.some((m) => /^commit(?: \([\w-]+\))?:/.test(m));
    if (clone && !committed)
      return { kind: 'foreign', why: `a clone of ${clone[1]} with no commit made here` };
    return {
      kind: 'own',
      why: clone ? 'a clone you have committed to' : 'a repository created on this machine',
    };
  });
}

/** Paths of git submodules (`.gitmodules`), relative to the project: other projects' text. */
export function submodulePaths(ctx: AuditContext): string[] {
  return ctx.memo('claude/project-submodules', () => {
    const read = ctx.fs.readText(path.join(ctx.project, '.gitmodules'), { maxBytes: 256 * 1024 });
    if (!read.ok) return [];
    return [...read.text.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)].map((m) =>
      (m[1] as string).replace(/\/+$/, ''),
    );
  });
}
