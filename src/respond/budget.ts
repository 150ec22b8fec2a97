import type { RespondLimits } from '../policy/policy.js';

/** How far spend has gone into a budget: alerts at 50 % (the seed's number, CS-3) and 80 %, stop at 100 %. */
export type BudgetLevel = 'none' | 'alert50' | 'alert80' | 'exceeded';

export interface PeriodBudget {
  period: 'daily' | 'monthly';
  spentUSD: number;
  limitUSD: number;
  /** spent / limit */
  fraction: number;
  level: BudgetLevel;
}

export interface BudgetStatus {
  /** The worst level of the two periods. */
  level: BudgetLevel;
  periods: PeriodBudget[];
  /** One line for a deny reason or an alert; empty when level is none. */
  reason: string;
}

const LEVELS: readonly BudgetLevel[] = ['none', 'alert50', 'alert80', 'exceeded'];

function levelOf(fraction: number): BudgetLevel {
  if (fraction >= 1) return 'exceeded';
  if (fraction >= 0.8) return 'alert80';
  if (fraction >= 0.5) return 'alert50';
  return 'none';
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Spend so far today and this month against the policy's budgets. Pure: the caller measures spend. */
export function evaluateBudget(
  spend: { todayUSD: number; monthUSD: number },
  budgets: RespondLimits['budgets'],
  /** A person ran `agentwarden unlock` over the budget: exceeded counts as alert80 until this time. */
  override?: { untilMs: number; nowMs: number },
): BudgetStatus {
  const periods: PeriodBudget[] = [];
  for (const [period, spent, limit] of [
    ['daily', spend.todayUSD, budgets.daily],
    ['monthly', spend.monthUSD, budgets.monthly],
  ] as const) {
    if (limit === undefined || !(limit > 0)) continue;
    const fraction = spent / limit;
    periods.push({ period, spentUSD: spent, limitUSD: limit, fraction, level: levelOf(fraction) });
  }
  const worst = periods.reduce<PeriodBudget | undefined>(
    (a, p) => (!a || LEVELS.indexOf(p.level) > LEVELS.indexOf(a.level) ? p : a),
    undefined,
  );
  let level = worst?.level ?? 'none';
  if (!worst || level === 'none') return { level: 'none', periods, reason: '' };
  const overridden = level === 'exceeded' && override !== undefined && override.nowMs < override.untilMs;
  if (overridden) level = 'alert80';
  const what = `${worst.period} spend ${usd(worst.spentUSD)} of the ${usd(worst.limitUSD)} budget (${Math.floor(worst.fraction * 100)} %)`;
  const reason =
    level === 'exceeded'
      ? `${what}: agent tool calls are denied until the ${worst.period === 'daily' ? 'day' : 'month'} ends or a person runs \`agentwarden unlock\``
      : `${what} reached${overridden ? ' (over budget; a person allowed it with `agentwarden unlock`)' : ''}`;
  return { level, periods, reason };
}
