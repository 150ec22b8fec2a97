/**
 * Secrets in a line-oriented file of any size (transcripts reach gigabytes), read as a stream: memory stays at
 * one block of lines. For a JSON line, each hit also says where inside the object it sits (`message.content[0].text`).
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { lineContaining } from '../../core/text-position.js';
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

/**
 * The file is read in blocks of about this many characters and each block, cut after its last line break, is
 * scanned with one engine call: no per-line strings (a line reader costs as much as the scan itself).
 */
const BLOCK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The text of a block's bytes. Most blocks of a transcript are pure ASCII, where a byte is a character: decoded
 * as Latin-1 (a copy) they give the same string as UTF-8 decoding, which validates and costs 2-3 times more.
 */
function decode(parts: Buffer[]): string {
  const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** Every reportable secret of a file, streamed in blocks of whole lines. Unreadable files give no hits. */
export async function scanFileLines(
  file: string,
  opts: { baseline?: ReadonlySet<string>; limit?: number } = {},
): Promise<{ hits: StreamHit[]; linesWithSecrets: number }> {
  const hits: StreamHit[] = [];
  const limit = opts.limit ?? 1000;
  let linesWithSecrets = 0;
  let firstLine = 1;
  const scanBlock = (block: string) => {
    const found = reportableSecrets(block, {
      ...(opts.baseline && { baseline: opts.baseline }),
      file,
    });
    let lastLine = 0;
    for (const h of found) {
      if (h.line !== lastLine) linesWithSecrets++;
      lastLine = h.line;
      if (hits.length >= limit) continue;
      const jsonPath = jsonPathOf(lineContaining(block, h.start).text, h);
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
    firstLine += countNewlines(block) + 1;
  };
  // Bytes are cut after the last newline of each chunk and decoded there: a newline byte never sits inside a
  // multi-byte UTF-8 sequence, so no character is split (and no streaming decoder is needed). A line longer
  // than a block is carried until its end arrives: memory stays at one block or one line. A secret written over
  // several lines (a PEM block in a plain file) can be cut where a chunk starts or ends, as before, at two places
  // per megabyte; a transcript keeps it inside one JSON line.
  let pending: Buffer[] = [];
  const input = fs.createReadStream(file, { highWaterMark: BLOCK_BYTES });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const cut = chunk.lastIndexOf(NEWLINE);
      if (cut === -1) {
        pending.push(chunk);
        continue;
      }
      if (pending.length === 0) scanBlock(decode([chunk.subarray(0, cut)]));
      else {
        // The line carried over ends at this chunk's first newline and is scanned on its own, so the rest of the
        // chunk is decoded where it lies: joining the two copied a megabyte per block (a tenth of the stream's time).
        const first = chunk.indexOf(NEWLINE);
        pending.push(chunk.subarray(0, first));
        scanBlock(decode(pending));
        if (first < cut) scanBlock(decode([chunk.subarray(first + 1, cut)]));
      }
      pending = cut + 1 < chunk.length ? [chunk.subarray(cut + 1)] : [];
    }
  } catch {
    // a file removed or unreadable mid-stream: report what was read
  }
  const rest = decode(pending);
  if (rest !== '') scanBlock(rest);
  return { hits, linesWithSecrets };
}
