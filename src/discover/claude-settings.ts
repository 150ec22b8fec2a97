import * as path from 'node:path';
import { type ParseError, parseTree } from 'jsonc-parser';
import { type AuditContext, systemPath } from '../core/context.js';
import { describeDecoding, withoutNuls } from '../core/decode.js';
import {
  type ConfigDocument,
  isRecord,
  type JsonPath,
  lookup,
  offsetToPosition,
} from '../core/document/document.js';
import { parseJsonc, strictJsonViolation } from '../core/document/jsonc.js';
import { claudeConfigDir } from '../core/paths.js';
import { compileSafeRegex, type SafeRegex, safeRegexTest } from '../core/safe-regex.js';
import { type ConfigLoad, type LoadProblem, loadConfigObject } from './files.js';

/** Claude Code's settings sources, lowest precedence first (flag settings exist only per invocation). */
export type SettingsScope = 'user' | 'project' | 'local' | 'managed';

export interface SettingsFile {
  scope: SettingsScope;
  file: string;
  doc: ConfigDocument;
  data: Record<string, unknown>;
  /**
   * Claude Code's strict parser rejects the file (a comment or trailing comma) and runs without any of it:
   * its values are still audited as latent risks, but never count as effective settings or protection.
   */
  ignoredByClaude?: true;
}

/** A value together with the file and 1-based position it came from. */
export interface Traced<T = unknown> {
  value: T;
  scope: SettingsScope;
  file: string;
  line: number;
  column: number;
  path: JsonPath;
}

export interface HookDefinition {
  event: string;
  /** Undefined when the group has no matcher (matches everything). */
  matcher: string | undefined;
  hook: Record<string, unknown>;
  type: string;
  command: string | undefined;
  scope: SettingsScope;
  file: string;
  /** Line of the hook's command (or of the hook object when it has none). */
  line: number;
  path: JsonPath;
}

export type PermissionList = 'allow' | 'ask' | 'deny' | 'additionalDirectories';

export interface ClaudeSettings {
  configDir: string;
  userFile: string;
  projectFile: string;
  localFile: string;
  managedDir: string;
  /** Files that parsed, lowest precedence first, including those Claude Code ignores (ignoredByClaude). */
  files: SettingsFile[];
  problems: LoadProblem[];
  /** The effective value at path: taken from the highest-precedence file Claude Code loads that sets it. */
  get(p: JsonPath): Traced | undefined;
  /** Every file's value at path, lowest precedence first. */
  everywhere(p: JsonPath): Traced[];
  /**
   * A permissions array merged across the sources Claude Code loads (managed only when
   * allowManagedPermissionRulesOnly).
   */
  rules(list: PermissionList): Traced<string>[];
  /** Hooks from every source that Claude Code would actually run (honours disableAllHooks etc.). */
  activeHooks: HookDefinition[];
  /** Every hook defined anywhere, active or not. */
  allHooks: HookDefinition[];
}

/** Settings files larger than this are not settings; Claude Code's own files are a few KB. */
const MAX_SETTINGS_BYTES = 16 * 1024 * 1024;

export type ClaudeJsonLoad =
  | Exclude<ConfigLoad, { status: 'ok' }>
  | (Extract<ConfigLoad, { status: 'ok' }> & { strictProblem?: LoadProblem });

/**
 * Reads one of Claude Code's JSON files (settings, MCP, ~/.claude.json) as JSONC, so a comment does not
 * hide the file's content from the audit, and reports what Claude Code's strict parser makes of it.
 */
export function loadClaudeJson(
  ctx: AuditContext,
  file: string,
  maxBytes = MAX_SETTINGS_BYTES,
): ClaudeJsonLoad {
  const load = loadConfigObject(ctx, file, { format: 'jsonc', maxBytes, lenient: true });
  if (load.status === 'problem') return withTrailingBytes(ctx, file, maxBytes) ?? load;
  if (load.status !== 'ok') return load;
  const encodingProblem = claudeEncodingProblem(file, load.decoding);
  if (encodingProblem) return { ...load, strictProblem: encodingProblem };
  const strict = strictJsonViolation(load.doc.text);
  if (!strict) return load;
  const { line, column } = strict.position;
  return {
    ...load,
    strictProblem: {
      file,
      message:
        `${file} has a ${strict.what} at line ${line}: Claude Code reads this file as strict JSON, which allows ` +
        'neither comments nor trailing commas, and drops the whole file, so none of its settings apply',
      line,
      column,
      audited: true,
    },
  };
}

/**
 * A complete JSON object followed by stray bytes (one 0xFF, a NUL, text): Claude Code's `JSON.parse` fails on
 * the whole file and drops it, so its rules are latent rather than in force — but they are still what the
 * file says, and a stray byte must not hide them from the audit (issue 16). The object before the bytes is
 * audited as a file Claude Code ignores; undefined when the file is broken in any other way.
 */
function withTrailingBytes(ctx: AuditContext, file: string, maxBytes: number): ClaudeJsonLoad | undefined {
  const read = ctx.fs.readText(file, { maxBytes, lenient: true });
  if (!read.ok || read.truncated) return undefined;
  const text = withoutNuls(read.text);
  const errors: ParseError[] = [];
  let root: ReturnType<typeof parseTree>;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
  if (root?.type !== 'object') return undefined;
  const end = root.offset + root.length;
  // Only errors after the object: the object itself is whole.
  if (errors.length === 0 || errors.some((e) => e.offset < end) || text.slice(end).trim() === '')
    return undefined;
  const head = text.slice(0, end);
  const parsed = parseJsonc(head);
  if (!parsed.ok || !isRecord(parsed.doc.value)) return undefined;
  const { line, column } = offsetToPosition(text, end);
  return {
    status: 'ok',
    doc: parsed.doc,
    data: parsed.doc.value,
    strictProblem: {
      file,
      message:
        `${file} has stray bytes after its JSON object at line ${line}: Claude Code reads this file as strict ` +
        'JSON, fails to parse it and drops the whole file, so none of its settings apply (the object before ' +
        'the bytes is audited as what the file would say once they are removed)',
      line,
      column,
      audited: true,
    },
  };
}

/**
 * Claude Code reads its JSON files as UTF-8 (`readFileSync(…, 'utf8')`, then `JSON.parse`): an invalid byte
 * inside a string becomes U+FFFD and the file still loads (so the audit reads it as is), but a NUL byte or a
 * UTF-16 file makes `JSON.parse` fail and the whole file is dropped. The audit still reads what it says.
 */
function claudeEncodingProblem(
  file: string,
  decoding: Extract<ConfigLoad, { status: 'ok' }>['decoding'],
): LoadProblem | undefined {
  if (!decoding || (decoding.encoding === 'utf-8' && decoding.nuls === 0)) return undefined;
  return {
    file,
    message:
      `${file} is not plain UTF-8 JSON (${describeDecoding(decoding)}): Claude Code reads this file as UTF-8 ` +
      'strict JSON, fails to parse it and drops the whole file, so none of its settings apply',
    line: 1,
    column: 1,
    audited: true,
  };
}

export function managedSettingsDir(ctx: Pick<AuditContext, 'platform' | 'systemRoot'>): string {
  if (ctx.platform === 'darwin') return systemPath(ctx, '/Library/Application Support/ClaudeCode');
  if (ctx.platform === 'win32') return 'C:\\Program Files\\ClaudeCode';
  return systemPath(ctx, '/etc/claude-code');
}

export function traceIn(f: SettingsFile, p: JsonPath): Traced | undefined {
  const { found, value } = lookup(f.data, p);
  if (!found) return undefined;
  const pos = f.doc.locate(p);
  return { value, scope: f.scope, file: f.file, line: pos.line, column: pos.column, path: p };
}

function collectHooks(f: SettingsFile): HookDefinition[] {
  const out: HookDefinition[] = [];
  const hooks = f.data.hooks;
  if (!isRecord(hooks)) return out;
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return;
      const matcher = typeof group.matcher === 'string' ? group.matcher : undefined;
      group.hooks.forEach((hook, h) => {
        if (!isRecord(hook)) return;
        const hookPath: JsonPath = ['hooks', event, g, 'hooks', h];
        const command = typeof hook.command === 'string' ? hook.command : undefined;
        const pos = f.doc.locate(command !== undefined ? [...hookPath, 'command'] : hookPath);
        out.push({
          event,
          matcher,
          hook,
          type: typeof hook.type === 'string' ? hook.type : 'command',
          command,
          scope: f.scope,
          file: f.file,
          line: pos.line,
          path: hookPath,
        });
      });
    });
  }
  return out;
}

function activeHooksOf(files: SettingsFile[], all: HookDefinition[]): HookDefinition[] {
  const managed = files.filter((f) => f.scope === 'managed');
  if (managed.some((f) => f.data.disableAllHooks === true)) return [];
  const managedOnly =
    managed.some((f) => f.data.allowManagedHooksOnly === true) ||
    files.some((f) => f.data.disableAllHooks === true);
  return managedOnly ? all.filter((h) => h.scope === 'managed') : all;
}

/** Loads every settings file Claude Code reads, once per audit. */
export function loadClaudeSettings(ctx: AuditContext): ClaudeSettings {
  return ctx.memo('claude-settings', () => readClaudeSettings(ctx));
}

function readClaudeSettings(ctx: AuditContext): ClaudeSettings {
  const configDir = claudeConfigDir(ctx.home, ctx.env);
  const managedDir = managedSettingsDir(ctx);
  const userFile = path.join(configDir, 'settings.json');
  const projectFile = path.join(ctx.project, '.claude', 'settings.json');
  const localFile = path.join(ctx.project, '.claude', 'settings.local.json');
  const dropInDir = path.join(managedDir, 'managed-settings.d');
  const candidates: { scope: SettingsScope; file: string }[] = [
    { scope: 'user', file: userFile },
    { scope: 'project', file: projectFile },
    { scope: 'local', file: localFile },
    { scope: 'managed', file: path.join(managedDir, 'managed-settings.json') },
    ...ctx.fs
      .list(dropInDir)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => ({ scope: 'managed' as const, file: path.join(dropInDir, name) })),
  ];
  const files: SettingsFile[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Set<string>();
  for (const { scope, file } of candidates) {
    // When the project is the home directory, its .claude/settings.json is the user file: read it once.
    if (seen.has(file)) continue;
    seen.add(file);
    const load = loadClaudeJson(ctx, file);
    if (load.status === 'problem') problems.push(load.problem);
    else if (load.status === 'ok') {
      files.push({
        scope,
        file,
        doc: load.doc,
        data: load.data,
        ...(load.strictProblem && { ignoredByClaude: true as const }),
      });
      if (load.strictProblem) problems.push(load.strictProblem);
    }
  }
  const allHooks = files.flatMap(collectHooks);
  const loaded = files.filter((f) => !f.ignoredByClaude);
  const managedRulesOnly = loaded.some(
    (f) => f.scope === 'managed' && f.data.allowManagedPermissionRulesOnly === true,
  );
  const everywhere = (p: JsonPath) => files.flatMap((f) => traceIn(f, p) ?? []);
  const ruleCache = new Map<PermissionList, Traced<string>[]>();
  return {
    configDir,
    userFile,
    projectFile,
    localFile,
    managedDir,
    files,
    problems,
    everywhere,
    get(p) {
      for (let i = loaded.length - 1; i >= 0; i--) {
        const f = loaded[i];
        const t = f && traceIn(f, p);
        if (t) return t;
      }
      return undefined;
    },
    rules(list) {
      // Computed once per list: checks ask for the same rules many times, and a file may hold 100,000 of them.
      const cached = ruleCache.get(list);
      if (cached) return cached;
      const out: Traced<string>[] = [];
      for (const f of loaded) {
        if (managedRulesOnly && f.scope !== 'managed' && list !== 'additionalDirectories') continue;
        const arr = f.data.permissions;
        const items = isRecord(arr) ? arr[list] : undefined;
        if (!Array.isArray(items)) continue;
        items.forEach((item, i) => {
          if (typeof item !== 'string') return;
          const t = traceIn(f, ['permissions', list, i]);
          if (t) out.push({ ...t, value: item });
        });
      }
      ruleCache.set(list, out);
      return out;
    },
    allHooks,
    activeHooks: activeHooksOf(
      loaded,
      allHooks.filter((h) => loaded.some((f) => f.file === h.file)),
    ),
  };
}

/** Human name of a scope for messages. */
export function scopeLabel(scope: SettingsScope): string {
  return {
    user: 'user settings',
    project: 'project settings (shared with everyone who clones the repo)',
    local: 'local project settings',
    managed: 'managed settings',
  }[scope];
}

/** Legacy tool names Claude Code still accepts in matchers. */
const TOOL_ALIASES: Record<string, string> = {
  Task: 'Agent',
  KillShell: 'TaskStop',
  KillBash: 'TaskStop',
};

/** Whether a matcher is the plain name list form (`Bash`, `Edit|Write`, `Read, Grep`). */
function isNameList(matcher: string): boolean {
  return /^[A-Za-z0-9_|, -]+$/.test(matcher);
}

const MATCHERS = new Map<string, SafeRegex>();

/** A regex matcher compiled once to a linear-time program (never `new RegExp` on file content). */
function compiledMatcher(matcher: string): SafeRegex {
  let hit = MATCHERS.get(matcher);
  if (!hit) {
    if (MATCHERS.size >= 1000) MATCHERS.clear();
    hit = compileSafeRegex(matcher);
    MATCHERS.set(matcher, hit);
  }
  return hit;
}

/**
 * Why the audit cannot tell which tools a hook matcher selects (Claude Code reads it as a JavaScript regex,
 * the audit evaluates a safe subset of it), or undefined when it can.
 */
export function hookMatcherProblem(matcher: string | undefined): string | undefined {
  if (!matcher || matcher === '*' || isNameList(matcher)) return undefined;
  const compiled = compiledMatcher(matcher);
  return compiled.ok ? undefined : compiled.reason;
}

/**
 * Whether a hook matcher selects a tool, as Claude Code decides: empty or `*` matches all, a plain name list
 * (`[A-Za-z0-9_|, -]`) is an exact list, anything else is an unanchored regex — evaluated here by a
 * linear-time matcher. A regex it cannot evaluate (see `hookMatcherProblem`) counts as selecting nothing, so
 * no protection is credited that the audit cannot see.
 */
export function hookMatcherMatches(matcher: string | undefined, toolName: string): boolean {
  if (!matcher || matcher === '*') return true;
  const legacyNames = Object.entries(TOOL_ALIASES)
    .filter(([, current]) => current === toolName)
    .map(([legacy]) => legacy);
  if (isNameList(matcher)) {
    const names = matcher
      .split(/[|,]/)
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => TOOL_ALIASES[n] ?? n);
    return names.includes(toolName);
  }
  const compiled = compiledMatcher(matcher);
  if (!compiled.ok) return false;
  return [toolName, ...legacyNames].some((n) => safeRegexTest(compiled.program, n));
}
