/**
 * OpenClaw's config is strict: an unknown or retired key, or a value outside an enum, makes the whole file
 * invalid, the gateway refuses to start and `openclaw security audit` audits nothing. The key tree is
 * generated from `openclaw config schema` (2026.9.6) by scripts/openclaw-config-keys.mjs.
 */
import { isRecord, type JsonPath } from '../core/document/index.js';
import type { OpenclawConfig } from './openclaw.js';
import keyTree from './openclaw-config-keys.generated.json' with { type: 'json' };

/** 0 is a leaf of any type. */
type KeyNode = 0 | { p?: Record<string, KeyNode>; open?: 1; '*'?: KeyNode; '[]'?: KeyNode; e?: string[] };

/** Keys removed in recent releases, with what replaced them (D/legacy-*.mjs). */
const RETIRED: Record<string, string> = {
  'logging.redactSensitive':
    'removed in 2026.9: redaction is always on for tool output (logging.redactPatterns adds patterns)',
  'gateway.controlUi.allowInsecureAuth': 'removed: use gateway.controlUi.allowedOrigins and device auth',
};

/**
 * Legacy keys OpenClaw still accepts and moves on load (D/legacy-*.mjs migrations), with a warning only:
 * `openclaw config validate` 2026.9.6 says "Config valid" with `agents.list` (moved to agents.entries).
 */
const MIGRATED = new Set(['agents.list']);

export interface SchemaIssue {
  file: string;
  path: JsonPath;
  line: number;
  column: number;
  kind: 'unknown-key' | 'retired-key' | 'invalid-value';
  message: string;
}

function child(node: KeyNode, key: string | number): KeyNode | undefined {
  if (node === 0) return 0;
  if (typeof key === 'number') return node['[]'] ?? 0;
  return node.p?.[key] ?? node['*'] ?? (node.open ? 0 : undefined);
}

function nodeAt(p: JsonPath): KeyNode | undefined {
  let node: KeyNode | undefined = keyTree as KeyNode;
  for (const k of p) {
    if (node === undefined) return undefined;
    node = child(node, k);
  }
  return node;
}

const show = (p: JsonPath) => p.map(String).join('.');

/** Every key and enum value OpenClaw 2026.9 would reject, in every file of the config. */
export function validateOpenclawConfig(cfg: OpenclawConfig): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const source of cfg.sources) {
    const start = nodeAt(source.mount);
    if (start === undefined) continue;
    const visit = (value: unknown, node: KeyNode, at: JsonPath) => {
      if (node === 0) return;
      const full = [...source.mount, ...at];
      const issue = (kind: SchemaIssue['kind'], p: JsonPath, message: string) => {
        const { line, column } = source.doc.locate(p);
        issues.push({ file: source.file, path: [...source.mount, ...p], line, column, kind, message });
      };
      if (typeof value === 'string' && node.e && !node.e.includes(value)) {
        issue(
          'invalid-value',
          at,
          `${show(full)} is "${value}"; OpenClaw accepts ${node.e.map((v) => `"${v}"`).join(', ')}`,
        );
        return;
      }
      if (Array.isArray(value) && node['[]'] !== undefined) {
        for (const [i, v] of value.entries()) visit(v, node['[]'] as KeyNode, [...at, i]);
        return;
      }
      if (!isRecord(value) || (!node.p && !node['*'] && !node.open)) return;
      for (const [k, v] of Object.entries(value)) {
        if (k === '$include' || (full.length === 0 && k === '$schema')) continue;
        const keyPath = [...full, k];
        if (MIGRATED.has(show(keyPath))) continue;
        const retired = RETIRED[show(keyPath)];
        if (retired) {
          issue('retired-key', [...at, k], `${show(keyPath)} is a retired key (${retired})`);
          continue;
        }
        const next = child(node, k);
        if (next === undefined)
          issue('unknown-key', [...at, k], `${show(keyPath)} is not a key OpenClaw knows`);
        else visit(v, next, [...at, k]);
      }
    };
    visit(source.doc.value, start, []);
  }
  return issues;
}
