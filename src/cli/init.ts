import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { agentwardenHookCommands } from '../adapters/claude-code/settings-edit.js';
import { initFiles, type WriteOutcome, writeInitFiles } from '../init/plan.js';
import type { InitAgent } from '../init/templates.js';
import { EXIT_OK, UsageError } from './errors.js';
import type { InitCommandOptions } from './init-command.js';

const AGENTS: InitAgent[] = ['claude', 'openclaw'];
const DEFAULT_DOMAIN = 'agent.example.com';

export interface InitDeps {
  /** Asks a question on the terminal; undefined when there is none (prompts only on a TTY). */
  ask?: (question: string) => Promise<string>;
  out: (text: string) => void;
  now: Date;
}

function terminalAsk(): InitDeps['ask'] {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}

/**
 * The hooks for a project settings file, which is committed and shared: the bin on PATH rather than this
 * machine's absolute paths (`guard install` writes those into user settings). Exec form like `guard install`:
 * no shell starts, so a repository's BASH_ENV cannot run before the guard. A missing bin fails the hook, and
 * the hook blocks on failure, so it fails closed.
 */
const PROJECT_HOOK_COMMANDS = agentwardenHookCommands(['agentwarden']);

function isAgent(value: string): value is InitAgent {
  return (AGENTS as string[]).includes(value);
}

const isHostName = (s: string) =>
  /^(?=.{1,253}$)[a-z0-9*](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i.test(s);

function summary(dir: string, outcomes: WriteOutcome[]): string {
  const lines = [`agentwarden init: ${dir}`];
  for (const o of outcomes) {
    if (o.status === 'created') lines.push(`  created  ${o.path}`);
    else if (o.status === 'replaced') lines.push(`  replaced ${o.path} (backup: ${o.backup})`);
    else lines.push(`  kept     ${o.path}: ${o.reason}`);
  }
  lines.push(
    '',
    'Next: copy .env.example to .env, fill it in, chmod 600 .env; review ufw-rules.sh and run it with sudo;',
    'then `agentwarden audit --only deploy` in this folder.',
  );
  return `${lines.join('\n')}\n`;
}

export async function runInitCommand(
  dirArg: string | undefined,
  opts: InitCommandOptions,
  deps: InitDeps = { ask: terminalAsk(), out: (t) => process.stdout.write(t), now: new Date() },
): Promise<number> {
  let agent = opts.agent;
  let domain = opts.domain;
  if (agent === undefined && deps.ask)
    agent = (await deps.ask('Agent (claude/openclaw) [claude]: ')).trim() || 'claude';
  if (domain === undefined && deps.ask)
    domain = (await deps.ask(`Domain Caddy serves [${DEFAULT_DOMAIN}]: `)).trim() || DEFAULT_DOMAIN;
  agent ??= 'claude';
  domain ??= DEFAULT_DOMAIN;
  if (!isAgent(agent))
    throw new UsageError(`--agent ${agent}: unknown agent (choose from ${AGENTS.join(', ')})`);
  if (!isHostName(domain)) throw new UsageError(`--domain ${domain}: not a host name`);
  const dir = path.resolve(dirArg ?? process.cwd());
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new UsageError(`${dirArg}: not a directory`);
  fs.mkdirSync(dir, { recursive: true });
  const outcomes = writeInitFiles(dir, initFiles({ agent, domain, hookCommands: PROJECT_HOOK_COMMANDS }), {
    force: Boolean(opts.force),
    now: deps.now,
  });
  deps.out(summary(dir, outcomes));
  return EXIT_OK;
}
