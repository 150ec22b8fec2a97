import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentwardenPaths } from '../core/paths.js';
import { readStateFile } from '../core/safe-read.js';
import type { ActivityEntry } from '../log/activity-log.js';
import type { RespondLimits } from '../policy/policy.js';
import type { AlertConfig } from '../respond/alerts.js';
import { readBudgetOverride } from '../respond/kill/lockdown.js';
import type { Env } from './engine.js';
import type { SpendTotals } from './spend-cache.js';

/**
 * What the respond pillar needs from the machine: spend, a person's budget override, which notices were
 * already given, and alert delivery. Absent from a guard context that records nothing (`guard test`,
 * `guard explain`), so policy tests never depend on today's spend.
 */
export interface RespondContext {
  /** Spend today and this month (USD), from a cache that reads transcripts at most once a minute. */
  spend(limits: RespondLimits): Promise<SpendTotals>;
  /** Until when a person allowed spend over budget (`agentwarden unlock`). */
  budgetOverride(): { untilMs: number } | undefined;
  /** True the first time `key` is given, false after: a budget threshold is announced once. */
  firstNotice(key: string): boolean;
  /** Sends the alerts a logged event raises, in the background: never throws, never delays the answer. */
  alert(entry: ActivityEntry, config: AlertConfig): void;
}

const MAX_NOTICES = 50;
/** Under the hook's deadline; a process with an alert in flight exits when it ends. */
const ALERT_TIMEOUT_MS = 1500;

/** The respond context of a real process: files in agentwarden's state dir, the webhook over the network. */
export function hostRespondContext(o: {
  home: string;
  env: Env;
  paths: AgentwardenPaths;
  now(): Date;
}): RespondContext {
  const { stateDir } = o.paths;
  const noticesFile = path.join(stateDir, 'budget-notices.json');
  return {
    spend: async (limits) => {
      try {
        // Loaded only with a budget in the policy: the transcript readers are not on every call's path.
        const { cachedSpend } = await import('./spend-cache.js');
        return cachedSpend({
          home: o.home,
          env: o.env,
          stateDir,
          now: o.now(),
          priceOverrides: limits.prices,
        });
      } catch {
        // An unwritable state dir must not deny every call: budgets limit cost, they are not a trust boundary.
        return { todayUSD: 0, monthUSD: 0, complete: false };
      }
    },
    budgetOverride: () => readBudgetOverride(stateDir),
    firstNotice: (key) => {
      let given: string[] = [];
      try {
        const read = readStateFile(noticesFile, 64 * 1024);
        const value: unknown = read.status === 'found' ? JSON.parse(read.text) : [];
        if (Array.isArray(value)) given = value.filter((k): k is string => typeof k === 'string');
      } catch {
        // none given yet
      }
      if (given.includes(key)) return false;
      try {
        fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
        const tmp = `${noticesFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify([...given, key].slice(-MAX_NOTICES)), { mode: 0o600 });
        fs.renameSync(tmp, noticesFile);
      } catch {
        // Unwritable state: the notice may repeat, which is better than never giving it.
      }
      return true;
    },
    alert: (entry, config) => {
      // Loaded only when a webhook is configured: without one, nothing of the alert code runs.
      void import('../respond/alerts.js')
        .then(({ alertOnEvent }) =>
          alertOnEvent(entry, { config, env: o.env, stateDir, timeoutMs: ALERT_TIMEOUT_MS }),
        )
        .catch(() => undefined);
    },
  };
}
