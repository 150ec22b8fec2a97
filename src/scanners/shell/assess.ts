import { posix } from 'node:path';
import { isLoopback, originOf } from './hosts.js';
import { packageLaunch } from './launchers.js';
import { isInside, resolveText } from './paths.js';
import { SHELLS } from './shells.js';
import type { Risk, ShellAnalysis, ShellContext, ShellEffect, SimpleCommand } from './types.js';

/**
 * What makes a command dangerous when it runs without anyone typing it: a hook, a helper command or an MCP
 * launch that a cloned repository or an installed skill brings along.
 */
export type CommandRiskKind =
  | 'network-fetch'
  | 'pipe-to-shell'
  | 'outside-project'
  | 'package-runner'
  | 'destructive'
  | 'credential-access'
  | 'dangerous';

export interface CommandRisk {
  kind: CommandRiskKind;
  /** Plain words for a message: "contacts https://host", "deletes recursively ~, a system or home directory". */
  detail: string;
  /** The analyser's rating of what this risk came from (as the guard sees it). */
  risk: Risk;
}

const RISK_ORDER: Record<Risk, number> = { harmless: 0, low: 1, high: 2, critical: 3 };

/** Where installed programs live: running one of them is not running code from outside the project. */
const PROGRAM_DIRS = ['/usr', '/bin', '/sbin', '/opt/homebrew', '/nix/store', '/run/current-system'];

/** Effects already expressed by a kind of their own, so their reason is not repeated. */
const SHOWN_ELSEWHERE = new Set(['npx-remote-package', 'local-bin', 'run-script']);

/**
 * Turns the analyser's result for one command into the risks an audit reports. Every high or critical effect
 * the guard would act on is kept; so are the lesser ones that matter when nobody reviews the command
 * (contacting a host, running a package runner or a script from outside the project).
 */
export function commandRisks(analysis: ShellAnalysis, ctx: ShellContext): CommandRisk[] {
  const risks: CommandRisk[] = [];
  const add = (kind: CommandRiskKind, detail: string, risk: Risk) => {
    const same = risks.find((r) => r.kind === kind && r.detail === detail);
    if (!same) risks.push({ kind, detail, risk });
    else if (RISK_ORDER[risk] > RISK_ORDER[same.risk]) same.risk = risk;
  };
  for (const effect of analysis.effects) effectRisks(effect, ctx, add);
  for (const cmd of analysis.commands) {
    const launch = packageLaunch(cmd);
    if (launch) {
      const what = launch.registry === 'container' ? 'an image' : 'a package';
      add('package-runner', `downloads and runs ${what} with ${launch.launcher}`, 'high');
    }
    for (const file of programFiles(cmd)) {
      const abs = resolveText(file, ctx).abs;
      if (abs !== null && outsideProject(abs, ctx)) add('outside-project', `runs ${file}`, 'low');
    }
  }
  if (analysis.parseError !== undefined)
    add('dangerous', 'cannot be parsed, so what it runs is unknown', 'high');
  return risks;
}

function effectRisks(
  effect: ShellEffect,
  ctx: ShellContext,
  add: (kind: CommandRiskKind, detail: string, risk: Risk) => void,
): void {
  const contactRisk = effect.capability === 'network' ? effect.risk : 'low';
  const remote = effect.urls.filter((u) => !isLoopback(u));
  for (const url of remote) add('network-fetch', `contacts ${originOf(url)}`, contactRisk);
  if (effect.capability === 'network' && effect.urls.length === 0)
    add('network-fetch', effect.reason, effect.risk);
  if (effect.id === 'run-script' && effect.paths.some((p) => outsideProject(p, ctx)))
    add('outside-project', effect.reason, effect.risk);
  if (effect.id === 'curl-pipe-shell' || effect.id === 'pipe-to-shell') {
    add('pipe-to-shell', effect.reason, effect.risk);
    return;
  }
  if (RISK_ORDER[effect.risk] < RISK_ORDER.high || SHOWN_ELSEWHERE.has(effect.id)) return;
  if (effect.capability === 'network' && remote.length === 0 && effect.urls.length > 0) return;
  const kind: CommandRiskKind =
    effect.capability === 'delete'
      ? 'destructive'
      : effect.capability === 'credentials' || effect.id === 'write-credentials'
        ? 'credential-access'
        : 'dangerous';
  add(kind, effect.reason, effect.risk);
}

/** Files a command runs as a program or script: `./x.sh`, `~/bin/tool`, `bash /tmp/s.sh`, `source f`. */
function programFiles(cmd: SimpleCommand): string[] {
  if (cmd.name === null) return [];
  const files = cmd.name.includes('/') ? [cmd.name] : [];
  // Interpreters' scripts are the analyser's run-script effect; a shell's script it lets through unrated.
  const base = posix.basename(cmd.name);
  if (SHELLS.has(base) || base === 'source' || base === '.') {
    const script = cmd.args.find((a) => !a.startsWith('-'));
    if (script !== undefined) files.push(script);
  }
  return files;
}

function outsideProject(abs: string, ctx: ShellContext): boolean {
  return !isInside(abs, ctx.project) && !PROGRAM_DIRS.some((dir) => isInside(abs, dir));
}

/**
 * Values that mean the same put in as text as they do expanded: spaces split an unquoted word either way, but
 * quotes, `$`, `;`, `|`, … would be read as syntax, which the expansion never is.
 */
const PLAIN_VALUE = /^[\w@%+=:,./ -]+$/;

/**
 * Substitutes variables whose value the caller knows (`$CLAUDE_PROJECT_DIR` in a hook, `$HOME`) outside
 * single quotes, so the analyser sees the path a command runs rather than a name computed at run time.
 */
export function withKnownVariables(command: string, values: Readonly<Record<string, string>>): string {
  let out = '';
  let single = false;
  let double = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] as string;
    if (ch === '\\' && !single) {
      out += command.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch === "'" && !double) single = !single;
    else if (ch === '"' && !single) double = !double;
    else if (ch === '$' && !single) {
      const m = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/.exec(command.slice(i, i + 130));
      const name = m ? ((m[1] ?? m[2]) as string) : '';
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (m && value !== undefined && PLAIN_VALUE.test(value)) {
        out += value;
        i += m[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
