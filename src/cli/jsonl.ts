import { createInterface } from 'node:readline';

export interface JsonlAnswer {
  fields: Record<string, unknown>;
  found: boolean;
}

/**
 * Batch mode shared by the scanners' `--jsonl`: one `{id, text}` object per stdin line in, one answer per line
 * out, in order. A line that is not a JSON object with a string `text` gets `{id, error}`; blank lines are
 * skipped. Returns whether any answer reported a finding.
 */
export async function answerJsonlRows(
  answer: (text: string) => JsonlAnswer | Promise<JsonlAnswer>,
): Promise<boolean> {
  let found = false;
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      process.stdout.write(`${JSON.stringify({ id: null, error: 'not JSON' })}\n`);
      continue;
    }
    const { id = null, text } = (typeof row === 'object' && row !== null ? row : {}) as {
      id?: unknown;
      text?: unknown;
    };
    if (typeof text !== 'string') {
      process.stdout.write(`${JSON.stringify({ id, error: 'no text' })}\n`);
      continue;
    }
    const result = await answer(text);
    found ||= result.found;
    process.stdout.write(`${JSON.stringify({ id, ...result.fields })}\n`);
  }
  return found;
}
