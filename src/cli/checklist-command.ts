import type { Command } from 'commander';

export interface ChecklistOptions {
  home?: string;
  project?: string;
  format: string;
  color?: boolean;
}

export interface AttestOptions {
  note: string;
  answer: string;
  home?: string;
}

export function registerChecklistCommand(program: Command): void {
  const checklist = program
    .command('checklist')
    .description('Every seed item: how agentwarden covers it and its status on this machine')
    .option('--home <dir>', 'home directory to look at (default: $HOME)')
    .option('--project <dir>', 'project directory to look at (default: current directory)')
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--no-color', 'no colour even on a terminal')
    .addHelpText('after', '\nExit codes: 0 (it only looks), 2 usage error.')
    .action(async (opts: ChecklistOptions) => {
      const { runChecklistCommand } = await import('./checklist.js');
      process.exitCode = await runChecklistCommand(opts);
    });

  checklist
    .command('attest <id>')
    .description('Record a human answer for a seed item (asked again after 90 days)')
    .requiredOption('--note <text>', 'what you checked and how (secrets in it are masked)')
    .option('--answer <answer>', 'yes | no', 'yes')
    .addHelpText(
      'after',
      '\n--home <dir> (an option of checklist, allowed anywhere) picks whose answers to update.',
    )
    // The root program has no positional options, so `checklist` parses --home wherever it appears.
    .action(async (id: string, opts: Omit<AttestOptions, 'home'>, cmd: Command) => {
      const { runAttestCommand } = await import('./checklist.js');
      const home = cmd.parent?.opts<ChecklistOptions>().home;
      process.exitCode = await runAttestCommand(id, { ...opts, ...(home !== undefined && { home }) });
    });
}
