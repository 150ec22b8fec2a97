import type { Command } from 'commander';

export interface SkillsCommonOptions {
  home?: string;
  project?: string;
  format: string;
}

export interface SkillsScanOptions extends SkillsCommonOptions {
  jsonl?: string;
  failOn: string;
}

export interface SkillsLockOptions extends SkillsCommonOptions {
  user?: boolean;
  /** verify only: check both locks and answer as a Claude Code SessionStart hook (JSON, always exit 0). */
  sessionStart?: boolean;
}

const common = (cmd: Command) =>
  cmd
    .option('--home <dir>', 'home directory to look at (default: $HOME)')
    .option('--project <dir>', 'project directory to look at (default: current directory)')
    .option('-f, --format <format>', 'text | json', 'text');

export function registerSkillsCommand(program: Command): void {
  const skills = program
    .command('skills')
    .description('Supply chain of skills and MCP servers: list, scan, lock and verify them');

  common(skills.command('list'))
    .description('List every skill and MCP server the agents load, with source, version, trust tier and hash')
    .action(async (opts: SkillsCommonOptions) => {
      const { runSkillsList } = await import('./skills.js');
      process.exitCode = await runSkillsList(opts);
    });

  common(skills.command('scan'))
    .argument('[paths...]', 'skill directories, or directories of skills (default: every installed skill)')
    .description(
      'Scan skills (and, without paths, MCP servers) for red flags, injected instructions and risky dependencies',
    )
    .option(
      '--jsonl <file>',
      'batch mode: scan each {id, text} row of a JSONL file, print one JSON result a line',
    )
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above: info|low|medium|high|critical',
      'high',
    )
    .action(async (paths: string[], opts: SkillsScanOptions) => {
      const { runSkillsScan } = await import('./skills.js');
      process.exitCode = await runSkillsScan(paths, opts);
    });

  for (const [name, description] of [
    [
      'lock',
      'Write the lockfile: per skill and MCP server its source, version, per-file sha256 and tree hash',
    ],
    ['verify', 'Exit 1 when installed skills or MCP servers drifted from the lockfile, saying what changed'],
    ['diff', 'Show how installed skills and MCP servers differ from the lockfile'],
  ] as const) {
    const cmd = common(skills.command(name))
      .description(description)
      .option('--user', 'the user-level lock (agentwarden config dir) instead of the project lock');
    if (name === 'verify')
      cmd.option(
        '--session-start',
        'as a Claude Code SessionStart hook: check the project and user locks, print hook JSON on drift, exit 0',
      );
    cmd.action(async (opts: SkillsLockOptions) => {
      const { runSkillsLock } = await import('./skills.js');
      process.exitCode = await runSkillsLock(name, opts);
    });
  }
}
