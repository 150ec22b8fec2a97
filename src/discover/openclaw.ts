/**
 * Where OpenClaw (formerly Moltbot / Clawdbot) keeps its state and config, resolved the way OpenClaw 2026.9
 * resolves them (shared reference/openclaw REFERENCE.md §2), and its JSON5 config loaded with `$include`s
 * and SecretRefs, every value traceable to the file and line that wrote it. The one resolver: the audit,
 * the kill switch and spend all ask here.
 */
import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
import { type ConfigDocument, isRecord, type JsonPath, type Position } from '../core/document/index.js';
import { type FileSystem, nodeFileSystem } from '../core/files.js';
import { openclawStateDir as coreOpenclawStateDir, envPath, openclawHome } from '../core/openclaw-paths.js';
import { type LoadProblem, loadConfigObject } from './files.js';

export { openclawHome };

type Env = Readonly<Record<string, string | undefined>>;
type Stat = Pick<FileSystem, 'stat'>;

const CONFIG_NAMES = ['openclaw.json', 'clawdbot.json'];
/** OpenClaw prints a warning and ignores these (`LEGACY_ENV_PREFIXES`). */
export const LEGACY_ENV_PREFIXES = ['CLAWDBOT_', 'MOLTBOT_'];
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** OpenClaw's own include depth limit is not documented; ten levels is more than any real layout needs. */
export const MAX_INCLUDE_DEPTH = 10;

/** The state dir ($OPENCLAW_STATE_DIR, profile, legacy ~/.clawdbot): resolved in core for the hook path. */
export function openclawStateDir(home: string, env: Env, fsys: Stat = nodeFileSystem): string {
  return coreOpenclawStateDir(home, env, fsys);
}

/** Config files OpenClaw tries, in its order: the override, the state dir's, ~/.openclaw's, ~/.clawdbot's. */
export function openclawConfigCandidates(home: string, env: Env, fsys: Stat = nodeFileSystem): string[] {
  if (env.OPENCLAW_CONFIG_PATH) return [envPath(env.OPENCLAW_CONFIG_PATH, home)];
  const base = openclawHome(home, env);
  const dirs = [
    openclawStateDir(home, env, fsys),
    path.join(base, '.openclaw'),
    path.join(base, '.clawdbot'),
  ];
  const unique = [...new Set(dirs)];
  return unique.flatMap((d) => CONFIG_NAMES.map((n) => path.join(d, n)));
}

/** The config file OpenClaw would load, or undefined when there is none (it then runs on defaults). */
export function openclawConfigFile(home: string, env: Env, fsys: Stat = nodeFileSystem): string | undefined {
  const candidates = openclawConfigCandidates(home, env, fsys);
  if (env.OPENCLAW_CONFIG_PATH) return candidates[0];
  return candidates.find((f) => fsys.stat(f)?.kind === 'file');
}

/** Environment variables with a legacy prefix: OpenClaw ignores them, so what they set does not apply. */
export function ignoredLegacyEnv(env: Env): string[] {
  return Object.keys(env)
    .filter((k) => LEGACY_ENV_PREFIXES.some((p) => k.startsWith(p)) && env[k] !== undefined)
    .sort();
}

/** Legacy state dirs present beside the one in use (they may still hold tokens and transcripts). */
export function legacyStateDirs(home: string, env: Env, fsys: Stat = nodeFileSystem): string[] {
  const base = openclawHome(home, env);
  const inUse = openclawStateDir(home, env, fsys);
  return ['.clawdbot', '.moltbot']
    .map((d) => path.join(base, d))
    .filter((d) => d !== inUse && fsys.stat(d)?.kind === 'dir');
}

/** One parsed file of the config: the main file, or an included one mounted at `mount`. */
export interface OpenclawSource {
  file: string;
  doc: ConfigDocument;
  /** Path in the merged config of the object whose `$include` pulled this file in ([] for the main file). */
  mount: JsonPath;
}

export interface Located extends Position {
  file: string;
}

export interface OpenclawConfig {
  stateDir: string;
  /** The config file in use; undefined when there is none. */
  configFile?: string;
  /** Main file first, then each include after the file including it. */
  sources: OpenclawSource[];
  /** The config after `$include`s are merged (empty when there is no config). */
  value: Record<string, unknown>;
  problems: LoadProblem[];
  get(p: JsonPath): unknown;
  /** Where the value at p is written (the nearest written parent when p is a default). */
  locate(p: JsonPath): Located | undefined;
  /** The file that writes p (or its nearest written parent) and p relative to that file. */
  owner(p: JsonPath): { source: OpenclawSource; rest: JsonPath } | undefined;
}

function includeRoots(configFile: string, home: string, env: Env): string[] {
  const extra = (env.OPENCLAW_INCLUDE_ROOTS ?? '').split(path.delimiter).filter(Boolean);
  return [path.dirname(configFile), ...extra.map((r) => envPath(r, home))];
}

function within(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Objects merge key by key, later wins; anything else is replaced. */
function deepMerge(a: unknown, b: unknown): unknown {
  if (!isRecord(a) || !isRecord(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

function getAt(root: unknown, p: JsonPath): unknown {
  let cur = root;
  for (const k of p) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? cur[k] : undefined;
    else cur = isRecord(cur) && Object.hasOwn(cur, k) ? cur[k] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Loads the config OpenClaw would use (memoised per audit), `$include`s merged, problems collected. */
export function loadOpenclawConfig(ctx: AuditContext): OpenclawConfig {
  return ctx.memo('openclaw-config', () => readOpenclawConfig(ctx));
}

function readOpenclawConfig(ctx: AuditContext): OpenclawConfig {
  const stateDir = openclawStateDir(ctx.home, ctx.env, ctx.fs);
  const configFile = openclawConfigFile(ctx.home, ctx.env, ctx.fs);
  const sources: OpenclawSource[] = [];
  const problems: LoadProblem[] = [];
  let value: Record<string, unknown> = {};

  const load = (file: string, mount: JsonPath) => {
    const loaded = loadConfigObject(ctx, file, { format: 'json5', maxBytes: MAX_CONFIG_BYTES });
    if (loaded.status === 'ok') sources.push({ file, doc: loaded.doc, mount });
    return loaded;
  };

  if (configFile) {
    const roots = includeRoots(configFile, ctx.home, ctx.env);
    const resolve = (node: unknown, file: string, at: JsonPath, chain: string[]): unknown => {
      if (Array.isArray(node)) return node.map((v, i) => resolve(v, file, [...at, i], chain));
      if (!isRecord(node)) return node;
      const own: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node))
        if (k !== '$include') own[k] = resolve(v, file, [...at, k], chain);
      if (!('$include' in node)) return own;
      const where = sources.find((s) => s.file === file);
      const pos = where?.doc.locate([...at.slice(where.mount.length), '$include']);
      const problem = (message: string) =>
        problems.push({ file, message, ...(pos && { line: pos.line, column: pos.column }) });
      const refs = ([] as unknown[]).concat(node.$include);
      let merged: unknown = {};
      for (const ref of refs) {
        if (typeof ref !== 'string') {
          problem(`${file}: "$include" must name files (strings)`);
          continue;
        }
        const target = path.resolve(path.dirname(file), ref);
        if (!roots.some((r) => within(target, r))) {
          problem(
            `${file} includes ${target}, outside the config directory and OPENCLAW_INCLUDE_ROOTS: OpenClaw refuses it`,
          );
          continue;
        }
        if (chain.includes(target)) {
          problem(`${file} includes ${target}, which includes it back (an include cycle)`);
          continue;
        }
        if (chain.length >= MAX_INCLUDE_DEPTH) {
          problem(`${file}: includes nested more than ${MAX_INCLUDE_DEPTH} deep; ${target} not read`);
          continue;
        }
        const loaded = load(target, at);
        if (loaded.status === 'missing') problem(`${file} includes ${target}, which does not exist`);
        else if (loaded.status === 'problem') problems.push(loaded.problem);
        else merged = deepMerge(merged, resolve(loaded.data, target, at, [...chain, target]));
      }
      return deepMerge(merged, own);
    };
    const main = load(configFile, []);
    if (main.status === 'problem') problems.push(main.problem);
    else if (main.status === 'ok') value = resolve(main.data, configFile, [], [configFile]) as typeof value;
  }

  /** The file that wrote the longest prefix of p; among equals, the including file beats its includes. */
  const owner = (p: JsonPath): { source: OpenclawSource; rest: JsonPath } | undefined => {
    let best: { source: OpenclawSource; depth: number } | undefined;
    for (const source of sources) {
      const { mount } = source;
      if (mount.length > p.length || mount.some((k, i) => p[i] !== k)) continue;
      const rest = p.slice(mount.length);
      let n = rest.length;
      while (n > 0 && !source.doc.has(rest.slice(0, n))) n--;
      const depth = mount.length + n;
      if (!best || depth > best.depth) best = { source, depth };
    }
    return best && { source: best.source, rest: p.slice(best.source.mount.length) };
  };

  return {
    stateDir,
    ...(configFile && { configFile }),
    sources,
    value,
    problems,
    get: (p) => getAt(value, p),
    locate(p) {
      const found = owner(p);
      if (!found) return undefined;
      const pos = found.source.doc.locate(found.rest);
      return { file: found.source.file, line: pos.line, column: pos.column };
    },
    owner,
  };
}

/** A secret value as written: a literal, or a reference OpenClaw resolves at start-up. */
export type SecretValue =
  | { kind: 'absent' }
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string; value?: string }
  | { kind: 'file'; file: string; value?: string }
  /** Never run: the command is reported, not executed. */
  | { kind: 'exec'; command: string }
  | { kind: 'unknown' };

/** `KEY=value` lines of an env file (OpenClaw's ~/.openclaw/.env); comments and `export` allowed. */
export function parseEnvFile(text: string): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  text.split('\n').forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) return;
    const value = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    out.set(m[1] as string, { value, line: i + 1 });
  });
  return out;
}

/** The env files OpenClaw loads besides the process environment (REFERENCE.md §2, "Env files"). */
export function openclawEnvFiles(ctx: AuditContext): string[] {
  const stateDir = openclawStateDir(ctx.home, ctx.env, ctx.fs);
  return [
    path.join(stateDir, '.env'),
    path.join(openclawHome(ctx.home, ctx.env), '.config', 'openclaw', 'gateway.env'),
  ];
}

function envValue(ctx: AuditContext, name: string): string | undefined {
  if (ctx.env[name] !== undefined) return ctx.env[name];
  for (const file of openclawEnvFiles(ctx)) {
    const read = ctx.fs.readText(file, { maxBytes: 1024 * 1024 });
    const hit = read.ok ? parseEnvFile(read.text).get(name) : undefined;
    if (hit) return hit.value;
  }
  return undefined;
}

/**
 * Resolves a secret the way OpenClaw would, without running anything: `${VAR}` and `{source:"env"}` from
 * the environment and OpenClaw's env files, `{source:"file"}` by reading the file (a JSON pointer `id`
 * into it when the provider names a JSON file), `{source:"exec"}` never (the command is returned).
 */
export function resolveSecret(ctx: AuditContext, cfg: OpenclawConfig, raw: unknown): SecretValue {
  if (raw === undefined || raw === null || raw === '') return { kind: 'absent' };
  if (typeof raw === 'string') {
    const ref = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw.trim());
    if (!ref) return { kind: 'literal', value: raw };
    const name = ref[1] as string;
    const value = envValue(ctx, name);
    return { kind: 'env', name, ...(value !== undefined && { value }) };
  }
  if (!isRecord(raw)) return { kind: 'unknown' };
  const id = typeof raw.id === 'string' ? raw.id : '';
  const provider = typeof raw.provider === 'string' ? raw.provider : undefined;
  const providerCfg = provider ? cfg.get(['secrets', 'providers', provider]) : undefined;
  const prov = isRecord(providerCfg) ? providerCfg : {};
  if (raw.source === 'env') {
    const value = envValue(ctx, id);
    return { kind: 'env', name: id, ...(value !== undefined && { value }) };
  }
  if (raw.source === 'exec') {
    const command = [prov.command, ...(Array.isArray(prov.args) ? prov.args : []), id]
      .filter((x) => typeof x === 'string' && x !== '')
      .join(' ');
    return { kind: 'exec', command: command || id };
  }
  if (raw.source === 'file') {
    const base = typeof prov.path === 'string' ? prov.path : id;
    const file = path.resolve(openclawHome(ctx.home, ctx.env), base.replace(/^~(?=\/|$)/, '.'));
    const read = ctx.fs.readText(file, { maxBytes: 1024 * 1024 });
    if (!read.ok) return { kind: 'file', file };
    if (typeof prov.path !== 'string') return { kind: 'file', file, value: read.text.trim() };
    try {
      const pointed = getAt(
        JSON.parse(read.text),
        id
          .split('/')
          .filter(Boolean)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
      );
      return typeof pointed === 'string' ? { kind: 'file', file, value: pointed } : { kind: 'file', file };
    } catch {
      return { kind: 'file', file };
    }
  }
  return { kind: 'unknown' };
}
