/**
 * The hook's own copy of agentwarden: `guard install` copies the built bundle and the few packages it loads
 * at run time into a versioned directory and points Claude Code there, so rebuilding, moving or deleting
 * the checkout it was installed from (the build wipes dist/ first) never leaves every tool call blocked.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_FILE, engineCacheFile } from '../../cli/hook-engine.js';

/** The hook engine's V8 code cache (src/cli/hook-engine.ts): made for the installing Node, not part of the id. */
const ENGINE_CACHE = engineCacheFile(ENGINE_FILE);

/** Not bundled (scripts/build.mjs keeps them external, or they are loaded with createRequire at run time). */
const RUNTIME_PACKAGES: Record<string, (rel: string) => boolean> = {
  'web-tree-sitter': (rel) => !rel.startsWith('debug/') && isCode(rel),
  // Only the grammar: the package's native binding is never loaded.
  'tree-sitter-bash': (rel) => ['package.json', 'LICENSE', 'tree-sitter-bash.wasm'].includes(rel),
  zod: (rel) => !rel.startsWith('src/') && isCode(rel),
  yaml: (rel) => !rel.startsWith('browser/') && isCode(rel),
};

/**
 * A copied package's manifest without its dependency lists: only the files above are copied (tree-sitter-bash
 * without the native binding its `dependencies` build), and a loader that checks declared dependencies (the
 * OpenClaw plugin loader, which captures what a plugin imports) would refuse the package for missing them.
 */
function bundledManifest(text: string): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  for (const key of [
    'dependencies',
    'optionalDependencies',
    'peerDependencies',
    'devDependencies',
    'scripts',
  ])
    delete manifest[key];
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const isPackageManifest = (rel: string) => /^node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/.test(rel);

function isCode(rel: string): boolean {
  return !/\.(?:map|d\.ts|d\.cts|d\.mts|md)$/.test(rel);
}

/** Everything under dir, as paths relative to it, in a stable order. */
function walk(dir: string, keep: (rel: string) => boolean = () => true, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, keep, rel));
    else if (entry.isFile() && keep(rel)) out.push(rel);
  }
  return out;
}

/** The package as Node would find it from the bundle: node_modules of dist's ancestors. */
function packageDir(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface CopyPlan {
  /** [absolute source, path relative to the bundle's dist/] */
  files: [string, string][];
  id: string;
}

function plan(sourceDist: string, version: string): CopyPlan | { error: string } {
  const files: [string, string][] = walk(sourceDist, (rel) => !rel.startsWith('node_modules/'))
    .filter((rel) => rel !== 'package.json')
    .map((rel) => [path.join(sourceDist, rel), rel]);
  if (!files.some(([, rel]) => rel === 'cli.js')) return { error: `${sourceDist} holds no cli.js` };
  for (const [name, keep] of Object.entries(RUNTIME_PACKAGES)) {
    const dir = packageDir(sourceDist, name);
    if (!dir) return { error: `cannot find the ${name} package next to ${sourceDist}` };
    for (const rel of walk(dir, keep)) files.push([path.join(dir, rel), `node_modules/${name}/${rel}`]);
  }
  const hash = createHash('sha256');
  for (const [abs, rel] of files)
    if (rel !== ENGINE_CACHE) hash.update(rel).update('\0').update(fs.readFileSync(abs)).update('\0');
  hash.update('manifests without dependencies');
  return { files, id: `${version}-${hash.digest('hex').slice(0, 12)}` };
}

/** The Claude Code hook's entry (scripts/build.mjs); a bundle built before it has only cli.js. */
const HOOK_ENTRY = 'hook.cjs';

export type BundleInstall =
  /** `hook`: what the Claude Code hook runs (hook.cjs, or cli.js in a bundle without it). */
  { ok: true; cli: string; hook: string; dir: string; copied: boolean } | { ok: false; error: string };

/**
 * Copies the bundle that `sourceCli` belongs to into `root/<version>-<content hash>/dist/` (files 0644,
 * directories 0755: code, not secrets, and a managed install is run by users other than root). A directory
 * with that name already holds exactly this content, so it is never rewritten under a running hook.
 */
export function installHookBundle(
  sourceCli: string,
  root: string,
  version: string,
  opts: { dryRun: boolean },
): BundleInstall {
  let made: CopyPlan | { error: string };
  try {
    made = plan(path.dirname(sourceCli), version);
  } catch (err) {
    return { ok: false, error: `cannot read the agentwarden bundle (${(err as Error).message})` };
  }
  if ('error' in made) return { ok: false, error: made.error };
  const dir = path.join(root, made.id);
  const cli = path.join(dir, 'dist', 'cli.js');
  const hook = made.files.some(([, rel]) => rel === HOOK_ENTRY) ? path.join(dir, 'dist', HOOK_ENTRY) : cli;
  if (opts.dryRun) return { ok: true, cli, hook, dir, copied: false };
  if (fs.existsSync(cli)) {
    refreshEngineCache(cli);
    return { ok: true, cli, hook, dir, copied: false };
  }
  const staging = path.join(root, `.${made.id}.tmp-${process.pid}-${Date.now()}`);
  try {
    mkdirs(root);
    for (const [abs, rel] of made.files) {
      const target = path.join(staging, 'dist', rel);
      mkdirs(path.dirname(target));
      if (isPackageManifest(rel)) fs.writeFileSync(target, bundledManifest(fs.readFileSync(abs, 'utf8')));
      else fs.copyFileSync(abs, target);
      fs.chmodSync(target, 0o644);
    }
    // The bundle is ESM; without this Node 20 would read dist/*.js as CommonJS.
    const manifest = { name: 'agentwarden-hook-bundle', version, private: true, type: 'module' };
    fs.writeFileSync(path.join(staging, 'dist', 'package.json'), `${JSON.stringify(manifest)}\n`, {
      mode: 0o644,
    });
    fs.chmodSync(path.join(staging, 'dist', 'package.json'), 0o644);
    refreshEngineCache(path.join(staging, 'dist', 'cli.js'));
    fs.renameSync(staging, dir);
    return { ok: true, cli, hook, dir, copied: true };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(cli)) return { ok: true, cli, hook, dir, copied: false }; // another install won the race
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { ok: false, error: `${dir}: cannot copy the hook bundle (${code})` };
  }
}

/**
 * The build's engine code cache serves only the build's Node version. Has the bundle's own CLI keep it or write
 * one for the Node installing it (the hook runs with that Node), and checks a fresh process takes what was
 * written; a cache it does not take is removed (the engine then compiles, with the same decisions).
 */
function refreshEngineCache(cli: string): void {
  const dist = path.dirname(cli);
  if (!fs.existsSync(path.join(dist, ENGINE_FILE))) return;
  const run = () =>
    spawnSync(process.execPath, [cli, 'guard', 'hook', 'claude', '--engine-cache'], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).stdout?.trim();
  const first = run();
  if (first === 'kept') return;
  const cache = path.join(dist, ENGINE_CACHE);
  try {
    if (first === 'written' && run() === 'kept') fs.chmodSync(cache, 0o644);
    else fs.rmSync(cache, { force: true });
  } catch {
    // A copy this user cannot change (another user's install) keeps the cache it has: the engine checks it.
  }
}

function mkdirs(dir: string): void {
  if (fs.existsSync(dir)) return;
  mkdirs(path.dirname(dir));
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o755);
}

/** The bundle file (cli.js, or the hook's hook.cjs) named by a hook's arguments, if it runs one by absolute path. */
export function bundleCliOf(hook: { command: string; args?: string[] }): string | undefined {
  const words = hook.args ?? hook.command.split(/\s+/);
  return words.find((w) => path.isAbsolute(w) && ['cli.js', HOOK_ENTRY].includes(path.basename(w)));
}

/** True when every directory down to the file lets others through and others may read it. */
export function readableByOthers(file: string): boolean {
  try {
    if ((fs.statSync(file).mode & 0o004) === 0) return false;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
      if (path.dirname(dir) === dir) return true;
    }
  } catch {
    return false;
  }
}
