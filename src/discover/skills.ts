import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
import { walkFiles } from '../core/files.js';

/** Directories no agent loads instructions from, and that would only slow a walk down. */
export const SKIP_DIRS = [
  'node_modules',
  '.git',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  'build',
  'target',
  'vendor',
];

/** Text a skill may bundle beside SKILL.md (scripts it runs, references it reads). */
const BUNDLED_TEXT = /\.(?:md|txt|sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|ps1|json|ya?ml|toml)$/i;

export interface SkillFiles {
  /** Absolute path of the skill's SKILL.md. */
  skill: string;
  /** Absolute paths of the text files bundled in the skill's directory, SKILL.md excluded. */
  bundled: string[];
}

export function isDir(ctx: AuditContext, dir: string): boolean {
  return ctx.fs.stat(dir)?.kind === 'dir';
}

/** Present in its directory listing (so broken links and link loops are found and reported, not skipped). */
export function listed(ctx: AuditContext, file: string): boolean {
  return ctx.fs.list(path.dirname(file)).includes(path.basename(file));
}

/**
 * The skills in one skills directory (`<dir>/<name>/SKILL.md` with what it bundles): the layout Claude
 * Code and OpenClaw share. Each agent passes its own directories, in its own load order.
 */
export function skillsIn(ctx: AuditContext, skillsDir: string): SkillFiles[] {
  if (!isDir(ctx, skillsDir)) return [];
  const out: SkillFiles[] = [];
  for (const name of ctx.fs.list(skillsDir)) {
    const dir = path.join(skillsDir, name);
    if (!isDir(ctx, dir)) continue;
    const skill = path.join(dir, 'SKILL.md');
    if (!listed(ctx, skill)) continue;
    const bundled = walkFiles(ctx.fs, dir, { maxDepth: 4, maxFiles: 200, skipDirs: SKIP_DIRS })
      .filter((rel) => rel !== 'SKILL.md' && BUNDLED_TEXT.test(rel))
      .map((rel) => path.join(dir, rel));
    out.push({ skill, bundled });
  }
  return out;
}
