import { createHash } from 'node:crypto';

/**
 * The one masking function: the engine masks every hit with it, and reporters, the activity log and error
 * messages get their text through `redactText`, which uses those hits. Keeps at most a 4-character prefix
 * (enough to tell which key it was) and the length.
 */
export function maskSecret(secret: string): string {
  const keep = secret.length >= 16 ? 4 : 0;
  return `${secret.slice(0, keep)}****[redacted ${secret.length} chars]`;
}

/**
 * A stable name for a secret value, for baselines and allowlists: 16 hex digits of a domain-separated SHA-256.
 * It depends on the value only, not on the rule that found it, so a baseline survives rule changes and the
 * same key found by two rules (or under a secret-looking name) is one entry. It cannot be turned back into
 * the secret, though like any hash it lets someone confirm a guessed weak password: treat it like the masked
 * text (fine in reports and baselines), not as public.
 */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(`agentwarden-secret-v1\0${secret}`).digest('hex').slice(0, 16);
}
