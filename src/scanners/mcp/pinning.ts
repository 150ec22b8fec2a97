import { type PackageLaunch, packageLaunch } from '../shell/launchers.js';
import type { SimpleCommand } from '../shell/types.js';

export interface UnpinnedLaunch {
  /** The launcher: npx, uvx, docker, … */
  launcher: string;
  /** The package or image as written. */
  spec: string;
  reason: string;
}

const EXACT_NPM = /^(?:@[^/@\s]+\/)?[^@/\s]+@v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const EXACT_PY = /^[A-Za-z0-9._-]+(?:\[[^\]]*\])?(?:==|@)v?\d+(?:\.\d+)*(?:[-+.]?[0-9A-Za-z.]+)?$/;
const NPX_VALUE_OPTS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig']);
const UVX_VALUE_OPTS = new Set([
  '--from',
  '--with',
  '-w',
  '--python',
  '-p',
  '--index-url',
  '--index',
  '--extra-index-url',
  '--with-requirements',
  '--constraints',
  '-c',
]);
const DOCKER_VALUE_OPTS = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '--mount',
  '--name',
  '-p',
  '--publish',
  '--network',
  '--net',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--entrypoint',
  '-l',
  '--label',
  '--platform',
  '--pull',
  '--cpus',
  '-m',
  '--memory',
  '--add-host',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '-h',
  '--hostname',
  '--tmpfs',
  '--ulimit',
  '--gpus',
  '--runtime',
  '--restart',
  '--log-driver',
  '--log-opt',
  '--ipc',
  '--pid',
  '--shm-size',
  '--dns',
  '--group-add',
  '--stop-signal',
  '--stop-timeout',
  '--pids-limit',
  '--memory-swap',
  '--cpuset-cpus',
  '--expose',
  '--link',
  '--volumes-from',
  '--label-file',
  '--cidfile',
  '--ip',
  '-a',
  '--attach',
  '--userns',
  '--uts',
  '--cgroupns',
  '--health-cmd',
]);

function isLocalSpec(spec: string): boolean {
  return /^(?:\.{0,2}\/|~|file:|[A-Za-z]:\\)/.test(spec) || spec.endsWith('.tgz');
}

/**
 * The launcher's options and its first positional argument (the package or image), given which options
 * consume the next word. Everything after that word belongs to the server (`npx pkg@1.0.0 -p 8080`).
 */
function launcherArgs(
  args: string[],
  valueOpts: Set<string>,
): { target: string | undefined; values: Map<string, string> } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return { target: args[i + 1], values };
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      if (eq > 0) values.set(a.slice(0, eq), a.slice(eq + 1));
      else if (valueOpts.has(a) && i + 1 < args.length) values.set(a, args[++i] as string);
      continue;
    }
    return { target: a, values };
  }
  return { target: undefined, values };
}

function npmPackage({ launcher, args }: PackageLaunch): UnpinnedLaunch | undefined {
  const { target, values } = launcherArgs(args, NPX_VALUE_OPTS);
  const spec = values.get('-p') ?? values.get('--package') ?? target;
  if (!spec || isLocalSpec(spec) || EXACT_NPM.test(spec)) return undefined;
  const at = spec.lastIndexOf('@');
  const version = at > 0 ? spec.slice(at + 1) : undefined;
  const reason =
    version === undefined || version === ''
      ? 'has no version, so each start may fetch a different release'
      : /^\d/.test(version) && !/[~^*xX<>| ]/.test(version)
        ? 'is not an exact x.y.z version'
        : /^[~^<>=*]|(?:^|\.)[*xX](?:\.|$)|\|\|| - /.test(version)
          ? 'uses a version range'
          : `uses the moving dist-tag "${version}"`;
  return { launcher, spec, reason };
}

function pythonPackage({ launcher, args }: PackageLaunch): UnpinnedLaunch | undefined {
  const { target, values } = launcherArgs(args, UVX_VALUE_OPTS);
  const spec = values.get('--from') ?? target;
  if (!spec || isLocalSpec(spec) || /^git\+.*@[0-9a-f]{40}$/.test(spec) || EXACT_PY.test(spec))
    return undefined;
  const reason = /@latest$/.test(spec) ? 'asks for @latest' : 'has no exact ==version';
  return { launcher, spec, reason };
}

function containerImage({ launcher, args }: PackageLaunch): UnpinnedLaunch | undefined {
  const image = launcherArgs(args, DOCKER_VALUE_OPTS).target;
  if (!image || image.includes('@sha256:')) return undefined;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const tag = name.includes(':') ? name.slice(name.indexOf(':') + 1) : undefined;
  if (tag && tag !== 'latest') return undefined;
  return {
    launcher,
    spec: image,
    reason: tag ? 'uses the moving :latest tag' : 'has no tag (means :latest)',
  };
}

/**
 * Says whether an MCP server's launch (its command and args, read by the shell analyser, which unwraps
 * `sh -c`, `env`, …) fetches a package or image that is not pinned. The first launcher found decides.
 */
export function unpinnedLaunch(
  commands: readonly Pick<SimpleCommand, 'name' | 'args'>[],
): UnpinnedLaunch | undefined {
  for (const cmd of commands) {
    const launch = packageLaunch(cmd);
    if (!launch) continue;
    if (launch.registry === 'npm') return npmPackage(launch);
    if (launch.registry === 'python') return pythonPackage(launch);
    return containerImage(launch);
  }
  return undefined;
}
