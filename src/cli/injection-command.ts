import type { Command } from 'commander';

// Kept light: the action imports its implementation (and the detector's model) lazily.
export function registerInjectionCommand(program: Command): void {
  const injection = program.command('injection').description('Prompt-injection detection');
  injection
    .command('scan')
    .description('Scan files, directories or stdin (-) for prompt injection')
    .argument('[paths...]', 'files, directories or - for stdin (default: -)')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option(
      '--jsonl',
      'batch mode: one {"id","text"} per stdin line in, one {"id","score","injection","spans"} per line out',
    )
    .addHelpText('after', '\nExit codes: 0 nothing found, 1 prompt injection found, 2 usage error.')
    .action(async (paths: string[], opts) => {
      const { runInjectionScan } = await import('./injection.js');
      process.exitCode = await runInjectionScan(paths, opts);
    });
}
