import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
import { withoutNuls } from '../core/decode.js';
import { type FileRead, walkFiles } from '../core/files.js';
import { claudeConfigDir } from '../core/paths.js';
import { isDir, listed, SKIP_DIRS, skillsIn } from './skills.js';

/**
 * Where Claude Code keeps the text it loads as instructions or context (memory files, skills, slash
 * commands, subagents, plugins, auto-memory), for the user and the project. REFERENCE.md §8.
 */
export type ClaudeContentKind =
  /** CLAUDE.md, .claude/CLAUDE.md, ~/.claude/CLAUDE.md, managed CLAUDE.md, nested CLAUDE.md */
  | 'claude-md'
  | 'claude-local-md'
  /** .claude/rules/*.md: loaded like CLAUDE.md */
  | 'rules'
  /** auto-memory under <config>/projects/<enc>/memory/ */
  | 'memory'
  /** a file a memory file pulls in with `@path` (loaded with it, up to 5 hops) */
  | 'import'
  | 'skill'
  /** a file bundled in a skill's directory beside SKILL.md */
  | 'skill-file'
  | 'command'
  | 'agent';

export type ClaudeContentScope = 'user' | 'project' | 'plugin' | 'managed';

export interface ClaudeContentFile {
  /** Absolute path. */
  path: string;
  kind: ClaudeContentKind;
  scope: ClaudeContentScope;
  /** For skill and skill-file: the skill's SKILL.md. */
  skill?: string;
}

/** Only this much of an instruction file is read (no real CLAUDE.md or skill is this big). */
export const MAX_INSTRUCTION_BYTES = 4 * 1024 * 1024;

/** Claude Code's project key: every char outside [a-zA-Z0-9] becomes `-` (REFERENCE.md §8). */
export function encodeProjectPath(project: string): string {
  const enc = project.replace(/[^a-zA-Z0-9]/g, '-');
  return enc.length > 200 ? enc.slice(0, 200) : enc;
}

function markdownIn(ctx: AuditContext, dir: string, recursive: boolean): string[] {
  if (!isDir(ctx, dir)) return [];
  const rels = recursive
    ? walkFiles(ctx.fs, dir, { maxDepth: 4, maxFiles: 500, skipDirs: SKIP_DIRS })
    : ctx.fs.list(dir).filter((n) => ctx.fs.stat(path.join(dir, n))?.kind !== 'dir');
  return rels.filter((r) => r.toLowerCase().endsWith('.md')).map((r) => path.join(dir, r));
}

function claudeSkillsIn(
  ctx: AuditContext,
  skillsDir: string,
  scope: ClaudeContentScope,
): ClaudeContentFile[] {
  return skillsIn(ctx, skillsDir).flatMap(({ skill, bundled }) => [
    { path: skill, kind: 'skill' as const, scope, skill },
    ...bundled.map((p) => ({ path: p, kind: 'skill-file' as const, scope, skill })),
  ]);
}

/** skills/, commands/ and agents/ below a config root (~/.claude, .claude, or a plugin's root). */
function extensionsIn(ctx: AuditContext, root: string, scope: ClaudeContentScope): ClaudeContentFile[] {
  return [
    ...claudeSkillsIn(ctx, path.join(root, 'skills'), scope),
    ...markdownIn(ctx, path.join(root, 'commands'), true).map((p) => ({
      path: p,
      kind: 'command' as const,
      scope,
    })),
    ...markdownIn(ctx, path.join(root, 'agents'), true).map((p) => ({
      path: p,
      kind: 'agent' as const,
      scope,
    })),
  ];
}

/** Plugin roots: any directory under <config>/plugins holding a skills/, commands/ or agents/ folder. */
function pluginRoots(ctx: AuditContext, pluginsDir: string): string[] {
  if (!isDir(ctx, pluginsDir)) return [];
  const roots = new Set<string>();
  for (const rel of walkFiles(ctx.fs, pluginsDir, { maxDepth: 9, maxFiles: 5000, skipDirs: SKIP_DIRS })) {
    const parts = rel.split('/');
    const at = parts.findIndex(
      (p, i) => i < parts.length - 1 && ['skills', 'commands', 'agents'].includes(p),
    );
    if (at >= 0) roots.add(path.join(pluginsDir, ...parts.slice(0, at)));
  }
  return [...roots].sort();
}

function discover(ctx: AuditContext): ClaudeContentFile[] {
  const cfg = claudeConfigDir(ctx.home, ctx.env);
  const files: ClaudeContentFile[] = [];
  const add = (file: string, kind: ClaudeContentKind, scope: ClaudeContentScope) => {
    if (listed(ctx, file)) files.push({ path: file, kind, scope });
  };

  if (ctx.platform === 'linux') {
    add(path.join(ctx.systemRoot, 'etc', 'claude-code', 'CLAUDE.md'), 'claude-md', 'managed');
  } else if (ctx.platform === 'darwin') {
    add(
      path.join(ctx.systemRoot, 'Library', 'Application Support', 'ClaudeCode', 'CLAUDE.md'),
      'claude-md',
      'managed',
    );
  }

  add(path.join(cfg, 'CLAUDE.md'), 'claude-md', 'user');
  for (const p of markdownIn(ctx, path.join(cfg, 'rules'), true))
    files.push({ path: p, kind: 'rules', scope: 'user' });
  files.push(...extensionsIn(ctx, cfg, 'user'));
  for (const root of pluginRoots(ctx, path.join(cfg, 'plugins')))
    files.push(...extensionsIn(ctx, root, 'plugin'));
  for (const p of markdownIn(
    ctx,
    path.join(cfg, 'projects', encodeProjectPath(ctx.project), 'memory'),
    false,
  ))
    files.push({ path: p, kind: 'memory', scope: 'user' });

  // When the project is the home directory its .claude is the user's: the de-duplication below keeps one.
  add(path.join(ctx.project, 'CLAUDE.md'), 'claude-md', 'project');
  add(path.join(ctx.project, 'CLAUDE.local.md'), 'claude-local-md', 'project');
  add(path.join(ctx.project, '.claude', 'CLAUDE.md'), 'claude-md', 'project');
  const projectClaude = path.join(ctx.project, '.claude');
  for (const p of markdownIn(ctx, path.join(projectClaude, 'rules'), true))
    files.push({ path: p, kind: 'rules', scope: 'project' });
  files.push(...extensionsIn(ctx, projectClaude, 'project'));
  for (const rel of walkFiles(ctx.fs, ctx.project, { maxDepth: 6, maxFiles: 5000, skipDirs: SKIP_DIRS })) {
    if (!rel.includes('/')) continue;
    const name = path.basename(rel);
    if (name === 'CLAUDE.md' && rel !== '.claude/CLAUDE.md' && !rel.startsWith('.claude/'))
      files.push({ path: path.join(ctx.project, rel), kind: 'claude-md', scope: 'project' });
    else if (name === 'CLAUDE.local.md')
      files.push({ path: path.join(ctx.project, rel), kind: 'claude-local-md', scope: 'project' });
  }
  const seen = new Set<string>();
  const unique = files.filter((f) => !seen.has(f.path) && seen.add(f.path));
  return [...unique, ...importsOf(ctx, unique, seen)];
}

/** Claude Code follows `@path` imports in memory files this many hops deep. */
const MAX_IMPORT_DEPTH = 5;
const MEMORY_KINDS: readonly ClaudeContentKind[] = ['claude-md', 'claude-local-md', 'rules', 'memory'];

/** `@path` imports of a memory file, outside code blocks and code spans (where Claude Code ignores them). */
function memoryImports(text: string): string[] {
  const prose = text.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/(?:^|\s)@((?:~\/|\.{1,2}\/|\/)?[\w.-][^\s]*)/g)].map((m) => m[1] as string);
}

/** Files the memory files import, transitively; `seen` (paths already listed) is extended. */
function importsOf(ctx: AuditContext, files: ClaudeContentFile[], seen: Set<string>): ClaudeContentFile[] {
  const out: ClaudeContentFile[] = [];
  let level = files.filter((f) => MEMORY_KINDS.includes(f.kind));
  for (let depth = 1; depth <= MAX_IMPORT_DEPTH && level.length > 0; depth++) {
    const next: ClaudeContentFile[] = [];
    for (const file of level) {
      const read = readContentFile(ctx, file.path);
      if (!read.ok) continue;
      for (const target of memoryImports(read.text)) {
        const abs = target.startsWith('~/')
          ? path.join(ctx.home, target.slice(2))
          : path.resolve(path.dirname(file.path), target);
        if (seen.has(abs) || ctx.fs.stat(abs)?.kind !== 'file') continue;
        seen.add(abs);
        next.push({ path: abs, kind: 'import', scope: file.scope });
      }
    }
    out.push(...next);
    level = next;
  }
  return out;
}

/** Every Claude Code instruction/context file of this user and project; shared by the content checks. */
export function claudeContentFiles(ctx: AuditContext): ClaudeContentFile[] {
  return ctx.memo('claude-content:files', () => discover(ctx));
}

/**
 * Reads an instruction file once per audit, as the model would get it: decoded whatever its encoding, with
 * NUL bytes dropped (see core/decode.ts), and only its first MAX_INSTRUCTION_BYTES when larger (`truncated`,
 * reported by claude/instructions-unreadable). Checks share the result.
 */
export function readContentFile(ctx: AuditContext, file: string): FileRead {
  return ctx.memo(`claude-content:read:${file}`, () => {
    const read = ctx.fs.readText(file, { maxBytes: MAX_INSTRUCTION_BYTES, lenient: true });
    return read.ok ? { ...read, text: withoutNuls(read.text) } : read;
  });
}

/** `~/.claude/history.jsonl`: one `{display, pastedContents, …}` per prompt typed. */
export function claudeHistoryFile(ctx: AuditContext): string {
  return path.join(claudeConfigDir(ctx.home, ctx.env), 'history.jsonl');
}
