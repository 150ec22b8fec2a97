import type { Command } from 'commander';

export interface PreflightOptions {
  home?: string;
  project?: string;
  format: string;
  prompt?: boolean;
  failOn?: string;
}

export function registerPreflightCommand(program: Command): void {
  program
    .command('preflight')
    .description(
      'Answer the four pre-session questions (writable dirs, network, credentials, tools) and the overnight checklist from this machine',
    )
    .option('--home <dir>', 'home directory to look at (default: $HOME)')
    .option('--project <dir>', 'project directory to look at (default: current directory)')
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--prompt', 'print the answers as a block to paste at the start of an agent session')
    .option(
      '--fail-on <severity>',
      'exit 1 when a concern or failed overnight item is at or above: info|low|medium|high|critical',
    )
    .addHelpText(
      'after',
      '\nIt only reads: nothing on the machine is changed. Exit codes: 0, 1 something at or above --fail-on, 2 usage error.',
    )
    .action(async (opts: PreflightOptions) => {
      const { runPreflightCommand } = await import('./preflight.js');
      process.exitCode = await runPreflightCommand(opts);
    });
}
