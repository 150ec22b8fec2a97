import { allChecks } from '../checks/index.js';
import { readAttestations } from '../core/attest.js';
import type { AuditContext } from '../core/context.js';
import type { Finding } from '../core/finding.js';
import { agentwardenPaths } from '../core/paths.js';
import { runAudit } from '../core/run-audit.js';
import { type Severity, severityRank } from '../core/severity.js';
import { type OvernightItem, overnightChecklist } from './overnight.js';
import {
  type CredentialsAnswer,
  credentialsAnswer,
  type NetworkAnswer,
  networkAnswer,
  type ToolsAnswer,
  toolsAnswer,
  type WritableAnswer,
  writableAnswer,
} from './questions.js';

/** The seed's pre-session verification [SP-3], answered from the machine (JSON: `preflight --format json`). */
export interface PreflightAnswer {
  schemaVersion: 1;
  target: { home: string; project: string; host: string };
  writable: WritableAnswer;
  network: NetworkAnswer;
  credentials: CredentialsAnswer;
  tools: ToolsAnswer;
  overnight: OvernightItem[];
  /** Audit findings at low or above: what the answers should make the user (or agent) pause on. */
  concerns: Finding[];
  /** Set when the attestation file could not be read (answers then count as missing). */
  attestationProblem?: string;
}

export async function runPreflight(ctx: AuditContext, host: string): Promise<PreflightAnswer> {
  const audit = await runAudit(ctx, allChecks);
  const concerns = audit.findings
    .filter((f) => severityRank(f.severity) >= severityRank('low'))
    .map(({ fixPlans: _omit, ...f }) => f);
  const read = readAttestations(agentwardenPaths(ctx.home, ctx.env).attestations);
  const writable = writableAnswer(ctx);
  const network = await networkAnswer(ctx);
  const overnight = overnightChecklist({
    findings: audit.findings,
    attestations: read.ok ? read.attestations : [],
    writable,
    network,
    now: ctx.now,
  });
  return {
    schemaVersion: 1,
    target: { home: ctx.home, project: ctx.project, host },
    writable,
    network,
    credentials: credentialsAnswer(ctx),
    tools: toolsAnswer(ctx),
    overnight,
    concerns,
    ...(!read.ok && { attestationProblem: read.error }),
  };
}

/** Whether anything in the answer is at or above the threshold (concerns and failed overnight items). */
export function reachesThreshold(answer: PreflightAnswer, threshold: Severity): boolean {
  const rank = severityRank(threshold);
  return (
    answer.concerns.some((f) => severityRank(f.severity) >= rank) ||
    answer.overnight.some((o) => o.status === 'fail' && severityRank(o.severity ?? 'high') >= rank)
  );
}
