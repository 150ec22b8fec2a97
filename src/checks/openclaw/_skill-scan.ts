/**
 * The OpenClaw side of skill auditing: which skill directories OpenClaw loads, in its order, and what only
 * OpenClaw's install model makes a risk (downloads without sha256, ClawHub provenance and drift). The code
 * and instruction red flags of every skill are the skills scanner's (src/scanners/skills, reported by
 * skills/dangerous-skill); `scanSkill` is the seam where an OpenClaw-only rule goes.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import type { Severity } from '../../core/severity.js';
import { type SkillFiles, skillsIn } from '../../discover/skills.js';
import { agentScopes, type OpenclawConfig, openclawWorkspace } from './_openclaw.js';

export interface SkillRisk {
  file: string;
  line?: number;
  severity: Severity;
  rule: string;
  message: string;
  evidence?: string;
}

export type SkillScanner = (ctx: AuditContext, skill: SkillFiles) => SkillRisk[];

/** Skill directories in OpenClaw's load order, highest precedence first (docs/tools/skills.md:38-48); bundled skills are not on disk here. */
export function openclawSkillDirs(
  ctx: AuditContext,
  cfg: OpenclawConfig,
): { dir: string; managed: boolean }[] {
  const workspace = openclawWorkspace(ctx, cfg);
  const dirs = [
    { dir: path.join(workspace, 'skills'), managed: false },
    { dir: path.join(workspace, '.agents', 'skills'), managed: false },
    { dir: path.join(ctx.home, '.agents', 'skills'), managed: false },
    { dir: path.join(cfg.stateDir, 'skills'), managed: true },
  ];
  for (const a of agentScopes(cfg).slice(1))
    dirs.push({ dir: path.join(cfg.stateDir, 'agents', a.id, 'agent', 'workshop-skills'), managed: false });
  for (const id of ctx.fs.list(path.join(cfg.stateDir, 'agents')))
    dirs.push({ dir: path.join(cfg.stateDir, 'agents', id, 'agent', 'workshop-skills'), managed: false });
  const extra = cfg.get(['skills', 'load', 'extraDirs']);
  if (Array.isArray(extra))
    for (const d of extra)
      if (typeof d === 'string')
        dirs.push({ dir: path.resolve(cfg.stateDir, d.replace(/^~(?=\/|$)/, ctx.home)), managed: false });
  const seen = new Set<string>();
  return dirs.filter((d) => !seen.has(d.dir) && seen.add(d.dir));
}

export function openclawSkills(
  ctx: AuditContext,
  cfg: OpenclawConfig,
): (SkillFiles & { managed: boolean })[] {
  return openclawSkillDirs(ctx, cfg).flatMap(({ dir, managed }) =>
    skillsIn(ctx, dir).map((s) => ({ ...s, managed })),
  );
}

const DOWNLOAD = /\bkind["']?\s*:\s*["']?download\b/;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * What only OpenClaw's install model makes a risk: a `download` install without `sha256` (OpenClaw then
 * installs whatever the URL serves). Code and instruction red flags are the skills scanner's
 * (skills/dangerous-skill scans OpenClaw's skill dirs with it); this seam adds no second opinion on them.
 */
export const scanSkill: SkillScanner = (ctx, skill) => {
  const read = ctx.fs.readText(skill.skill, { maxBytes: 2 * 1024 * 1024 });
  if (!read.ok) return [];
  const at = read.text.search(DOWNLOAD);
  if (at < 0 || /\bsha256\b/.test(read.text)) return [];
  return [
    {
      file: skill.skill,
      line: lineOf(read.text, at),
      severity: 'medium',
      rule: 'download-without-sha256',
      message: 'SKILL.md installs a download with no sha256, so OpenClaw installs whatever the URL serves',
    },
  ];
};

/** ClawHub provenance of a managed skill: none recorded, or SKILL.md changed since install. */
export function provenanceRisks(ctx: AuditContext, skill: SkillFiles): SkillRisk[] {
  const dir = path.dirname(skill.skill);
  const origin = ['.clawhub', '.clawdhub']
    .map((d) => path.join(dir, d, 'origin.json'))
    .find((f) => ctx.fs.stat(f)?.kind === 'file');
  if (!origin)
    return [
      {
        file: skill.skill,
        severity: 'low',
        rule: 'no-provenance',
        message: 'managed skill has no .clawhub/origin.json: where it came from and what it was is unknown',
      },
    ];
  const read = ctx.fs.readText(origin);
  const skillText = ctx.fs.readText(skill.skill);
  if (!read.ok || !skillText.ok) return [];
  let recorded: unknown;
  try {
    recorded = (JSON.parse(read.text) as { skillFile?: { sha256?: unknown } }).skillFile?.sha256;
  } catch {
    return [];
  }
  if (typeof recorded !== 'string' || recorded.toLowerCase() === sha256(skillText.text)) return [];
  return [
    {
      file: skill.skill,
      line: 1,
      severity: 'high',
      rule: 'drift',
      message:
        'SKILL.md differs from the sha256 recorded in .clawhub/origin.json at install: it was changed afterwards',
    },
  ];
}
