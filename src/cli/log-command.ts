import { type Command, Option } from 'commander';

// Kept light: every action imports its implementation lazily.
export function registerLogCommand(program: Command): void {
  const log = program
    .command('log')
    .description('The tamper-evident activity log of guard decisions: verify, tail, query, export');

  const where = (cmd: Command) =>
    cmd
      .option('--home <dir>', 'home directory whose agentwarden state to read (default: $HOME)')
      .option('--file <file>', 'the live log file (default: ~/.local/state/agentwarden/activity.jsonl)');

  where(
    log
      .command('verify')
      .description(
        'Check the hash chain across the live and rotated files: finds edited, truncated, reordered or removed entries',
      )
      .option('--json', 'machine-readable output')
      .addHelpText(
        'after',
        '\nExit codes: 0 intact, 1 tampered (each problem with file and line), 2 unreadable.',
      ),
  ).action(async (opts) => {
    const { runLogVerify } = await import('./log.js');
    process.exitCode = await runLogVerify(opts);
  });

  where(
    log
      .command('tail')
      .description('Print the last entries; with -f keep printing new ones until Ctrl-C')
      .option('-n, --lines <n>', 'how many entries', '20')
      .option('-f, --follow', 'follow the log as it grows (and across rotation)'),
  ).action(async (opts) => {
    const { runLogTail } = await import('./log.js');
    process.exitCode = await runLogTail(opts);
  });

  where(
    log
      .command('query')
      .description('Entries matching every filter given, across rotated files')
      .option(
        '--since <when>',
        'ISO date or time (2026-12-01, 2026-12-01T09:00Z) or a span back (30m, 1h, 2d)',
      )
      .option('--session <id>', 'one agent session')
      .addOption(new Option('--verdict <verdict>', 'allow, ask or deny').choices(['allow', 'ask', 'deny']))
      .option('--rule <id>', 'a rule id, or a prefix ending in * (shell/*)')
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'),
      ),
  ).action(async (opts) => {
    const { runLogQuery } = await import('./log.js');
    process.exitCode = await runLogQuery(opts);
  });

  where(
    log
      .command('export')
      .description('Send entries as OTLP/HTTP JSON logs to an OpenTelemetry Collector')
      .requiredOption('--otlp <url>', 'the collector, e.g. http://127.0.0.1:4318 (POST /v1/logs)')
      .option('--since <when>', 'only entries from then on (as for query)')
      .option(
        '--header <name=value>',
        'HTTP header for every request, e.g. Authorization=Bearer … (repeatable; never printed)',
        (v: string, all: string[]) => [...all, v],
        [] as string[],
      )
      .option('--batch <n>', 'entries per request', '500')
      .addHelpText('after', '\nEntries go to the given URL only; their text was redacted when written.'),
  ).action(async (opts) => {
    const { runLogExport } = await import('./log.js');
    process.exitCode = await runLogExport(opts);
  });
}
