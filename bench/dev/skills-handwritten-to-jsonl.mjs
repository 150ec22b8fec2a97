// Prints the rows of bench/dev/skills-handwritten.txt (`=== id label` headers) as JSONL for the benches.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');
const parts = text.split(/^=== /m).filter((p) => p.trim());
for (const p of parts) {
  const nl = p.indexOf('\n');
  const [id, label] = p.slice(0, nl).trim().split(/\s+/);
  console.log(
    JSON.stringify({ id, text: p.slice(nl + 1), label: Number(label), source: 'handwritten (agentwarden)' }),
  );
}
