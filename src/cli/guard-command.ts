import { type Command, Option } from 'commander';
import { UsageError } from './errors.js';

// Kept light: every action imports its implementation lazily.
export function registerGuardCommand(program: Command): void {
  const guard = program
    .command('guard')
    .description('Guard Claude Code at run time: install the hook, check it, explain and test verdicts');

  const where = (cmd: Command) =>
    cmd
      .option('--home <dir>', 'home directory (default: $HOME)')
      .option('--project <dir>', 'project directory (default: current directory)')
      .addOption(new Option('--system-root <dir>', 'prefix for /etc paths (tests)').hideHelp());

  where(
    guard
      .command('install')
      .description(
        'Add the guard hook to Claude Code settings (backed up first), then check it answers correctly',
      )
      .addOption(
        new Option('--scope <scope>', 'settings file to edit').choices(['user', 'project']).default('user'),
      )
      .option('--managed', 'install as a managed drop-in (needs root); a project cannot switch it off')
      .option('--settings-file <file>', 'edit this settings file instead')
      .option('--user <name>', 'run the self-test as this user (default under sudo: $SUDO_USER)')
      .option('--dry-run', 'print the change, write nothing')
      .argument('[agent]', 'claude (default), or openclaw: write and enable the OpenClaw plugin'),
  ).action(async (agent: string | undefined, opts) => {
    const guardCli = await import('./guard.js');
    if (agent === 'openclaw') process.exitCode = await guardCli.runGuardInstallOpenClaw(opts);
    else if (agent === undefined || agent === 'claude')
      process.exitCode = await guardCli.runGuardInstall(opts);
    else throw new UsageError(`unknown agent ${agent}: expected claude or openclaw`);
  });

  where(
    guard
      .command('uninstall')
      .description('Remove the guard hook entries (and only them) from Claude Code settings')
      .addOption(
        new Option('--scope <scope>', 'settings file to edit').choices(['user', 'project']).default('user'),
      )
      .option('--managed', 'remove the managed drop-in entries')
      .option('--settings-file <file>', 'edit this settings file instead')
      .option('--dry-run', 'print the change, write nothing'),
  ).action(async (opts) => {
    const { runGuardUninstall } = await import('./guard.js');
    process.exitCode = await runGuardUninstall(opts);
  });

  where(
    guard
      .command('status')
      .description(
        'Where the guard is installed, whether anything switches it off, and whether it answers correctly',
      )
      .option('--json', 'machine-readable output'),
  ).action(async (opts) => {
    const { runGuardStatus } = await import('./guard.js');
    process.exitCode = await runGuardStatus(opts);
  });

  where(
    guard
      .command('test')
      .description(
        'Evaluate many actions in one process: one JSON line in (hook payload or {"command"}) → one verdict line out',
      )
      .requiredOption('--jsonl <file>', 'input file, or - for stdin'),
  ).action(async (opts) => {
    const { runGuardTest } = await import('./guard.js');
    process.exitCode = await runGuardTest(opts);
  });

  where(
    guard
      .command('explain')
      .description('Explain the verdict for an action (shell parse, rules fired), or print the merged policy')
      .argument('[command...]', 'a shell command (put it after --)')
      .option('--tool <name>', 'a Claude Code tool name (Read, Write, WebFetch, mcp__server__tool, ...)')
      .option('--path <path>', 'the file the tool touches')
      .option('--url <url>', 'the URL the tool fetches')
      .option('--json', 'machine-readable output'),
  ).action(async (command: string[], opts) => {
    const { runGuardExplain } = await import('./guard.js');
    process.exitCode = await runGuardExplain(command, opts);
  });

  guard
    .command('hook')
    .description('The entry point Claude Code runs: reads a hook payload on stdin, prints the decision')
    .argument('<agent>', 'claude')
    // src/cli/main.ts answers `guard hook ...` itself, before commander loads; this entry is for --help.
    .action(() => {
      throw new UsageError('run the hook as `agentwarden guard hook claude`, with no options before it');
    });
}
