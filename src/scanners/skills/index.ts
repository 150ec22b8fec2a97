export { skillFromBundle } from './bundle.js';
export { type McpReport, scanMcpServer } from './mcp.js';
export { scanSkill } from './scan.js';
export { DEFAULT_ALLOWED_DOMAINS } from './state.js';
export { trustTier } from './trust.js';
export type {
  ScanOptions,
  SkillFile,
  SkillFinding,
  SkillFindingCategory,
  SkillInput,
  SkillReport,
  SkillsConfig,
  TrustTier,
} from './types.js';

import { severityRank } from '../../core/severity.js';
import type { SkillReport } from './types.js';

/** The batch verdict: a skill is flagged when any finding is high or critical (after the trust tier). */
export function isFlagged(report: SkillReport): boolean {
  return report.findings.some((f) => severityRank(f.severity) >= severityRank('high'));
}
