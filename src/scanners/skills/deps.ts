import { OFFICIAL_SKILLS, POPULAR_NPM, POPULAR_PYPI } from './popular-packages.js';
import type { ScanState } from './state.js';

export type Registry = 'npm' | 'pypi';

/** A package a skill installs, as written: `left-pad@1.3.0`, `requests==2.32.0`, `flask>=2`. */
export interface Dependency {
  registry: Registry;
  name: string;
  /** Version constraint as written ('' when none). */
  version: string;
  file: string;
  line: number;
}

const MIN_POPULAR_LENGTH = 5;

/**
 * Optimal string alignment distance capped at 2 (we only ask "is it exactly 1?"). With `onlySwap`, only two
 * swapped letters count: a word of a skill's name one letter from a package is most often another word
 * (slack / black, server / semver, openapi / openai), a swap rarely is.
 */
function editDistanceAtMost1(a: string, b: string, onlySwap = false): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (onlySwap && a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (!onlySwap && a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** PyPI treats `-`, `_` and `.` alike and ignores case (PEP 503). */
function normalise(name: string, registry: Registry): string {
  return registry === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name.toLowerCase();
}

/** The popular package a name imitates (one edit away, not the same), if any. */
export function typosquatOf(name: string, registry: Registry, onlySwap = false): string | undefined {
  const n = normalise(name, registry);
  const popular = registry === 'npm' ? POPULAR_NPM : POPULAR_PYPI;
  if (popular.some((p) => normalise(p, registry) === n)) return undefined;
  return popular.find(
    (p) => p.length >= MIN_POPULAR_LENGTH && editDistanceAtMost1(normalise(p, registry), n, onlySwap),
  );
}

/**
 * What a skill's name imitates: an official skill one edit away (`webbapp-testing`), or a popular package
 * misspelt inside it (`reqeusts-helper`).
 */
export function imitatedName(name: string): string | undefined {
  const n = name.toLowerCase();
  const skill = OFFICIAL_SKILLS.find((s) => s.length >= MIN_POPULAR_LENGTH && editDistanceAtMost1(s, n));
  if (skill) return `the official skill ${skill}`;
  for (const word of n.split(/[-_.\s]+/)) {
    const pkg = typosquatOf(word, 'pypi', true) ?? typosquatOf(word, 'npm', true);
    if (pkg) return `the package ${pkg} (in "${word}")`;
  }
  return undefined;
}

function isExactVersion(dep: Dependency): boolean {
  const v = dep.version.trim();
  if (dep.registry === 'pypi') return /^===?\s*v?\d+(?:\.\d+)*(?:[-+.]?[0-9A-Za-z.]+)?$/.test(v);
  return /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(v) || /^(?:git\+|https?:).*#[0-9a-f]{40}$/.test(v);
}

/** Findings for one dependency: a name one edit from a popular one (high), a version that is not exact (low). */
export function checkDependency(
  state: ScanState,
  dep: Dependency,
  evidence?: string,
  opts: { pinning: boolean } = { pinning: true },
): void {
  const squat = typosquatOf(dep.name, dep.registry);
  const ev = evidence !== undefined ? { evidence } : {};
  if (squat)
    state.add({
      rule: 'typosquat',
      category: 'red-flag',
      severity: 'high',
      message: `installs ${dep.name}, one letter away from the popular ${dep.registry} package ${squat}`,
      file: dep.file,
      line: dep.line,
      ...ev,
    });
  // A package runner's missing pin is reported as the auto-update it causes, not twice.
  if (opts.pinning && !isExactVersion(dep))
    state.add({
      rule: 'unpinned-dependency',
      category: 'dependency',
      severity: 'low',
      message:
        dep.version === ''
          ? `installs ${dep.name} without a version, so each install may get a different release`
          : `installs ${dep.name} ${dep.version}, not an exact version`,
      file: dep.file,
      line: dep.line,
      ...ev,
    });
}

/** `name==1.0`, `name>=2`, `name[extra]~=1.2`, `name @ url` → name and constraint. */
export function parsePythonRequirement(spec: string): { name: string; version: string } | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(.*?)\s*(?:;.*)?$/.exec(spec);
  if (!m) return undefined;
  return { name: m[1] as string, version: (m[2] as string).replace(/^@\s*/, '') };
}

/** `pkg`, `pkg@1.2.3`, `@scope/pkg@^1` → name and constraint. */
export function parseNpmSpec(spec: string): { name: string; version: string } | undefined {
  const m = /^((?:@[\w.-]+\/)?[\w.-]+)(?:@(.*))?$/.exec(spec);
  if (!m) return undefined;
  return { name: m[1] as string, version: m[2] ?? '' };
}

/** requirements.txt: one requirement a line; options, includes and comments are not packages. */
export function requirementsDependencies(text: string, file: string): Dependency[] {
  const out: Dependency[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\s#.*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('-')) return;
    const req = parsePythonRequirement(line);
    if (req) out.push({ registry: 'pypi', ...req, file, line: i + 1 });
  });
  return out;
}

/** `--index-url`, `--extra-index-url`, `-i`, `--find-links` lines of a requirements file: where pip looks. */
export function requirementsIndexes(text: string): { url: string; line: number }[] {
  const out: { url: string; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = /^\s*(?:--(?:extra-)?index-url|-i|--find-links|-f)[\s=]+(\S+)/.exec(raw);
    if (m) out.push({ url: m[1] as string, line: i + 1 });
  });
  return out;
}

/** package.json dependency maps, each entry with the line its name is on. */
export function packageJsonDependencies(text: string, file: string): Dependency[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof data !== 'object' || data === null) return [];
  const lines = text.split('\n');
  const out: Dependency[] = [];
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const map = (data as Record<string, unknown>)[key];
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, version] of Object.entries(map)) {
      if (typeof version !== 'string') continue;
      const at = lines.findIndex((l) => l.includes(`"${name}"`));
      out.push({ registry: 'npm', name, version, file, line: at + 1 || 1 });
    }
  }
  return out;
}
