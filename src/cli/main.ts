import { EXIT_USAGE, UsageError } from './errors.js';

/** The only place that turns an unexpected error into output: one line, never a stack trace. */
async function reportFatal(err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = err instanceof UsageError ? 'error' : 'internal error';
  // Loaded here, not at start-up: the hook path must not pay for the secret detector it does not use.
  const { redactText } = await import('../core/redact.js');
  process.stderr.write(`agentwarden: ${prefix}: ${redactText(message.split('\n')[0] ?? '')}\n`);
  if (process.env.AGENTWARDEN_DEBUG && err instanceof Error && err.stack)
    process.stderr.write(`${err.stack}\n`);
  process.exitCode = EXIT_USAGE;
}

async function main(argv: string[]): Promise<void> {
  // The hook runs on every tool call: skip commander and everything audit-related.
  if (argv[0] === 'guard' && argv[1] === 'hook') {
    const { runHookCommand } = await import('./hook.js');
    process.exitCode = await runHookCommand(argv.slice(2));
    return;
  }
  const { runProgram } = await import('./program.js');
  await runProgram(argv);
}

main(process.argv.slice(2)).catch(reportFatal);
