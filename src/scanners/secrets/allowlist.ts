/**
 * Secrets a user accepts on purpose, so they are not reported again: a baseline of fingerprints (written by a
 * scan) and patterns for known test keys and fixtures. Only findings use it; redaction masks every secret, allowed or not.
 */
export interface SecretAllowlist {
  /** `secretFingerprint` values of accepted secrets. */
  fingerprints?: ReadonlySet<string> | readonly string[];
  /** A secret whose value matches one of these is accepted. */
  patterns?: readonly RegExp[];
}

export function isAllowed(allow: SecretAllowlist, secret: string, hit: { fingerprint: string }): boolean {
  const { fingerprints, patterns } = allow;
  if (
    fingerprints &&
    (isSet(fingerprints) ? fingerprints.has(hit.fingerprint) : fingerprints.includes(hit.fingerprint))
  )
    return true;
  // `search` ignores a global pattern's lastIndex, so one RegExp can be shared across calls.
  return patterns?.some((re) => secret.search(re) !== -1) ?? false;
}

function isSet(v: ReadonlySet<string> | readonly string[]): v is ReadonlySet<string> {
  return !Array.isArray(v);
}
