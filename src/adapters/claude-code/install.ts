import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strictJsonViolation } from '../../core/document/jsonc.js';
import { claudeConfigDir } from '../../core/paths.js';
import { createFile, type EditTarget, readForEdit, replaceWithBackup } from '../../fix/file.js';
import type { Env } from '../../guard/engine.js';
import {
  findGuardHooks,
  GUARD_EVENTS,
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
  opts: { dryRun: boolean; now: Date },
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
      createFile(file, result.text);
      return base;
    }
    return { ...base, backup: replaceWithBackup(target, result.text, { now: opts.now }) };
  } catch (err) {
    return {
      ok: false,
      error: `${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    };
  }
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

export function installInto(
  file: string,
  command: string,
  opts: { dryRun: boolean; now: Date },
): EditOutcome {
  return editFile(
    file,
    (text) => {
      const result = installGuardHooks(text, command);
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

export function runSelfTest(command: string, where: Where): SelfTestCase[] {
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
  return cases.map((c) => {
    const started = process.hrtime.bigint();
    // Through a shell, as Claude Code runs a command hook: the quoting we wrote is part of what is tested.
    const run = spawnSync('/bin/sh', ['-c', command], {
      input: c.input,
      cwd: fs.existsSync(where.project) ? where.project : undefined,
      env,
      encoding: 'utf8',
      timeout: 15_000,
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
  /** The installed command line the self-test should run, if any. */
  command?: string;
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
    const events = new Set(f.entries.map((e) => e.event));
    const missing = GUARD_EVENTS.filter((e) => !events.has(e));
    if (missing.length > 0) problems.push(`${f.file}: no agentwarden hook for ${missing.join(', ')}`);
    for (const e of f.entries) {
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
  const command = preferred?.entries.find((e) => e.event === 'PreToolUse')?.command;
  return command ? { files, problems, command } : { files, problems };
}
