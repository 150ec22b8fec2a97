/** The 1-based line of a text that first contains `needle`, searching from line `from`. */
export function lineOf(lines: readonly string[], needle: string, from = 1): number | undefined {
  const probe = needle.trim().split('\n')[0]?.slice(0, 80) ?? '';
  if (probe === '') return undefined;
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i]?.includes(probe)) return i + 1;
  return undefined;
}
