/** `agentwarden state redact|prune`: hygiene of the files agents keep (transcripts, histories, logs). */
import * as os from 'node:os';
import * as path from 'node:path';
import { envForHome } from '../core/context.js';
import { redactableStateFiles } from '../state/agent-files.js';
import { parseDuration, pruneTranscripts } from '../state/prune.js';
import { redactFile } from '../state/redact-file.js';
import { EXIT_OK, EXIT_USAGE } from './errors.js';

function homeDir(opts: { home?: string }): string {
  return path.resolve(opts.home ?? os.homedir());
}

function claudeDir(home: string, opts: { home?: string }): string | undefined {
  // $CLAUDE_CONFIG_DIR belongs to the invoking user's own home, not to another one given with --home.
  return !opts.home && process.env.CLAUDE_CONFIG_DIR
    ? process.env.CLAUDE_CONFIG_DIR
    : path.join(home, '.claude');
}

/** The environment that locates OpenClaw's state dir for `home`, as the audit reads it. */
function stateEnv(home: string): Record<string, string | undefined> {
  return envForHome(process.env, home, os.homedir());
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function runStateRedact(opts: { home?: string; dryRun?: boolean; backup?: boolean }): number {
  const home = homeDir(opts);
  let changed = 0;
  let lines = 0;
  for (const file of redactableStateFiles(home, claudeDir(home, opts), stateEnv(home))) {
    const r = redactFile(file, { dryRun: opts.dryRun === true, backup: opts.backup !== false });
    if (r.skipped) {
      process.stderr.write(`skipped ${file}: ${r.skipped}\n`);
      continue;
    }
    if (r.linesChanged === 0) continue;
    changed++;
    lines += r.linesChanged;
    process.stdout.write(
      `${opts.dryRun ? 'would redact' : 'redacted'} ${r.linesChanged} line(s) in ${file}${r.backup ? ` (backup ${r.backup})` : ''}\n`,
    );
  }
  process.stdout.write(
    changed === 0
      ? 'No secrets found in agent state files.\n'
      : `${opts.dryRun ? 'Would redact' : 'Redacted'} ${lines} line(s) in ${changed} file(s). Rotate the secrets too: they were on disk.\n`,
  );
  return EXIT_OK;
}

export function runStatePrune(opts: { home?: string; olderThan?: string; dryRun?: boolean }): number {
  const ms = parseDuration(opts.olderThan ?? '14d');
  if (ms === undefined) {
    process.stderr.write(`agentwarden: --older-than must look like 14d, 2w or 36h (got ${opts.olderThan})\n`);
    return EXIT_USAGE;
  }
  const home = homeDir(opts);
  const r = pruneTranscripts(home, ms, {
    dryRun: opts.dryRun === true,
    claudeDir: claudeDir(home, opts),
    env: stateEnv(home),
  });
  for (const f of r.removed)
    process.stdout.write(
      `${opts.dryRun ? 'would remove' : 'removed'} ${f.file} (${f.ageDays} days, ${formatBytes(f.bytes)})\n`,
    );
  process.stdout.write(
    `${opts.dryRun ? 'Would free' : 'Freed'} ${formatBytes(r.bytesFreed)} (${r.removed.length} transcript(s)).\n`,
  );
  return EXIT_OK;
}
