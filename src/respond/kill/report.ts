import type { ActivityRecord } from '../../log/activity-log.js';
import { forEachLine } from '../spend/lines.js';
import type { ChannelsResult } from './channels.js';
import type { AgentContainer } from './containers.js';
import type { ReachableCredential } from './credentials.js';
import type { StopResult } from './processes.js';

/** Tools whose allowed calls change files (Claude Code's names and OpenClaw's). */
const FILE_WRITERS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'write', 'edit', 'apply_patch']);

/**
 * The log entries of the sessions active in the last `windowMs` before `now`. The whole log is streamed,
 * only those sessions' entries kept.
 */
export async function recentSessionEntries(
  logFile: string,
  now: Date,
  windowMs: number,
): Promise<{ entries: ActivityRecord[]; malformed: number; error?: string }> {
  const since = now.getTime() - windowMs;
  const bySession = new Map<string, ActivityRecord[]>();
  const active = new Set<string>();
  let malformed = 0;
  try {
    await forEachLine(logFile, (line) => {
      if (!line.trim()) return;
      let record: ActivityRecord;
      try {
        record = JSON.parse(line) as ActivityRecord;
      } catch {
        malformed++;
        return;
      }
      const at = Date.parse(record.ts);
      if (Number.isNaN(at)) return;
      if (at >= since) active.add(record.session);
      const list = bySession.get(record.session) ?? [];
      list.push(record);
      // Bounded per session: a runaway session must not fill memory; its latest entries matter most.
      if (list.length > 2000) list.shift();
      bySession.set(record.session, list);
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { entries: [], malformed, ...(code !== 'ENOENT' && { error: `${logFile}: ${code}` }) };
  }
  const entries = [...active].flatMap((s) => bySession.get(s) ?? []);
  entries.sort((a, b) => a.ts.localeCompare(b.ts));
  return { entries, malformed };
}

export interface IncidentFacts {
  startedAt: Date;
  reason: string;
  lockfile: string;
  containmentMs: number;
  processes: StopResult[];
  containers: AgentContainer[];
  containerError?: string;
  channels: ChannelsResult;
  credentials: ReachableCredential[];
  log: { file: string; entries: ActivityRecord[]; malformed: number; error?: string };
  dryRun: boolean;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 200);

/** The files the sessions' allowed write calls name (what the guard let through, not proof of a change). */
export function filesChanged(entries: readonly ActivityRecord[]): string[] {
  const files = new Set<string>();
  for (const e of entries)
    if (e.event === 'PreToolUse' && e.verdict === 'allow' && FILE_WRITERS.has(e.tool) && e.summary)
      files.add(e.summary);
  return [...files].sort();
}

export function incidentReport(f: IncidentFacts): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line(`# Incident report: ${f.startedAt.toISOString()}`);
  line();
  if (f.dryRun) line('**Dry run: nothing was stopped, disabled or written except this report.**\n');
  line(`- Reason: ${f.reason}`);
  line(`- Kill switch: \`${f.lockfile}\` (the guard denies every tool call and prompt while it exists)`);
  line(
    `- Containment time: ${(f.containmentMs / 1000).toFixed(2)} s (start to agents stopped and flag written)`,
  );
  line();
  line('## Agents stopped');
  line();
  if (f.processes.length === 0 && f.containers.length === 0)
    line('No agent process or container was running.');
  for (const p of f.processes)
    line(`- pid ${p.pid} (${p.kind}): ${p.outcome} — \`${cell(p.argv.join(' '))}\``);
  for (const c of f.containers)
    line(
      `- container ${c.id.slice(0, 12)} ${c.name} (${c.image}): stopped (restart: \`docker start ${c.id.slice(0, 12)}\`)`,
    );
  if (f.containerError) line(`- containers: ${f.containerError}`);
  line();
  line('## OpenClaw channels');
  line();
  if (!f.channels.file) line('No OpenClaw config found.');
  else {
    if (f.channels.disabled.length)
      line(`- Disabled in ${f.channels.file}: ${f.channels.disabled.join(', ')}`);
    if (f.channels.alreadyOff.length) line(`- Already off: ${f.channels.alreadyOff.join(', ')}`);
    if (f.channels.backup) line(`- Backup: \`${f.channels.backup}\` (undo: copy it back over the config)`);
    if (f.channels.error) line(`- Not changed: ${f.channels.error}`);
    if (!f.channels.disabled.length && !f.channels.error) line('- No channel was enabled.');
  }
  line();
  line('## Credentials the agent could reach: revoke, then rotate');
  line();
  line('Values are never shown. Assume each of these is exposed until the logs below say otherwise.');
  line();
  for (const c of f.credentials) {
    line(`- **${c.provider}** — ${c.where}: \`${cell(c.name)}\``);
    line(`  - revoke: ${c.revoke}`);
    line(`  - rotate: ${c.rotate}`);
  }
  if (f.credentials.length === 0) line('None found.');
  const credentialEvents = f.log.entries.filter((e) => /secret|credential|protected/i.test(e.ruleId));
  if (credentialEvents.length) {
    line();
    line(
      `Credential access attempts in the log: ${credentialEvents.length} (see the timeline, rule ids with secret/credential/protected).`,
    );
  }
  line();
  line('## Files changed in the session(s)');
  line();
  const changed = filesChanged(f.log.entries);
  line(
    'Writes the guard allowed (review them with `git status` / `git diff`; shell commands may have changed more):',
  );
  line();
  for (const file of changed) line(`- \`${cell(file)}\``);
  if (changed.length === 0) line('- none logged');
  line();
  line('## Timeline (sessions active in the last 24 hours, from the activity log)');
  line();
  if (f.log.error) line(`Log not read: ${f.log.error}`);
  else if (f.log.entries.length === 0) line(`No entries in ${f.log.file}.`);
  else {
    line('| time | session | event | tool | verdict | rule | what |');
    line('|---|---|---|---|---|---|---|');
    for (const e of f.log.entries.slice(-500))
      line(
        `| ${e.ts} | ${cell(e.session.slice(0, 8))} | ${cell(e.event)} | ${cell(e.tool)} | ${cell(e.verdict)} | ${cell(e.ruleId)} | ${cell(e.summary)} |`,
      );
    if (f.log.entries.length > 500)
      line(`\n(${f.log.entries.length - 500} earlier entries in ${f.log.file})`);
  }
  if (f.log.malformed)
    line(`\n${f.log.malformed} log line(s) could not be read: run \`agentwarden log verify\`.`);
  line();
  line('## Next steps (seed PR-6)');
  line();
  line('1. Revoke and rotate every credential above, starting with provider API keys and the gateway token.');
  line(
    '2. Review the timeline, the files changed and `git diff`; look for persistence (shell rc files, cron, hooks, skills).',
  );
  line('3. Rebuild the agent’s environment from a clean state before resuming.');
  line(
    '4. Resume: `agentwarden unlock` (a person, outside any agent session), re-enable channels, `docker start` containers.',
  );
  return `${out.join('\n')}\n`;
}
