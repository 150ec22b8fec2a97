/**
 * Where OpenClaw's agent workspace and skill directories are, in OpenClaw's load order (shared
 * reference/openclaw REFERENCE.md §6). The one list: the OpenClaw skill checks and the skills scanner's
 * installed-skill discovery both take it from here.
 */
import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
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
