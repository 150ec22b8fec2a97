import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
import { isRecord } from '../core/document/document.js';
import { walkFiles } from '../core/files.js';
import { claudeConfigDir } from '../core/paths.js';
import { isInside } from '../scanners/shell/paths.js';
import type { SkillFile, SkillInput } from '../scanners/skills/types.js';
import { claudeContentFiles } from './claude-files.js';
import { loadMcpConfig } from './claude-mcp.js';
import { mcpServersAt } from './mcp.js';
import { loadOpenclawConfig } from './openclaw.js';
import { type OpenclawSkillOrigin, openclawBundledSkillDirs, openclawSkillDirs } from './openclaw-skills.js';
import { SKIP_DIRS, skillsIn } from './skills.js';

/** Which agent loads a skill or server, and from where (the lockfile's `source`). */
export type InstallSource =
  | 'claude-user'
  | 'claude-project'
  | 'claude-plugin'
  | 'claude-managed'
  | 'openclaw-workspace'
  | 'openclaw-user'
  | 'openclaw-extra'
  | 'openclaw-bundled'
  | 'path';

export interface InstalledSkill {
  dir: string;
  /**
   * What the agent loads: a skill directory (SKILL.md and its files), or a Claude Code command or subagent,
   * one markdown file (`file`, in `dir`) the agent obeys like a skill's SKILL.md.
   */
  kind: 'skill' | 'command' | 'agent';
  /** The command's or agent's file; absent for a skill. */
  file?: string;
  source: InstallSource;
  /** Who installs it: the project lock holds project skills and servers, the user lock the rest. */
  scope: 'project' | 'user';
}

export interface InstalledMcpServer {
  name: string;
  file: string;
  line: number;
  source: string;
  scope: 'project' | 'user';
  config: Record<string, unknown>;
}

const MAX_SKILL_FILES = 500;
/** Bigger files are listed (and hashed by the lockfile) but not read as text. */
export const MAX_SKILL_TEXT_BYTES = 1024 * 1024;

/**
 * Every skill the agents on this machine load: Claude Code's user, project and plugin skills (through the
 * shared Claude content discovery), and every skill directory OpenClaw loads (discover/openclaw-skills.ts).
 */
export function installedSkills(ctx: AuditContext): InstalledSkill[] {
  return ctx.memo('skills:installed', () => {
    const out: InstalledSkill[] = [];
    for (const f of claudeContentFiles(ctx)) {
      if (f.kind !== 'skill' && f.kind !== 'command' && f.kind !== 'agent') continue;
      const scope = f.scope === 'project' ? 'project' : 'user';
      const dir = path.dirname(f.path);
      const source: InstallSource = `claude-${f.scope}`;
      out.push(
        f.kind === 'skill'
          ? { dir, kind: 'skill', source, scope }
          : { dir, kind: f.kind, file: f.path, source, scope },
      );
    }
    for (const { dir, origin } of openclawSkillDirs(ctx, loadOpenclawConfig(ctx)))
      for (const s of skillsIn(ctx, dir))
        out.push({
          dir: path.dirname(s.skill),
          kind: 'skill',
          source: OPENCLAW_SOURCE[origin],
          scope: 'user',
        });
    for (const dir of openclawBundledSkillDirs(ctx))
      for (const s of skillsIn(ctx, dir))
        out.push({ dir: path.dirname(s.skill), kind: 'skill', source: 'openclaw-bundled', scope: 'user' });
    const seen = new Set<string>();
    return out.filter((s) => {
      const key = s.file ?? s.dir;
      return !seen.has(key) && seen.add(key);
    });
  });
}

/** The lockfile's source for each layer of OpenClaw's skill loading. */
const OPENCLAW_SOURCE: Record<OpenclawSkillOrigin, InstallSource> = {
  workspace: 'openclaw-workspace',
  user: 'openclaw-user',
  managed: 'openclaw-user',
  agent: 'openclaw-user',
  extra: 'openclaw-extra',
};

/** Claude Code and OpenClaw MCP servers, with the scope a lockfile files them under. */
export function installedMcpServers(ctx: AuditContext): InstalledMcpServer[] {
  const out: InstalledMcpServer[] = [];
  for (const s of loadMcpConfig(ctx).servers)
    out.push({
      name: s.name,
      file: s.file,
      line: s.line,
      source: `claude-${s.scope}`,
      scope: s.scope === 'project' ? 'project' : 'user',
      config: s.config,
    });
  const oc = loadOpenclawConfig(ctx);
  for (const src of oc.sources) {
    const base = ['mcp', 'servers'].slice(src.mount.length);
    if (src.mount.some((k, i) => k !== ['mcp', 'servers'][i])) continue;
    for (const s of mcpServersAt(src.doc, src.file, 'openclaw', base))
      if (isRecord(s.config))
        out.push({
          name: s.name,
          file: s.file,
          line: s.line,
          source: 'openclaw',
          scope: 'user',
          config: s.config,
        });
  }
  return out;
}

/**
 * Directories whose skills are the official tier: Anthropic's own marketplace plugins, and the skills
 * OpenClaw ships inside its package.
 */
export function officialSkillDirs(ctx: AuditContext): string[] {
  const plugins = path.join(claudeConfigDir(ctx.home, ctx.env), 'plugins', 'marketplaces');
  return [
    ...['anthropic-agent-skills', 'claude-plugins-official', 'anthropics-skills'].map((m) =>
      path.join(plugins, m),
    ),
    ...openclawBundledSkillDirs(ctx),
  ];
}

/** What the scanner reads of an installed skill, command or subagent. */
export function readInstalled(
  ctx: AuditContext,
  skill: InstalledSkill,
  readBytes?: (file: string) => Uint8Array | undefined,
): SkillInput {
  if (skill.file === undefined) return readSkillDir(ctx, skill.dir, readBytes);
  const main = path.basename(skill.file);
  const read = ctx.fs.readText(skill.file, { maxBytes: MAX_SKILL_TEXT_BYTES });
  const size = ctx.fs.stat(skill.file)?.size ?? 0;
  const file: SkillFile = read.ok
    ? { path: main, text: read.text, size }
    : { path: main, size, problem: read.message.replace(`${skill.file} `, '') };
  return { dir: skill.dir, files: [file], main };
}

/** A lock entry's key and a listing's name: `fmt` for a skill, `commands/review` for a command. */
export function installedName(skill: InstalledSkill): string {
  if (skill.file === undefined) return path.basename(skill.dir);
  const folder = `${path.sep}${skill.kind}s${path.sep}`;
  const at = skill.file.lastIndexOf(folder);
  const rel = at >= 0 ? skill.file.slice(at + folder.length) : path.basename(skill.file);
  return `${skill.kind}s/${rel.split(path.sep).join('/').replace(/\.md$/i, '')}`;
}

/**
 * A skill directory's files for the scanner: text read within a size limit, bytes of images when a byte
 * reader is given, and for a file that resolves outside the skill (a symbolic link) only where it points.
 */
export function readSkillDir(
  ctx: AuditContext,
  dir: string,
  readBytes?: (file: string) => Uint8Array | undefined,
): SkillInput {
  const realDir = ctx.fs.realpath(dir) ?? dir;
  const files: SkillFile[] = [];
  for (const rel of walkFiles(ctx.fs, dir, { maxDepth: 6, maxFiles: MAX_SKILL_FILES, skipDirs: SKIP_DIRS })) {
    const abs = path.join(dir, rel);
    const info = ctx.fs.stat(abs);
    const real = ctx.fs.realpath(abs);
    const size = info?.size ?? 0;
    if (real === undefined || !isInside(real, realDir)) {
      files.push({ path: rel, size, linkTarget: real ?? null });
      continue;
    }
    const read = ctx.fs.readText(abs, { maxBytes: MAX_SKILL_TEXT_BYTES });
    if (read.ok) files.push({ path: rel, text: read.text, size });
    else {
      const bytes = /\.(?:png|jpe?g|gif)$/i.test(rel) ? readBytes?.(abs) : undefined;
      files.push({
        path: rel,
        size,
        problem: read.message.replace(`${abs} `, ''),
        ...(bytes ? { bytes } : {}),
      });
    }
  }
  files.sort((a, b) =>
    a.path === 'SKILL.md' ? -1 : b.path === 'SKILL.md' ? 1 : a.path.localeCompare(b.path),
  );
  return { dir, files };
}
