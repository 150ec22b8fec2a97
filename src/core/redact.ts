import { findSecrets } from '../scanners/secrets/detect.js';

/**
 * Masks every secret the engine finds in free text, replacing each with its hit's masked form:
 * reporters, the activity log and error messages all go through here.
 */
export function redactText(text: string): string {
  const hits = findSecrets(text, { includePlaceholders: true });
  if (hits.length === 0) return text;
  let out = '';
  let last = 0;
  for (const hit of hits) {
    out += text.slice(last, hit.start) + hit.masked;
    last = hit.end;
  }
  return out + text.slice(last);
}
