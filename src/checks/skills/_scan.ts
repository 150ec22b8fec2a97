import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import {
  type InstalledSkill,
  installedSkills,
  officialSkillDirs,
  readInstalled,
} from '../../discover/installed-skills.js';
import { loadShellAnalyzer } from '../../scanners/shell/index.js';
import { loadSkillsConfig } from '../../scanners/skills/config.js';
import { type SkillFinding, type SkillReport, scanSkill } from '../../scanners/skills/index.js';

export interface ScannedSkill {
  skill: InstalledSkill;
  report: SkillReport;
}

/**
 * Every installed skill scanned once per audit (the skills checks share it). An unreadable skills config is
 * reported by the scanner's users as the default config: the audit still runs.
 */
export function scannedSkills(ctx: AuditContext): Promise<ScannedSkill[]> {
  return ctx.memo('skills:scanned', async () => {
    const skills = installedSkills(ctx);
    if (skills.length === 0) return [];
    const loaded = loadSkillsConfig(ctx);
    const config = loaded.ok
      ? loaded.config
      : { organisationSources: [], verifiedSources: [], allowedDomains: [] };
    const analyzer = await loadShellAnalyzer();
    const opts = { analyzer, config, home: ctx.home, officialDirs: officialSkillDirs(ctx) };
    return skills.map((skill) => ({ skill, report: scanSkill(readInstalled(ctx, skill), opts) }));
  });
}

/**
 * Claude Code's own content checks already report these for Claude skills (instruction-injection,
 * malformed-frontmatter, side-effect-skill-model-invocable); the skills checks report them for other agents.
 */
const CLAUDE_CHECKS_COVER = new Set<SkillFinding['category']>([
  'instructions',
  'frontmatter',
  'model-invocation',
]);

export function coveredElsewhere(skill: InstalledSkill, finding: SkillFinding): boolean {
  return skill.source.startsWith('claude-') && CLAUDE_CHECKS_COVER.has(finding.category);
}

const KIND_LABEL = { skill: 'Skill', command: 'Command', agent: 'Subagent' } as const;

export function toRawFinding(
  ctx: AuditContext,
  { skill, report }: ScannedSkill,
  f: SkillFinding,
): RawFinding {
  const shown = path.relative(ctx.home, report.dir).startsWith('..')
    ? report.dir
    : `~/${path.relative(ctx.home, report.dir)}`;
  return {
    file: path.join(report.dir, f.file),
    ...(f.line !== undefined ? { line: f.line } : {}),
    severity: f.severity,
    message: `${KIND_LABEL[skill.kind]} "${report.name}" (${shown}, ${skill.source}, trust: ${report.tier}): ${f.message} [${f.rule}]`,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
  };
}
