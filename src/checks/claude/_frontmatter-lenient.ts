import { parseFrontmatter } from '../../core/frontmatter.js';

/** Frontmatter keys whose loss changes what a skill or command may do. */
export const SECURITY_KEYS = ['disable-model-invocation', 'allowed-tools'] as const;

export interface ClaudeFrontmatter {
  /** What Claude Code reads: the YAML mapping, or when the YAML is invalid its top-level `key: value` lines. */
  data: Record<string, unknown>;
  /** The YAML error, when Claude Code fell back to reading lines. */
  yamlError?: string;
  /** Security keys written in the frontmatter that Claude Code does not read (indented, or never closed). */
  lost: string[];
}

const TOP_LEVEL_KEY = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/;

function scalar(raw: string): unknown {
  const v = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

/**
 * Frontmatter as Claude Code reads it. Verified with the real client (REFERENCE.md, "Skill frontmatter is
 * parsed leniently"): invalid YAML such as an unquoted `: ` in a description still yields every top-level
 * key, `disable-model-invocation` included. What is lost is a key that is not at the start of a line of a
 * closed `---` block.
 */
export function readClaudeFrontmatter(text: string): ClaudeFrontmatter {
  const parsed = parseFrontmatter(text);
  if (!parsed.error) return { data: parsed.data, lost: [] };
  const lines = text.split(/\r?\n/);
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  const block = close < 0 ? lines.slice(1) : lines.slice(1, close);
  const data: Record<string, unknown> = {};
  if (close >= 0) {
    for (const line of block) {
      const m = TOP_LEVEL_KEY.exec(line);
      if (m?.[1] !== undefined && !(m[1] in data)) data[m[1]] = scalar(m[2] ?? '');
    }
  }
  const written = SECURITY_KEYS.filter((key) => block.some((l) => l.trimStart().startsWith(`${key}:`)));
  return { data, yamlError: parsed.error, lost: written.filter((key) => !(key in data)) };
}
