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

/** Lines are scanned in batches of about this many characters: one engine call per batch, not per line. */
const BATCH_CHARS = 1 << 20;

/** Every reportable secret of a file, streamed line by line. Unreadable files give no hits. */
export async function scanFileLines(
  file: string,
  opts: { baseline?: ReadonlySet<string>; limit?: number } = {},
): Promise<{ hits: StreamHit[]; linesWithSecrets: number }> {
  const hits: StreamHit[] = [];
  const limit = opts.limit ?? 1000;
  let linesWithSecrets = 0;
  let batch: string[] = [];
  let batchChars = 0;
  let firstLine = 1;
  const flush = () => {
    if (batch.length === 0) return;
    const found = reportableSecrets(batch.join('\n'), {
      ...(opts.baseline && { baseline: opts.baseline }),
      file,
    });
    let lastLine = 0;
    for (const h of found) {
      if (h.line !== lastLine) linesWithSecrets++;
      lastLine = h.line;
      if (hits.length >= limit) continue;
      const jsonPath = jsonPathOf(batch[h.line - 1] ?? '', h);
      hits.push({
        line: firstLine + h.line - 1,
        column: h.column,
        ruleId: h.ruleId,
        masked: h.masked,
        fingerprint: h.fingerprint,
        verified: h.verified,
        ...(jsonPath && { jsonPath }),
      });
    }
    firstLine += batch.length;
    batch = [];
    batchChars = 0;
  };
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  input.on('error', () => {});
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) {
      batch.push(line);
      batchChars += line.length + 1;
      if (batchChars >= BATCH_CHARS) flush();
    }
  } catch {
    // a file removed or unreadable mid-stream: report what was read
  }
  flush();
  return { hits, linesWithSecrets };
}
