import { posix } from 'node:path';
import { type Cmd, flagSet, make, operands, optionValue, type RuleContext } from '../command.js';
import type { Word } from '../model.js';
import { isCredentialPath, isCriticalRoot, isInside, resolveText } from '../paths.js';
import { producedText } from './network.js';

/** Words naming an operation that deletes, empties, resets or takes down something. */
const DESTRUCTIVE_VERB =
  /^((delete|remove|purge|destroy|undefine)[a-z]*|drop(s|ped|all|db|database|table|schema)?|[a-z]+delete|del|rm|rb|rmdir|dropdb|truncate|terminate|deregister|unregister|uninstall|undeploy|reset|force[-_]reset|clear|clean|cleanup|wipe|prune|forget|flush|flushall|flushdb|revoke|disable|kill|archive|unsubscribe|rollback|roll|dedupe|compact|break-lock|untag|unset|erase|evict|expire|shutdown|deactivate|cancel|abort|nuke|zap|reap|discard|decommission)$/i;
/** Compound subcommand names: `delete-bucket`, `batch-delete-image`, `delete_user`, `remove-secret`. */
const DESTRUCTIVE_COMPOUND =
  /(^|[-_:.])(delete|destroy|remove|purge|drop|terminate|deregister|unregister|truncate|revoke|wipe|flush|reset|clear|forget|detach|disassociate|unsubscribe|cancel|disable|archive|rollback|undeploy|uninstall|roll)([-_:.]|$)/i;
/** Options that make a sync or copy delete what is missing at the source. */
const DESTRUCTIVE_OPTION =
  /^--(delete|del|delete-\w+|remove|remove-source-files|delete-destination(=true)?|purge|prune|force-delete\S*|delete-excluded|unsafe-\S+|remove-all|all-runners|delete-config|reset-offsets|cleanup)$/;
/** Mutating operations of cloud CLIs (aws, gcloud, az): creating, changing, attaching, running. */
const CLOUD_MUTATION =
  /^(create|put|update|modify|set|attach|associate|run|start|stop|reboot|restart|add|tag|untag|enable|import|copy|restore|replace|apply|invoke|publish|send|deploy|rotate|change|register|authorize|revoke|grant|upload|sync|mv|cp|mb|rm|rb|resize|scale|move|rename|reset|promote|failover|execute|submit|accept|reject|allocate|release|import|request|cancel|disable|activate|deactivate|install|upgrade|patch|edit|write|assume)([-_]|$)/i;

/** Read-only verbs of cloud CLIs: listing or describing resources. */
const CLOUD_READ =
  /^(list|describe|get|show|ls|view|info|status|search|inspect|explain|logs?|tail|wait)([-_]|$)/i;

/** Cloud CLIs whose first subcommand word names a service or group of commands (`aws s3`, `gcloud run`, `az vm`). */
const CLOUD_GROUP_FIRST = /^(aws|gcloud|az|doctl|oci|ibmcloud|aliyun|linode-cli|hcloud|scw)$/;

/** Everyday commands and tools with rules of their own: not cloud CLIs, and not unknown to the guard. */
export const KNOWN_TOOLS: ReadonlySet<string> = new Set([
  'echo',
  'printf',
  'cat',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'sed',
  'awk',
  'gawk',
  'ls',
  'head',
  'tail',
  'less',
  'more',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'diff',
  'jq',
  'yq',
  'man',
  'which',
  'whereis',
  'type',
  'help',
  'true',
  'false',
  'test',
  '[',
  'cd',
  'pwd',
  'mkdir',
  'touch',
  'cp',
  'mv',
  'ln',
  'tee',
  'xargs',
  'find',
  'make',
  'cmake',
  'node',
  'python',
  'python3',
  'npm',
  'npx',
  'pnpm',
  'yarn',
  'bun',
  'deno',
  'cargo',
  'go',
  'rustc',
  'gcc',
  'clang',
  'javac',
  'tsc',
  'pytest',
  'git',
  'read',
  'set',
  'export',
  'unset',
  'alias',
  'source',
  '.',
  'exit',
  'return',
  'shift',
  'local',
  'sleep',
  'date',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'stat',
  'file',
  'du',
  'df',
  'env',
  'printenv',
  'id',
  'whoami',
  'hostname',
  'uname',
  'history',
  'apropos',
  'info',
  'tldr',
  'md5sum',
  'sha256sum',
  'base64',
  'xxd',
  'od',
  'hexdump',
  'strings',
  'nl',
  'rev',
  'column',
  'paste',
  'join',
  'comm',
  'csplit',
  'fold',
  'fmt',
  'expand',
  'iconv',
  'seq',
  'yes',
  'tput',
  'clear',
  'reset',
  'watch',
  'time',
  'timeout',
  'vim',
  'vi',
  'nano',
  'emacs',
  'code',
  'open',
  'xdg-open',
  'gzip',
  'gunzip',
  'tar',
  'zip',
  'unzip',
  'bzip2',
  'xz',
  'zcat',
  'dig',
  'nslookup',
  'host',
  'ping',
  'traceroute',
  'rm',
  'rmdir',
  'unlink',
  'chmod',
  'chown',
  'chgrp',
  'kill',
  'pkill',
  'killall',
  'ps',
  'top',
  'htop',
  'lsof',
  'tmux',
  'screen',
  'java',
  'mvn',
  'mvnw',
  'gradle',
  'gradlew',
  'pip',
  'pip3',
  'pipx',
  'poetry',
  'uv',
  'ruby',
  'gem',
  'bundle',
  'rake',
  'perl',
  'php',
  'composer',
  'dotnet',
  'swift',
  'kotlin',
  'scala',
  'sbt',
  'lein',
  'mix',
  'elixir',
  'erl',
  'ghc',
  'cabal',
  'stack',
  'zig',
  'nim',
  'crystal',
  'dart',
  'flutter',
  'r',
  'Rscript',
  'julia',
  'lua',
  'luarocks',
  'ctest',
  'ninja',
  'meson',
  'bazel',
  'buck',
  'pants',
  'just',
  'task',
  'ssh-keygen',
  'ssh-add',
  'ssh-agent',
  'gpg',
  'openssl',
  'nohup',
  'nice',
  'command',
  'builtin',
  'eval',
  'exec',
  'trap',
  'wait',
  'jobs',
  'fg',
  'bg',
  'disown',
  'getopts',
  'hash',
  'ulimit',
  'umask',
  'shopt',
  'declare',
  'typeset',
  'readonly',
  'let',
  'bc',
  'expr',
  'awk',
  'mktemp',
  'install',
  'sh',
  'bash',
  'zsh',
  'dash',
  'fish',
  'ksh',
  'sudo',
  'doas',
  'su',
  'crontab',
  'systemctl',
  'service',
  'launchctl',
  'docker',
  'podman',
  'kubectl',
  'fd',
  'fdfind',
  'conda',
  'mamba',
  'micromamba',
  'helm',
  'terraform',
  'tofu',
  'pulumi',
  'curl',
  'wget',
  'scp',
  'ssh',
  'rsync',
  'sftp',
  'nc',
  'ncat',
  'socat',
  'http',
  'https',
  'xh',
  'dd',
  'mkfs',
  'shred',
  'truncate',
  'psql',
  'mysql',
  'mariadb',
  'sqlite3',
  'redis-cli',
  'valkey-cli',
  'mongo',
  'mongosh',
  'nsupdate',
  'mysqladmin',
  'dropdb',
]);

/**
 * The first operands of a CLI, where its subcommands are: `aws --profile prod s3api delete-bucket --bucket b`
 * gives prod, s3api, delete-bucket. Option values are kept: which options take one is tool-specific.
 */
function subcommandPath(args: Word[], max: number): string[] {
  return args
    .filter((w) => !w.value.startsWith('-'))
    .slice(0, max)
    .map((w) => w.value);
}

/** A word shaped like a subcommand name (`delete-bucket`, `delete_user`), not a path, URL or resource id. */
const SUBCOMMAND_SHAPE = /^[a-z][a-z0-9]*([-_:][a-z0-9]+)+$/i;

const DRY_RUN = /^(--dry-?run(=true)?|--dryrun|--whatif|--what-if|--plan)$/;

export function cloudAndServices(cmd: Cmd, rc: RuleContext): void {
  let base = cmd.base;
  let args = cmd.args;
  const jar = args.findIndex((w) => w.value === '-jar');
  if (base === 'java' && jar >= 0) {
    // `java -jar tool.jar <subcommand>`: the jar is the CLI.
    base = args[jar + 1]?.value.replace(/^.*\//, '') ?? 'java';
    args = args.slice(jar + 2);
  } else if (base === '' || KNOWN_TOOLS.has(base) || base.includes('=')) {
    return;
  }
  if (args.some((w) => DRY_RUN.test(w.value))) return;
  if (SUBCOMMAND_SHAPE.test(base) && DESTRUCTIVE_COMPOUND.test(base)) {
    rc.emit(
      make(
        'infra',
        'destructive-cli',
        'high',
        `${base}: the tool's name says it deletes or resets something`,
      ),
    );
    return;
  }
  if (args.length === 0) return;
  const path = subcommandPath(args, /^(aws|gcloud|az|gsutil)$/.test(base) ? 6 : 4);
  const destructiveWord = path.find(
    (p) => DESTRUCTIVE_VERB.test(p) || (SUBCOMMAND_SHAPE.test(p) && DESTRUCTIVE_COMPOUND.test(p)),
  );
  const destructiveOption = args.find((w) => DESTRUCTIVE_OPTION.test(w.value));
  const method = optionValue(args, '-X', '--method', '--request');
  if (destructiveWord || destructiveOption || method?.toUpperCase() === 'DELETE') {
    const what = destructiveWord ?? destructiveOption?.value ?? 'DELETE';
    rc.emit(
      make(
        'infra',
        'destructive-cli',
        'high',
        `${base} ${path.slice(0, 3).join(' ')}: "${what}" deletes, resets or takes down something`,
      ),
    );
    return;
  }
  if (
    /^(aws|gcloud|az|gsutil|doctl|linode-cli|hcloud|oci|ibmcloud|aliyun|scw|vultr-cli|flyctl|fly|heroku|vercel|netlify|railway|render)$/.test(
      base,
    )
  ) {
    // The first word of these names a service or group (`gcloud run`, `aws deploy`), not what is done to it;
    // the first verb after it decides, and a read (`gcloud run services list`) changes nothing.
    const words = CLOUD_GROUP_FIRST.test(base) ? path.slice(1) : path;
    const verb = words.find((p) => CLOUD_MUTATION.test(p) || CLOUD_READ.test(p));
    if (!verb || CLOUD_READ.test(verb)) return;
    // Copying objects in or out of storage is a transfer; the network policy weighs it.
    const transfer =
      /^(cp|sync|mb)$/.test(verb) && path.some((p) => /^(s3|storage)$/.test(p) || base === 'gsutil');
    rc.emit(
      transfer
        ? make(
            'network',
            'cloud-transfer',
            'low',
            `${base} ${path.slice(0, 3).join(' ')} copies data to or from cloud storage`,
          )
        : make(
            'infra',
            'cloud-mutation',
            'high',
            `${base} ${path.slice(0, 3).join(' ')} changes cloud resources`,
          ),
    );
  }
}

/** Containers, clusters and infrastructure as code. */
export function orchestration(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  const ops = operands(
    cmd.args,
    new Set([
      '-n',
      '--namespace',
      '--context',
      '-f',
      '--filename',
      '-c',
      '--kubeconfig',
      '-l',
      '--selector',
      '-o',
    ]),
  );
  const sub = ops[0]?.value ?? '';
  const flags = flagSet(cmd.args);
  if (base === 'docker' || base === 'podman' || base === 'nerdctl') {
    dockerRule(cmd, rc, ops, flags);
    return;
  }
  if (base === 'kubectl' || base === 'oc' || base === 'k') {
    // A dry run sends nothing to keep; `rollout status|history` only watch.
    if (
      cmd.args.some((w) => /^--dry-run(=(client|server|true))?$/.test(w.value)) ||
      (sub === 'rollout' && /^(status|history)$/.test(ops[1]?.value ?? ''))
    )
      return;
    if (
      /^(delete|apply|replace|patch|scale|drain|cordon|uncordon|taint|edit|create|set|label|annotate|rollout|exec|cp|run|expose|autoscale|certificate)$/.test(
        sub,
      )
    ) {
      const risk =
        sub === 'delete' &&
        (cmd.args.some((w) => w.value === '--all' || w.value === '-A' || w.value === '--all-namespaces') ||
          /^(namespace|ns|node|nodes|pv|crd)$/.test(ops[1]?.value ?? ''))
          ? 'critical'
          : 'high';
      rc.emit(
        make(
          'infra',
          `kubectl-${sub}`,
          sub === 'exec' || sub === 'cp' ? 'high' : risk,
          `kubectl ${sub} changes the cluster`,
        ),
      );
    }
    return;
  }
  if (base === 'helm') {
    if (/^(install|upgrade|uninstall|delete|del|rollback|un|uninstal)$/.test(sub))
      rc.emit(make('infra', `helm-${sub}`, 'high', `helm ${sub} changes a cluster release`));
    return;
  }
  if (base === 'terraform' || base === 'tofu' || base === 'terragrunt') {
    if (
      sub === 'destroy' ||
      (sub === 'apply' && flags.has('--destroy')) ||
      (sub === 'state' && /^(rm|mv|push|replace-provider)$/.test(ops[1]?.value ?? ''))
    ) {
      rc.emit(
        make(
          'infra',
          'terraform-destroy',
          'critical',
          `${base} ${sub} destroys or rewrites managed infrastructure`,
        ),
      );
    } else if (/^(apply|import|taint|untaint|force-unlock|refresh)$/.test(sub)) {
      rc.emit(make('infra', `terraform-${sub}`, 'high', `${base} ${sub} changes managed infrastructure`));
    }
    return;
  }
  if (base === 'pulumi') {
    if (
      /^(up|update|destroy|refresh|import|cancel)$/.test(sub) ||
      (sub === 'stack' && ops[1]?.value === 'rm') ||
      (sub === 'state' && ops[1]?.value === 'delete')
    ) {
      rc.emit(
        make(
          'infra',
          `pulumi-${sub}`,
          sub === 'destroy' ? 'critical' : 'high',
          `pulumi ${sub} changes managed infrastructure`,
        ),
      );
    }
    return;
  }
  if (base === 'cdk' || base === 'serverless' || base === 'sls' || base === 'sam') {
    if (/^(deploy|destroy|remove|delete)$/.test(sub))
      rc.emit(make('infra', `${base}-${sub}`, 'high', `${base} ${sub} changes deployed infrastructure`));
  }
}

/** A folder of home outside the project that is not a tool's own (dot) folder: the user's files. */
function personalFolder(abs: string, rc: RuleContext): boolean {
  const { home, project } = rc.ctx;
  if (!isInside(abs, home) || abs === home || isInside(abs, project)) return false;
  return !abs.slice(home.length + 1).startsWith('.');
}

/** Capabilities that let a container act on the host: load modules, trace, raw disk and network, read any file. */
const HOST_CAPABILITIES =
  /^(CAP_)?(ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|SYS_RAWIO|SYS_BOOT|NET_ADMIN|DAC_READ_SEARCH|BPF)$/i;
/** Host devices that are its disks, memory or kernel log. */
const HOST_DEVICES = /^\/dev\/(sd[a-z]|nvme\d|mmcblk\d|vd[a-z]|xvd[a-z]|disk\d|mem|kmem|kmsg|mapper\/)/;

function dockerRule(cmd: Cmd, rc: RuleContext, ops: Word[], flags: Set<string>): void {
  const sub = ops[0]?.value ?? '';
  const second = ops[1]?.value ?? '';
  const base = cmd.base;
  if (
    sub === 'run' ||
    sub === 'create' ||
    (sub === 'container' && (second === 'run' || second === 'create'))
  ) {
    if (flags.has('--privileged'))
      rc.emit(
        make(
          'infra',
          'docker-privileged',
          'critical',
          'runs a privileged container with full access to the host',
        ),
      );
    for (let i = 0; i < cmd.args.length; i++) {
      const w = (cmd.args[i] as Word).value;
      let mount: string | null = null;
      if (w === '-v' || w === '--volume' || w === '--mount') mount = cmd.args[i + 1]?.value ?? null;
      else if (w.startsWith('--volume=') || w.startsWith('--mount=') || (w.startsWith('-v') && w.length > 2))
        mount = w.replace(/^(--volume=|--mount=|-v)/, '');
      if (!mount) continue;
      const source = mount.startsWith('type=')
        ? (/(?:source|src)=([^,]+)/.exec(mount)?.[1] ?? '')
        : (mount.split(':')[0] ?? '');
      const abs = resolveText(source, rc.ctx).abs;
      if (
        abs &&
        (isCriticalRoot(abs, rc.ctx) || abs === '/var/run/docker.sock' || abs === '/run/docker.sock')
      ) {
        rc.emit(
          make('infra', 'docker-host-mount', 'critical', `mounts ${source} from the host into a container`, [
            abs,
          ]),
        );
      } else if (abs && isCredentialPath(abs, rc.ctx)) {
        rc.emit(
          make(
            'credentials',
            'docker-credential-mount',
            'high',
            `mounts credentials (${source}) into a container`,
            [abs],
          ),
        );
      } else if (abs && personalFolder(abs, rc)) {
        // The image reads and changes the user's own files (`-v ~/Documents:/data`), not the project's.
        rc.emit(
          make(
            'infra',
            'docker-host-mount',
            'high',
            `mounts ${source}, outside the project, into a container`,
            [abs],
          ),
        );
      }
    }
    for (let i = 0; i < cmd.args.length; i++) {
      const w = cmd.args[i] as Word;
      if (/^--(pid|net|network|ipc|uts|userns)=host$/.test(w.value))
        rc.emit(make('infra', 'docker-host-namespace', 'high', `shares the host's namespace (${w.value})`));
      // `--cap-add=SYS_ADMIN` or `--cap-add SYS_ADMIN`, `--device /dev/sda`, `--security-opt seccomp=unconfined`:
      // the container reaches past its walls.
      const [flag, inline] = w.value.split(/=(.*)/s);
      const value = inline ?? cmd.args[i + 1]?.value ?? '';
      if (flag === '--cap-add' && HOST_CAPABILITIES.test(value))
        rc.emit(make('infra', 'docker-capability', 'high', `grants ${value} to a container`));
      if (flag === '--device' && HOST_DEVICES.test(value))
        rc.emit(
          make(
            'infra',
            'docker-capability',
            'high',
            `hands the host's ${value.split(':')[0]} to a container`,
          ),
        );
      if (
        flag === '--security-opt' &&
        /(seccomp|apparmor|systempaths)[=:]unconfined|label[=:]disable/.test(value)
      )
        rc.emit(
          make('infra', 'docker-capability', 'high', `turns the container's confinement off (${value})`),
        );
    }
    const networkHost = cmd.args.findIndex(
      (w) => w.value === '--net' || w.value === '--network' || w.value === '--pid',
    );
    if (networkHost >= 0 && cmd.args[networkHost + 1]?.value === 'host')
      rc.emit(make('infra', 'docker-host-namespace', 'high', "shares the host's namespace"));
    return;
  }
  const force = flags.has('f') || flags.has('--force');
  if (sub === 'system' && second === 'reset') {
    rc.emit(
      make('infra', 'docker-prune', 'high', `${base} system reset deletes every container, image and volume`),
    );
    return;
  }
  if (sub === 'system' && second === 'prune') {
    // Without -f docker asks for confirmation on the terminal.
    const wide = flags.has('a') || flags.has('--all') || flags.has('--volumes');
    rc.emit(
      make(
        'infra',
        'docker-prune',
        wide && force ? 'high' : 'low',
        `${base} system prune deletes unused containers, images and networks`,
      ),
    );
  } else if (
    (sub === 'volume' || sub === 'image' || sub === 'container' || sub === 'network' || sub === 'builder') &&
    /^(prune|rm|remove)$/.test(second)
  ) {
    // The build cache, and dangling images, are what a build makes again.
    const cacheOnly = sub === 'builder' || (sub === 'image' && second === 'prune' && !flags.has('a'));
    rc.emit(
      make(
        'infra',
        'docker-remove',
        cacheOnly
          ? 'harmless'
          : sub === 'volume' || force || flags.has('a') || flags.has('--all')
            ? 'high'
            : 'low',
        `${base} ${sub} ${second} deletes ${sub === 'builder' ? 'build cache' : `${sub}s`}`,
      ),
    );
  } else if (sub === 'rm' || sub === 'rmi') {
    // Removing a stopped container or an unused image by name loses nothing a build or pull does not give back
    // (docker refuses one in use without -f); forced, with its volumes, or every one listed at run time asks.
    const named = ops.slice(1).every((w) => w.literal) && ops.length > 1;
    rc.emit(
      make(
        'infra',
        'docker-remove',
        force || flags.has('v') ? 'high' : named ? 'harmless' : 'low',
        `${base} ${sub} deletes ${sub === 'rm' ? 'containers' : 'images'}`,
      ),
    );
  } else if (sub === 'kill' || sub === 'stop') {
    rc.emit(make('infra', 'docker-stop', 'high', `${base} ${sub} stops running containers`));
  } else if ((sub === 'compose' && second === 'down') || (base === 'docker-compose' && sub === 'down')) {
    rc.emit(
      make(
        'infra',
        'docker-compose-down',
        // The project's own stack: its containers and networks come back with `up`; volumes and images do not.
        flags.has('v') || flags.has('--volumes')
          ? 'high'
          : flags.has('--rmi') || cmd.args.some((w) => w.value.startsWith('--rmi'))
            ? 'low'
            : 'harmless',
        'takes the compose stack down',
      ),
    );
  } else if (sub === 'push') {
    rc.emit(make('infra', 'docker-push', 'high', `${base} push publishes an image`));
  }
}

/** Process names that match the agent itself, its guard, or the shells and runtimes they live in. */
const AGENT_PROCESSES =
  /^(node|claude|codex|agentwarden|bash|zsh|sh|fish|python3?|tmux|screen|sshd|systemd|init|login|code|cursor|-f)$/;

const AGENT_IN_LINE = /node|claude|codex|agentwarden|python|bash|\bsh\b|^[.^$*]+$|^.{0,2}$/;

/** Stopping services, the machine or every process. */
export function system(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  const ops = operands(cmd.args);
  if (
    /^(shutdown|reboot|halt|poweroff)$/.test(base) ||
    (base === 'init' && /^[06]$/.test(ops[0]?.value ?? '')) ||
    (base === 'systemctl' && /^(poweroff|reboot|halt|kexec|suspend|hibernate)$/.test(ops[0]?.value ?? ''))
  ) {
    if (cmd.args.some((w) => w.value === '--help')) return;
    rc.emit(make('exec', 'shutdown', 'critical', `${base} stops or restarts the machine`));
    return;
  }
  if (base === 'kill') {
    const everything =
      ops.some((w) => w.value === '-1') ||
      cmd.args.some((w, i) => w.value === '--' && cmd.args[i + 1]?.value === '-1') ||
      cmd.args.slice(1).some((w) => w.value === '-1');
    if (everything) rc.emit(make('exec', 'kill-all', 'critical', 'kills every process the user can signal'));
    // `kill $PPID`, `kill -9 $$`, `kill 0`: the shell the agent runs in, its parent or its whole group.
    else if (ops.some((w) => /^(\$\{?(PPID|\$)\}?|0)$/.test(w.text)))
      rc.emit(make('exec', 'kill-processes', 'high', 'kills the shell the agent runs in, or its parent'));
    return;
  }
  if (base === 'killall' || base === 'pkill') {
    const nine = cmd.args.some((w) => /^-(9|KILL|SIGKILL|s\s*KILL)$/i.test(w.value));
    // The agent, its guard and the shells they run in are among what these names match.
    // With -f the pattern is matched anywhere in each full command line: `node`, `claude` or `.` inside it hit them.
    const fullLine = flagSet(cmd.args).has('f') || cmd.args.some((w) => w.value === '--full');
    const vital = ops.some(
      (w) => AGENT_PROCESSES.test(w.value) || (fullLine && AGENT_IN_LINE.test(w.value)) || !w.literal,
    );
    const broad = cmd.args.some((w) => w.value === '-u' || w.value === '-U') || base === 'killall' || vital;
    // One named program (`pkill -f vite`) is the agent stopping what it started, like `kill <pid>`.
    rc.emit(
      make('exec', 'kill-processes', nine || broad ? 'high' : 'harmless', `${base} kills processes by name`),
    );
    return;
  }
  if (
    base === 'systemctl' ||
    base === 'service' ||
    base === 'launchctl' ||
    base === 'rc-service' ||
    base === 'sv'
  ) {
    const verbs = base === 'service' ? ops.slice(1, 2) : ops.slice(0, 1);
    const verb = verbs[0]?.value ?? '';
    if (
      /^(stop|kill|disable|mask|restart|reload|try-restart|isolate|unload|bootout|remove|reset-failed|daemon-reexec)$/.test(
        verb,
      )
    ) {
      rc.emit(make('infra', 'service-stop', 'high', `${base} ${verb} affects a running service`));
    } else if (/^(enable|load|bootstrap|link|edit|set-default|start)$/.test(verb)) {
      rc.emit(
        make(
          'infra',
          'service-enable',
          verb === 'start' ? 'low' : 'high',
          `${base} ${verb} installs or starts a service`,
        ),
      );
    }
    return;
  }
  if (
    base === 'nginx' ||
    base === 'apachectl' ||
    base === 'httpd' ||
    base === 'caddy' ||
    base === 'haproxy' ||
    base === 'traefik'
  ) {
    const signal = optionValue(cmd.args, '-s');
    if (
      (signal && /^(stop|quit)$/.test(signal)) ||
      cmd.args.some((w) => /^-s[ft]$/.test(w.value)) ||
      ops.some((w) => /^(stop|graceful-stop)$/.test(w.value)) ||
      cmd.args.some((w) => /^-k$/.test(w.value) && true)
    ) {
      rc.emit(make('infra', 'service-stop', 'high', `${base} stops the server`));
    }
  }
  if (
    base === 'security' &&
    /^(find-(generic|internet)-password|dump-keychain|export|find-certificate)$/.test(ops[0]?.value ?? '')
  ) {
    rc.emit(
      make(
        'credentials',
        'read-keychain',
        'high',
        `security ${ops[0]?.value} reads secrets from the keychain`,
      ),
    );
  }
  if (base === 'ssh-add' && cmd.args.some((w) => w.value === '-d' || w.value === '-D')) {
    rc.emit(make('credentials', 'ssh-agent-remove', 'high', 'removes identities from the ssh agent'));
  }
  if (base === 'ssh-keygen' && cmd.args.some((w) => w.value === '-R')) {
    rc.emit(make('write', 'known-hosts-remove', 'high', 'removes host keys from known_hosts'));
  }
  if (base === 'dig' && ops.some((w) => w.value.toLowerCase() === 'axfr')) {
    rc.emit(make('network', 'dns-zone-transfer', 'high', 'requests a full DNS zone transfer'));
  }
  if (base === 'nsupdate' && (cmd.args.some((w) => w.value === '-l') || rc.producers().length > 0)) {
    rc.emit(make('infra', 'dns-update', 'high', 'changes DNS records'));
  }
}

/** SQL that drops, empties or opens up data, wherever it appears. */
const SQL_ALWAYS_DESTRUCTIVE =
  /\b(drop\s+(table|database|schema|index|view|user|role|collection|keyspace)|truncate(\s+table)?\s+[`"\w]|alter\s+table\s+\S+\s+drop\b|grant\s+all(\s+privileges)?\s+on\s+\*\.\*)/i;
/** DELETE and UPDATE touch every row unless a WHERE clause bounds them. */
const SQL_UNBOUNDED = /\b(delete\s+from|update\s+\S+\s+set)\b/i;

/** Text scanned for statements is capped: a guard must answer in time even for a megabyte of input. */
const SCAN_LIMIT = 65_536;

function destructiveSql(text: string): boolean {
  const capped = text.slice(0, SCAN_LIMIT);
  if (SQL_ALWAYS_DESTRUCTIVE.test(capped)) return true;
  return capped
    .split(';')
    .some((statement) => SQL_UNBOUNDED.test(statement) && !/\bwhere\b/i.test(statement));
}
const SQL_KEYWORD = /^(drop|delete|truncate|grant|alter|update|insert|revoke)$/i;
const REDIS_DESTRUCTIVE = /^(flushall|flushdb|del|unlink|config|shutdown|debug|script|swapdb|migrate)$/i;
const DATABASE_CLIENTS =
  /^(psql|mysql|mariadb|sqlite3|sqlcmd|cockroach|clickhouse-client|clickhouse|cqlsh|duckdb|snowsql|bq|mongo|mongosh|redis-cli|valkey-cli)$/;
const MONGO_DESTRUCTIVE =
  /\.(dropDatabase|drop|deleteMany|deleteOne|remove|dropIndex(es)?|dropUser|dropAllUsers|shutdownServer)\s*\(|\bshutdown\s*:\s*1\b/;

export function databases(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  // A database client run inside a container or pod (`docker exec db psql -c 'DROP …'`): the SQL is the same.
  if (/^(docker|podman|nerdctl|kubectl|oc)$/.test(base) && cmd.args.some((w) => w.value === 'exec')) {
    const at = cmd.args.findIndex((w) => DATABASE_CLIENTS.test(posix.basename(w.value)));
    if (at >= 0)
      databases(
        { ...cmd, base: posix.basename((cmd.args[at] as Word).value), args: cmd.args.slice(at + 1) },
        rc,
      );
    return;
  }
  // A SQL statement typed as a shell command (`DROP TABLE users;`).
  if (SQL_KEYWORD.test(base) && destructiveSql(cmd.text)) {
    rc.emit(
      make('infra', 'sql-destructive', 'high', `runs a destructive SQL statement (${base.toUpperCase()})`),
    );
    return;
  }
  if (DATABASE_CLIENTS.test(base) || base === 'nsupdate' || base === 'socat') {
    const texts = [
      ...cmd.args.map((w) => w.value),
      ...cmd.redirects.flatMap((r) => (r.body !== undefined ? [r.body] : [])),
      ...rc.producers().flatMap((p) => {
        const t = producedText(p);
        return t === null ? [] : [t];
      }),
    ];
    const joined = texts.join('\n');
    if (destructiveSql(joined) || MONGO_DESTRUCTIVE.test(joined.slice(0, SCAN_LIMIT))) {
      rc.emit(
        make('infra', 'sql-destructive', 'high', `${base} runs a statement that drops or deletes data`),
      );
    } else if (
      (base === 'redis-cli' || base === 'valkey-cli') &&
      (operands(cmd.args, new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass'])).some((w) =>
        REDIS_DESTRUCTIVE.test(w.value),
      ) ||
        // Commands piped in or given in a heredoc: `echo FLUSHALL | redis-cli -h host`.
        texts
          .slice(cmd.args.length)
          .some((t) =>
            t.split(/\n|\\n/).some((line) => REDIS_DESTRUCTIVE.test(line.trim().split(/\s+/)[0] ?? '')),
          ))
    ) {
      rc.emit(
        make(
          'infra',
          'redis-destructive',
          'high',
          `${base} runs a command that deletes data or changes the server`,
        ),
      );
    } else if (
      (base === 'socat' || base === 'nsupdate') &&
      /\b(disable|shutdown|delete|del|kill|clear|set\s+weight\s+\S+\s+0|drain)\b/i.test(
        texts.slice(cmd.args.length).join('\n'),
      )
    ) {
      rc.emit(
        make(
          'infra',
          'admin-socket-destructive',
          'high',
          `sends a command that disables or deletes something through ${base}`,
        ),
      );
    }
    return;
  }
  if (
    base === 'dropdb' ||
    base === 'dropuser' ||
    (base === 'mysqladmin' && cmd.args.some((w) => /^(drop|shutdown|flush-\w+|kill)$/.test(w.value)))
  ) {
    rc.emit(make('infra', 'database-drop', 'high', `${base} drops a database or stops the server`));
  }
}
