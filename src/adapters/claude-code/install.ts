import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strictJsonViolation } from '../../core/document/jsonc.js';
import { claudeConfigDir } from '../../core/paths.js';
import { createFile, type EditTarget, readForEdit, replaceWithBackup } from '../../fix/file.js';
import type { Env } from '../../guard/engine.js';
import { bundleCliOf, readableByOthers } from './hook-bundle.js';
import {
  findGuardHooks,
  GUARD_EVENTS,
  type HookCommand,
  type HookCommands,
  type InstalledGuardHook,
  installGuardHooks,
  readSettingsText,
  removeGuardHooks,
} from './settings-edit.js';

export type InstallScope = 'user' | 'project' | 'managed';

/** The managed drop-in: a project's `disableAllHooks` cannot switch managed hooks off (REFERENCE.md §7.2). */
export const MANAGED_DROP_IN = '/etc/claude-code/managed-settings.d/50-agentwarden.json';

export interface Where {
  home: string;
  project: string;
  env: Env;
  /** '/' on a real machine; a fixture dir in tests. */
  systemRoot: string;
}

function systemFile(where: Where, absolute: string): string {
  return where.systemRoot === '/' ? absolute : path.join(where.systemRoot, absolute);
}

/**
 * Where the hook's own copy of the bundle goes: the user's data dir, or a root-owned system dir for a
 * managed install (a user-writable copy would let that user replace the code the managed hook runs).
 */
export function hookBundleRoot(scope: 'user' | 'managed', where: Where): string {
  if (scope === 'managed') return systemFile(where, '/usr/local/lib/agentwarden');
  return path.join(where.env.XDG_DATA_HOME || path.join(where.home, '.local', 'share'), 'agentwarden');
}

/** What to run when the installed bundle is gone (deleted, or the node it names was removed). */
export function recoveryCommand(scope: 'user' | 'managed'): string {
  return `agentwarden guard install${scope === 'managed' ? ' --managed' : ''}`;
}

export function settingsFileFor(scope: InstallScope, where: Where): string {
  if (scope === 'managed') return systemFile(where, MANAGED_DROP_IN);
  if (scope === 'project') return path.join(where.project, '.claude', 'settings.json');
  return path.join(claudeConfigDir(where.home, where.env), 'settings.json');
}

/** Settings files larger than this are not settings; Claude Code's own files are a few KB. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

function readSettingsFile(file: string): EditTarget {
  return readForEdit(file, MAX_SETTINGS_BYTES);
}

export type EditOutcome =
  | { ok: true; file: string; changed: boolean; backup?: string; before: string | null; after: string }
  | { ok: false; error: string };

/** Reads, edits and writes one settings file through src/fix (backup first, atomic, mode kept). */
function editFile(
  linkOrFile: string,
  edit: (text: string | null) => ReturnType<typeof installGuardHooks>,
  opts: { dryRun: boolean; now: Date; mode?: number },
): EditOutcome {
  const target = readSettingsFile(linkOrFile);
  if (!target.ok) return { ok: false, error: `${linkOrFile}: ${target.reason}; not changed` };
  const { file } = target;
  const before = target.exists ? target.text : null;
  const result = edit(before);
  if (!result.ok) return { ok: false, error: `${file}: ${result.error}; not changed` };
  const base = { ok: true as const, file, changed: result.changed, before, after: result.text };
  if (!result.changed || opts.dryRun) return base;
  try {
    if (!target.exists) {
      if (opts.mode === undefined) createFile(file, result.text);
      else createWithOpenDirs(file, result.text, opts.mode);
      return base;
    }
    const backup = replaceWithBackup(target, result.text, { now: opts.now });
    if (opts.mode !== undefined) fs.chmodSync(file, opts.mode);
    return { ...base, backup };
  } catch (err) {
    return {
      ok: false,
      error: `${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    };
  }
}

/** A new file whose new directories are 0755 whatever the umask: every user must reach a managed drop-in. */
function createWithOpenDirs(file: string, text: string, mode: number): void {
  const created: string[] = [];
  for (let dir = path.dirname(file); !fs.existsSync(dir); dir = path.dirname(dir)) created.push(dir);
  createFile(file, text, 0o755, mode);
  for (const dir of created) fs.chmodSync(dir, 0o755);
}

/**
 * Claude Code parses settings as strict JSON and skips a whole file that holds a comment or a trailing
 * comma: a guard installed there would never run, so installing refuses instead of reporting success.
 */
function notStrictJson(text: string | null): string | undefined {
  const violation = text === null ? undefined : strictJsonViolation(text);
  if (!violation) return undefined;
  return `line ${violation.position.line} has a ${violation.what}, and Claude Code skips a settings file that is not strict JSON, so the guard would never run; remove it first`;
}

/** opts.mode: the file's mode afterwards (a managed drop-in must be readable by every user). */
export function installInto(
  file: string,
  commands: HookCommands,
  opts: { dryRun: boolean; now: Date; mode?: number },
): EditOutcome {
  return editFile(
    file,
    (text) => {
      const result = installGuardHooks(text, commands);
      const invalid = result.ok ? notStrictJson(text) : undefined;
      return invalid ? { ok: false, error: invalid } : result;
    },
    opts,
  );
}

export function uninstallFrom(file: string, opts: { dryRun: boolean; now: Date }): EditOutcome {
  return editFile(file, removeGuardHooks, opts);
}

// ---------------------------------------------------------------------------------------------------------
// Self-test: run the installed command line exactly as Claude Code would, on payloads with known answers.

export interface SelfTestCase {
  name: string;
  expect: 'deny' | 'not-deny';
  result: 'pass' | 'fail';
  got: string;
  ms: number;
}

function payloadFor(where: Where, tool: string, toolInput: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 'agentwarden-self-test',
    cwd: where.project,
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: toolInput,
    tool_use_id: 'toolu_agentwarden_self_test',
  });
}

/** What one hook run answered, as `deny`, `ask`, `allow`, `no objection`, or what went wrong. */
function verdictOf(status: number | null, stdout: string, stderr: string): string {
  if (status === 2) return `deny (exit 2: ${stderr.trim().split('\n')[0] ?? ''})`;
  if (status !== 0) return `failed (exit ${status ?? 'signal'}: ${stderr.trim().split('\n')[0] ?? ''})`;
  const text = stdout.trim();
  if (text === '') return 'no objection';
  try {
    const out = JSON.parse(text) as {
      hookSpecificOutput?: { permissionDecision?: string; hookEventName?: string };
    };
    const decision = out.hookSpecificOutput?.permissionDecision;
    if (out.hookSpecificOutput?.hookEventName !== 'PreToolUse' || !decision)
      return `unexpected output: ${text}`;
    return decision;
  } catch {
    return `output is not JSON: ${text.slice(0, 80)}`;
  }
}

/** The account Claude Code will run as, when it is not the one running the install. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/**
 * Runs the installed hook on payloads with known answers, exactly as Claude Code would start it: exec form
 * without a shell, shell form through one. With runAs, as that user, so files only root can read fail here.
 */
export function runSelfTest(hook: HookCommand, where: Where, runAs?: RunAs): SelfTestCase[] {
  if (runAs) where = { ...where, home: runAs.home };
  const cases: { name: string; input: string; expect: SelfTestCase['expect'] }[] = [
    {
      name: 'Read a file in the project',
      input: payloadFor(where, 'Read', { file_path: path.join(where.project, 'README.md') }),
      expect: 'not-deny',
    },
    {
      name: 'Read ~/.ssh/id_rsa',
      input: payloadFor(where, 'Read', { file_path: path.join(where.home, '.ssh', 'id_rsa') }),
      expect: 'deny',
    },
    { name: 'Bash rm -rf ~', input: payloadFor(where, 'Bash', { command: 'rm -rf ~' }), expect: 'deny' },
    { name: 'malformed payload', input: '{"hook_event_name":"PreToolUse","tool_name":', expect: 'deny' },
  ];
  const env = { ...where.env, HOME: where.home, CLAUDE_PROJECT_DIR: where.project };
  const [file, args] = hook.args ? [hook.command, hook.args] : ['/bin/sh', ['-c', hook.command]];
  return cases.map((c) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(file, args, {
      input: c.input,
      cwd: fs.existsSync(where.project) ? where.project : undefined,
      env: runAs ? { ...env, USER: runAs.name, LOGNAME: runAs.name } : env,
      encoding: 'utf8',
      timeout: 15_000,
      ...(runAs && { uid: runAs.uid, gid: runAs.gid }),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const got = run.error ? `failed (${run.error.message})` : verdictOf(run.status, run.stdout, run.stderr);
    const denied = got.startsWith('deny');
    const pass =
      c.expect === 'deny' ? denied : !denied && !got.startsWith('failed') && !got.includes('output');
    return { name: c.name, expect: c.expect, result: pass ? 'pass' : 'fail', got, ms };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Status: where the guard is installed, how, and what could switch it off.

export interface SettingsFileStatus {
  file: string;
  kind: 'user' | 'project' | 'local' | 'managed';
  exists: boolean;
  error?: string;
  entries: InstalledGuardHook[];
  disableAllHooks: boolean;
}

export interface GuardStatus {
  files: SettingsFileStatus[];
  /** Problems that make the guard not (fully) in force. */
  problems: string[];
  /** The installed hook the self-test should run, if any. */
  hook?: HookCommand;
}

function managedFiles(where: Where): string[] {
  const dir = systemFile(where, '/etc/claude-code/managed-settings.d');
  let dropIns: string[] = [];
  try {
    dropIns = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    // no drop-in dir
  }
  return [systemFile(where, '/etc/claude-code/managed-settings.json'), ...dropIns];
}

export function guardStatus(where: Where): GuardStatus {
  const claudeDir = claudeConfigDir(where.home, where.env);
  const targets: [SettingsFileStatus['kind'], string][] = [
    ['user', path.join(claudeDir, 'settings.json')],
    ['project', path.join(where.project, '.claude', 'settings.json')],
    ['local', path.join(where.project, '.claude', 'settings.local.json')],
    ...managedFiles(where).map((f): [SettingsFileStatus['kind'], string] => ['managed', f]),
  ];
  const files: SettingsFileStatus[] = [];
  for (const [kind, file] of targets) {
    const read = readSettingsFile(file);
    if (!read.ok) {
      files.push({
        file,
        kind,
        exists: true,
        error: `${file}: ${read.reason}`,
        entries: [],
        disableAllHooks: false,
      });
      continue;
    }
    if (!read.exists) {
      files.push({ file, kind, exists: false, entries: [], disableAllHooks: false });
      continue;
    }
    const parsed = readSettingsText(read.text);
    if (!parsed.ok) {
      files.push({
        file,
        kind,
        exists: true,
        error: `${file}: ${parsed.error}`,
        entries: [],
        disableAllHooks: false,
      });
      continue;
    }
    const invalid = notStrictJson(read.text);
    files.push({
      file,
      kind,
      exists: true,
      ...(invalid && { error: `${file}: ${invalid}` }),
      entries: findGuardHooks(parsed.value),
      disableAllHooks: parsed.value.disableAllHooks === true,
    });
  }
  const problems: string[] = [];
  const installed = files.filter((f) => f.entries.length > 0);
  const managed = installed.some((f) => f.kind === 'managed');
  if (installed.length === 0)
    problems.push('the agentwarden hook is not installed in any Claude Code settings file');
  for (const f of installed) {
    const scope = f.kind === 'managed' ? 'managed' : 'user';
    const guards = f.entries.filter((e) => e.role === 'guard');
    const events = new Set(guards.map((e) => e.event));
    const missing = GUARD_EVENTS.filter((e) => !events.has(e));
    if (missing.length > 0) problems.push(`${f.file}: no agentwarden hook for ${missing.join(', ')}`);
    if (!f.entries.some((e) => e.role === 'skills-verify' && e.event === 'SessionStart'))
      problems.push(
        `${f.file}: no \`agentwarden skills verify --session-start\` hook on SessionStart, so drift in the skills lockfile goes unreported; run \`${recoveryCommand(scope)}\` again`,
      );
    for (const cli of new Set(f.entries.map((e) => bundleCliOf(e)))) {
      if (cli && !fs.existsSync(cli))
        problems.push(
          `${f.file}: the hook runs ${cli}, which is missing, so Claude Code blocks every tool call and prompt; recover with \`${recoveryCommand(scope)}\``,
        );
      else if (cli && f.kind === 'managed' && !readableByOthers(cli))
        problems.push(`${cli} is not readable by other users, so the managed hook fails for them`);
    }
    if (f.kind === 'managed' && !readableByOthers(f.file))
      problems.push(
        `${f.file} is not readable by other users: Claude Code running as them cannot load it and runs unguarded; chmod 644 it`,
      );
    if (f.entries.some((e) => !e.args))
      problems.push(
        `${f.file}: the hook runs through a shell, so a repository's BASH_ENV runs before it; reinstall with \`${recoveryCommand(scope)}\` for exec form`,
      );
    for (const e of guards) {
      if (e.onFailure !== 'block')
        problems.push(
          `${f.file}: ${e.event} hook lacks "onFailure": "block", so a crash or timeout lets the call through`,
        );
      if (typeof e.timeout !== 'number')
        problems.push(`${f.file}: ${e.event} hook has no timeout (600 s default)`);
      if (e.async === true) problems.push(`${f.file}: ${e.event} hook is async, so it cannot block anything`);
    }
  }
  for (const f of files.filter((f) => f.disableAllHooks)) {
    // Managed hooks survive a non-managed disableAllHooks; everything else is switched off by it.
    if (f.kind === 'managed' || !managed)
      problems.push(`${f.file} sets "disableAllHooks": true, which switches the guard off`);
  }
  for (const f of files.filter((f) => f.error)) problems.push(f.error as string);
  const preferred = [...installed].sort(
    (a, b) => Number(b.kind === 'managed') - Number(a.kind === 'managed'),
  )[0];
  const entry = preferred?.entries.find((e) => e.event === 'PreToolUse' && e.role === 'guard');
  if (!entry) return { files, problems };
  return { files, problems, hook: { command: entry.command, ...(entry.args && { args: entry.args }) } };
}
