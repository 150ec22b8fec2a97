import { type Command, Option } from 'commander';

// Kept light: every action imports its implementation lazily.
export function registerRespondCommands(program: Command): void {
  const where = (cmd: Command) =>
    cmd
      .option('--home <dir>', 'home directory (default: $HOME)')
      .option('--project <dir>', 'project directory (default: current directory)');

  where(
    program
      .command('spend')
      .description(
        'What the agents spent, from their own records: today, this week, this month, per project and model',
      )
      .option('--since <when>', 'also total from this time on: 2026-12-01, 2026-12-01T09:00, 24h or 7d')
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'),
      ),
  ).action(async (opts) => {
    const { runSpendCommand } = await import('./respond.js');
    process.exitCode = await runSpendCommand(opts);
  });

  where(
    program
      .command('kill')
      .description(
        'Contain an incident: lockdown flag, stop agent processes and containers, disable OpenClaw channels, list credentials to revoke, write a report',
      )
      .option('--reason <text>', 'why (kept in the flag, the log and the report)', 'manual kill switch')
      .option('--dry-run', 'show what would be stopped and changed; change nothing')
      .option('--grace <seconds>', 'time agents get after SIGTERM before SIGKILL', '5')
      .addOption(new Option('--proc-root <dir>', 'process table to read (tests)').hideHelp())
      .addHelpText(
        'after',
        '\nNothing is deleted: every change names its backup or undo. Resume with `agentwarden unlock`.',
      ),
  ).action(async (opts) => {
    const { runKillCommand } = await import('./respond.js');
    process.exitCode = await runKillCommand(opts);
  });

  program
    .command('unlock')
    .description(
      'Lift the kill switch (and a budget stop until midnight); a person only, never an agent session',
    )
    .option('--home <dir>', 'home directory (default: $HOME)')
    .action(async (opts) => {
      const { runUnlockCommand } = await import('./respond.js');
      process.exitCode = await runUnlockCommand(opts);
    });

  where(
    program
      .command('status')
      .description(
        "Lockdown on or off, whether the guard is installed, today's spend against the budget, the last log entries",
      )
      .option('--json', 'machine-readable output'),
  ).action(async (opts) => {
    const { runStatusCommand } = await import('./respond.js');
    process.exitCode = await runStatusCommand(opts);
  });
}
