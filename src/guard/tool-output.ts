import { redactText } from '../core/redact.js';

export interface RedactedValue {
  value: unknown;
  /** How many strings had a secret masked. */
  redactedStrings: number;
}

const MAX_DEPTH = 64;

/**
 * Masks secrets in every string of a tool response, keeping its shape: `updatedToolOutput` replaces the
 * whole output, so Claude Code must get back the same structure with only the secrets changed.
 */
export function redactToolResponse(value: unknown, depth = 0): RedactedValue {
  if (typeof value === 'string') {
    const masked = redactText(value);
    return { value: masked, redactedStrings: masked === value ? 0 : 1 };
  }
  if (typeof value !== 'object' || value === null) return { value, redactedStrings: 0 };
  // Absurd nesting: give up on the shape rather than on the redaction.
  if (depth > MAX_DEPTH) return redactToolResponse(JSON.stringify(value), depth);
  let redactedStrings = 0;
  if (Array.isArray(value)) {
    const out = value.map((item) => {
      const r = redactToolResponse(item, depth + 1);
      redactedStrings += r.redactedStrings;
      return r.value;
    });
    return { value: out, redactedStrings };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const r = redactToolResponse(item, depth + 1);
    redactedStrings += r.redactedStrings;
    out[key] = r.value;
  }
  return { value: out, redactedStrings };
}
