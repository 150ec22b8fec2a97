/**
 * Where OpenClaw's agent workspace and skill directories are, in OpenClaw's load order (shared
 * reference/openclaw REFERENCE.md §6). The one list: the OpenClaw skill checks and the skills scanner's
 * installed-skill discovery both take it from here.
 */
import * as path from 'node:path';
import { type AuditContext, systemPath } from '../core/context.js';
import { isRecord } from '../core/document/index.js';
import type { OpenclawConfig } from './openclaw.js';

/** Which layer of OpenClaw's skill loading a directory belongs to. */
export type OpenclawSkillOrigin = 'workspace' | 'user' | 'managed' | 'agent' | 'extra';

export interface OpenclawSkillDir {
  dir: string;
  origin: OpenclawSkillOrigin;
}

/** A path from the config: `~` is the home, a relative path is taken from the state dir. */
function configPath(ctx: AuditContext, cfg: OpenclawConfig, p: string): string {
  return path.resolve(cfg.stateDir, p.replace(/^~(?=\/|$)/, ctx.home));
}

/** The default agent workspace (SOUL.md, AGENTS.md, workspace skills): agents.defaults.workspace or <state>/workspace. */
export function openclawWorkspace(ctx: AuditContext, cfg: OpenclawConfig): string {
  const setting = cfg.get(['agents', 'defaults', 'workspace']);
  return typeof setting === 'string' ? configPath(ctx, cfg, setting) : path.join(cfg.stateDir, 'workspace');
}

/** Every agent workspace the config names: the default one, then each agent's own `workspace` setting. */
export function openclawWorkspaces(ctx: AuditContext, cfg: OpenclawConfig): string[] {
  const out = [openclawWorkspace(ctx, cfg)];
  const add = (agent: unknown) => {
    if (isRecord(agent) && typeof agent.workspace === 'string')
      out.push(configPath(ctx, cfg, agent.workspace));
  };
  const entries = cfg.get(['agents', 'entries']);
  if (isRecord(entries)) for (const agent of Object.values(entries)) add(agent);
  const list = cfg.get(['agents', 'list']);
  if (Array.isArray(list)) for (const agent of list) add(agent);
  return [...new Set(out)];
}

/** Agent ids the config names (agents.entries keys, agents.list ids) and those with a dir under <state>/agents. */
function agentIds(ctx: AuditContext, cfg: OpenclawConfig): string[] {
  const ids: string[] = [];
  const entries = cfg.get(['agents', 'entries']);
  if (isRecord(entries)) ids.push(...Object.keys(entries));
  const list = cfg.get(['agents', 'list']);
  if (Array.isArray(list))
    list.forEach((a, i) => {
      ids.push(isRecord(a) && typeof a.id === 'string' ? a.id : `#${i}`);
    });
  ids.push(...ctx.fs.list(path.join(cfg.stateDir, 'agents')));
  return ids;
}

/**
 * Skill directories in OpenClaw's load order, highest precedence first (docs/tools/skills.md:38-48):
 * `<workspace>/skills`, `<workspace>/.agents/skills`, `~/.agents/skills`, `<state>/skills` (managed), each
 * agent's `workshop-skills`, then `skills.load.extraDirs`. Bundled skills ship inside OpenClaw: not listed.
 */
export function openclawSkillDirs(ctx: AuditContext, cfg: OpenclawConfig): OpenclawSkillDir[] {
  const workspace = openclawWorkspace(ctx, cfg);
  const dirs: OpenclawSkillDir[] = [
    { dir: path.join(workspace, 'skills'), origin: 'workspace' },
    { dir: path.join(workspace, '.agents', 'skills'), origin: 'workspace' },
    { dir: path.join(ctx.home, '.agents', 'skills'), origin: 'user' },
    { dir: path.join(cfg.stateDir, 'skills'), origin: 'managed' },
  ];
  for (const id of agentIds(ctx, cfg))
    dirs.push({ dir: path.join(cfg.stateDir, 'agents', id, 'agent', 'workshop-skills'), origin: 'agent' });
  const extra = cfg.get(['skills', 'load', 'extraDirs']);
  if (Array.isArray(extra))
    for (const d of extra)
      if (typeof d === 'string') dirs.push({ dir: configPath(ctx, cfg, d), origin: 'extra' });
  const seen = new Set<string>();
  return dirs.filter((d) => !seen.has(d.dir) && seen.add(d.dir));
}

/** Global npm prefixes OpenClaw is installed under when its `openclaw` command is not on PATH. */
const GLOBAL_MODULES = [
  '/usr/local/lib/node_modules',
  '/usr/lib/node_modules',
  '/opt/homebrew/lib/node_modules',
];

/**
 * The skills OpenClaw ships (docs/tools/skills.md: "bundled and custodian skills", layer 6): the directory in
 * OPENCLAW_BUNDLED_SKILLS_DIR, else `skills/` and `custodian-skills/` of the installed package, found from the
 * `openclaw` command on PATH (following its link into node_modules) or a global npm prefix. Kept apart from
 * openclawSkillDirs: they are OpenClaw's own (the official trust tier), not the user's.
 */
export function openclawBundledSkillDirs(ctx: AuditContext): string[] {
  const override = ctx.env.OPENCLAW_BUNDLED_SKILLS_DIR?.trim();
  if (override) return [override];
  const roots: string[] = [];
  for (const bin of (ctx.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const real = ctx.fs.realpath(path.join(bin, 'openclaw'));
    if (real === undefined) continue;
    // node_modules/openclaw/openclaw.mjs (npm's link), or <prefix>/bin/openclaw beside <prefix>/lib/node_modules.
    roots.push(path.dirname(real), path.join(path.dirname(bin), 'lib', 'node_modules', 'openclaw'));
  }
  roots.push(
    path.join(ctx.home, '.npm-global', 'lib', 'node_modules', 'openclaw'),
    ...GLOBAL_MODULES.map((m) => systemPath(ctx, path.join(m, 'openclaw'))),
  );
  const out: string[] = [];
  for (const root of roots) {
    if (ctx.fs.stat(path.join(root, 'package.json'))?.kind !== 'file') continue;
    for (const name of ['skills', 'custodian-skills']) {
      const dir = path.join(root, name);
      if (ctx.fs.stat(dir)?.kind === 'dir' && !out.includes(dir)) out.push(dir);
    }
    if (out.length > 0) break;
  }
  return out;
}
