/** Plaintext secrets in an OpenClaw JSON/JSON5 document, each with the path and line that holds it. */
import { type ConfigDocument, isRecord, type JsonPath } from '../../core/document/index.js';
import { type PlaintextSecret, plaintextSecret } from '../../scanners/secrets/key-values.js';

export interface LocatedSecret extends PlaintextSecret {
  path: JsonPath;
  line: number;
  column: number;
}

/**
 * Lowercase words without digits under a secret-looking name are the dummies local providers require
 * ("ollama-local", "copilot-proxy", "lm-studio"), not credentials: 6 of the first real-config findings were these.
 */
const DUMMY = /^[a-z]+(?:[-_][a-z]+)*$/;
/**
 * A whole value that is a reference in some other template syntax (`{env:NAME}`, `{{ name }}`, `$NAME`,
 * `%NAME%`, `<your key>`) names a secret kept elsewhere; seen in real configs written for other tools.
 */
const REFERENCE =
  /^(?:\{env:[A-Za-z_]\w*(?::-[^}]*)?\}|\{\{\s*[\w.]+\s*\}\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|<[^<>]+>)$/;

export function secretsInDocument(
  doc: ConfigDocument,
  skip: (p: JsonPath) => boolean = () => false,
): LocatedSecret[] {
  const out: LocatedSecret[] = [];
  const visit = (value: unknown, p: JsonPath, key: string) => {
    if (skip(p)) return;
    if (typeof value === 'string') {
      const hit = plaintextSecret(key, value);
      const named = hit?.reason === 'secret-looking name';
      if (hit && !(named && (DUMMY.test(value.trim()) || REFERENCE.test(value.trim()))))
        out.push({ ...hit, path: p, ...doc.locate(p) });
    } else if (Array.isArray(value)) for (const [i, v] of value.entries()) visit(v, [...p, i], key);
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) visit(v, [...p, k], k);
  };
  visit(doc.value, [], '');
  return out;
}
