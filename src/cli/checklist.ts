import * as os from 'node:os';
import * as path from 'node:path';
import pc from 'picocolors';
import { allChecks } from '../checks/index.js';
import {
  ATTESTATION_ANSWERS,
  type AttestationAnswer,
  expiresOn,
  readAttestations,
  recordAttestation,
} from '../core/attest.js';
import { type ContextOptions, createContext, envForHome } from '../core/context.js';
import {
  type ChecklistRow,
  checklistStatus,
  computeCoverage,
  countByStatus,
  SEED_SECTIONS,
  STATUS_KINDS,
} from '../core/coverage.js';
import { agentwardenPaths } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import { runAudit } from '../core/run-audit.js';
import { GUARD_RULES } from '../policy/rules/index.js';
import type { AttestOptions, ChecklistOptions } from './checklist-command.js';
import { EXIT_OK, UsageError } from './errors.js';
import { existingDir, useColor } from './options.js';

/** What the commands take from the process; tests pass their own. */
export interface ChecklistDeps {
  now: Date;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
  /** Overrides for the audit context (fixture system root, recorded commands). */
  context?: Partial<ContextOptions>;
}

function processDeps(opts: { color?: boolean }): ChecklistDeps {
  return {
    now: new Date(),
    env: process.env,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: useColor(opts, process.stdout),
  };
}

function tildePath(file: string, home: string): string {
  return file.startsWith(home + path.sep) ? `~/${file.slice(home.length + 1)}` : file;
}

/** A note comes from a file anyone could have edited: mask secrets, neutralise control characters. */
function inert(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
  return redactText(text).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

type Colors = ReturnType<typeof pc.createColors>;

function statusLabel(row: ChecklistRow): string {
  const s = row.status;
  switch (s.kind) {
    case 'fail':
      return `fail (${s.findings}, ${s.severity})`;
    case 'attested':
      return s.attestation.answer === 'no' ? 'attested: no' : 'attested';
    default:
      return s.kind;
  }
}

function paintStatus(c: Colors, row: ChecklistRow, label: string): string {
  const s = row.status;
  switch (s.kind) {
    case 'fail':
      return c.red(label);
    case 'pass':
      return c.green(label);
    case 'attested':
      return s.attestation.answer === 'no' ? c.red(label) : c.green(label);
    case 'expired':
    case 'unanswered':
      return c.yellow(label);
    case 'gap':
      return c.magenta(label);
    case 'guarded':
      return c.cyan(label);
  }
}

function detailLines(row: ChecklistRow): string[] {
  const s = row.status;
  switch (s.kind) {
    case 'fail':
      return [`found by ${s.checks.join(', ')} (agentwarden audit shows where)`];
    case 'attested':
    case 'expired': {
      const a = s.attestation;
      const when = a.date.slice(0, 10);
      const lines = [`${a.answer} on ${when}: ${inert(a.note)}`];
      if (s.kind === 'expired')
        lines.push(`older than 90 days; ask again: ${row.item.attest ?? row.item.title}`);
      else lines.push(`valid until ${expiresOn(a).toISOString().slice(0, 10)}`);
      return lines;
    }
    case 'unanswered':
      return [`? ${row.item.attest ?? row.item.title}`];
    case 'pass':
      return [`checked by ${row.checks.join(', ')}`];
    case 'guarded':
      return row.guard ? [`guard: ${row.guard}`] : [];
    default:
      return [];
  }
}

/** The checklist as a table per seed section, each row: id, coverage, status, title. */
export function renderChecklistText(
  rows: readonly ChecklistRow[],
  meta: { home: string; project: string; color: boolean },
): string {
  const c = pc.createColors(meta.color);
  const coverageOf = (r: ChecklistRow) => (r.kinds.length ? r.kinds.join('+') : 'none');
  const idWidth = Math.max(...rows.map((r) => r.item.id.length));
  const covWidth = Math.max('coverage'.length, ...rows.map((r) => coverageOf(r).length));
  const statusWidth = Math.max('status'.length, ...rows.map((r) => statusLabel(r).length));
  const indent = ' '.repeat(2 + idWidth + 2 + covWidth + 2 + statusWidth + 2);
  const out = [
    c.bold(`agentwarden checklist: ${rows.length} seed items`),
    `  home ${meta.home} · project ${tildePath(meta.project, meta.home)}`,
  ];
  for (const [group, title] of Object.entries(SEED_SECTIONS)) {
    const section = rows.filter((r) => r.section === group);
    if (!section.length) continue;
    out.push('', c.bold(`${title} (${group})`));
    out.push(
      c.dim(
        `  ${'id'.padEnd(idWidth)}  ${'coverage'.padEnd(covWidth)}  ${'status'.padEnd(statusWidth)}  item`,
      ),
    );
    for (const row of section) {
      const label = statusLabel(row);
      out.push(
        `  ${row.item.id.padEnd(idWidth)}  ${coverageOf(row).padEnd(covWidth)}  ` +
          `${paintStatus(c, row, label)}${' '.repeat(statusWidth - label.length)}  ${row.item.title}`,
      );
      for (const line of detailLines(row)) out.push(c.dim(`${indent}${line}`));
    }
  }
  const counts = countByStatus(rows);
  out.push(
    '',
    `${STATUS_KINDS.map((k) => `${counts[k]} ${k}`).join(' · ')}`,
    c.dim('Record an answer: agentwarden checklist attest ID --note "what you checked" [--answer no]'),
  );
  return `${out.join('\n')}\n`;
}

export function renderChecklistJson(
  rows: readonly ChecklistRow[],
  meta: { home: string; project: string; attestationsFile: string; now: Date },
): string {
  const items = rows.map((r) => {
    const s = r.status;
    return {
      id: r.item.id,
      section: r.section,
      title: r.item.title,
      coverage: r.kinds,
      checks: r.checks,
      ...(r.guard && { guard: r.guard, guardRules: r.guardRules }),
      ...(r.item.attest && { question: r.item.attest }),
      status: s.kind,
      ...(s.kind === 'fail' && { findings: s.findings, severity: s.severity, firedChecks: s.checks }),
      ...((s.kind === 'attested' || s.kind === 'expired') && {
        attestation: { ...s.attestation, note: inert(s.attestation.note) },
      }),
    };
  });
  const report = {
    schemaVersion: 1,
    generatedAt: meta.now.toISOString(),
    target: { home: meta.home, project: meta.project },
    attestationsFile: meta.attestationsFile,
    items,
    summary: { byStatus: countByStatus(rows) },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export async function runChecklistCommand(
  opts: ChecklistOptions,
  deps: ChecklistDeps = processDeps(opts),
): Promise<number> {
  if (opts.format !== 'text' && opts.format !== 'json') {
    throw new UsageError(`--format ${opts.format}: unknown format (choose from text, json)`);
  }
  const home = existingDir('--home', opts.home ?? os.homedir());
  const project = existingDir('--project', opts.project ?? process.cwd());
  const env = envForHome(deps.env, home, os.homedir());
  const ctx = createContext({ home, project, env, now: deps.now, ...deps.context });
  const run = await runAudit(ctx, allChecks);

  const attestationsFile = agentwardenPaths(home, deps.env).attestations;
  const stored = readAttestations(attestationsFile);
  if (!stored.ok) deps.err(`agentwarden: warning: ${stored.error}; showing no attestations\n`);
  const attestations = stored.ok ? stored.attestations : [];

  const rows = checklistStatus(computeCoverage(allChecks, GUARD_RULES), run.findings, attestations, deps.now);
  deps.out(
    opts.format === 'json'
      ? renderChecklistJson(rows, { home, project, attestationsFile, now: deps.now })
      : renderChecklistText(rows, { home, project, color: deps.color }),
  );
  return EXIT_OK;
}

function isAnswer(value: string): value is AttestationAnswer {
  return (ATTESTATION_ANSWERS as readonly string[]).includes(value);
}

export async function runAttestCommand(
  id: string,
  opts: AttestOptions,
  deps: ChecklistDeps = processDeps({}),
): Promise<number> {
  if (!isAnswer(opts.answer)) throw new UsageError(`--answer ${opts.answer}: choose yes or no`);
  const home = existingDir('--home', opts.home ?? os.homedir());
  const file = agentwardenPaths(home, deps.env).attestations;
  const result = recordAttestation(file, { id, answer: opts.answer, note: opts.note }, deps.now);
  if (!result.ok) throw new UsageError(result.error);
  const a = result.attestation;
  deps.out(
    `agentwarden: recorded ${a.id} = ${a.answer} on ${a.date.slice(0, 10)} in ${tildePath(file, home)}; ` +
      `asked again after ${expiresOn(a).toISOString().slice(0, 10)}\n`,
  );
  return EXIT_OK;
}
