import type { Command } from 'commander';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs', { hidden: true })
    .description('generate docs/checks.md, the README check table and the rule tables of docs/policy.md')
    .option('--write', 'write docs/checks.md, README.md and docs/policy.md (default: print docs/checks.md)')
    .action(async (opts: { write?: boolean }) => {
      const fs = await import('node:fs');
      const { renderChecksDoc, updateReadmeChecks } = await import('../core/checks-doc.js');
      const { allChecks } = await import('../checks/index.js');
      const { updatePolicyDoc } = await import('../policy/rules/doc.js');
      const { GUARD_RULES } = await import('../policy/rules/index.js');
      const doc = renderChecksDoc(allChecks);
      if (!opts.write) {
        process.stdout.write(doc);
        return;
      }
      fs.writeFileSync('docs/checks.md', doc);
      fs.writeFileSync('README.md', updateReadmeChecks(fs.readFileSync('README.md', 'utf8'), allChecks));
      fs.writeFileSync(
        'docs/policy.md',
        updatePolicyDoc(fs.readFileSync('docs/policy.md', 'utf8'), GUARD_RULES),
      );
    });
}
