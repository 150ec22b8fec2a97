import type { Command } from 'commander';

export interface AuditOptions {
  home?: string;
  project?: string;
  only?: string;
  format: string;
  output?: string;
  failOn?: string;
  fix?: boolean;
  dryRun?: boolean;
  color?: boolean;
  compose?: string[];
  withOpenclaw?: boolean;
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'Audit Claude Code / agent configuration in a home directory and project; print what is wrong',
    )
    .option('--home <dir>', 'home directory to audit (default: $HOME)')
    .option('--project <dir>', 'project directory to audit (default: current directory)')
    .option(
      '--compose <file>',
      'also audit this compose file (repeatable)',
      (f: string, all: string[] = []) => [...all, f],
    )
    .option('--only <areas>', 'comma-separated areas: claude,openclaw,host,deploy,skills,secrets')
    .option('-f, --format <format>', 'text | json | sarif | markdown | html', 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info|low|medium|high|critical')
    .option(
      '--with-openclaw',
      'also run `openclaw security audit --json` and merge its findings (when installed)',
    )
    .option('--fix', 'apply the safe fixes (each changed file is backed up first)')
    .option('--dry-run', 'with --fix: print the changes as a diff, change nothing')
    .option('--no-color', 'no colour even on a terminal')
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing at or above --fail-on (or no --fail-on), 1 findings at or above it, 2 usage error.',
    )
    .action(async (opts: AuditOptions) => {
      const { runAuditCommand } = await import('./audit.js');
      process.exitCode = await runAuditCommand(opts);
    });
}
