import { parse as parseYaml } from 'yaml';

export interface Frontmatter {
  /** Parsed mapping; {} when there is no frontmatter or it is malformed. */
  data: Record<string, unknown>;
  /** Set when a `---` block exists but is not a YAML mapping (or is not closed). */
  error?: string;
}

/** YAML frontmatter between `---` lines at the top of a markdown file (skills, commands, agents). */
export function parseFrontmatter(text: string): Frontmatter {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return { data: {} };
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (close < 0) return { data: {}, error: 'frontmatter starts with --- but is never closed' };
  const block = lines.slice(1, close);
  try {
    const data: unknown = parseYaml(block.join('\n'), { prettyErrors: false });
    if (data === null || data === undefined) return { data: {} };
    if (typeof data !== 'object' || Array.isArray(data))
      return { data: {}, error: 'frontmatter is not a YAML mapping' };
    return { data: data as Record<string, unknown> };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { data: {}, error: `frontmatter is not valid YAML: ${reason}` };
  }
}
