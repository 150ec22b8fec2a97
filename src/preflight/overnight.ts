import { type Attestation, isExpired } from '../core/attest.js';
import type { Finding } from '../core/finding.js';
import { SEED_ITEMS } from '../core/seed-items.js';
import { type Severity, severityRank } from '../core/severity.js';
import type { NetworkAnswer, WritableAnswer } from './questions.js';

export type OvernightStatus = 'pass' | 'fail' | 'unknown';

export interface OvernightItem {
  id: string;
  title: string;
  status: OvernightStatus;
  /** For a fail: how bad (drives --fail-on). */
  severity?: Severity;
  why: string;
}

/** Seed items a human answer may stand in for, per overnight item (spend caps are attested under CS-3 too). */
const ATTESTED_BY: Readonly<Record<string, string[]>> = {
  'ON-3': ['ON-3'],
  'ON-5': ['ON-5', 'CS-3', 'OC-H3'],
  'ON-6': ['ON-6'],
};

function worst(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>(
    (w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w),
    'info',
  );
}

function fromAttestation(
  ids: string[],
  attestations: readonly Attestation[],
  now: Date,
): Omit<OvernightItem, 'id' | 'title'> {
  const answers = attestations.filter((a) => ids.includes(a.id));
  const current = answers.filter((a) => !isExpired(a, now));
  const no = current.find((a) => a.answer === 'no');
  if (no)
    return { status: 'fail', severity: 'high', why: `answered "no" on ${no.date.slice(0, 10)} (${no.id})` };
  const yes = current.find((a) => a.answer === 'yes');
  if (yes) return { status: 'pass', why: `answered "yes" on ${yes.date.slice(0, 10)} (${yes.id})` };
  if (answers.length > 0)
    return { status: 'unknown', why: `the answer for ${answers[0]?.id} is older than 90 days: ask again` };
  return {
    status: 'unknown',
    why: `no machine can show this: \`agentwarden checklist attest ${ids[0]} --note …\` records your answer`,
  };
}

export interface OvernightInputs {
  findings: readonly Finding[];
  attestations: readonly Attestation[];
  writable: WritableAnswer;
  network: NetworkAnswer;
  now: Date;
}

/** A home-directory-looking source for a bind mount: the host's $HOME shared with the container. */
const HOME_SOURCE = /^\/(?:home\/[^/]+|Users\/[^/]+|root)\/?$/;

function homeWrite(inputs: OvernightInputs): Omit<OvernightItem, 'id' | 'title'> {
  const w = inputs.writable;
  if (w.inContainer) {
    const shared = w.mounts.find((m) => !m.readOnly && HOME_SOURCE.test(m.source));
    return shared
      ? {
          status: 'fail',
          severity: 'high',
          why: `the container mounts ${shared.source} read-write at ${shared.mountPoint}`,
        }
      : { status: 'pass', why: 'in a container with no home directory mounted read-write' };
  }
  const homeWritable = w.dirs.some((d) => d.why.startsWith('home directory'));
  if (homeWritable && !w.claude.sandbox)
    return {
      status: 'fail',
      severity: 'high',
      why: 'on the bare host, the agent’s user owns and can write all of $HOME (no Claude Code sandbox)',
    };
  return w.claude.sandbox
    ? { status: 'pass', why: 'Claude Code’s sandbox confines Bash writes to the project' }
    : { status: 'unknown', why: 'the home directory is not owner-writable, or could not be read' };
}

function controlPlane(inputs: OvernightInputs): Omit<OvernightItem, 'id' | 'title'> {
  const l = inputs.network.listeners;
  if (!l.ok) return { status: 'unknown', why: l.reason };
  const exposed = l.sockets.filter((s) => s.agentPort && s.exposed);
  if (exposed.length === 0)
    return { status: 'pass', why: `no agent port listens beyond loopback (${l.source})` };
  const where = exposed.map((s) => `${s.address}:${s.port}`).join(', ');
  return inputs.writable.inContainer
    ? { status: 'unknown', why: `${where} inside a container: exposed as far as its published ports go` }
    : { status: 'fail', severity: 'critical', why: `${where} listens beyond loopback` };
}

/** The seed's overnight checklist, answered from the machine where it can be, from human answers where not. */
export function overnightChecklist(inputs: OvernightInputs): OvernightItem[] {
  const byItem = (id: string) => inputs.findings.filter((f) => f.seedRefs.includes(id));
  return SEED_ITEMS.filter((i) => i.id.startsWith('ON-')).map((item) => {
    const fired = byItem(item.id);
    let answer: Omit<OvernightItem, 'id' | 'title'>;
    if (item.id === 'ON-1')
      answer = fired.length
        ? { status: 'fail', severity: worst(fired), why: fired[0]?.message ?? '' }
        : homeWrite(inputs);
    else if (item.id === 'ON-2')
      answer = fired.length
        ? {
            status: 'fail',
            severity: worst(fired),
            why: `${fired.length} secret(s) in logs the agent can read, e.g. ${fired[0]?.file ?? fired[0]?.message}`,
          }
        : { status: 'pass', why: 'no secret found in the Claude Code history and logs agentwarden reads' };
    else if (item.id === 'ON-4') answer = controlPlane(inputs);
    else answer = fromAttestation(ATTESTED_BY[item.id] ?? [item.id], inputs.attestations, inputs.now);
    return { id: item.id, title: item.title.replace(/^Overnight: /, ''), ...answer };
  });
}
