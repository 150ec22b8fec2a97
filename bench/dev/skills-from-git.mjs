// Builds benign tuning rows (JSONL on stdout) from a git directory of a public skills collection, as described
// in bench/dev/SKILLS-SOURCES.md: one row per directory holding a SKILL.md (SKILL.md, then every text file under
// it after a `--- FILE: path ---` line; files over 300 KB and binaries left out). Reads the git objects only
// (no work tree, nothing run). The rows are NOT committed: rebuild them from the commit the sources file names.
//   node bench/dev/skills-from-git.mjs GIT_DIR [COMMIT] > /tmp/rows.jsonl
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const [gitDir, commit = 'HEAD'] = process.argv.slice(2);
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });
const entries = git('ls-tree', '-r', '-l', commit)
  .toString()
  .split('\n')
  .filter(Boolean)
  .map((l) => {
    const [meta, file] = l.split('\t');
    const [, type, sha, size] = meta.split(/\s+/);
    return { type, sha, size: Number(size), file };
  })
  .filter((e) => e.type === 'blob');
const dirs = entries.filter((e) => path.basename(e.file) === 'SKILL.md').map((e) => path.dirname(e.file));
const name = path.basename(path.dirname(path.resolve(gitDir)));
for (const dir of dirs) {
  const prefix = dir === '.' ? '' : `${dir}/`;
  const inDir = entries.filter((e) => e.file.startsWith(prefix) && e.size <= 300_000);
  const skillMd = inDir.find((e) => e.file === `${prefix}SKILL.md`);
  const parts = [git('cat-file', 'blob', skillMd.sha).toString()];
  for (const e of inDir) {
    if (e === skillMd) continue;
    const bytes = git('cat-file', 'blob', e.sha);
    if (bytes.includes(0)) continue;
    parts.push(`--- FILE: ${e.file.slice(prefix.length)} ---\n${bytes.toString()}`);
  }
  const text = parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
  console.log(JSON.stringify({ id: `${name}:${dir}`, text, label: 0, source: name }));
}
