// Extracts benign paragraphs of real project documentation (contributor guides, processes, install and
// operations docs: imperative text written for humans) from local git mirrors into
// bench/dev/injection/real-docs.jsonl, one `{id, text, label: 0, source, licence}` a line. The training script
// reads that file, so training does not need the mirrors; this script is how it was made.
// Usage: node scripts/injection-train/extract-docs.mjs /work/.mirror/kubernetes+community/repo …
// Each mirror is read at HEAD with `git show` (no work tree needed); its licence is given per repository below.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Repositories this was run on, with the licence of their content. */
const LICENCES = {
  'kubernetes/community': 'Apache-2.0',
  'prometheus/docs': 'Apache-2.0',
  'tldr-pages/tldr': 'CC-BY-4.0',
};
/** Repositories whose pages are short and read whole (a tldr page: one command, its imperative examples). */
const WHOLE_PAGES = { 'tldr-pages/tldr': /^pages\/(?:common|linux|osx)\/[^/]+\.md$/ };
const PER_REPO = 2500;
const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'bench/dev/injection/real-docs.jsonl');

const git = (dir, ...args) =>
  execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** Prose paragraphs: front matter, tables of links and very short or very long blocks are skipped. */
function paragraphs(markdown) {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(
      (p) =>
        p.length >= 80 &&
        p.length <= 1500 &&
        /[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/.test(p) &&
        (p.match(/\]\(/g) ?? []).length < 4,
    );
}

const rows = [];
for (const dir of process.argv.slice(2)) {
  const gitDir = dir.endsWith('.git') || dir.endsWith('/repo') ? dir : join(dir, '.git');
  const name =
    dir
      .split('/')
      .find((s) => s.includes('+'))
      ?.replace('+', '/') ?? dir;
  const licence = LICENCES[name];
  if (!licence) throw new Error(`no licence recorded for ${name}`);
  const commit = git(gitDir, 'rev-parse', 'HEAD').trim();
  const files = git(gitDir, 'ls-tree', '-r', '--name-only', 'HEAD')
    .split('\n')
    .filter((f) => /\.md$/i.test(f) && !/(?:^|\/)(?:CHANGELOG|OWNERS|SECURITY_CONTACTS)/i.test(f))
    .filter((f) => !WHOLE_PAGES[name] || WHOLE_PAGES[name].test(f))
    .sort();
  const found = [];
  for (const file of files) {
    const text = git(gitDir, 'show', `HEAD:${file}`);
    const pieces = WHOLE_PAGES[name] ? [text.trim()].filter((t) => t.length <= 3000) : paragraphs(text);
    pieces.forEach((p, i) => {
      found.push({
        id: `doc-${createHash('sha256').update(`${name}:${file}:${i}`).digest('hex').slice(0, 12)}`,
        text: p,
        label: 0,
        source: `${name}@${commit.slice(0, 9)}:${file}`,
        licence,
      });
    });
  }
  // A deterministic spread over the repository rather than its first files alphabetically.
  found.sort((a, b) => (a.id < b.id ? -1 : 1));
  rows.push(...found.slice(0, PER_REPO));
}
writeFileSync(out, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log(`wrote ${rows.length} rows to ${out}`);
