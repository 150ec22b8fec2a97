/**
 * Secrets in a line-oriented file of any size (transcripts reach gigabytes), read as a stream: memory stays at
 * one line. For a JSON line, each hit also says where inside the object it sits (`message.content[0].text`).
 */
import * as fs from 'node:fs';
import { createInterface } from 'node:readline';
import { findSecrets, type SecretHit } from './detect.js';
import { reportableSecrets } from './scan.js';

export interface StreamHit {
  line: number;
  column: number;
  ruleId: string;
  masked: string;
  fingerprint: string;
  verified: boolean;
  /** Path of the JSON string value holding the secret, when the line is a JSON object or array. */
  jsonPath?: string;
}

function pathOfSecret(value: unknown, fingerprint: string, at: string): string | undefined {
  if (typeof value === 'string') {
    return findSecrets(value).some((h) => h.fingerprint === fingerprint) ? at : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = pathOfSecret(value[i], fingerprint, `${at}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = pathOfSecret(v, fingerprint, at ? `${at}.${k}` : k);
      if (p) return p;
    }
  }
  return undefined;
}

function jsonPathOf(line: string, hit: SecretHit): string | undefined {
  const c = line.trimStart().charAt(0);
  if (c !== '{' && c !== '[') return undefined;
  try {
    return pathOfSecret(JSON.parse(line), hit.fingerprint, '');
  } catch {
    return undefined;
  }
}

/** Every reportable secret of a file, streamed line by line. Unreadable files give no hits. */
export async function scanFileLines(
  file: string,
  opts: { baseline?: ReadonlySet<string>; limit?: number } = {},
): Promise<{ hits: StreamHit[]; linesWithSecrets: number }> {
  const hits: StreamHit[] = [];
  let linesWithSecrets = 0;
  let lineNo = 0;
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  input.on('error', () => {});
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) {
      lineNo++;
      const found = reportableSecrets(line, { ...(opts.baseline && { baseline: opts.baseline }), file });
      if (found.length === 0) continue;
      linesWithSecrets++;
      for (const h of found) {
        if (hits.length >= (opts.limit ?? 1000)) break;
        const jsonPath = jsonPathOf(line, h);
        hits.push({
          line: lineNo,
          column: h.column,
          ruleId: h.ruleId,
          masked: h.masked,
          fingerprint: h.fingerprint,
          verified: h.verified,
          ...(jsonPath && { jsonPath }),
        });
      }
    }
  } catch {
    // a file removed or unreadable mid-stream: report what was read
  }
  return { hits, linesWithSecrets };
}
