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
import { openclawSkillDirs } from '../../discover/openclaw-skills.js';
import { type SkillFiles, skillsIn } from '../../discover/skills.js';
import type { OpenclawConfig } from './_openclaw.js';

export interface SkillRisk {
  file: string;
  line?: number;
  severity: Severity;
  rule: string;
  message: string;
  evidence?: string;
}

export type SkillScanner = (ctx: AuditContext, skill: SkillFiles) => SkillRisk[];

/** The skills in OpenClaw's skill directories, in its load order; `managed` for ClawHub's `<state>/skills`. */
export function openclawSkills(
  ctx: AuditContext,
  cfg: OpenclawConfig,
): (SkillFiles & { managed: boolean })[] {
  return openclawSkillDirs(ctx, cfg).flatMap(({ dir, origin }) =>
    skillsIn(ctx, dir).map((s) => ({ ...s, managed: origin === 'managed' })),
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
