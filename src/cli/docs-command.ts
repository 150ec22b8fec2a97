import type { Command } from 'commander';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs', { hidden: true })
    .description('generate docs/checks.md and the README check table from check metadata')
    .option('--write', 'write docs/checks.md and README.md (default: print docs/checks.md)')
    .action(async (opts: { write?: boolean }) => {
      const fs = await import('node:fs');
      const { renderChecksDoc, updateReadmeChecks } = await import('../core/checks-doc.js');
      const { allChecks } = await import('../checks/index.js');
      const doc = renderChecksDoc(allChecks);
      if (!opts.write) {
        process.stdout.write(doc);
        return;
      }
      fs.writeFileSync('docs/checks.md', doc);
      fs.writeFileSync('README.md', updateReadmeChecks(fs.readFileSync('README.md', 'utf8'), allChecks));
    });
}
