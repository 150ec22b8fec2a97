import {
  type ConfigDocument,
  deepEqual,
  type EditResult,
  isRecord,
  type JsonPath,
} from '../../core/document/document.js';
import { parseJsonc } from '../../core/document/jsonc.js';

/** The events the guard hooks: decide before a tool runs, observe after, announce itself, screen prompts. */
// PostToolUseFailure feeds the loop limit's count of failing commands (docs/respond.md).
export const GUARD_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'SessionStart',
  'UserPromptSubmit',
] as const;
export type GuardEvent = (typeof GUARD_EVENTS)[number];

/** Seconds. Well under Claude Code's 600 s default; the hook answers in tens of milliseconds. */
export const GUARD_TIMEOUT_SECONDS = 10;

/** Seconds. `skills verify --session-start` hashes every installed skill file: about 2 s on a loaded machine. */
export const SKILLS_VERIFY_TIMEOUT_SECONDS = 30;

/** What an agentwarden hook entry does: the guard itself, or the skills lockfile check at session start. */
export type HookRole = 'guard' | 'skills-verify';

/**
 * Every hook `guard install` writes: the guard on each of its events, and `skills verify --session-start`
 * on SessionStart (drift in the skills lockfile is told to the user and the model before the first prompt).
 */
export const AGENTWARDEN_HOOKS: readonly { event: GuardEvent; role: HookRole }[] = [
  ...GUARD_EVENTS.map((event) => ({ event, role: 'guard' as const })),
  { event: 'SessionStart', role: 'skills-verify' },
];

/**
 * How Claude Code starts the hook. Exec form (`args` present): spawned directly, no shell, so nothing a
 * repository can put in the shell's start-up (BASH_ENV, ENV) runs before the guard (REFERENCE.md §1).
 */
export interface HookCommand {
  command: string;
  args?: string[];
}

/** The command line of each role's hook. */
export type HookCommands = Record<HookRole, HookCommand>;

export interface GuardHookEntry extends HookCommand {
  type: 'command';
  timeout: number;
  onFailure: 'block' | 'continue';
}

export interface GuardHookGroup {
  matcher?: string;
  hooks: GuardHookEntry[];
}

/** Recognises each role's hook in any form it was ever installed in (absolute node path, npx, bare bin). */
const ROLE_COMMANDS: Record<HookRole, RegExp> = {
  guard: /(?:^|[\s/'"])(?:agentwarden|cli\.js|hook\.cjs)['"]?\s+guard\s+hook\s+claude\b/,
  'skills-verify': /(?:^|[\s/'"])(?:agentwarden|cli\.js)['"]?\s+skills\s+verify\s+--session-start(?:\s|$)/,
};

/** Which agentwarden hook a command line is, if any. */
export function hookRoleOf(command: unknown): HookRole | undefined {
  if (typeof command !== 'string') return undefined;
  return (Object.keys(ROLE_COMMANDS) as HookRole[]).find((role) => ROLE_COMMANDS[role].test(command));
}

export function isGuardHookCommand(command: unknown): boolean {
  return hookRoleOf(command) === 'guard';
}

/** A hook entry's command and exec-form arguments, as one line for recognising and showing it. */
export function hookCommandText(hook: { command?: unknown; args?: unknown }): string {
  const args = Array.isArray(hook.args) ? hook.args.map(String) : [];
  return [typeof hook.command === 'string' ? hook.command : '', ...args].join(' ').trim();
}

/**
 * The hooks in exec form, started by `launcher` (absolute node and bundle paths for `guard install`, the bare
 * bin for `agentwarden init`), so no shell start-up file plays a part. `hookEntry` (the bundle's hook.cjs) takes the
 * launcher's place after its first word for the guard hook only.
 * A managed install turns the warm helper off: managed settings exist to hold against the user's own
 * account, and a socket in the user's state dir is something that account could answer in its place.
 * Without a shell the variable is set by env(1).
 */
export function agentwardenHookCommands(
  launcher: readonly [string, ...string[]],
  opts: { warmHelper?: boolean; hookEntry?: string } = {},
): HookCommands {
  const [command, ...prefix] = launcher;
  const guardLauncher = opts.hookEntry ? [command, opts.hookEntry] : launcher;
  const guard = ['guard', 'hook', 'claude'];
  return {
    guard:
      opts.warmHelper === false
        ? { command: '/usr/bin/env', args: ['AGENTWARDEN_HOOK_SERVER=off', ...guardLauncher, ...guard] }
        : { command, args: [...guardLauncher.slice(1), ...guard] },
    'skills-verify': { command, args: [...prefix, 'skills', 'verify', '--session-start'] },
  };
}

/**
 * One hook's group. The guard fails closed; the skills check never blocks a session (it always answers 0,
 * and a timeout only skips the check).
 */
export function hookGroup(event: GuardEvent, role: HookRole, hook: HookCommand): GuardHookGroup {
  const entry: GuardHookEntry = {
    type: 'command',
    command: hook.command,
    ...(hook.args && { args: hook.args }),
    ...(role === 'guard'
      ? { timeout: GUARD_TIMEOUT_SECONDS, onFailure: 'block' as const }
      : { timeout: SKILLS_VERIFY_TIMEOUT_SECONDS, onFailure: 'continue' as const }),
  };
  // Matchers are unanchored regexes over names that change (Task became Agent): match all, filter inside.
  return event === 'PreToolUse' || event === 'PostToolUse' || event === 'PostToolUseFailure'
    ? { matcher: '*', hooks: [entry] }
    : { hooks: [entry] };
}

export interface InstalledGuardHook {
  event: string;
  role: HookRole;
  groupIndex: number;
  hookIndex: number;
  matcher: string | undefined;
  command: string;
  /** Present when installed in exec form. */
  args?: string[];
  timeout: unknown;
  onFailure: unknown;
  async: unknown;
}

export type SettingsRead =
  | { ok: true; value: Record<string, unknown>; text: string }
  | { ok: false; error: string };

/** Parses a settings file's text (null = the file does not exist). Refuses anything it could not edit safely. */
export function readSettingsText(text: string | null): SettingsRead {
  if (text === null || text.trim() === '') return { ok: true, value: {}, text: text ?? '' };
  const parsed = parseJsonc(text);
  if (!parsed.ok)
    return {
      ok: false,
      error: `${parsed.error} at line ${parsed.position.line}, column ${parsed.position.column}`,
    };
  const value = parsed.doc.value;
  if (!isRecord(value)) return { ok: false, error: 'the top level is not a JSON object' };
  if (value.hooks !== undefined && !isRecord(value.hooks))
    return { ok: false, error: '"hooks" is not an object' };
  for (const [event, groups] of Object.entries((value.hooks as Record<string, unknown> | undefined) ?? {})) {
    if (!Array.isArray(groups)) return { ok: false, error: `"hooks.${event}" is not an array` };
  }
  return { ok: true, value, text };
}

export function findGuardHooks(settings: Record<string, unknown>): InstalledGuardHook[] {
  const found: InstalledGuardHook[] = [];
  const hooks = isRecord(settings.hooks) ? settings.hooks : {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, groupIndex) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return;
      group.hooks.forEach((hook, hookIndex) => {
        if (!isRecord(hook) || typeof hook.command !== 'string') return;
        const role = hookRoleOf(hookCommandText(hook));
        if (!role) return;
        const args = Array.isArray(hook.args) ? hook.args.map(String) : undefined;
        found.push({
          event,
          role,
          groupIndex,
          hookIndex,
          matcher: typeof group.matcher === 'string' ? group.matcher : undefined,
          command: hook.command,
          ...(args && { args }),
          timeout: hook.timeout,
          onFailure: hook.onFailure,
          async: hook.async,
        });
      });
    });
  }
  return found;
}

/** One edit through the settings file's ConfigDocument (the same primitives `audit --fix` uses). */
function edit(text: string, change: (doc: ConfigDocument) => EditResult): EditResult {
  const parsed = parseJsonc(text);
  if (!parsed.ok) return { ok: false, error: `internal edit error: ${parsed.error}` };
  const result = change(parsed.doc);
  return result.ok ? result : { ok: false, error: `internal edit error: ${result.error}` };
}

const remove = (p: JsonPath) => (doc: ConfigDocument) => doc.delete(p);

export type SettingsEdit =
  | { ok: true; text: string; changed: boolean; removed: number }
  | { ok: false; error: string };

/** Removes every agentwarden hook entry, and any group that held nothing else. Comments elsewhere survive. */
export function removeGuardHooks(original: string | null): SettingsEdit {
  const read = readSettingsText(original);
  if (!read.ok) return read;
  let text = read.text;
  let value = read.value;
  let removed = 0;
  for (;;) {
    // Remove the last match first so the indices of the others stay valid; re-read after each edit.
    const last = findGuardHooks(value).at(-1);
    if (!last) break;
    const groups = (value.hooks as Record<string, unknown[]>)[last.event] ?? [];
    const group = groups[last.groupIndex] as { hooks: unknown[] };
    const removal = edit(
      text,
      remove(
        group.hooks.length === 1
          ? ['hooks', last.event, last.groupIndex]
          : ['hooks', last.event, last.groupIndex, 'hooks', last.hookIndex],
      ),
    );
    if (!removal.ok) return removal;
    text = removal.text;
    removed++;
    let again = readSettingsText(text);
    if (!again.ok) return { ok: false, error: `internal edit error: ${again.error}` };
    // Leave no empty containers behind that only our entries had filled.
    const hooks = again.value.hooks as Record<string, unknown[]>;
    if (hooks[last.event]?.length === 0) {
      const emptied = edit(text, remove(Object.keys(hooks).length === 1 ? ['hooks'] : ['hooks', last.event]));
      if (!emptied.ok) return emptied;
      text = emptied.text;
      again = readSettingsText(text);
      if (!again.ok) return { ok: false, error: `internal edit error: ${again.error}` };
    }
    value = again.value;
  }
  return { ok: true, text, changed: removed > 0, removed };
}

/** True when the file already holds exactly one group per planned hook, each exactly as we would write it. */
function alreadyInstalled(settings: Record<string, unknown>, commands: HookCommands): boolean {
  const found = findGuardHooks(settings);
  if (found.length !== AGENTWARDEN_HOOKS.length) return false;
  const hooks = settings.hooks as Record<string, unknown[]>;
  return AGENTWARDEN_HOOKS.every(({ event, role }) => {
    const mine = found.filter((f) => f.event === event && f.role === role);
    const only = mine[0];
    return (
      mine.length === 1 &&
      only &&
      deepEqual(hooks[event]?.[only.groupIndex], hookGroup(event, role, commands[role]))
    );
  });
}

/**
 * Adds every agentwarden hook (AGENTWARDEN_HOOKS), replacing any older agentwarden entry. Running it twice
 * changes nothing.
 */
export function installGuardHooks(original: string | null, commands: HookCommands): SettingsEdit {
  const read = readSettingsText(original);
  if (!read.ok) return read;
  if (alreadyInstalled(read.value, commands))
    return { ok: true, text: read.text, changed: false, removed: 0 };
  const cleared = removeGuardHooks(original);
  if (!cleared.ok) return cleared;
  let text = cleared.text.trim() === '' ? '{}\n' : cleared.text;
  for (const { event, role } of AGENTWARDEN_HOOKS) {
    const current = readSettingsText(text);
    if (!current.ok) return { ok: false, error: `internal edit error: ${current.error}` };
    const hooks = isRecord(current.value.hooks) ? current.value.hooks : undefined;
    const group = hookGroup(event, role, commands[role]);
    const added = edit(text, (doc) =>
      Array.isArray(hooks?.[event])
        ? doc.append(['hooks', event], group)
        : doc.set(['hooks', event], [group]),
    );
    if (!added.ok) return added;
    text = added.text;
  }
  return { ok: true, text, changed: true, removed: cleared.removed };
}
