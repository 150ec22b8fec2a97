/**
 * `agentwarden secrets scan [PATH…]|-`: files and directories (git-tracked and untracked-but-not-ignored files
 * by default, every file with --all), stdin, or `--jsonl` batches. Output shows masked secrets only.
 */

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rotationAdvice } from '../scanners/secrets/rotation.js';
import {
  BASELINE_FILE,
  parseBaseline,
  reportableSecrets,
  serializeBaseline,
} from '../scanners/secrets/scan.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './errors.js';
import { answerJsonlRows } from './jsonl.js';

export interface SecretsScanOptions {
  all?: boolean;
  format?: string;
  jsonl?: boolean;
  baseline?: boolean;
  baselineFile?: string;
}

export interface ScanFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  masked: string;
  fingerprint: string;
  verified: boolean;
  rotation: string;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** Files git would track under `dir` (tracked + untracked not ignored), or undefined outside a repository. */
function gitFiles(dir: string): string[] | undefined {
  try {
    const out = execFileSync(
      'git',
      ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    return out
      .split('\0')
      .filter(Boolean)
      .map((f) => path.join(dir, f));
  } catch {
    return undefined;
  }
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(abs, out);
    else if (entry.isFile()) out.push(abs);
  }
}

function filesUnder(target: string, all: boolean): string[] {
  const st = fs.statSync(target);
  if (!st.isDirectory()) return [target];
  const tracked = all ? undefined : gitFiles(target);
  if (tracked) return tracked.filter((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
  const out: string[] = [];
  walk(target, out);
  return out;
}

/** Text of a file, or undefined for binary and oversized files (a NUL byte in the first 8 KB means binary). */
function readScannable(file: string): string | undefined {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size > MAX_FILE_BYTES) return undefined;
  const buf = fs.readFileSync(file);
  if (buf.subarray(0, 8192).includes(0)) return undefined;
  return buf.toString('utf8');
}

function scanText(text: string, file: string, baseline: ReadonlySet<string>): ScanFinding[] {
  return reportableSecrets(text, { baseline, file }).map((h) => ({
    file,
    line: h.line,
    column: h.column,
    ruleId: h.ruleId,
    masked: h.masked,
    fingerprint: h.fingerprint,
    verified: h.verified,
    rotation: rotationAdvice(h.ruleId),
  }));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One `{id, text}` per line in, one `{id, findings}` per line out, in order; a bad line gets `error`. */
async function runJsonl(baseline: ReadonlySet<string>): Promise<number> {
  const found = await answerJsonlRows((text) => {
    const findings = reportableSecrets(text, { baseline }).map((h) => ({
      ruleId: h.ruleId,
      line: h.line,
      column: h.column,
      masked: h.masked,
      fingerprint: h.fingerprint,
      verified: h.verified,
    }));
    return { fields: { findings }, found: findings.length > 0 };
  });
  return found ? EXIT_FINDINGS : EXIT_OK;
}

function loadBaseline(file: string): Set<string> | string {
  if (!fs.existsSync(file)) return new Set();
  const parsed = parseBaseline(fs.readFileSync(file, 'utf8'));
  if (!parsed) return `${file}: not a baseline (expected {"version":1,"fingerprints":[…]})`;
  return new Set(parsed.fingerprints);
}

function render(findings: ScanFinding[], format: string): string {
  if (format === 'json') return `${JSON.stringify({ schemaVersion: 1, findings }, null, 2)}\n`;
  if (format === 'sarif') {
    const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
    return `${JSON.stringify(
      {
        version: '2.1.0',
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        runs: [
          {
            tool: { driver: { name: 'agentwarden', rules: ruleIds.map((id) => ({ id, name: id })) } },
            results: findings.map((f) => ({
              ruleId: f.ruleId,
              level: 'error',
              message: { text: `${f.ruleId}: ${f.masked}. ${f.rotation}` },
              partialFingerprints: { 'agentwardenSecret/v1': f.fingerprint },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: f.file },
                    region: { startLine: f.line, startColumn: f.column },
                  },
                },
              ],
            })),
          },
        ],
      },
      null,
      2,
    )}\n`;
  }
  if (findings.length === 0) return 'No secrets found.\n';
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column}  ${f.ruleId}${f.verified ? ' (verified)' : ''}  ${f.masked}`,
  );
  return `${lines.join('\n')}\n\n${findings.length} secret(s) found. Rotate each one, then remove it or add its fingerprint with --baseline.\n`;
}

export async function runSecretsScan(paths: string[], opts: SecretsScanOptions): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    process.stderr.write(`agentwarden: --format must be text, json or sarif (got ${format})\n`);
    return EXIT_USAGE;
  }
  const baselineFile = path.resolve(opts.baselineFile ?? BASELINE_FILE);
  const baseline = opts.baseline ? new Set<string>() : loadBaseline(baselineFile);
  if (typeof baseline === 'string') {
    process.stderr.write(`agentwarden: ${baseline}\n`);
    return EXIT_USAGE;
  }
  if (opts.jsonl) return runJsonl(baseline);

  const targets = paths.length === 0 ? ['.'] : paths;
  const findings: ScanFinding[] = [];
  for (const target of targets) {
    if (target === '-') {
      findings.push(...scanText(await readStdin(), '<stdin>', baseline));
      continue;
    }
    if (!fs.existsSync(target)) {
      process.stderr.write(`agentwarden: ${target} does not exist\n`);
      return EXIT_USAGE;
    }
    for (const file of filesUnder(path.resolve(target), opts.all === true)) {
      const text = readScannable(file);
      if (text !== undefined) findings.push(...scanText(text, file, baseline));
    }
  }
  if (opts.baseline) {
    fs.writeFileSync(baselineFile, serializeBaseline(findings.map((f) => f.fingerprint)));
    process.stdout.write(`Wrote ${findings.length} fingerprint(s) to ${baselineFile}.\n`);
    return EXIT_OK;
  }
  process.stdout.write(render(findings, format));
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
