import { parseSince, SINCE_FORMS } from '../core/since.js';
import { UsageError } from './errors.js';

/** `--since` of `log` and `spend`, or a usage error naming what it accepts. */
export function sinceOption(text: string, now: Date): Date {
  const since = parseSince(text, now);
  if (!since) throw new UsageError(`--since ${text}: expected ${SINCE_FORMS}`);
  return since;
}
