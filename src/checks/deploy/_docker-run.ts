import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { analyzerFor } from '../../scanners/shell/analyzer-for.js';
import { packageLaunch } from '../../scanners/shell/index.js';
import { parseMountFlag, parseShortMount } from './_mounts.js';
import { parseShortPort } from './_ports.js';
import { type ContainerSpec, type Item, looksLikeAgent, type Site } from './_spec.js';

/** A command line found in a file, with the line it starts on. */
export interface CommandLine {
  file: string;
  line: number;
  text: string;
}

const DOCKER_RUN = /\b(?:docker|podman)\b[^\n]*\brun\b/;
const SHELL_FENCE = /^\s*(`{3,}|~{3,})\s*(?:bash|sh|shell|zsh|console|shell-session|terminal)?\s*$/i;

/** Lines with backslash continuations joined, each tagged with its first line number. */
function logicalLines(lines: string[], firstLine: number, file: string): CommandLine[] {
  const out: CommandLine[] = [];
  let buffer = '';
  let start = 0;
  lines.forEach((line, i) => {
    if (buffer === '') start = firstLine + i;
    if (/\\\s*$/.test(line)) buffer += `${line.replace(/\\\s*$/, '')} `;
    else {
      out.push({ file, line: start, text: buffer + line });
      buffer = '';
    }
  });
  if (buffer) out.push({ file, line: start, text: buffer });
  return out;
}

/** Shell text of a file by kind: a script, a Makefile's recipes, a README's shell blocks, a unit's Exec lines. */
export function commandLinesOf(file: string, text: string): CommandLine[] {
  const lines = text.split(/\r?\n/);
  const base = path.basename(file);
  if (/\.md$/i.test(base)) {
    const out: CommandLine[] = [];
    let fence: string | undefined;
    let block: string[] = [];
    let blockStart = 0;
    lines.forEach((line, i) => {
      const open = SHELL_FENCE.exec(line);
      if (fence === undefined && /^\s*(`{3,}|~{3,})/.test(line)) {
        fence = open ? (open[1] as string) : `skip${line.trim().slice(0, 3)}`;
        block = [];
        blockStart = i + 2;
      } else if (fence !== undefined && line.trim().startsWith(fence.replace(/^skip/, ''))) {
        if (!fence.startsWith('skip'))
          out.push(
            ...logicalLines(
              block.map((l) => l.replace(/^\s*\$\s+/, '')),
              blockStart,
              file,
            ),
          );
        fence = undefined;
      } else if (fence !== undefined) block.push(line);
    });
    return out;
  }
  if (/\.service$/.test(base)) {
    return logicalLines(lines, 1, file).flatMap((l) => {
      const m = /^\s*Exec(?:Start|StartPre|StartPost|Reload)\s*=\s*[-@+!:]*(.*)$/.exec(l.text);
      return m ? [{ ...l, text: m[1] as string }] : [];
    });
  }
  if (/^(?:GNU)?[Mm]akefile$|\.mk$/.test(base)) {
    return logicalLines(lines, 1, file).flatMap((l) =>
      l.text.startsWith('\t') ? [{ ...l, text: l.text.replace(/^\t[@+-]*/, '') }] : [],
    );
  }
  return logicalLines(lines, 1, file);
}

/** Options of `docker run` that take a value (the next word, or `--opt=value`). */
const VALUE_OPTIONS = new Set(
  `-a --attach --add-host --annotation --blkio-weight --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile
  -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device --dns --dns-option --dns-search --domainname
  --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries
  -h --hostname --ip --ip6 --ipc --isolation -l --label --label-file --link --log-driver --log-opt
  --mac-address -m --memory --memory-reservation --memory-swap --mount --name --network --net --network-alias
  --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size
  --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume
  --volumes-from -w --workdir`.split(/\s+/),
);

function splitOptions(args: string[]): { options: [string, string | true][]; image?: string } {
  const options: [string, string | true][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return { options, ...(args[i + 1] !== undefined && { image: args[i + 1] }) };
    if (!a.startsWith('-') || a === '-') return { options, image: a };
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) options.push([a.slice(0, eq), a.slice(eq + 1)]);
    else if (VALUE_OPTIONS.has(a)) options.push([a, args[++i] ?? '']);
    else if (!a.startsWith('--') && a.length > 2 && VALUE_OPTIONS.has(a.slice(0, 2)))
      options.push([a.slice(0, 2), a.slice(2)]); // -p8080:80, -v/x:/y
    else options.push([a, true]);
  }
  return { options };
}

/** The container a `docker run` argv describes, in the shape every deploy check reads. */
export function dockerRunSpec(
  args: string[],
  at: Site,
  where: { home: string; base: string },
  label: string,
): ContainerSpec {
  const { options, image } = splitOptions(args);
  const item = <T>(value: T, text: string): Item<T> => ({ value, text, site: at });
  const values = (...names: string[]) =>
    options.filter(([k, v]) => names.includes(k) && typeof v === 'string').map(([, v]) => v as string);
  const flag = (name: string) => options.some(([k, v]) => k === name && v !== 'false');
  const ports = values('-p', '--publish').map((p) => item(parseShortPort(p), `-p ${p}`));
  const mounts = [
    ...values('-v', '--volume').map((v) => item(parseShortMount(v, where), `-v ${v}`)),
    ...values('--mount').map((v) => item(parseMountFlag(v, where), `--mount ${v}`)),
  ];
  const environment = values('-e', '--env').map((e) => {
    const [key, ...rest] = e.split('=');
    return item(
      { key: key as string, ...(rest.length > 0 && { value: rest.join('=') }), literal: !e.includes('$') },
      `-e ${e}`,
    );
  });
  const network = values('--network', '--net').at(-1);
  const pid = values('--pid').at(-1);
  const securityOpt = values('--security-opt').map((o) => item(o, `--security-opt ${o}`));
  return {
    origin: 'docker run',
    label,
    site: at,
    agentLike: looksLikeAgent(`${image ?? ''} ${values('--name').join(' ')}`, image),
    ports,
    mounts,
    environment,
    ...(flag('--privileged') && { privileged: at }),
    capAdd: values('--cap-add').map((c) => item(c.toUpperCase().replace(/^CAP_/, ''), `--cap-add ${c}`)),
    ...(network && { networkMode: item(network, `--network ${network}`) }),
    ...(pid && { pid: item(pid, `--pid ${pid}`) }),
    securityOpt,
    limits: {
      cpus: values('--cpus', '-c', '--cpu-shares').length > 0,
      memory: values('-m', '--memory').length > 0,
    },
    noNewPrivileges: securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o.value)),
  };
}

const SCRIPT_NAME = /\.(?:sh|bash|zsh|service|mk)$|^(?:GNU)?[Mm]akefile$|^README[^/]*\.md$|^[^/]*\.md$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', 'target', '.venv']);

function candidateFiles(ctx: AuditContext): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of ctx.fs.list(dir)) {
      const full = path.join(dir, name);
      const info = ctx.fs.stat(full);
      if (info?.kind === 'file' && SCRIPT_NAME.test(name) && info.size < 1024 * 1024) out.push(full);
      else if (
        info?.kind === 'dir' &&
        depth > 0 &&
        !info.isSymlink &&
        !SKIP_DIRS.has(name) &&
        !name.startsWith('.')
      )
        walk(full, depth - 1);
    }
  };
  walk(ctx.project, 2);
  return out;
}

/** Every `docker run` / `podman run` in the project's scripts, Makefiles, READMEs and systemd units. */
export async function findDockerRuns(ctx: AuditContext, extraFiles: string[] = []): Promise<ContainerSpec[]> {
  const lines: CommandLine[] = [];
  for (const file of [...candidateFiles(ctx), ...extraFiles]) {
    const read = ctx.fs.readText(file, { maxBytes: 1024 * 1024 });
    if (!read.ok || !DOCKER_RUN.test(read.text)) continue;
    lines.push(...commandLinesOf(file, read.text).filter((l) => DOCKER_RUN.test(l.text)));
  }
  if (lines.length === 0) return [];
  const analyzer = await analyzerFor(lines.map((l) => l.text));
  const specs: ContainerSpec[] = [];
  for (const l of lines) {
    const base = path.dirname(l.file);
    const analysis = analyzer.analyze(l.text, { cwd: base, home: ctx.home, project: ctx.project });
    for (const cmd of analysis.commands) {
      const launch = packageLaunch(cmd);
      if (launch?.registry !== 'container') continue;
      const label = `${launch.launcher} run (${path.relative(ctx.project, l.file) || path.basename(l.file)}:${l.line})`;
      specs.push(
        dockerRunSpec(
          launch.args,
          { file: l.file, line: l.line, column: 1 },
          { home: ctx.home, base },
          label,
        ),
      );
    }
  }
  return specs;
}
