import { findSecrets } from '../scanners/secrets/detect.js';

/**
 * The one masking function: reporters, the activity log and error messages all go through here.
 * Keeps at most a 4-character prefix (enough to tell which key it was) and the length.
 */
export function maskSecret(secret: string): string {
  const keep = secret.length >= 16 ? 4 : 0;
  return `${secret.slice(0, keep)}****[redacted ${secret.length} chars]`;
}

/** Masks every secret the detector finds in free text. */
export function redactText(text: string): string {
  const hits = findSecrets(text, { includePlaceholders: true });
  if (hits.length === 0) return text;
  let out = '';
  let last = 0;
  for (const hit of hits) {
    if (hit.start < last) continue;
    out += text.slice(last, hit.start) + maskSecret(text.slice(hit.start, hit.end));
    last = hit.end;
  }
  return out + text.slice(last);
}
