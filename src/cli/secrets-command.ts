import type { Command } from 'commander';

// Kept light: the action imports its implementation lazily.
export function registerSecretsCommands(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('Find secrets in files, stdin or batches (output is always masked)');
  secrets
    .command('scan')
    .description('Scan files and directories (respecting .gitignore), or stdin with -')
    .argument('[paths...]', 'files, directories or - for stdin (default: .)')
    .option('--all', 'include files .gitignore excludes')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--jsonl', 'batch mode: one {"id","text"} per stdin line in, one {"id","findings"} per line out')
    .option('--baseline', `accept every secret found now: write their fingerprints to the baseline file`)
    .option('--baseline-file <file>', 'baseline to read or write (default: ./.agentwarden-baseline.json)')
    .addHelpText('after', '\nExit codes: 0 no secrets, 1 secrets found, 2 usage error.')
    .action(async (paths: string[], opts) => {
      const { runSecretsScan } = await import('./secrets.js');
      process.exitCode = await runSecretsScan(paths, opts);
    });

  const state = program.command('state').description('Hygiene of agent state: transcripts, histories, logs');
  const home = (cmd: Command) =>
    cmd.option('--home <dir>', 'home directory whose agent state to use (default: $HOME)');
  home(
    state
      .command('redact')
      .description(
        'Rewrite transcripts, histories and logs with secrets masked (atomic, JSONL-safe, backed up)',
      )
      .option('--dry-run', 'only say which files and how many lines would change')
      .option('--no-backup', 'do not keep a copy of each original (the copy holds the secrets)'),
  ).action(async (opts) => {
    const { runStateRedact } = await import('./state.js');
    process.exitCode = runStateRedact(opts);
  });
  home(
    state
      .command('prune')
      .description('Remove agent transcripts older than the retention limit and report the space freed')
      .option('--older-than <age>', 'retention limit: 14d, 2w, 36h', '14d')
      .option('--dry-run', 'only list what would be removed'),
  ).action(async (opts) => {
    const { runStatePrune } = await import('./state.js');
    process.exitCode = runStatePrune(opts);
  });
}
