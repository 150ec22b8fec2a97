/**
 * One place that decides how hard every fuzz/property test in test/fuzz pushes.
 *
 * `npm test` runs each property with a fixed seed and a small run count, so CI is reproducible and the whole suite
 * stays well under a minute. `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_FULL=1: each property runs its full count
 * (the sizes: 300 homes, 1,000 payloads). `npm run fuzz -- --seed S --minutes M` also sets FUZZ_SEED and
 * FUZZ_MINUTES: each property then runs for up to M minutes with seed S, and a failure names the seed and path to
 * replay it.
 */

const DEFAULT_SEED = 1616;

export interface FuzzParams {
  seed: number;
  numRuns: number;
  /** Only set on long runs: fast-check stops starting new runs after this many milliseconds. */
  interruptAfterTimeLimit?: number;
  /** Long runs end by the time limit, which is not a failure. */
  markInterruptAsFailure?: false;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function fuzzSeed(): number {
  return Math.trunc(envNumber('FUZZ_SEED') ?? DEFAULT_SEED);
}

/** Minutes each property may run for, when asked for a long run; undefined in the ordinary test run. */
export function fuzzMinutes(): number | undefined {
  const minutes = envNumber('FUZZ_MINUTES');
  return minutes !== undefined && minutes > 0 ? minutes : undefined;
}

/**
 * Parameters for `fc.assert(property, fuzzParams(n, full))`: `n` runs with the fixed seed in `npm test`, `full`
 * runs under `npm run fuzz`, or as many runs as fit in FUZZ_MINUTES on a long run.
 */
export function fuzzParams(ciRuns: number, fullRuns = ciRuns): FuzzParams {
  const seed = fuzzSeed();
  const minutes = fuzzMinutes();
  if (minutes === undefined) return { seed, numRuns: process.env.FUZZ_FULL === '1' ? fullRuns : ciRuns };
  return {
    seed,
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: Math.round(minutes * 60_000),
    markInterruptAsFailure: false,
  };
}

/** The vitest timeout for one property test: generous in CI, the long-run budget plus slack otherwise. */
export function fuzzTestTimeout(ciTimeoutMs = 60_000): number {
  const minutes = fuzzMinutes();
  if (minutes === undefined) return process.env.FUZZ_FULL === '1' ? 4 * 3_600_000 : ciTimeoutMs;
  return Math.round(minutes * 60_000) + 120_000;
}
