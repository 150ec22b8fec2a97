import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';
import { stateFiles } from './secret-in-state.js';

const MAX_DAYS = 14;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** OpenClaw durations: a number of milliseconds or `12h`, `30d`, `2w`. */
function durationMs(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(v) : null;
  return m ? Number(m[1]) * (UNIT_MS[m[2] as string] as number) : undefined;
}

export default defineCheck({
  id: 'openclaw/retention',
  severity: 'medium',
  seedRefs: ['OC-L3', 'CS-7'],
  frameworks: ['OWASP-LLM02'],
  title: 'OpenClaw keeps transcripts and logs longer than 14 days',
  docs: {
    why:
      'Transcripts and logs hold everything the agent saw: messages, tool output, pasted secrets. The seed ' +
      'asks for retention limits; what is not kept cannot leak. OpenClaw archives sessions after 30 days by ' +
      'default and only when session.maintenance.mode is "enforce"; its logs in /tmp/openclaw are never pruned.',
    fix:
      'Set session.maintenance: { mode: "enforce", pruneAfter: "14d" }, delete transcripts and logs older than ' +
      '14 days (e.g. `find ~/.openclaw/agents -name "*.jsonl" -mtime +14 -delete`), and keep logging.level at "info" or quieter.',
  },
  examples: {
    bad: [
      {
        name: 'no session maintenance',
        ...openclawHome("{ channels: { telegram: { dmPolicy: 'pairing' } } }\n"),
      },
      {
        name: 'trace logging',
        ...openclawHome(
          HARDENED_CONFIG.replace(
            'plugins: { allow: [] },',
            "plugins: { allow: [] },\n  logging: { level: 'trace' },",
          ),
        ),
      },
    ],
    good: [{ name: 'enforced 14 days (hardened)', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const mode = cfg.get(['session', 'maintenance', 'mode']);
    const prune = durationMs(cfg.get(['session', 'maintenance', 'pruneAfter'])) ?? 30 * DAY_MS;
    if (mode !== 'enforce' || prune > MAX_DAYS * DAY_MS)
      findings.push({
        message:
          mode !== 'enforce'
            ? 'session.maintenance.mode is not "enforce": old sessions are never archived, only reported.'
            : `session.maintenance.pruneAfter keeps sessions ${Math.round(prune / DAY_MS)} days (policy: ${MAX_DAYS}).`,
        ...at(cfg, ['session', 'maintenance', mode !== 'enforce' ? 'mode' : 'pruneAfter']),
        severity: 'low',
      });
    const level = cfg.get(['logging', 'level']);
    if (level === 'trace' || level === 'debug')
      findings.push({
        message: `logging.level is "${level}": logs record message and tool content, which OpenClaw never prunes from /tmp/openclaw.`,
        ...at(cfg, ['logging', 'level']),
        severity: 'low',
      });
    const cutoff = ctx.now.getTime() - MAX_DAYS * DAY_MS;
    const old = new Map<string, { count: number; oldest: number; what: string }>();
    for (const f of stateFiles(ctx, cfg)) {
      if (f.kind !== 'history') continue;
      const info = ctx.fs.stat(f.file);
      if (!info || info.mtimeMs >= cutoff) continue;
      const dir = path.dirname(f.file);
      const cur = old.get(dir) ?? { count: 0, oldest: info.mtimeMs, what: f.what };
      old.set(dir, { ...cur, count: cur.count + 1, oldest: Math.min(cur.oldest, info.mtimeMs) });
    }
    for (const [dir, { count, oldest, what }] of old)
      findings.push({
        message: `${dir} holds ${count} ${what}(s) older than ${MAX_DAYS} days (oldest ${Math.floor((ctx.now.getTime() - oldest) / DAY_MS)} days).`,
        file: dir,
      });
    return findings;
  },
});
