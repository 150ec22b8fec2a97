/**
 * `agentwarden injection scan PATH…|-`: the prompt-injection detector on files, directories, stdin, or
 * `--jsonl` batches (`{id, text}` in, `{id, score, injection, spans}` out, one line per line, in order).
 * Binary, oversized and badly encoded input is reported, never a crash.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../core/finding.js';
import { buildReport } from '../core/report.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { lineStarts, positionAt } from '../core/text-position.js';
import { TOOL_NAME, VERSION } from '../core/version.js';
import type { RuleDoc } from '../reporters/_common.js';
import { renderSarif } from '../reporters/sarif.js';
import { detectInjection, type InjectionSpan, type InjectionVerdict } from '../scanners/injection/detect.js';
import {
  type ClassifierVerdict,
  loadOnnxClassifier,
  type OnnxClassifier,
  OnnxClassifierError,
  withClassifier,
} from '../scanners/injection/onnx.js';
import type { QuotedSpan } from '../scanners/injection/quoted.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors.js';
import { answerJsonlRows } from './jsonl.js';

export interface InjectionScanOptions {
  format?: string;
  jsonl?: boolean;
  /** A user-supplied ONNX text classifier and its WordPiece vocabulary (docs/injection-onnx.md). */
  model?: string;
  vocab?: string;
  modelThreshold?: string;
  modelLabel?: string;
  modelMaxLength?: string;
  /** The classifier's vocabulary is cased: no lower-casing before WordPiece. */
  cased?: boolean;
}

/** Past this, only the first part of a file (or of a JSONL text) is scanned, and the output says so. */
export const MAX_SCAN_BYTES = 8 * 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules']);

interface LocatedSpan extends InjectionSpan {
  line: number;
  column: number;
}

interface LocatedQuote extends QuotedSpan {
  line: number;
  column: number;
}

export interface FileResult {
  file: string;
  score: number;
  injection: boolean;
  spans: LocatedSpan[];
  /** The verdict's reasons, one per kind of evidence, strongest first. */
  reasons: string[];
  /** Quoted text that read like injected instructions and was damped as evidence, not an order. */
  quoted?: LocatedQuote[];
  /** Why the file was not scanned (binary, unreadable). */
  skipped?: string;
  /** What limits the verdict (truncated, invalid UTF-8). */
  notes: string[];
  /** The ONNX classifier's own verdict, when one is configured. */
  classifier?: ClassifierVerdict;
}

/** The detector's verdict, OR'ed with the classifier's when one is configured. */
interface Judged {
  verdict: InjectionVerdict;
  classifier?: ClassifierVerdict;
}

async function judge(text: string, classifier: OnnxClassifier | undefined): Promise<Judged> {
  const verdict = detectInjection(text);
  if (!classifier) return { verdict };
  const c = await classifier.classify(text);
  return { verdict: withClassifier(verdict, classifier.file, c), classifier: c };
}

type Decoded = { ok: true; text: string; notes: string[] } | { ok: false; skipped: string };

/** Text of some bytes: binary is skipped; past the cap, the head is scanned; invalid UTF-8 is decoded leniently. */
export function decodeInput(bytes: Buffer): Decoded {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, skipped: 'binary (NUL bytes)' };
  const notes: string[] = [];
  let head = bytes;
  if (bytes.length > MAX_SCAN_BYTES) {
    head = bytes.subarray(0, MAX_SCAN_BYTES);
    notes.push(
      `larger than ${MAX_SCAN_BYTES / (1024 * 1024)} MB: only the first ${MAX_SCAN_BYTES / (1024 * 1024)} MB were scanned`,
    );
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(head), notes };
  } catch {
    // A cut at the cap can split a character; anything else is really not UTF-8.
    const text = head.toString('utf8');
    if (head === bytes || text.slice(0, -1).includes('\uFFFD'))
      notes.push('invalid UTF-8: scanned with the bad bytes replaced');
    return { ok: true, text, notes };
  }
}

/** A file's result; `judged` is the verdict already computed (with a classifier), else the detector runs here. */
export function scanDecoded(file: string, decoded: Decoded, judged?: Judged): FileResult {
  if (!decoded.ok)
    return { file, score: 0, injection: false, spans: [], reasons: [], skipped: decoded.skipped, notes: [] };
  const { verdict, classifier } = judged ?? { verdict: detectInjection(decoded.text) };
  const starts = lineStarts(decoded.text);
  return {
    file,
    score: verdict.score,
    injection: verdict.injection,
    // A hidden region is scored on its own and within its paragraph: the same hit can come twice.
    spans: verdict.spans
      .filter((s, i, all) => all.findIndex((o) => o.rule === s.rule && o.start === s.start) === i)
      .map((s) => ({ ...s, ...positionAt(starts, s.start) })),
    reasons: verdict.reasons,
    ...(verdict.quoted && { quoted: verdict.quoted.map((q) => ({ ...q, ...positionAt(starts, q.start) })) }),
    notes: decoded.notes,
    ...(classifier && { classifier }),
  };
}

function filesUnder(target: string): string[] {
  const st = fs.statSync(target);
  if (!st.isDirectory()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(abs);
      else if (entry.isFile()) out.push(abs);
    }
  };
  walk(target);
  return out.sort();
}

function readFileBounded(file: string): Decoded {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return { ok: false, skipped: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const size = fs.fstatSync(fd).size;
    // One byte past the cap tells decodeInput the file is larger, without reading all of it.
    const buf = Buffer.alloc(Math.min(size, MAX_SCAN_BYTES + 1));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return decodeInput(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

async function readStdinBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    const chunk = c as Buffer;
    // Keep only what will be scanned (plus one byte, so the cap is noticed).
    if (size <= MAX_SCAN_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_SCAN_BYTES + 1);
}

/** One `{id, text}` per line in, one `{id, score, injection, spans}` per line out, in order; a bad line gets `error`. */
async function runJsonl(classifier: OnnxClassifier | undefined): Promise<number> {
  const found = await answerJsonlRows(async (text) => {
    const truncated = text.length > MAX_SCAN_BYTES;
    const { verdict: v, classifier: c } = await judge(
      truncated ? text.slice(0, MAX_SCAN_BYTES) : text,
      classifier,
    );
    const spans = v.spans.map(({ start, end, rule, score, reason }) => ({ start, end, rule, score, reason }));
    return {
      fields: {
        score: v.score,
        injection: v.injection,
        spans,
        ...(c && { classifier: { score: c.score, injection: c.injection } }),
        ...(truncated && { truncated: true }),
      },
      found: v.injection,
    };
  });
  return found ? EXIT_FINDINGS : EXIT_OK;
}

const SARIF_RULE = 'injection/detected';
const SARIF_DOC: RuleDoc = {
  title: 'Text that looks like a prompt injection',
  severity: 'high',
  why:
    'An agent that reads this text (a page, a document, a tool result) may follow the instructions in it ' +
    'instead of its user: overriding its instructions, hiding what it does, reading or sending secrets.',
  fix: 'Read the flagged text; remove it if it is not yours, and treat where it came from as untrusted.',
  seedRefs: ['CS-5'],
  frameworks: ['OWASP-LLM01', 'ATLAS AML.T0051'],
};

/** SARIF through the shared reporter: one result per span of an input judged an injection. */
function sarif(results: FileResult[]): string {
  const findings: Finding[] = results.flatMap((r) =>
    r.injection
      ? r.spans.map((s) => ({
          checkId: SARIF_RULE,
          severity: s.score >= 0.85 ? ('high' as const) : ('medium' as const),
          title: SARIF_DOC.title,
          message: `${s.reason} [${s.rule}] (input score ${r.score.toFixed(2)})`,
          ...(r.file !== '<stdin>' && { file: r.file }),
          line: s.line,
          column: s.column,
          fixable: false,
          seedRefs: SARIF_DOC.seedRefs,
          frameworks: SARIF_DOC.frameworks,
        }))
      : [],
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const report = buildReport(
    { home: os.homedir(), project: process.cwd(), host: os.hostname() },
    { name: TOOL_NAME, version: VERSION },
    { findings, checksRun: 1, durationMs: 0 },
    bySeverity,
  );
  return renderSarif(report, new Map([[SARIF_RULE, SARIF_DOC]])).trimEnd();
}

function text(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.skipped) lines.push(`${r.file}: skipped, ${r.skipped}`);
    for (const note of r.notes) lines.push(`${r.file}: note: ${note}`);
    if (r.injection) {
      lines.push(`${r.file}: prompt injection (score ${r.score.toFixed(2)})`);
      for (const s of r.spans) lines.push(`  ${r.file}:${s.line}:${s.column}  ${s.rule}  ${s.reason}`);
    } else if (r.quoted)
      lines.push(`${r.file}: no prompt injection (score ${r.score.toFixed(2)}), but quotes one`);
    else continue;
    for (const q of r.quoted ?? []) lines.push(`  ${r.file}:${q.line}:${q.column}  quoted (${q.kind})`);
    for (const reason of r.reasons) lines.push(`  why: ${reason}`);
  }
  const injected = results.filter((r) => r.injection).length;
  const scanned = results.filter((r) => !r.skipped).length;
  lines.push(
    injected === 0
      ? `No prompt injection found (${scanned} scanned).`
      : `${injected} of ${scanned} scanned input(s) look like prompt injection.`,
  );
  return lines.join('\n');
}

/** A numeric option: undefined when absent, NaN when it does not fit (the caller says so). */
function numberOption(
  value: string | undefined,
  integer: boolean,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : Number.NaN;
}

/** The classifier the options configure, if any; a usage problem is a message. */
async function configuredClassifier(
  opts: InjectionScanOptions,
): Promise<OnnxClassifier | string | undefined> {
  const threshold = numberOption(opts.modelThreshold, false, 0, 1);
  const injectionLabel = numberOption(opts.modelLabel, true, 0, 1000);
  const maxLength = numberOption(opts.modelMaxLength, true, 3, 1 << 20);
  if (!opts.model) {
    const stray = ['vocab', 'modelThreshold', 'modelLabel', 'modelMaxLength', 'cased'].filter(
      (k) => opts[k as keyof InjectionScanOptions] !== undefined,
    );
    return stray.length
      ? '--vocab, --model-threshold, --model-label, --model-max-length and --cased need --model'
      : undefined;
  }
  if (!opts.vocab) return '--model needs --vocab (the WordPiece vocab.txt the model was trained with)';
  if (Number.isNaN(threshold))
    return `--model-threshold must be a number from 0 to 1 (got ${opts.modelThreshold})`;
  if (Number.isNaN(injectionLabel))
    return `--model-label must be a class index: 0, 1, … (got ${opts.modelLabel})`;
  if (Number.isNaN(maxLength))
    return `--model-max-length must be a whole number of tokens ≥ 3 (got ${opts.modelMaxLength})`;
  return loadOnnxClassifier({
    model: opts.model,
    vocab: opts.vocab,
    lowerCase: !opts.cased,
    ...(threshold !== undefined && { threshold }),
    ...(injectionLabel !== undefined && { injectionLabel }),
    ...(maxLength !== undefined && { maxLength }),
  });
}

export async function runInjectionScan(paths: string[], opts: InjectionScanOptions): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    process.stderr.write(`agentwarden: --format must be text, json or sarif (got ${format})\n`);
    return EXIT_USAGE;
  }
  let classifier: OnnxClassifier | undefined;
  try {
    const configured = await configuredClassifier(opts);
    if (typeof configured === 'string') {
      process.stderr.write(`agentwarden: ${configured}\n`);
      return EXIT_USAGE;
    }
    classifier = configured;
    return await scanAll(paths, opts, format, classifier);
  } catch (err) {
    if (!(err instanceof OnnxClassifierError)) throw err;
    process.stderr.write(`agentwarden: ${err.message}\n`);
    return EXIT_USAGE;
  } finally {
    await classifier?.release();
  }
}

async function scanAll(
  paths: string[],
  opts: InjectionScanOptions,
  format: string,
  classifier: OnnxClassifier | undefined,
): Promise<number> {
  if (opts.jsonl) return runJsonl(classifier);
  const scan = async (file: string, decoded: Decoded) =>
    scanDecoded(file, decoded, classifier && decoded.ok ? await judge(decoded.text, classifier) : undefined);
  const targets = paths.length === 0 ? ['-'] : paths;
  for (const target of targets)
    if (target !== '-' && !fs.existsSync(target)) {
      process.stderr.write(`agentwarden: ${target} does not exist\n`);
      return EXIT_USAGE;
    }
  const results: FileResult[] = [];
  for (const target of targets) {
    if (target === '-') {
      results.push(await scan('<stdin>', decodeInput(await readStdinBytes())));
      continue;
    }
    for (const file of filesUnder(path.resolve(target)))
      results.push(await scan(file, readFileBounded(file)));
  }
  const out =
    format === 'json'
      ? JSON.stringify({ schemaVersion: 1, results }, null, 2)
      : format === 'sarif'
        ? sarif(results)
        : text(results);
  process.stdout.write(`${out}\n`);
  return results.some((r) => r.injection) ? EXIT_FINDINGS : EXIT_OK;
}
