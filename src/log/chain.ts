import { sha256 } from './sha256.js';

export { sha256 };

export type ChainProblemKind = 'bad-json' | 'hash-mismatch' | 'broken-link' | 'truncated';

export interface ChainProblem {
  file: string;
  /** 1-based line number in `file`. */
  line: number;
  kind: ChainProblemKind;
  message: string;
}

/** One file's text, in chain order (oldest rotated file first, the live log last). */
export interface ChainSegment {
  file: string;
  text: string;
}

export interface ChainCheck {
  lines: number;
  problems: ChainProblem[];
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Checks every line's own hash (`hash` = sha256 of the line's JSON without `hash`) and its link to the line
 * before (`prev` = sha256 of that line's exact text), across files. `firstPrev` is what the first line must
 * link to: null for a log that starts here, the last pruned hash when retention removed older files.
 * Every problem is reported, not only the first; a broken link says where the entry it names really is
 * (a reordered pair) or that it is in no file (a removed or edited entry).
 */
export function checkChain(segments: readonly ChainSegment[], firstPrev: string | null = null): ChainCheck {
  const split = segments.map((s) => {
    const lines = splitLines(s.text);
    return { ...s, lines, hashes: lines.map(sha256) };
  });
  const whereIs = new Map<string, { file: string; line: number }>();
  for (const s of split)
    for (const [i, h] of s.hashes.entries()) whereIs.set(h, { file: s.file, line: i + 1 });
  const problems: ChainProblem[] = [];
  let total = 0;
  let expectedPrev: string | null = firstPrev;
  for (const s of split) {
    for (const [i, line] of s.lines.entries()) {
      total++;
      const at = { file: s.file, line: i + 1 };
      const problem = (kind: ChainProblemKind, message: string) => problems.push({ ...at, kind, message });
      let record: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          record = parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
      if (!record) problem('bad-json', 'not valid JSON (an edit, or a write cut off by a crash)');
      else {
        const { hash, ...body } = record;
        if (typeof hash !== 'string' || sha256(JSON.stringify(body)) !== hash)
          problem('hash-mismatch', 'hash does not match the line');
        if (body.prev !== expectedPrev) problem('broken-link', brokenLinkMessage(body.prev, at, whereIs));
      }
      expectedPrev = s.hashes[i] ?? null;
    }
    if (s.text !== '' && !s.text.endsWith('\n'))
      problems.push({
        file: s.file,
        line: s.lines.length,
        kind: 'truncated',
        message: 'the last line has no trailing newline (the file was cut off)',
      });
  }
  return { lines: total, problems };
}

function brokenLinkMessage(
  prev: unknown,
  at: { file: string; line: number },
  whereIs: Map<string, { file: string; line: number }>,
): string {
  const head = 'prev does not match the previous line';
  if (prev === null) return `${head}: it claims to be the first entry`;
  const target = typeof prev === 'string' ? whereIs.get(prev) : undefined;
  if (!target) return `${head}: the entry it links to is in no log file (removed or edited)`;
  const place = target.file === at.file ? `line ${target.line}` : `${target.file}:${target.line}`;
  return `${head}: it links to ${place} (entries reordered)`;
}
