import * as os from 'node:os';
import { type ContextOptions, createContext, envForHome } from '../core/context.js';
import { redactText } from '../core/redact.js';
import { isSeverity } from '../core/severity.js';
import { reachesThreshold, runPreflight } from '../preflight/preflight.js';
import { renderPreflightPrompt, renderPreflightText } from '../preflight/render.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './errors.js';
import { existingDir } from './options.js';
import type { PreflightOptions } from './preflight-command.js';

/** What the command takes from the process; tests pass a fixture machine. */
export interface PreflightDeps {
  env: Record<string, string | undefined>;
  hostname: string;
  out: (text: string) => void;
  context?: Partial<ContextOptions>;
}

const processDeps = (): PreflightDeps => ({
  env: process.env,
  hostname: os.hostname(),
  out: (t) => process.stdout.write(t),
});

export async function runPreflightCommand(
  opts: PreflightOptions,
  deps: PreflightDeps = processDeps(),
): Promise<number> {
  if (opts.format !== 'text' && opts.format !== 'json')
    throw new UsageError(`--format ${opts.format}: unknown format (choose from text, json)`);
  if (opts.prompt && opts.format === 'json')
    throw new UsageError('--prompt prints text; leave out --format json');
  if (opts.failOn !== undefined && !isSeverity(opts.failOn))
    throw new UsageError(`--fail-on ${opts.failOn}: unknown severity (info, low, medium, high, critical)`);
  const home = existingDir('--home', opts.home ?? os.homedir());
  const project = existingDir('--project', opts.project ?? process.cwd());
  const env = envForHome(deps.env, home, os.homedir());
  const ctx = createContext({ home, project, env, ...deps.context });
  const answer = await runPreflight(ctx, deps.hostname);
  if (opts.format === 'json')
    deps.out(`${JSON.stringify(answer, (_k, v) => (typeof v === 'string' ? redactText(v) : v), 2)}\n`);
  else deps.out(opts.prompt ? renderPreflightPrompt(answer) : renderPreflightText(answer));
  return opts.failOn && isSeverity(opts.failOn) && reachesThreshold(answer, opts.failOn)
    ? EXIT_FINDINGS
    : EXIT_OK;
}
