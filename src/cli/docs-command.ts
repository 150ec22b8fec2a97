import type { Command } from 'commander';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs', { hidden: true })
    .description('generate docs/checks.md from check metadata')
    .option('--write', 'write docs/checks.md (default: print it)')
    .action(async (opts: { write?: boolean }) => {
      const fs = await import('node:fs');
      const { renderChecksDoc } = await import('../core/checks-doc.js');
      const { allChecks } = await import('../checks/index.js');
      const doc = renderChecksDoc(allChecks);
      if (opts.write) fs.writeFileSync('docs/checks.md', doc);
      else process.stdout.write(doc);
    });
}
