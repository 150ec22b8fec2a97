import { isMap, isScalar, parseDocument, visit } from 'yaml';

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
    const data = parseLinear(block.join('\n'));
    if (data === null || data === undefined) return { data: {} };
    if (typeof data !== 'object' || Array.isArray(data))
      return { data: {}, error: 'frontmatter is not a YAML mapping' };
    return { data: data as Record<string, unknown> };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { data: {}, error: `frontmatter is not valid YAML: ${reason}` };
  }
}

/**
 * `yaml`'s own duplicate-key check compares every key with every earlier one (100,000 keys: minutes); it is
 * switched off and the same rule (a repeated key is an error) is kept with one set per mapping.
 */
function parseLinear(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) throw error;
  let duplicate: string | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          duplicate = String(key);
          return visit.BREAK;
        }
        seen.add(key);
      }
    },
  });
  if (duplicate !== undefined) throw new Error(`Map keys must be unique (${duplicate.slice(0, 80)})`);
  return doc.toJS();
}
