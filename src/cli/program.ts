import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version.js';
import { registerAuditCommand } from './audit-command.js';
import { registerChecklistCommand } from './checklist-command.js';
import { registerDocsCommand } from './docs-command.js';
import { EXIT_USAGE } from './errors.js';
import { registerGuardCommand } from './guard-command.js';
import { registerInitCommand } from './init-command.js';
import { registerInjectionCommand } from './injection-command.js';
import { registerLogCommand } from './log-command.js';
import { registerPreflightCommand } from './preflight-command.js';
import { registerRespondCommands } from './respond-command.js';
import { registerSecretsCommands } from './secrets-command.js';
import { registerSkillsCommand } from './skills-command.js';

export function buildProgram(): Command {
  const program = new Command('agentwarden')
    .description('Audit, guard and contain AI agents (Claude Code, OpenClaw) on this machine.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAuditCommand(program);
  registerChecklistCommand(program);
  registerGuardCommand(program);
  registerLogCommand(program);
  registerDocsCommand(program);
  registerPreflightCommand(program);
  registerInitCommand(program);
  registerRespondCommands(program);
  registerSkillsCommand(program);
  registerSecretsCommands(program);
  registerInjectionCommand(program);
  return program;
}

export async function runProgram(argv: string[]): Promise<void> {
  // `agentwarden … | head`: a reader that went away is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      process.exitCode = quiet.includes(err.code) ? 0 : EXIT_USAGE;
      return;
    }
    throw err;
  }
}
