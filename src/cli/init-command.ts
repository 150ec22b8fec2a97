import type { Command } from 'commander';

export interface InitCommandOptions {
  agent?: string;
  domain?: string;
  force?: boolean;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .argument('[dir]', 'directory to write into (default: current directory)')
    .description(
      'Write a hardened starting point: compose file behind Caddy, Caddyfile, ufw rules, agent settings and security directives',
    )
    .option('--agent <agent>', 'claude | openclaw (asked on a terminal, else claude)')
    .option('--domain <host>', 'the site Caddy serves (asked on a terminal, else agent.example.com)')
    .option('--force', 'replace files that already exist (each is backed up first)')
    .addHelpText(
      'after',
      '\nNothing on the host is changed: ufw-rules.sh is for you to review and run. Exit codes: 0, 2 usage error.',
    )
    .action(async (dir: string | undefined, opts: InitCommandOptions) => {
      const { runInitCommand } = await import('./init.js');
      process.exitCode = await runInitCommand(dir, opts);
    });
}
