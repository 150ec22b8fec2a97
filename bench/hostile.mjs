// Issue 16: every check runs in time linear in its input. The built CLI audits generated temp homes holding
// N allow rules, N deny rules, or a skill and a CLAUDE.md with N frontmatter keys, for a small and a large N
// (1k and 100k by default), in the same run. Linear time: the time ratio is about the size ratio (100×), not
// its square (10,000×). The audit's fixed cost (start-up, other checks) is measured on an empty home and
// taken off both sides before the ratio.
//   node bench/hostile.mjs [--small N] [--large N] [--kinds allow,deny,frontmatter]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmt, timeProcess } from './_lib.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist', 'cli.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const small = Number(arg('small', '1000'));
const large = Number(arg('large', '100000'));
const kinds = arg('kinds', 'allow,deny,frontmatter').split(',');

/** A home whose user settings / skill / CLAUDE.md hold n entries of one kind. */
function makeHome(root, kind, n) {
  const home = path.join(root, 'home');
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  fs.mkdirSync(project, { recursive: true });
  const settings = { permissions: { allow: [], deny: [] } };
  if (kind === 'allow')
    for (let i = 0; i < n; i++) settings.permissions.allow.push(`Bash(npm run task-${i}:*)`);
  if (kind === 'deny')
    for (let i = 0; i < n; i++)
      settings.permissions.deny.push(i % 2 ? `Read(./secrets/file-${i}.txt)` : `Bash(make target-${i} *)`);
  fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify(settings, null, 2));
  if (kind === 'frontmatter') {
    let fm = '---\nname: big\ndescription: a generated skill\n';
    for (let i = 0; i < n; i++) fm += `key${i}: value ${i}\n`;
    const skill = path.join(home, '.claude', 'skills', 'big');
    fs.mkdirSync(skill, { recursive: true });
    fs.writeFileSync(path.join(skill, 'SKILL.md'), `${fm}---\nDo the thing.\n`);
    fs.writeFileSync(path.join(project, 'CLAUDE.md'), `${fm}---\nProject notes.\n`);
  }
  return { home, project };
}

function audit({ home, project }) {
  const env = { PATH: process.env.PATH ?? '', HOME: home };
  return timeProcess(
    process.execPath,
    [cli, 'audit', '--home', home, '--project', project, '--only', 'claude,skills', '--format', 'json'],
    { env, maxBuffer: 256 * 1024 * 1024, allowFailure: true },
  );
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-bench-hostile-'));
let failed = false;
try {
  const empty = makeHome(path.join(tmp, 'empty'), 'none', 0);
  audit(empty); // warm the file cache
  const base = Math.min(audit(empty).ms, audit(empty).ms);
  console.log(`empty home (fixed cost): ${fmt(base)}`);
  for (const kind of kinds) {
    const a = makeHome(path.join(tmp, `${kind}-small`), kind, small);
    const b = makeHome(path.join(tmp, `${kind}-large`), kind, large);
    const ta = audit(a);
    const tb = audit(b);
    for (const [t, n] of [
      [ta, small],
      [tb, large],
    ]) {
      if (t.result.status !== 0 || /could not complete/.test(t.result.stdout)) {
        console.log(`${kind} ${n}: the audit failed or a check did not complete (exit ${t.result.status})`);
        failed = true;
      }
    }
    const net = (ms) => Math.max(ms - base, 1);
    const ratio = net(tb.ms) / net(ta.ms);
    const sizeRatio = large / small;
    // Quadratic growth would be sizeRatio²; allow generous noise above linear on a shared machine.
    const linear = ratio < sizeRatio * 3;
    console.log(
      `${kind.padEnd(11)} ${small}: ${fmt(ta.ms)}  ${large}: ${fmt(tb.ms)}  ` +
        `ratio (fixed cost off) ${ratio.toFixed(0)}x for ${sizeRatio}x the entries ` +
        `(linear ~${sizeRatio}x, quadratic ~${sizeRatio * sizeRatio}x) ${linear ? 'ok' : 'NOT LINEAR'}`,
    );
    if (!linear) failed = true;
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
