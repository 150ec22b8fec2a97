import * as path from 'node:path';
import type { Document } from 'yaml';
import type { core } from 'zod/mini';
import { agentwardenPaths, PROJECT_POLICY_FILE } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import { readStateFile } from '../core/safe-read.js';
import { CAPABILITIES } from '../scanners/shell/types.js';
import { isInside } from './glob.js';
import { buildPolicy, builtInPolicyData, cellRank, type Policy, type PolicyData } from './policy.js';
import { loadYaml, loadZod, type PolicyFile, policyFileSchema } from './schema.js';
import { ROLES } from './vocabulary.js';

export const BUILT_IN_SOURCE = 'built-in';

/** Where each merged value came from, and what a project file tried to loosen and was ignored. */
export interface Provenance {
  /** `role`, `roles.builder.network`, `protect:~/.ssh`, `network.allow:github.com`, `mcp:mcp__x__*`, ... */
  sources: Record<string, string>;
  files: { user?: string; project?: string };
  ignored: { file: string; key: string; why: string }[];
}

export type PolicyLoad = { ok: true; policy: Policy; provenance: Provenance } | { ok: false; error: string };

export interface LoadOptions {
  home: string;
  project: string;
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** See BuildOptions.installDir. */
  installDir?: string;
  /** See BuildOptions.hookFiles. */
  hookFiles?: readonly string[];
}

// A policy is a few dozen lines; anything far larger is not a policy file.
const MAX_POLICY_BYTES = 256 * 1024;

type FileRead = { ok: true; text: string | undefined } | { ok: false; error: string };

/**
 * One bounded read of the file as opened (no stat-then-read: a file swapped for a fifo, /dev/zero or a huge file
 * between a check and the read cannot stall or flood the guard). A link is followed to a regular file.
 */
function readPolicyText(file: string): FileRead {
  const read = readStateFile(file, MAX_POLICY_BYTES, { followLinks: true });
  if (read.status === 'missing') return { ok: true, text: undefined };
  if (read.status === 'refused') {
    if (read.why === 'not-regular') return { ok: false, error: `${file}: not a regular file` };
    if (read.why === 'too-large') return { ok: false, error: `${file}: larger than 256 KiB` };
    return { ok: false, error: `${file}: cannot read (${read.error.split(': ').pop() ?? 'error'})` };
  }
  const { text } = read;
  if (text.includes('\uFFFD') || text.includes('\u0000'))
    return { ok: false, error: `${file}: not UTF-8 text` };
  return { ok: true, text };
}

type Parsed = { ok: true; value: PolicyFile } | { ok: false; error: string };

function describeIssue(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown key "${issue.keys.join('", "')}"`;
    case 'too_small':
      return issue.message === 'Invalid input' ? `expected at least ${issue.minimum}` : issue.message;
    default:
      return issue.message;
  }
}

function issuePath(issue: core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest: its first issue says what is actually wrong.
    const best = [...issue.errors].sort((a, b) => deepest(b) - deepest(a))[0] ?? [];
    const first = best[0];
    if (first) {
      const inner = issuePath(first);
      return { path: [...issue.path, ...inner.path], message: inner.message };
    }
  }
  if (issue.code === 'unrecognized_keys')
    return { path: [...issue.path, issue.keys[0] ?? ''], message: describeIssue(issue) };
  return { path: issue.path, message: describeIssue(issue) };
}

function deepest(issues: core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

type LineCounter = { linePos(offset: number): { line: number } };

/** The line of the deepest YAML node on `keys` that exists (its key, when the last step is a map key). */
function lineOf(doc: Document, counter: LineCounter, keys: PropertyKey[]): number {
  const { isMap, isNode, isScalar } = loadYaml();
  for (let depth = keys.length; depth >= 0; depth--) {
    const prefix = keys.slice(0, depth);
    const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
    const last = prefix[prefix.length - 1];
    if (depth > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
      const range = pair && isNode(pair.key) ? pair.key.range : undefined;
      if (range) return counter.linePos(range[0]).line;
    }
    const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function parsePolicyFile(file: string, text: string): Parsed {
  const yaml = loadYaml();
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    const what = syntax.message.split('\n')[0] ?? 'invalid YAML';
    return { ok: false, error: `${file}:${line}: invalid YAML: ${what}` };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    return { ok: false, error: `${file}: invalid YAML: ${err instanceof Error ? err.message : String(err)}` };
  }
  const result = policyFileSchema(loadZod()).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  if (!first) return { ok: false, error: `${file}: invalid policy` };
  const located = issuePath(first);
  const key = located.path.map(String).join('.') || '(top level)';
  return {
    ok: false,
    error: redactText(`${file}:${lineOf(doc, counter, located.path)}: ${key}: ${located.message}`),
  };
}

/**
 * Reads the user's and the project's policy files and merges them over the built-in policy. The user file
 * may change anything; the project file comes with whatever repository was cloned, so it may only tighten.
 */
export function loadPolicy(options: LoadOptions): PolicyLoad {
  const userFile = agentwardenPaths(options.home, options.env).userPolicy;
  const projectFile = path.join(options.project, PROJECT_POLICY_FILE);
  // XDG_CONFIG_HOME can come from a repo's .claude/settings.json `env`, which Claude Code passes to hooks:
  // a user policy inside the project would be one the repo wrote, and a user policy may loosen anything.
  const usual = agentwardenPaths(options.home, {}).userPolicy;
  if (userFile !== usual && isInside(userFile, options.project)) {
    return {
      ok: false,
      error: `${userFile}: the user policy lies inside the project ${options.project}; a project cannot supply it (is XDG_CONFIG_HOME set by the project's settings?)`,
    };
  }
  const data = builtInPolicyData();
  const provenance: Provenance = { sources: {}, files: {}, ignored: [] };
  seedProvenance(data, provenance);

  for (const [file, scope] of [
    [userFile, 'user'],
    [projectFile, 'project'],
  ] as const) {
    const read = readPolicyText(file);
    if (!read.ok) return read;
    if (read.text === undefined) continue;
    const parsed = parsePolicyFile(file, read.text);
    if (!parsed.ok) return parsed;
    provenance.files[scope] = file;
    if (scope === 'user') applyUserFile(data, parsed.value, file, provenance);
    else applyProjectFile(data, parsed.value, file, provenance);
  }
  const policy = buildPolicy(data, {
    home: options.home,
    env: options.env,
    platform: options.platform ?? process.platform,
    ...(options.installDir !== undefined && { installDir: options.installDir }),
    ...(options.hookFiles !== undefined && { hookFiles: options.hookFiles }),
  });
  return { ok: true, policy, provenance };
}

function seedProvenance(data: PolicyData, provenance: Provenance): void {
  const s = provenance.sources;
  s.role = BUILT_IN_SOURCE;
  for (const role of ROLES) for (const c of CAPABILITIES) s[`roles.${role}.${c}`] = BUILT_IN_SOURCE;
  for (const p of data.protect) s[`protect:${p.pattern}`] = BUILT_IN_SOURCE;
  for (const d of data.network.allow) s[`network.allow:${d}`] = BUILT_IN_SOURCE;
  for (const d of data.network.deny) s[`network.deny:${d}`] = BUILT_IN_SOURCE;
  for (const p of data.taint.untrustedPaths) s[`taint.untrustedPaths:${p}`] = BUILT_IN_SOURCE;
}

function addUnique(
  list: string[],
  items: readonly string[] | undefined,
  key: string,
  file: string,
  p: Provenance,
) {
  for (const item of items ?? []) {
    if (!list.includes(item)) list.push(item);
    p.sources[`${key}:${item}`] ??= file;
  }
}

function addProtect(data: PolicyData, file: PolicyFile, source: string, p: Provenance): void {
  for (const item of file.protect ?? []) {
    const entry =
      typeof item === 'string'
        ? { pattern: item, kind: 'secret' as const, except: [] }
        : { pattern: item.path, kind: item.kind ?? 'secret', except: item.except ?? [] };
    data.protect.push(entry);
    p.sources[`protect:${entry.pattern}`] ??= source;
  }
}

function applyUserFile(data: PolicyData, file: PolicyFile, source: string, p: Provenance): void {
  if (file.role) {
    data.role = file.role;
    p.sources.role = source;
  }
  for (const role of ROLES) {
    for (const [capability, cell] of Object.entries(file.roles?.[role] ?? {})) {
      if (!cell) continue;
      data.matrix[role][capability as keyof PolicyData['matrix'][typeof role]] = cell;
      p.sources[`roles.${role}.${capability}`] = source;
    }
  }
  const dropped = new Set(file.unprotect ?? []);
  data.protect = data.protect.filter((entry) => {
    if (!dropped.has(entry.pattern)) return true;
    p.sources[`protect:${entry.pattern}`] = `removed by ${source}`;
    return false;
  });
  addProtect(data, file, source, p);
  addUnique(data.network.allow, file.network?.allow, 'network.allow', source, p);
  addUnique(data.network.deny, file.network?.deny, 'network.deny', source, p);
  for (const rule of file.mcp ?? []) {
    data.mcp.push(rule);
    p.sources[`mcp:${rule.tool}:${rule.verdict}`] = source;
  }
  addUnique(data.taint.untrustedPaths, file.taint?.untrustedPaths, 'taint.untrustedPaths', source, p);
  addUnique(
    data.taint.trustedMcpServers,
    file.taint?.trustedMcpServers,
    'taint.trustedMcpServers',
    source,
    p,
  );
  Object.assign(data.limits.budgets, file.budgets);
  Object.assign(data.limits.loops, file.loops);
  Object.assign(data.limits.prices, file.prices);
  if (file.log) data.limits.log = { ...data.limits.log, ...file.log };
  if (file.alerts) data.limits.alerts = { ...data.limits.alerts, ...file.alerts };
}

/** A project may lower a budget or a loop limit, never raise one, and never set prices (it could zero them). */
function tightenLimits(data: PolicyData, file: PolicyFile, ignore: (key: string, why: string) => void): void {
  const { budgets, loops } = data.limits;
  for (const period of ['daily', 'monthly'] as const) {
    const asked = file.budgets?.[period];
    if (asked === undefined) continue;
    if (budgets[period] === undefined || asked < (budgets[period] ?? 0)) budgets[period] = asked;
    else ignore(`budgets.${period}`, 'a project file cannot raise a budget');
  }
  for (const kind of ['sameCall', 'sameFailure'] as const) {
    const asked = file.loops?.[kind];
    if (!asked) continue;
    const current = loops[kind];
    if (!current || (asked.count <= current.count && asked.minutes >= current.minutes)) loops[kind] = asked;
    else ignore(`loops.${kind}`, 'a project file cannot loosen a loop limit');
  }
  if (file.prices) ignore('prices', 'a project file cannot set model prices');
  if (file.log) ignore('log', 'a project file cannot change log rotation or retention');
  if (file.alerts) ignore('alerts', 'a project file cannot choose where alerts go');
}

/** A project file may only add restrictions; anything that would loosen is recorded and ignored. */
function applyProjectFile(data: PolicyData, file: PolicyFile, source: string, p: Provenance): void {
  const ignore = (key: string, why: string) => p.ignored.push({ file: source, key, why });
  if (file.role) {
    data.projectRole = file.role;
    p.sources.projectRole = source;
  }
  for (const role of ROLES) {
    for (const [capability, cell] of Object.entries(file.roles?.[role] ?? {})) {
      if (!cell) continue;
      const cells = data.matrix[role] as Record<string, typeof cell>;
      const current = cells[capability] ?? 'deny';
      if (cellRank(cell) > cellRank(current)) {
        cells[capability] = cell;
        p.sources[`roles.${role}.${capability}`] = source;
      } else if (cell !== current) {
        ignore(`roles.${role}.${capability}`, `a project file cannot loosen ${current} to ${cell}`);
      }
    }
  }
  if (file.unprotect?.length) ignore('unprotect', 'a project file cannot remove protected paths');
  addProtect(data, file, source, p);
  if (file.network?.allow?.length) {
    ignore(
      'network.allow',
      'a project file cannot add allowed domains (a cloned repo could open an exfil route)',
    );
  }
  addUnique(data.network.deny, file.network?.deny, 'network.deny', source, p);
  for (const rule of file.mcp ?? []) {
    if (rule.verdict === 'allow') {
      ignore(`mcp:${rule.tool}`, 'a project file cannot allow MCP tools');
      continue;
    }
    data.mcp.push({ ...rule, fromProject: true });
    p.sources[`mcp:${rule.tool}:${rule.verdict}`] = source;
  }
  addUnique(data.taint.untrustedPaths, file.taint?.untrustedPaths, 'taint.untrustedPaths', source, p);
  if (file.taint?.trustedMcpServers?.length) {
    ignore('taint.trustedMcpServers', 'a project file cannot mark MCP servers as trusted');
  }
  tightenLimits(data, file, ignore);
}
