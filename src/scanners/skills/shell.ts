import { evidenceLine } from '../../core/evidence.js';
import { severityRank } from '../../core/severity.js';
import { unpinnedLaunch } from '../mcp/pinning.js';
import { isSecretName } from '../secrets/names.js';
import { packageLaunch, type ShellEffect, type SimpleCommand } from '../shell/index.js';
import { checkDependency, type Dependency, parseNpmSpec, parsePythonRequirement } from './deps.js';
import { lineOf } from './evidence.js';
import type { ScanState } from './state.js';

/** Effects reported by a rule of their own below (network contacts, package runners, pipes to a shell). */
const HANDLED = new Set([
  'network',
  'network-upload',
  'npx-remote-package',
  'curl-pipe-shell',
  'pipe-to-shell',
]);
/** Effects that are ordinary for a skill's own scripts even when the guard would ask before them. */
const ORDINARY = new Set([
  'package-install',
  'package-install-lockfile',
  'package-add',
  'git-push',
  'git-clone',
  'git-fetch',
  'dynamic-command',
  'run-script',
  'local-bin',
]);

/**
 * Reads one shell script (a bundled `.sh` file or a fenced code block of SKILL.md) with the guard's shell
 * analyser and reports what makes it dangerous for a skill: piping downloads into a shell, reading or sending
 * credentials, destroying data, contacting hosts off the allowlist, fetching and running code, DNS tunnels,
 * and the packages it installs. `firstLine` is the script's first line in `file`.
 */
export function scanShell(state: ScanState, source: string, file: string, firstLine: number): void {
  const home = state.opts.home;
  const analysis = state.opts.analyzer.analyze(source, { cwd: '/skill', home, project: '/skill' });
  const lines = source.split('\n');
  const where = (text: string) => {
    const at = lineOf(lines, text) ?? 1;
    return { line: firstLine + at - 1, evidence: evidenceLine(lines[at - 1] ?? text) };
  };
  for (const effect of analysis.effects) scanEffect(state, effect, file, where(effect.command));
  const downloaded = new Set<string>();
  for (const cmd of analysis.commands) {
    const at = where(cmd.text);
    if (cmd.name !== null) state.exec.push({ file, line: at.line });
    commandFindings(state, cmd, file, at, downloaded);
  }
}

function scanEffect(
  state: ScanState,
  effect: ShellEffect,
  file: string,
  at: { line: number; evidence: string },
): void {
  if (effect.capability === 'network')
    for (const url of effect.urls)
      state.contact(url, file, at.line, effect.id === 'network-upload', at.evidence);
  if (effect.id === 'curl-pipe-shell' || effect.id === 'pipe-to-shell') {
    state.add({
      rule: 'pipe-to-shell',
      category: 'red-flag',
      severity: 'critical',
      message: `${effect.reason}: runs whatever the server sends, and changes whenever it does`,
      file,
      ...at,
    });
    return;
  }
  if (HANDLED.has(effect.id) || ORDINARY.has(effect.id)) return;
  if (effect.risk !== 'high' && effect.risk !== 'critical') return;
  const credentials = effect.capability === 'credentials' || effect.id === 'write-credentials';
  if (credentials || effect.risk === 'critical') {
    state.add({
      rule: credentials ? 'credential-access' : 'dangerous-command',
      category: 'red-flag',
      severity: effect.risk,
      message: effect.reason,
      file,
      ...at,
    });
    return;
  }
  // Pushing, deploying, deleting data: what a deploy skill is for, not a sign of malice. It must be declared
  // and kept from the model's own initiative (CC-M2), which the declaration checks ask for.
  state.sideEffects.push({ file, line: at.line, what: effect.reason });
}

const SECRET_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
const DNS_TOOLS = new Set(['dig', 'nslookup', 'host', 'drill']);
const DOWNLOADERS = new Set(['curl', 'wget']);

function commandFindings(
  state: ScanState,
  cmd: SimpleCommand,
  file: string,
  at: { line: number; evidence: string },
  downloaded: Set<string>,
): void {
  const name = cmd.name ?? '';
  const base = name.slice(name.lastIndexOf('/') + 1);
  // The analyser's own effect on this line (dig with computed names, nc -l -e) already says it.
  const shown = () =>
    state.findings.some(
      (f) =>
        (f.rule === 'dangerous-command' || f.rule === 'credential-access') &&
        f.file === file &&
        f.line === at.line &&
        severityRank(f.severity) >= severityRank('high'),
    );
  const add = (rule: string, severity: 'medium' | 'high' | 'critical', message: string) => {
    if (!shown()) state.add({ rule, category: 'red-flag', severity, message, file, ...at });
  };

  if (DNS_TOOLS.has(base) && cmd.args.some((a) => a.includes('$(') || a.includes('`')))
    add(
      'dns-exfiltration',
      'high',
      `${base} looks up a name built from command output: a way to leak data over DNS`,
    );

  if (DOWNLOADERS.has(base)) {
    const out = cmd.args.findIndex((a) => a === '-o' || a === '-O' || a === '--output');
    const target = out >= 0 ? cmd.args[out + 1] : undefined;
    if (target) downloaded.add(target);
    const secret = [...cmd.text.matchAll(SECRET_VARIABLE)].map((m) => m[1] as string).find(isSecretName);
    if (secret) add('secret-sent', 'critical', `${base} sends $${secret} over the network`);
  } else if (downloaded.has(name)) {
    add('download-and-run', 'critical', `runs ${name}, a file it just downloaded`);
  } else if (base === 'chmod' && cmd.args.some((a) => downloaded.has(a))) {
    add(
      'download-and-run',
      'critical',
      `makes ${cmd.args.find((a) => downloaded.has(a))}, a file it just downloaded, executable`,
    );
  }

  if (
    /^(?:nc|ncat|netcat|socat)$/.test(base) &&
    cmd.args.some((a) => /^-\w*l/.test(a) || /^TCP-LISTEN/i.test(a))
  )
    add('network-listener', 'medium', `${base} listens for connections: a way in for someone else`);
  if (
    base === 'base64' &&
    cmd.args.some((a) => /^-\w*d|^--decode$/.test(a)) &&
    state.network.some((n) => n.file === file)
  )
    add('decode-and-fetch', 'medium', 'decodes base64 at run time in a script that also uses the network');

  if (base === 'git' && cmd.args[0] === 'pull')
    add(
      'self-update',
      'medium',
      'updates itself with git pull when it runs, so what runs is not what was reviewed',
    );

  const launch = packageLaunch(cmd);
  if (launch) {
    const unpinned = unpinnedLaunch([cmd]);
    const spec = unpinned?.spec ?? launch.args.find((a) => !a.startsWith('-')) ?? '';
    // Fetching without asking (`npx -y`) or asking for the newest release is updating at run time.
    const unattended =
      launch.args.some((a) => a === '-y' || a === '--yes') || /@latest$/.test(unpinned?.spec ?? '');
    if (unpinned && launch.registry === 'npm' && unattended)
      add(
        'auto-update',
        'medium',
        `${launch.launcher} ${unpinned.spec} ${unpinned.reason}: it fetches and runs a new release at any run`,
      );
    if (launch.registry !== 'container')
      dependency(state, launch.registry === 'npm' ? 'npm' : 'pypi', spec, file, at, { pinning: !unattended });
    return;
  }
  for (const dep of installedPackages(base, cmd.args)) {
    dependency(state, dep.registry, dep.spec, file, at);
  }
  if (isPipUpgrade(base, cmd.args))
    add(
      'auto-update',
      'medium',
      'upgrades packages at run time (pip install -U), so what runs is not what was reviewed',
    );
}

function dependency(
  state: ScanState,
  registry: Dependency['registry'],
  spec: string,
  file: string,
  at: { line: number; evidence: string },
  opts?: { pinning: boolean },
): void {
  const parsed = registry === 'npm' ? parseNpmSpec(spec) : parsePythonRequirement(spec);
  if (parsed) checkDependency(state, { registry, ...parsed, file, line: at.line }, at.evidence, opts);
}

/** Package specs of `npm i`, `pnpm add`, `yarn add`, `pip install`, `python -m pip install`, `uv pip install`. */
function installedPackages(
  base: string,
  args: string[],
): { registry: Dependency['registry']; spec: string }[] {
  let rest: string[] | undefined;
  let registry: Dependency['registry'] = 'npm';
  if (/^(?:npm|pnpm|yarn|bun)$/.test(base) && /^(?:i|install|add)$/.test(args[0] ?? '')) rest = args.slice(1);
  else if (/^pip3?$/.test(base) && args[0] === 'install') {
    rest = args.slice(1);
    registry = 'pypi';
  } else if (/^python[\d.]*$/.test(base) && args[0] === '-m' && args[1] === 'pip' && args[2] === 'install') {
    rest = args.slice(3);
    registry = 'pypi';
  } else if (base === 'uv' && args[0] === 'pip' && args[1] === 'install') {
    rest = args.slice(2);
    registry = 'pypi';
  }
  if (!rest) return [];
  const specs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (
      a === '-r' ||
      a === '--requirement' ||
      a === '-c' ||
      a === '-e' ||
      a === '--index-url' ||
      a === '-i'
    ) {
      i++;
      continue;
    }
    if (a.startsWith('-') || a === '.' || (a.includes('/') && !a.startsWith('@')) || a.startsWith('$'))
      continue;
    specs.push(a);
  }
  return specs.map((spec) => ({ registry, spec }));
}

function isPipUpgrade(base: string, args: string[]): boolean {
  const pip = /^pip3?$/.test(base) || (/^python[\d.]*$/.test(base) && args.includes('pip'));
  return pip && args.includes('install') && args.some((a) => a === '-U' || a === '--upgrade');
}
