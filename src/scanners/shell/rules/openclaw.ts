// The OpenClaw CLI run from a shell (an agent's exec tool): the subcommands that let the agent change its own
// limits. Its tool policy, exec approvals and the agentwarden plugin live in openclaw.json and the state dir,
// and `openclaw agent exec` runs a turn whose tool calls fire no plugin hook (PLUGINS.md §0), so a command
// here can undo what the guard and OpenClaw's policy enforce on every other tool call.
import * as path from 'node:path';
import { type Cmd, make, type RuleContext } from '../command.js';
import type { Word } from '../model.js';

/** The CLI's names: OpenClaw, and the old Clawdbot/Moltbot names its packages still install. */
const CLI = /^(openclaw|clawdbot|moltbot)(\.mjs)?$/;
/** Global options that take a value (before the subcommand). */
const GLOBAL_WITH_VALUE = new Set(['--profile', '--log-level', '--config', '--state-dir', '--port']);
/** Subcommands (with their verbs) that rewrite the config or the plugins it loads. */
const CONFIG_WRITES: Record<string, RegExp | true> = {
  config: /^(set|unset|patch|apply|edit|import|restore|reset|migrate)$/,
  configure: true,
  onboard: true,
  setup: true,
  plugins: /^(install|enable|disable|uninstall|remove|update|link|unlink)$/,
  plugin: /^(install|enable|disable|uninstall|remove|update|link|unlink)$/,
  hooks: /^(install|enable|disable|uninstall|remove|update)$/,
  channels: /^(add|remove|login|logout|set)$/,
  pairing: /^(approve|allow|add)$/,
};
/** Exec options that ask for the host with the approvals off. */
const ELEVATED = /^--(elevated|yolo|dangerously[\w-]*|security(=full)?|ask(=off)?|host(=gateway|=node)?)$/;
/** Variables that point OpenClaw at another config or state dir (one without the plugin). */
const RELOCATE = /^(OPENCLAW|CLAWDBOT|MOLTBOT)_(CONFIG_PATH|STATE_DIR|HOME|PROFILE)=/;

/** The words after the CLI's name, when this command runs the OpenClaw CLI (also `node …/openclaw.mjs`). */
function cliArgs(cmd: Cmd): Word[] | undefined {
  if (CLI.test(cmd.base)) return cmd.args;
  if (!/^(node|nodejs|bun)$/.test(cmd.base)) return undefined;
  const script = cmd.args.findIndex((w) => !w.value.startsWith('-'));
  const file = cmd.args[script]?.value ?? '';
  return /(^|\/)(openclaw|clawdbot)(\/(openclaw|clawdbot)\.mjs|\.mjs|\/dist\/entry\.m?js)$/.test(file)
    ? cmd.args.slice(script + 1)
    : undefined;
}

export function openclawCli(cmd: Cmd, rc: RuleContext): void {
  const args = cliArgs(cmd);
  if (!args) return;
  const words: string[] = [];
  let profile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    const [flag, inline] = v.split('=', 2) as [string, string | undefined];
    if (GLOBAL_WITH_VALUE.has(flag) && words.length === 0) {
      const value = inline ?? args[++i]?.value;
      if (flag === '--profile') profile = value;
      continue;
    }
    if (v === '--dev' && words.length === 0) profile = 'dev';
    if (!v.startsWith('-')) words.push(v);
  }
  const [sub = '', verb = ''] = words;
  const relocated = cmd.raw.assignments.some((a) => RELOCATE.test(a)) || profile !== undefined;
  const stateDir = path.join(rc.ctx.home, profile ? `.openclaw-${profile}` : '.openclaw');
  const config = path.join(stateDir, 'openclaw.json');
  const flags = args.map((w) => w.value);
  const fix = flags.some((f) => /^--(fix|repair|yes|force)$/.test(f));
  const writes = CONFIG_WRITES[sub];
  if (
    (writes === true || (writes instanceof RegExp && writes.test(verb))) &&
    !flags.some((f) => f === '--help' || f === '-h' || f === '--dry-run')
  ) {
    rc.emit(
      make(
        'write',
        'openclaw-config-write',
        'critical',
        `openclaw ${[sub, writes === true ? '' : verb].join(' ').trim()} rewrites OpenClaw's config, where its tool policy and the agentwarden plugin are set`,
        [config],
      ),
    );
    return;
  }
  if ((sub === 'doctor' || (sub === 'security' && verb === 'audit')) && fix) {
    rc.emit(
      make(
        'write',
        'openclaw-config-write',
        'critical',
        `openclaw ${sub === 'doctor' ? 'doctor' : 'security audit'} ${flags.find((f) => /^--(fix|repair|yes|force)$/.test(f))} rewrites OpenClaw's config`,
        [config],
      ),
    );
    return;
  }
  if (sub === 'approvals' || sub === 'exec-approvals') {
    if (/^(allow|add|set|import|trust|approve)$/.test(verb))
      rc.emit(
        make(
          'write',
          'openclaw-approvals',
          'critical',
          `openclaw ${sub} ${verb} adds to the exec approvals: commands that then run without asking`,
          [path.join(stateDir, 'state', 'openclaw.sqlite')],
        ),
      );
    return;
  }
  if (sub === 'agent' || sub === 'agents') {
    const elevated = flags.some((f) => ELEVATED.test(f));
    if (verb === 'exec') {
      rc.emit(
        make(
          'exec',
          'openclaw-agent-unguarded',
          elevated ? 'critical' : 'high',
          `openclaw agent exec runs an agent turn whose tool calls fire no plugin hook: the guard sees none of them${elevated ? ', and it asks for host exec with the approvals off' : ''}`,
        ),
      );
      return;
    }
    if (relocated || elevated)
      rc.emit(
        make(
          'exec',
          'openclaw-agent-unguarded',
          elevated ? 'critical' : 'high',
          `openclaw ${sub} runs an agent ${relocated ? 'with another config or state dir, where the agentwarden plugin may not be loaded' : 'with host exec and the approvals off'}`,
        ),
      );
    return;
  }
  if (sub === 'gateway' && /^(run|start|restart|install)$/.test(verb) && relocated)
    rc.emit(
      make(
        'exec',
        'openclaw-agent-unguarded',
        'high',
        `openclaw gateway ${verb} with another config or state dir, where the agentwarden plugin may not be loaded`,
      ),
    );
}
