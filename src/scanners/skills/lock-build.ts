import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { walkFiles } from '../../core/files.js';
import { parseFrontmatter } from '../../core/frontmatter.js';
import {
  type InstalledMcpServer,
  type InstalledSkill,
  installedMcpServers,
  installedName,
  installedSkills,
} from '../../discover/installed-skills.js';
import { launchCommandLine } from '../shell/index.js';
import {
  LOCKFILE_VERSION,
  type LockedMcpServer,
  type LockedSkill,
  type Lockfile,
  sha256,
  stableJson,
  treeHash,
} from './lock.js';
import { versionOf } from './scan.js';

export type ReadBytes = (file: string) => Uint8Array | undefined;

function displayDir(ctx: AuditContext, dir: string): string {
  const rel = path.relative(ctx.home, dir);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel}` : dir;
}

/** One skill's lock entry: every file's sha256 (links out of the skill by their target, unreadable as such). */
export function lockSkill(ctx: AuditContext, skill: InstalledSkill, readBytes: ReadBytes): LockedSkill {
  const files: Record<string, string> = {};
  // A command or subagent is its one file; a skill is its whole directory.
  const rels =
    skill.file !== undefined
      ? [path.basename(skill.file)]
      : walkFiles(ctx.fs, skill.dir, { maxDepth: 6, maxFiles: 5000, skipDirs: ['.git'] }).sort();
  for (const rel of rels) {
    const abs = path.join(skill.dir, rel);
    const bytes = readBytes(abs);
    files[rel] = bytes ? sha256(bytes) : 'unreadable';
  }
  const main = skill.file ?? path.join(skill.dir, 'SKILL.md');
  const skillMd = ctx.fs.readText(main, { maxBytes: 1024 * 1024 });
  const version = skillMd.ok ? versionOf(parseFrontmatter(skillMd.text).data) : undefined;
  return {
    source: skill.source,
    path: displayDir(ctx, skill.file ?? skill.dir),
    ...(version !== undefined ? { version } : {}),
    treeHash: treeHash(files),
    files,
  };
}

export function lockMcpServer(server: InstalledMcpServer): LockedMcpServer {
  const c = server.config;
  const args = Array.isArray(c.args) ? c.args.filter((a): a is string => typeof a === 'string') : [];
  const launch =
    typeof c.command === 'string'
      ? launchCommandLine(c.command, args)
      : typeof c.url === 'string'
        ? c.url.replace(/[?#].*$/, '')
        : '(no command or url)';
  const version = /@(v?\d+\.\d+\.\d+[\w.+-]*)(?:\s|$)/.exec(launch)?.[1] ?? /==(\S+)/.exec(launch)?.[1];
  return {
    source: server.source,
    launch,
    ...(version !== undefined ? { version } : {}),
    configHash: `sha256-${sha256(stableJson(c))}`,
  };
}

/** The lock the installed skills and servers of one scope would have now. */
export function currentLock(ctx: AuditContext, scope: 'project' | 'user', readBytes: ReadBytes): Lockfile {
  const skills: Record<string, LockedSkill> = {};
  for (const s of installedSkills(ctx)) {
    if (s.scope !== scope) continue;
    skills[`${s.source}/${installedName(s)}`] = lockSkill(ctx, s, readBytes);
  }
  const mcpServers: Record<string, LockedMcpServer> = {};
  for (const m of installedMcpServers(ctx)) {
    if (m.scope !== scope) continue;
    mcpServers[`${m.source}/${m.name}`] = lockMcpServer(m);
  }
  return { lockfileVersion: LOCKFILE_VERSION, skills, mcpServers };
}
