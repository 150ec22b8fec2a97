/** One `KEY=value` line of a .env file, with the raw (not yet interpolated) value and where it is. */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
  column: number;
}

/**
 * The .env syntax compose reads: `KEY=value`, `export KEY=value`, single quotes (literal), double quotes
 * (with \n escapes), `#` comments (inline only after whitespace on unquoted values). Lines that are not
 * assignments are skipped, as compose skips them.
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = (m[3] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else value = value.replace(/\s+#.*$/, '');
    out.push({ key: m[2] as string, value, line: i + 1, column: (m[1] as string).length + 1 });
  }
  return out;
}

export function dotenvMap(entries: DotenvEntry[]): Map<string, string> {
  return new Map(entries.map((e) => [e.key, e.value]));
}
