/**
 * The 1-based line of a text that first contains `needle`, searching from line `from`; lines matching
 * `skip` (comments quoting the command) are passed over while another line holds it.
 */
export function lineOf(
  lines: readonly string[],
  needle: string,
  from = 1,
  skip?: RegExp,
): number | undefined {
  const probe = needle.trim().split('\n')[0]?.slice(0, 80) ?? '';
  if (probe === '') return undefined;
  let skipped: number | undefined;
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes(probe)) continue;
    if (!skip?.test(line)) return i + 1;
    skipped ??= i + 1;
  }
  return skipped;
}
