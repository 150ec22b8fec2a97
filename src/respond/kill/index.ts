import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandRunner } from '../../core/context.js';
import { agentwardenPaths } from '../../core/paths.js';
import { openclawConfigFile } from '../../discover/openclaw.js';
import { appendActivity } from '../../log/activity-log.js';
import { type ChannelsResult, disableOpenclawChannels } from './channels.js';
import { type AgentContainer, findAgentContainers, stopContainers } from './containers.js';
import { type ReachableCredential, reachableCredentials } from './credentials.js';
import { writeLockdown } from './lockdown.js';
import {
  type AgentProcess,
  findAgentProcesses,
  type ProcReader,
  type StopResult,
  stopProcesses,
} from './processes.js';
import { incidentReport, recentSessionEntries } from './report.js';

export interface KillOptions {
  home: string;
  project: string;
  env: Readonly<Record<string, string | undefined>>;
  reason: string;
  dryRun: boolean;
  /** How long agents get to exit after SIGTERM before SIGKILL. */
  graceMs: number;
  /** Who engaged it, for the flag. */
  by: string;
  /** Never signalled: agentwarden itself and the shell that ran it. */
  exclude: ReadonlySet<number>;
  reader: ProcReader;
  signal(pid: number, sig: NodeJS.Signals): void;
  run: CommandRunner;
  now(): Date;
  /** A monotonic clock in ms, for the containment time. */
  clock(): number;
  sleep(ms: number): Promise<void>;
}

export interface KillResult {
  lockfile: string;
  containmentMs: number;
  processes: StopResult[] | AgentProcess[];
  containers: AgentContainer[];
  containerError?: string;
  channels: ChannelsResult;
  credentials: ReachableCredential[];
  report: string;
  /** Where the report was written (not in a dry run). */
  reportFile?: string;
  warnings: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Contains an incident (seed CS-8, PR-6): the lockdown flag first (from then on the guard denies every
 * call), then every agent process and container stopped, OpenClaw's channels switched off (backup kept),
 * the credentials within reach listed with revoke/rotate steps, and an incident report written.
 * Nothing is deleted; every change is named with its undo.
 */
export async function runKill(o: KillOptions): Promise<KillResult> {
  const started = o.now();
  const t0 = o.clock();
  const paths = agentwardenPaths(o.home, o.env);
  const warnings: string[] = [];
  if (!o.dryRun) {
    writeLockdown(paths.lockfile, { reason: o.reason, at: started.toISOString(), by: o.by });
    const logged = appendActivity(paths.activityLog, {
      ts: started.toISOString(),
      session: '',
      event: 'kill',
      tool: '',
      verdict: 'deny',
      ruleId: 'kill-switch',
      reason: o.reason,
      summary: 'agentwarden kill',
    });
    if (!logged.ok) warnings.push(logged.error);
  }
  const agents = findAgentProcesses(o.reader, o.exclude);
  const found = await findAgentContainers(o.run);
  let processes: StopResult[] | AgentProcess[] = agents;
  let containerError = found.error;
  if (!o.dryRun) {
    const [stopped, containers] = await Promise.all([
      stopProcesses(agents, {
        reader: o.reader,
        signal: o.signal,
        graceMs: o.graceMs,
        sleep: o.sleep,
        now: o.clock,
      }),
      stopContainers(o.run, found.containers, Math.ceil(o.graceMs / 1000)),
    ]);
    processes = stopped;
    containerError ??= containers.error;
  }
  const containmentMs = o.clock() - t0;

  const channels = disableOpenclawChannels(openclawConfigFile(o.home, o.env), {
    now: started,
    dryRun: o.dryRun,
  });
  const credentials = reachableCredentials({ home: o.home, project: o.project, env: o.env });
  const log = await recentSessionEntries(paths.activityLog, started, DAY_MS);
  const report = incidentReport({
    startedAt: started,
    reason: o.reason,
    lockfile: paths.lockfile,
    containmentMs,
    processes: processes.map((p) => ('outcome' in p ? p : { ...p, outcome: 'would stop' as const })),
    containers: found.containers,
    ...(containerError && { containerError }),
    channels,
    credentials,
    log: { file: paths.activityLog, ...log },
    dryRun: o.dryRun,
  });
  let reportFile: string | undefined;
  if (!o.dryRun) {
    const dir = path.join(paths.stateDir, 'incidents');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    reportFile = path.join(dir, `incident-${started.toISOString().replace(/[:.]/g, '-')}.md`);
    fs.writeFileSync(reportFile, report, { mode: 0o600, flag: 'wx' });
  }
  return {
    lockfile: paths.lockfile,
    containmentMs,
    processes,
    containers: found.containers,
    ...(containerError && { containerError }),
    channels,
    credentials,
    report,
    ...(reportFile && { reportFile }),
    warnings,
  };
}
