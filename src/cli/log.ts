import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { agentwardenPaths } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import { followLog } from '../log/follow.js';
import { exportOtlp, otlpLogsUrl, urlOrigin } from '../log/otlp.js';
import { formatRecordLine, matchesQuery, type RecordQuery, VERDICTS } from '../log/query.js';
import { lastRecords, parseRecord, readRecords } from '../log/read.js';
import { verifyLog } from '../log/verify.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { existingDir } from './options.js';
import { sinceOption } from './since-option.js';

/** Where output goes; tests pass their own. */
export interface LogIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: LogIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

interface FileOptions {
  home?: string;
  file?: string;
}

function logFileOf(opts: FileOptions): string {
  if (opts.file) return path.resolve(opts.file);
  const home = opts.home ? existingDir('--home', opts.home) : os.homedir();
  return agentwardenPaths(home, process.env).activityLog;
}

/** Runs a command body; a usage problem is one line on stderr and exit 2, never a stack trace. */
async function guarded(io: LogIo, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof UsageError) && !(err as NodeJS.ErrnoException).code) throw err;
    io.err(`agentwarden: error: ${redactText((err as Error).message)}`);
    return EXIT_USAGE;
  }
}

function sinceOf(text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return undefined;
  return sinceOption(text, now);
}

export async function runLogVerify(opts: FileOptions & { json?: boolean }, io = processIo): Promise<number> {
  return guarded(io, () => {
    const file = logFileOf(opts);
    const result = verifyLog(file);
    if (result.status === 'unreadable') throw new UsageError(`cannot verify: ${result.error}`);
    if (opts.json) io.out(JSON.stringify(result, null, 2));
    else if (result.status === 'intact')
      io.out(`intact: ${result.lines} entries in ${result.files.length} file(s), chain unbroken (${file})`);
    else {
      for (const p of result.problems) io.out(`${p.file}:${p.line}: ${p.kind}: ${p.message}`);
      io.out(`tampered: ${result.problems.length} problem(s) in ${result.lines} entries`);
    }
    return result.status === 'intact' ? EXIT_OK : EXIT_FINDINGS;
  });
}

export async function runLogTail(
  opts: FileOptions & { lines: string; follow?: boolean },
  io = processIo,
  signal?: AbortSignal,
): Promise<number> {
  return guarded(io, async () => {
    const n = Number(opts.lines);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`-n ${opts.lines}: expected a whole number`);
    const file = logFileOf(opts);
    if (!opts.follow && !fs.existsSync(file)) throw new UsageError(`${file}: no activity log there`);
    const from = fs.existsSync(file) ? fs.statSync(file).size : 0;
    for (const r of lastRecords(file, n)) io.out(formatRecordLine(r));
    if (!opts.follow) return EXIT_OK;
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once('SIGINT', onSigint);
    signal?.addEventListener('abort', onSigint, { once: true });
    try {
      await followLog(
        file,
        (line) => {
          const r = parseRecord(line);
          if (r) io.out(formatRecordLine(r));
        },
        { from, signal: stop.signal },
      );
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    return EXIT_OK;
  });
}

export async function runLogQuery(
  opts: FileOptions & { since?: string; session?: string; verdict?: string; rule?: string; format: string },
  io = processIo,
): Promise<number> {
  return guarded(io, () => {
    if (opts.verdict !== undefined && !(VERDICTS as readonly string[]).includes(opts.verdict))
      throw new UsageError(`--verdict ${opts.verdict}: expected one of ${VERDICTS.join(', ')}`);
    const q: RecordQuery = {
      ...(opts.since !== undefined && { since: sinceOf(opts.since, new Date()) }),
      ...(opts.session !== undefined && { session: opts.session }),
      ...(opts.verdict !== undefined && { verdict: opts.verdict }),
      ...(opts.rule !== undefined && { rule: opts.rule }),
    };
    const file = logFileOf(opts);
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no activity log there`);
    const found = [];
    for (const { record } of readRecords(file, q.since)) if (matchesQuery(record, q)) found.push(record);
    if (opts.format === 'json') io.out(JSON.stringify(found, null, 2));
    else for (const r of found) io.out(formatRecordLine(r));
    return EXIT_OK;
  });
}

/** `--header 'Authorization=Bearer …'` (or `Name: value`), repeatable. */
function parseHeaders(list: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list) {
    const m = /^([A-Za-z0-9-]+)\s*[=:]\s*(.*)$/.exec(h);
    // The argument may be a bare token: it is never echoed.
    if (!m)
      throw new UsageError('--header: expected Name=value (the argument is not shown: it may be a secret)');
    headers[m[1] as string] = m[2] as string;
  }
  return headers;
}

export async function runLogExport(
  opts: FileOptions & { otlp: string; since?: string; header: string[]; batch: string },
  io = processIo,
): Promise<number> {
  return guarded(io, async () => {
    let url: URL;
    try {
      url = otlpLogsUrl(opts.otlp);
    } catch {
      throw new UsageError('--otlp: expected the collector URL, e.g. http://127.0.0.1:4318');
    }
    const batchSize = Number(opts.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
      throw new UsageError(`--batch ${opts.batch}: expected 1 to 10000`);
    const headers = parseHeaders(opts.header);
    const since = sinceOf(opts.since, new Date());
    const file = logFileOf(opts);
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no activity log there`);
    const records = (function* () {
      for (const { record } of readRecords(file, since))
        if (!since || matchesQuery(record, { since })) yield record;
    })();
    const result = await exportOtlp(records, { url, headers, batchSize });
    if (!result.ok) {
      io.err(`agentwarden: error: ${redactText(result.error)} (${result.sent} entries sent before)`);
      return EXIT_USAGE;
    }
    io.out(`sent ${result.sent} entries to ${urlOrigin(url)}`);
    return EXIT_OK;
  });
}
