/** Flags that take the next word as their value (`-A 3`); ripgrep adds its own (`-g '*.ts'`, `-t py`). */
const FLAGS_WITH_VALUE = new Set(['-A', '-B', '-C', '-m', '-d', '-D', '--max-count']);
const RG_FLAGS_WITH_VALUE = new Set(['-g', '-t', '-T', '-j', '-M', '-E', '--glob', '--type', '--type-not']);

/**
 * Where the pattern of a grep-like search is among its arguments: the first operand, unless `-e`/`-f` give the
 * patterns; -1 when there is none. It names text to find, not a file read (`grep -rn id_rsa src` reads src).
 */
export function searchPatternIndex(name: string, args: readonly string[]): number {
  if (!/^(grep|egrep|fgrep|rg|ag|ack)$/.test(name)) return -1;
  if (args.some((a) => /^(-[a-zA-Z]*[ef]\S*|--regexp(=.*)?|--file(=.*)?)$/.test(a))) return -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return i + 1 < args.length ? i + 1 : -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (FLAGS_WITH_VALUE.has(a) || (name === 'rg' && RG_FLAGS_WITH_VALUE.has(a))) i++;
  }
  return -1;
}
