import { posix } from 'node:path';
import { AGENT_BYPASS_VARIABLES, AGENT_PACKAGES, powersOf, usesOf } from '../capabilities.js';
import { type Cmd, flagSet, make, operands, type RuleContext, urlsIn, values } from '../command.js';
import { runnerTarget, shellQuote } from '../launchers.js';
import type { RawCommand, Word } from '../model.js';
import { DNS_TOOLS } from '../network-tools.js';
import { display, isCredentialPath, isInside, isTemp, resolveText, resolveWord } from '../paths.js';
import { SHELLS } from '../shells.js';
import { isRunTimeCode, shellCommandString } from '../unwrap.js';
import { INPUT } from '../xargs-input.js';
import { emitDeletion } from './files.js';
import { KNOWN_TOOLS } from './infra.js';
import { INTERPRETERS, NETWORK_TOOLS, producedText } from './network.js';

/**
 * What a command can do, judged from the capability table (../capabilities.ts) and, for commands it does not
 * know, from what the arguments show: URLs, code given with `-c`/`-e`. Also the uses no single tool's rule
 * owns: environment dumps, running as root, exposing ports, data hidden in DNS names, code run by sed, code
 * only known at run time, preloaded libraries, deletes by archivers and npm helpers.
 */
export function capabilities(cmd: Cmd, rc: RuleContext): void {
  if (cmd.name === null) return;
  for (const use of usesOf(cmd.base, values(cmd.args)))
    rc.emit(make(use.capability, use.id, use.risk, use.reason));
  environmentDump(cmd, rc);
  privilege(cmd, rc);
  exposure(cmd, rc);
  dnsChannel(cmd, rc);
  sedExecution(cmd, rc);
  runTimeCode(cmd, rc);
  environmentHijack(cmd, rc);
  deletesByOtherVerbs(cmd, rc);
  personalFilesToCloud(cmd, rc);
  diskFill(cmd, rc);
  commandsInOptions(cmd, rc);
  launchedPackage(cmd, rc);
  credentialSearch(cmd, rc);
  reconnaissance(cmd, rc);
  apiFileUpload(cmd, rc);
  secretScan(cmd, rc);
  registryRedirect(cmd, rc);
  sourceRewrite(cmd, rc);
  agentBypassVariables(cmd, rc);
  databaseReset(cmd, rc);
  sendsOut(cmd, rc);
  daemonSocket(cmd, rc);
  unknownCommand(cmd, rc);
}

/**
 * Options of everyday tools whose value is a command the tool runs: `tar --checkpoint-action=exec=CMD`,
 * `tar --to-command=CMD`, `zip -TT CMD`, `ssh -o ProxyCommand=CMD`. The command is analysed as shell.
 */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  tar: [
    '--checkpoint-action',
    '--to-command',
    '--use-compress-program',
    '-I',
    '--info-script',
    '-F',
    '--new-volume-script',
  ],
  bsdtar: ['--use-compress-program'],
  zip: ['-TT', '--unzip-command'],
  ssh: ['-o'],
  scp: ['-o', '-S'],
  sftp: ['-o', '-S'],
  rsync: ['-e', '--rsh', '--rsync-path'],
  man: ['-P', '--pager'],
  gdb: ['-ex', '--eval-command'],
  apt: ['-o'],
  'apt-get': ['-o'],
  emacs: ['--eval'],
  psql: ['-c', '--command'],
  ansible: ['-a', '--args'],
  mysql: ['-e', '--execute'],
  mariadb: ['-e', '--execute'],
  'nix-shell': ['--run', '--command'],
};

function commandsInOptions(cmd: Cmd, rc: RuleContext): void {
  // sqlite3's dot commands `.shell CMD` and `.system CMD`, given as its SQL argument.
  if (cmd.base === 'sqlite3')
    for (const w of cmd.args) {
      const command = /^\s*\.(?:shell|system)\s+(.*)$/s.exec(w.value)?.[1];
      if (command) rc.nested(command, 'sqlite3 .shell');
    }
  // `nix develop -c CMD ARGS…`, `nix shell pkgs -c CMD ARGS…`: the rest of the line runs in the environment.
  if (cmd.base === 'nix') {
    const at = cmd.args.findIndex((w) => w.value === '-c' || w.value === '--command');
    if (at >= 0)
      rc.nested(
        cmd.args
          .slice(at + 1)
          .map((w) => shellQuote(w.value))
          .join(' '),
        'nix -c',
      );
  }
  const options = Object.hasOwn(COMMAND_OPTIONS, cmd.base) ? COMMAND_OPTIONS[cmd.base] : undefined;
  if (!options) return;
  const vals = values(cmd.args);
  for (let i = 0; i < vals.length; i++) {
    const arg = vals[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!options.includes(name)) continue;
    let value = name === arg ? vals[++i] : arg.slice(eq + 1);
    if (value === undefined) continue;
    if (name === '--checkpoint-action') value = /^exec=(.*)$/s.exec(value)?.[1];
    else if (name === '-o')
      value =
        /^(ProxyCommand|LocalCommand|KnownHostsCommand|[\w:]*(Pre|Post)-Invoke(-Success)?::?|DPkg::Pre-Install-Pkgs::?)[= ]\s*=?(.*)$/is.exec(
          value,
        )?.[4];
    else if (name === '-ex' || name === '--eval-command') value = /^(?:shell\s+|!)(.*)$/s.exec(value)?.[1];
    else if (/^(psql|mysql|mariadb)$/.test(cmd.base))
      value =
        /^\s*(?:\\!|system\s)\s*(.*)$/s.exec(value)?.[1] ??
        /\b(?:TO|FROM)\s+PROGRAM\s+'((?:''|[^'])*)'/i.exec(value)?.[1]?.replace(/''/g, "'");
    else if (cmd.base === 'ansible')
      value = /(^|\s)-m\s+(shell|command|raw|script)\b/.test(vals.join(' ')) ? value : undefined;
    else if (name === '--eval')
      value = /\(shell-command(?:-to-string)?\s+"((?:\\.|[^"\\])*)"/.exec(value)?.[1];
    if (value && /\S/.test(value) && value !== 'none') rc.nested(value, `${cmd.base} ${name}`);
  }
}

/** Filters that keep an environment dump to harmless lines: a literal pattern naming no secret. */
const SECRET_PATTERN =
  /key|token|secret|pass|pwd|auth|cred|session|cookie|private|aws|gcp|azure|gh_|github|gitlab|npm|openai|anthropic|api|bearer|jwt|dsn|database|conn|sk-|slack|stripe|twilio/i;
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg']);

/** A pattern that picks variables by name: `^NODE_ENV=`, `PORT`, `^(NODE_ENV|PORT)=`, `LANG\|LC_ALL`. */
function namesVariables(pattern: string): boolean {
  const body = /^\^?(?:\((.+)\)|(.+?))=?$/.exec(pattern);
  const names = (body?.[1] ?? body?.[2] ?? '').split(/\\?\|/);
  return names.every((n) => /^[A-Za-z_]{3,}\w*$/.test(n));
}

function dumpsEnvironment(cmd: Cmd): boolean {
  const args = values(cmd.args);
  const ops = args.filter((a) => !a.startsWith('-') && !/^[A-Za-z_]\w*=/.test(a));
  switch (cmd.base) {
    case 'env':
      return ops.length === 0;
    case 'printenv':
      // A name known only at run time (`compgen -e | xargs -I{} printenv {}`) may be any of them.
      return ops.length === 0 || cmd.args.some((w) => !w.literal);
    case 'set':
      return args.length === 0;
    case 'systemctl':
      return args.includes('show-environment');
    case 'export':
    case 'declare':
    case 'typeset':
      return cmd.raw.assignments.length === 0 && ops.length === 0 && args.every((a) => /^-[px]+$/.test(a));
    default:
      return false;
  }
}

/** `${!name}` prints the variable whose name is in `name`: looped over `compgen -v`, every variable. */
const INDIRECT = /\$\{![A-Za-z_]\w*\}/;

function environmentDump(cmd: Cmd, rc: RuleContext): void {
  if (/^(echo|printf)$/.test(cmd.base) && cmd.args.some((w) => !w.literal && INDIRECT.test(w.value))) {
    rc.emit(
      make('credentials', 'env-dump', 'high', `${cmd.base} prints variables chosen at run time by name`),
    );
    return;
  }
  if (cmd.base === 'history' && cmd.args.length === 0) {
    // The history holds what was typed, tokens pasted into commands included: searched for them, it prints them.
    const next = rc.consumer();
    const pattern =
      next && FILTERS.has(next.base) ? operands(next.args, new Set(['-e', '-m']))[0] : undefined;
    if (pattern && SECRET_PATTERN.test(pattern.value))
      rc.emit(
        make(
          'credentials',
          'env-dump',
          'high',
          'searches the shell history for tokens and passwords typed in it',
        ),
      );
    return;
  }
  if (!dumpsEnvironment(cmd)) return;
  const next = rc.consumer();
  // Counting or testing the lines prints no value: `env | wc -l`, `env | grep -c .`, `printenv | grep -q X`.
  if (
    next &&
    (next.base === 'wc' ||
      (FILTERS.has(next.base) && /(^|\s)-\w*[cq]|--(count|quiet|silent)\b/.test(values(next.args).join(' '))))
  )
    return;
  if (next && FILTERS.has(next.base)) {
    const flags = flagSet(next.args);
    const pattern = operands(next.args, new Set(['-e', '-m', '-A', '-B', '-C']))[0];
    const narrow =
      !flags.has('v') &&
      !flags.has('--invert-match') &&
      pattern?.literal === true &&
      namesVariables(pattern.value) &&
      !SECRET_PATTERN.test(pattern.value);
    if (narrow) return;
  }
  rc.emit(
    make(
      'credentials',
      'env-dump',
      'high',
      `${cmd.base} prints the environment, with the tokens and keys the agent was given`,
    ),
  );
}

const ROOT_WRAPPERS = ['sudo', 'doas', 'pkexec', 'su -c', 'run0', 'runuser', 'chroot', 'gosu', 'su-exec'];

function privilege(cmd: Cmd, rc: RuleContext): void {
  const wrapper = cmd.via.find((v) => ROOT_WRAPPERS.includes(v));
  if (wrapper) {
    rc.emit(make('infra', 'privilege', 'high', `runs ${cmd.base} as root (${wrapper.replace(' -c', '')})`));
    return;
  }
  if (/^(sudo|doas|su|pkexec|run0|runas|runuser|setpriv|chroot)$/.test(cmd.base)) {
    const args = values(cmd.args);
    if (cmd.base === 'sudo' && args.length > 0 && args.every((a) => /^(-k|-K|-V|--help|--version)$/.test(a)))
      return;
    rc.emit(make('infra', 'privilege', 'high', `${cmd.base} opens a shell or runs commands as another user`));
  }
}

/**
 * A flag that names the address a server listens on (`--host`, `--bind=`, `--binding`, `--server.address`,
 * `--NotebookApp.ip`, `--web.listen-address` …) given every interface: 0.0.0.0 or ::.
 */
const BIND_FLAG =
  /(^|\s)(-b|-H|-a|--?[\w.-]*(bind|host|address|addr|listen|ip)[\w.-]*)(=|\s+)['"]?(0\.0\.0\.0|::|\[::\]|\*)(['"\s:]|$)/i;
/** `--listen :8080`, `-addr=:8080`: a Go-style address with no host listens on every interface. */
const EMPTY_HOST_FLAG = /(^|\s)--?[\w.-]*(listen|addr|address|bind)[\w.-]*(=|\s+)['"]?:\d+(['"\s]|$)/i;
const ALL_INTERFACES =
  /(^|\s)-S\s+(0\.0\.0\.0|\[::\]):\d+|(^|\s)(0\.0\.0\.0|\[::\]):\d+(\s|$)|(^|[\s=])(tcp|http|https|ws):\/\/(0\.0\.0\.0|\[::\])(:\d+)?\/?(\s|$)/;
const LOOPBACK = /^(127\.[\d.]+|localhost|\[?::1\]?)$/;

/** Container runtimes whose `run`/`create` publish ports: `-p 8080:80` binds every interface of the host. */
const CONTAINER_RUNTIMES = new Set(['docker', 'podman', 'nerdctl']);

/** The host address of a `-p`/`--publish` value (`[ip:]hostPort:containerPort[/proto]`), or null when none. */
function publishedOn(spec: string): string | null {
  const v = spec.replace(/\/(tcp|udp|sctp)$/, '');
  const bracket = /^(\[[^\]]*\]):/.exec(v);
  if (bracket) return bracket[1] as string;
  const parts = v.split(':');
  return parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : null;
}

/** Ports a container run publishes on every host interface (no loopback address before them). */
function publishesToNetwork(cmd: Cmd): boolean {
  if (!CONTAINER_RUNTIMES.has(cmd.base)) return false;
  const args = values(cmd.args);
  const sub = args.findIndex((a) => !a.startsWith('-'));
  const verb = args[sub];
  const runAt = verb === 'container' ? sub + 1 : sub;
  if (!/^(run|create)$/.test(args[runAt] ?? '')) return false;
  for (let i = runAt + 1; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) break; // the image: what follows is the container's command
    if (a === '-P' || a === '--publish-all') return true;
    let spec: string | undefined;
    if (a === '-p' || a === '--publish') spec = args[++i];
    else if (a.startsWith('--publish=')) spec = a.slice('--publish='.length);
    else if (/^-p\d/.test(a)) spec = a.slice(2);
    else if (/^--?[\w-]+$/.test(a) && VALUE_FLAGS.test(a)) i++;
    if (spec === undefined) continue;
    const host = publishedOn(spec);
    if (host === null || host === '' || !LOOPBACK.test(host)) return true;
  }
  return false;
}
/** Container-run flags that take a value (so the value is not read as the image). */
const VALUE_FLAGS =
  /^(-e|--env|-v|--volume|--name|-w|--workdir|-u|--user|--network|--net|-l|--label|--env-file|--entrypoint|--mount|-m|--memory|--cpus|--restart|-h|--hostname|--platform|--add-host|--device|--cap-add|--cap-drop|--security-opt|--log-driver|--ulimit|--pull|--tmpfs|--gpus|--shm-size|--expose|--dns)$/;

/** The address a socat LISTEN address binds: its `bind=` option, or every interface. */
function socatListensOnNetwork(args: readonly string[]): boolean {
  return args.some((a) => {
    const m = /^(TCP|TCP4|TCP6|UDP|UDP4|UDP6|SCTP|OPENSSL|SSL)-LISTEN:([^\s]*)/i.exec(a);
    if (!m) return false;
    const bind = /(^|,)bind=([^,]+)/.exec(m[2] as string);
    return !bind || !LOOPBACK.test(bind[2] as string);
  });
}

/** Static file servers and the directory each serves (null: the current one). */
function servedDirectory(cmd: Cmd): Word | null | undefined {
  const args = cmd.args;
  const vals = values(args);
  const after = (flags: RegExp): Word | null => {
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i] as string;
      if (flags.test(v)) return args[i + 1] ?? null;
    }
    return null;
  };
  if (/^python[\d.]*$/.test(cmd.base) && vals.includes('http.server')) return after(/^(-d|--directory)$/);
  if (cmd.base === 'httpd' && cmd.via.includes('busybox')) return after(/^-h$/);
  if (cmd.base === 'ruby' && vals.includes('httpd')) {
    const i = vals.indexOf('httpd');
    const dir = args[i + 1];
    return dir && !dir.value.startsWith('-') ? dir : null;
  }
  if (cmd.base === 'php' && vals.includes('-S')) return after(/^-t$/);
  if (cmd.base === 'caddy' && vals[0] === 'file-server') return after(/^(-r|--root)$/);
  return undefined;
}

function exposure(cmd: Cmd, rc: RuleContext): void {
  const args = values(cmd.args);
  const line = args.join(' ');
  const ssh = cmd.base === 'ssh' || cmd.base === 'autossh';
  if (ssh && cmd.args.some((w) => /^-[a-zA-Z]*R/.test(w.value) && !w.value.startsWith('--'))) {
    rc.emit(
      make('network', 'expose-service', 'high', 'ssh -R opens a port on the remote host into this machine'),
    );
    return;
  }
  if (
    ssh &&
    (cmd.args.some((w) => /^-[a-zA-Z]*g/.test(w.value) && !w.value.startsWith('--')) ||
      /(^|\s)-L\s*(0\.0\.0\.0|\*|\[::\]):/.test(line))
  ) {
    rc.emit(
      make(
        'network',
        'expose-service',
        'high',
        'ssh forwards a local port that other machines can connect to',
      ),
    );
    return;
  }
  if (ssh && cmd.args.some((w) => /^-[a-zA-Z]*D/.test(w.value) && !w.value.startsWith('--'))) {
    rc.emit(
      make(
        'network',
        'expose-service',
        'high',
        'ssh -D opens a proxy that carries any traffic through the remote host',
      ),
    );
    return;
  }
  const listener =
    (/^(nc|ncat|netcat)$/.test(cmd.base) &&
      /(^|\s)-[a-zA-Z]*l|(^|\s)--listen\b/.test(line) &&
      !/(^|[\s,=:])(127\.0\.0\.1|localhost|\[?::1\]?)([\s,:]|$)/.test(line)) ||
    (cmd.base === 'socat' && socatListensOnNetwork(args));
  if (listener) {
    rc.emit(
      make('network', 'expose-service', 'high', `${cmd.base} listens for connections from the network`),
    );
    return;
  }
  // A client's URL at 0.0.0.0 (`curl http://0.0.0.0:8080/`) reaches this machine; a server's is where it listens.
  const listensAt = ALL_INTERFACES.test(line) && !NETWORK_TOOLS.has(cmd.base);
  if (BIND_FLAG.test(line) || listensAt || EMPTY_HOST_FLAG.test(line)) {
    rc.emit(
      make(
        'network',
        'expose-service',
        'high',
        `${cmd.base} serves on every network interface (0.0.0.0), reachable from other machines`,
      ),
    );
    return;
  }
  if (publishesToNetwork(cmd)) {
    rc.emit(
      make(
        'network',
        'expose-service',
        'high',
        `${cmd.base} publishes container ports on every host interface (no 127.0.0.1 before the port)`,
      ),
    );
    return;
  }
  const served = servedDirectory(cmd);
  if (served) {
    const dir = resolveWord(served, rc.ctx).abs;
    if (dir !== null && (dir === '/' || isInside(rc.ctx.home, dir) || isCredentialPath(dir, rc.ctx)))
      rc.emit(
        make(
          'network',
          'expose-service',
          'high',
          `${cmd.base} serves ${display(dir, rc.ctx)} over HTTP, with every file in it`,
          [dir],
        ),
      );
  }
}

function readsSecrets(raw: RawCommand, rc: RuleContext): boolean {
  const name = posix.basename(raw.words[0]?.value ?? '');
  if (/^(env|printenv|set|history)$/.test(name)) return true;
  return raw.words.slice(1).some((w) => {
    const p = resolveWord(w, rc.ctx).abs;
    return (p !== null && isCredentialPath(p, rc.ctx)) || w.subs.some((s) => readsSecrets(s, rc));
  });
}

/** A name or ping pattern built at run time: data leaves in the DNS query or the ICMP payload. */
function dnsChannel(cmd: Cmd, rc: RuleContext): void {
  if (!DNS_TOOLS.test(cmd.base)) return;
  const built = cmd.args.filter(
    (w) => !w.literal && (w.subs.length > 0 || /\$[{\w][^.\s]*\.[A-Za-z]/.test(w.value)),
  );
  if (built.length === 0) return;
  const secret = built.some((w) => w.subs.some((s) => readsSecrets(s, rc)));
  rc.emit(
    make(
      'network',
      'dns-exfiltration',
      secret ? 'critical' : 'high',
      `${cmd.base} puts ${secret ? 'secrets' : 'data computed at run time'} into a network query`,
    ),
  );
}

const SED_ADDRESS = /^(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*/;

/** The scripts given to sed: `-e` values, `--expression=`, else its first operand. */
function sedScripts(args: Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v === '-e' || v === '--expression') out.push(args[++i]?.value ?? '');
    else if (v.startsWith('--expression=')) out.push(v.slice('--expression='.length));
    else if (v === '-f' || v === '--file') return [];
  }
  if (out.length > 0) return out;
  const first = operands(args, new Set(['-l', '--line-length']))[0];
  return first ? [first.value] : [];
}

/** GNU sed's `e` command runs a shell command, and `s///e` runs the pattern space as one. */
function sedExecution(cmd: Cmd, rc: RuleContext): void {
  if (cmd.base !== 'sed' && cmd.base !== 'gsed') return;
  for (const script of sedScripts(cmd.args)) {
    for (const part of script.split(/[;\n]/)) {
      const body = part
        .trim()
        .replace(/^[{}]\s*/, '')
        .replace(SED_ADDRESS, '');
      const command = /^e(?:\s+(.*))?$/.exec(body);
      if (command) {
        if (command[1]) rc.nested(command[1], 'sed e');
        else rc.emit(make('exec', 'sed-exec', 'high', 'sed runs the text it edits as shell commands'));
        continue;
      }
      const sub = /^s(.)(?:(?!\1)[^\\]|\\.)*\1(?:(?!\1)[^\\]|\\.)*\1([a-zA-Z0-9]*)/.exec(body);
      if (sub && (sub[2] as string).includes('e'))
        rc.emit(make('exec', 'sed-exec', 'high', 'sed runs the text it edits as shell commands'));
    }
  }
}

function runTimeCode(cmd: Cmd, rc: RuleContext): void {
  if (!SHELLS.has(cmd.base)) return;
  const script = shellCommandString(cmd.args);
  if (script && isRunTimeCode(script))
    rc.emit(
      make(
        'exec',
        'dynamic-code',
        'high',
        `${cmd.base} -c runs code that only exists at run time (${script.text})`,
      ),
    );
}

/** Variables whose value is a command the program runs: pagers, editors, git's ssh and diff programs. */
const COMMAND_VARIABLES = new Set([
  'PAGER',
  'GIT_PAGER',
  'MANPAGER',
  'EDITOR',
  'VISUAL',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_EXTERNAL_DIFF',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'LESSOPEN',
  'LESSCLOSE',
  'BROWSER',
  'RSYNC_RSH',
  'SYSTEMD_PAGER',
]);

/** Variables that make every later program load other code, or stop the shell recording what it ran. */
function environmentHijack(cmd: Cmd, rc: RuleContext): void {
  // `env VAR=value cmd` sets them as `VAR=value cmd` does.
  const first = cmd.raw.words[0]?.value ?? '';
  const envSettings =
    posix.basename(first) === 'env'
      ? cmd.raw.words.slice(1).flatMap((w) => (/^[A-Za-z_]\w*=/.test(w.value) ? [w.value] : []))
      : [];
  for (const text of [...cmd.raw.assignments, ...envSettings]) {
    const name = text.slice(0, text.indexOf('='));
    if (/^(LD_PRELOAD|LD_AUDIT|DYLD_INSERT_LIBRARIES|BASH_ENV|ENV|PROMPT_COMMAND)$/.test(name))
      rc.emit(make('exec', 'preload-inject', 'high', `sets ${name}, which makes programs run other code`));
    if (name === 'PATH' || name === 'PYTHONPATH' || name === 'NODE_PATH') {
      // A temporary or download folder first on the search path: whatever sits there under a common name
      // (git, ls, a module) runs instead. The project's, the user's and the system's own folders are fine.
      const parts = text
        .slice(name.length + 1)
        .replace(/^["']|["']$/g, '')
        .split(':');
      const risky = parts.find((part) => {
        if (part === '' || /^\$\{?(PATH|PYTHONPATH|NODE_PATH)\}?$/.test(part)) return false;
        const abs = resolveText(part, rc.ctx).abs;
        return abs !== null && (isTemp(abs) || isInside(abs, `${rc.ctx.home}/Downloads`));
      });
      if (risky)
        rc.emit(
          make(
            'exec',
            'preload-inject',
            'high',
            `puts ${risky} on ${name}, so programs or modules load from there`,
          ),
        );
    }
    if (COMMAND_VARIABLES.has(name)) {
      const value = text.slice(name.length + 1).replace(/^(["'])(.*)\1$/s, '$2');
      if (/\S/.test(value)) rc.nested(value, name);
    }
    if (/^(HISTFILE|HISTSIZE|HISTFILESIZE)$/.test(name))
      rc.emit(
        make('delete', 'history-tamper', 'high', `sets ${name}, so the shell stops recording commands`),
      );
  }
  if (cmd.base === 'set' && values(cmd.args).join(' ') === '+o history')
    rc.emit(make('delete', 'history-tamper', 'high', 'turns off the shell history'));
  if (cmd.base === 'unset' && values(cmd.args).some((a) => /^HIST(FILE|SIZE)$/.test(a)))
    rc.emit(make('delete', 'history-tamper', 'high', 'unsets the shell history file'));
}

/** npm packages whose command deletes the paths it is given. */
const DELETER_PACKAGES = new Set(['rimraf', 'del-cli', 'del', 'trash', 'trash-cli', 'rm-rf', 'premove']);

function deletesByOtherVerbs(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  if (base === 'gio' && cmd.args[0]?.value === 'trash') {
    emitDeletion(rc, 'rm-recursive', 'gio trash moves to the trash', operands(cmd.args.slice(1)), true);
    return;
  }
  if (DELETER_PACKAGES.has(base) || base === 'trash-put') {
    emitDeletion(rc, 'rm-recursive', `${base} deletes recursively`, operands(cmd.args), true);
    return;
  }
  const run = runnerOf(cmd);
  if (run) {
    // The program's arguments are the last words of the command.
    const words = cmd.args.slice(cmd.args.length - run.args.length);
    if (DELETER_PACKAGES.has(run.name))
      emitDeletion(rc, 'rm-recursive', `${run.name} deletes recursively`, operands(words), true);
    return;
  }
  if (base === 'tar' || base === 'bsdtar') {
    if (!cmd.args.some((w) => w.value === '--remove-files')) return;
    const archive = cmd.args.findIndex(
      (w, i) => (i === 0 && /^[a-zA-Z]*f$/.test(w.value)) || /^-[a-zA-Z]*f$|^--file$/.test(w.value),
    );
    const skip = new Set([archive, archive + 1]);
    const sources = cmd.args.filter(
      (w, i) => !skip.has(i) && !w.value.startsWith('-') && !(i === 0 && /^[a-zA-Z]+$/.test(w.value)),
    );
    emitDeletion(rc, 'rm-recursive', 'tar --remove-files deletes recursively', sources, true);
    return;
  }
  if (
    base === 'zip' &&
    cmd.args.some((w) => /^-[a-zA-Z]*m[a-zA-Z]*$/.test(w.value) || w.value === '--move')
  ) {
    const ops = operands(cmd.args, new Set(['-x', '-i', '-P', '-b', '-n', '-t', '-tt']));
    const recursive = flagSet(cmd.args).has('r');
    emitDeletion(
      rc,
      recursive ? 'rm-recursive' : 'rm',
      `zip -m deletes${recursive ? ' recursively' : ''}`,
      ops.slice(1),
      recursive,
    );
  }
}

/**
 * `rclone copy ~/Documents remote:x`: the user's own files outside the project leave for a cloud remote. The
 * project's files, or data elsewhere on the machine, are the kind of copy rclone is run for.
 */
function personalFilesToCloud(cmd: Cmd, rc: RuleContext): void {
  if (cmd.base !== 'rclone' || cmd.args.some((w) => /^(-n|--dry-run)$/.test(w.value))) return;
  const [verb, source, dest] = operands(cmd.args);
  if (!/^(copy|copyto|sync|move|moveto)$/.test(verb?.value ?? '') || !source || !dest) return;
  if (!/^[\w-]+:/.test(dest.value)) return;
  const from = resolveWord(source, rc.ctx).abs;
  if (!from || !isInside(from, rc.ctx.home) || isInside(from, rc.ctx.project)) return;
  rc.emit(
    make('network', 'network-upload', 'high', `rclone copies ${display(from, rc.ctx)} to a cloud remote`),
  );
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  c: 1,
  w: 2,
  b: 512,
  k: 1024,
  K: 1024,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
};

function bytes(text: string | undefined): number {
  const m = /^(\d+)([cwbkKMGT]?)B?$/.exec(text ?? '');
  return m ? Number(m[1]) * (SIZE_UNITS[m[2] as string] ?? 1) : 0;
}

/** Output that never ends: `yes`, or an endless device copied whole (`cat /dev/zero`). */
function endlessOutput(cmd: Cmd): boolean {
  if (cmd.base === 'yes') return true;
  return cmd.base === 'cat' && cmd.args.some((w) => /^\/dev\/(zero|u?random)$/.test(w.value));
}

/** `dd if=/dev/zero of=f bs=1G count=100`, `yes > f`: filling the disk stops every program that writes. */
function diskFill(cmd: Cmd, rc: RuleContext): void {
  if (endlessOutput(cmd)) {
    const toFile = cmd.redirects.some(
      (r) => /^(>|>>|>\||&>|&>>)$/.test(r.op) && !/^\/dev\/(null|stdout|stderr|tty)$/.test(r.target.value),
    );
    if (toFile)
      rc.emit(make('write', 'disk-fill', 'high', `${cmd.base} writes without end, filling the disk`));
    return;
  }
  if (cmd.base !== 'dd') return;
  const opt = (key: string) =>
    cmd.args.find((w) => w.value.startsWith(`${key}=`))?.value.slice(key.length + 1);
  const of = opt('of');
  if (!of || of.startsWith('/dev/')) return;
  const size = bytes(opt('bs') ?? '512') * (Number(opt('count') ?? 'NaN') || Number.POSITIVE_INFINITY);
  if (size >= 2 ** 30 && /^\/dev\/(zero|u?random)$/.test(opt('if') ?? ''))
    rc.emit(make('write', 'disk-fill', 'high', 'dd writes gigabytes, which can fill the disk'));
}

/**
 * Probing more than one port or host (`nc -z host 1-1024`) and searching for set-uid programs
 * (`find / -perm -4000`): the first steps of an attack, not of development.
 */
/** An IPv4 network of more than two addresses: `10.0.0.0/8`, `192.168.1.0/24`. */
const NETWORK_RANGE = /^\d{1,3}(\.\d{1,3}){3}\/([0-9]|[12]\d|30)$/;
/**
 * An IPv4 address with a part filled in per run: `10.0.0.$i`, `192.168.50.{}` (xargs), `10.0.0.{1..254}` (a loop
 * over a range), `/dev/tcp/10.1.$n.5/22`.
 */
const ADDRESS_PART = String.raw`(\d{1,3}|"?(\$\{?\w+\}?|\{\}|\{\d+\.\.\d+\})"?)`;
const ADDRESS_TEMPLATE = new RegExp(
  String.raw`(^|[/@])(?=[\d.]*["$\{])${ADDRESS_PART}(\.${ADDRESS_PART}){3}(\/|:|$)`,
);

/**
 * A command that reaches the network (or one the table does not know) aimed at a range of hosts: a network
 * range as an operand or a short option's value (`fping -g 10.0.0.0/24`, `nbtscan 192.168.0.0/24`), or an
 * address completed per loop turn or xargs input (`ping -c1 10.0.0.$i`). Long options' values are settings
 * (`--subnet 172.28.0.0/16`). A range listed by a tool of no power (`prips 10.0.0.0/24 | xargs ping`) counts
 * when what reads its output reaches the network.
 */
function addressSweep(cmd: Cmd, rc: RuleContext): string | undefined {
  // Only words shaped like addresses make the command worth a look (most commands have none).
  let range: string | undefined;
  let template: string | undefined;
  for (let i = 0; i < cmd.args.length && range === undefined; i++) {
    const w = cmd.args[i] as Word;
    if (!/\d\./.test(w.value) || /^--/.test(cmd.args[i - 1]?.value ?? '')) continue;
    if (NETWORK_RANGE.test(w.value)) range = w.value;
    // xargs and parallel input shows as its placeholder, `{}`.
    const text = (w.literal ? w.value : w.text).replaceAll(INPUT, '{}');
    if (template === undefined && ADDRESS_TEMPLATE.test(text)) template = text;
  }
  if (range === undefined && template === undefined) return undefined;
  const powers = powersOf(cmd.base);
  if (powers === undefined || powers.includes('network')) return range ?? template;
  const next = range !== undefined && powers.length === 0 ? rc.consumer() : undefined;
  return next && powersOf(next.base)?.includes('network') ? range : undefined;
}

function reconnaissance(cmd: Cmd, rc: RuleContext): void {
  const vals = values(cmd.args);
  const line = vals.join(' ');
  const range = addressSweep(cmd, rc);
  if (range !== undefined) {
    rc.emit(make('network', 'offensive-tool', 'high', `${cmd.base} probes a range of hosts (${range})`));
    return;
  }
  const portScan =
    /^(nc|ncat|netcat)$/.test(cmd.base) && /(^|\s)-\w*z/.test(line) && /(^|\s)\d+-\d+(\s|$)/.test(line);
  const suidSearch = cmd.base === 'find' && /(^|\s)-perm\s+[-/]?(u=s|g=s|[246]000)\b/.test(line);
  if (portScan || suidSearch)
    rc.emit(
      make(
        'network',
        'offensive-tool',
        'high',
        portScan ? `${cmd.base} probes a range of ports` : 'find searches for set-uid programs to exploit',
      ),
    );
}

/** `gh api … -F key=@file` and `--input file`: the file's content is sent in the request. */
function apiFileUpload(cmd: Cmd, rc: RuleContext): void {
  if (!((cmd.base === 'gh' || cmd.base === 'glab') && cmd.args[0]?.value === 'api')) return;
  const vals = values(cmd.args);
  const files = vals.flatMap((v, i) => {
    if (v === '--input') return vals[i + 1] && vals[i + 1] !== '-' ? [vals[i + 1] as string] : [];
    const at = /^(?:-F|--field|--raw-field|-f)?=?[^=\s]*=@(.+)$/.exec(v);
    return at && /^(-F|--field)$/.test(vals[i - 1] ?? '') ? [at[1] as string] : [];
  });
  const paths = files.map((f) => resolveText(f, rc.ctx).abs).filter((p): p is string => p !== null);
  if (paths.length > 0)
    rc.emit(
      make('network', 'send-out', 'high', `${cmd.base} api sends ${files.join(', ')} in a request`, paths),
    );
}

/**
 * Secret scanners print what they find: over the project that is its own business, over home or the whole disk
 * it is every credential of the machine (`trufflehog filesystem ~`, `gitleaks detect --source ~`).
 */
function secretScan(cmd: Cmd, rc: RuleContext): void {
  if (!/^(gitleaks|trufflehog|detect-secrets|ggshield|noseyparker)$/.test(cmd.base)) return;
  if (cmd.args.some((w) => /^--redact(=true|=100)?$/.test(w.value))) return;
  const roots = cmd.args
    .filter((w, i) => !w.value.startsWith('-') || cmd.args[i - 1]?.value === '--source')
    .map((w) => resolveWord(w, rc.ctx).abs)
    .filter(
      (p): p is string =>
        p !== null &&
        !isInside(p, rc.ctx.project) &&
        (p === '/' || isInside(rc.ctx.home, p) || isInside(p, rc.ctx.home)),
    );
  if (roots.length > 0)
    rc.emit(
      make(
        'credentials',
        'read-credentials',
        'high',
        `${cmd.base} prints the secrets it finds in ${display(roots[0] as string, rc.ctx)}`,
        roots,
      ),
    );
}

/** Registries every package manager uses by default: pointing at one of them redirects nothing. */
const DEFAULT_REGISTRIES =
  /^(https?:\/\/)?(registry\.npmjs\.org|registry\.yarnpkg\.com|pypi\.org|files\.pythonhosted\.org|proxy\.golang\.org|sum\.golang\.org|rubygems\.org|index\.crates\.io|crates\.io|repo1?\.maven(\.apache)?\.org)(\/|$)/;

/** Variables that point installs at a package index: later installs fetch from there. */
const REGISTRY_VARIABLES =
  /^(PIP_(INDEX_URL|EXTRA_INDEX_URL|TRUSTED_HOST|CONFIG_FILE)|UV_(INDEX_URL|EXTRA_INDEX_URL|INDEX|DEFAULT_INDEX)|NPM_CONFIG_REGISTRY|npm_config_registry|YARN_NPM_REGISTRY_SERVER|YARN_REGISTRY|BUN_CONFIG_REGISTRY|GOPROXY|GONOSUMDB|GONOSUMCHECK|GOSUMDB|GOINSECURE|CARGO_REGISTRIES_\w+_INDEX|BUNDLE_MIRROR__\w+|POETRY_REPOSITORIES_\w+_URL)$/;

/** Package managers' options that name the index packages come from, for this run: `npm ci --registry …`. */
const INSTALL_INDEX_FLAGS: Readonly<Record<string, RegExp>> = {
  npm: /^--registry$/,
  pnpm: /^--registry$/,
  yarn: /^--registry$/,
  bun: /^--registry$/,
  pip: /^(-i|--index-url|--extra-index-url|--trusted-host|-f|--find-links)$/,
  pip3: /^(-i|--index-url|--extra-index-url|--trusted-host|-f|--find-links)$/,
  uv: /^(-i|--index-url|--extra-index-url|--index|--default-index|-f|--find-links)$/,
  pipx: /^(--index-url|--pip-args)$/,
  gem: /^--source$/,
  cargo: /^--index$/,
};

/** Package managers' config files, and the keys in them that name a registry. */
const REGISTRY_FILES =
  /^(\.npmrc|\.yarnrc(\.yml)?|bunfig\.toml|pip\.conf|pip\.ini|\.pypirc|uv\.toml|\.condarc|\.gemrc|config\.toml|nix\.conf|repositories|sources\.list)$/;
/** A registry key followed by `=`, `:` or (yarn 1's `.yarnrc`: `registry "https://…"`) a quoted URL. */
const REGISTRY_KEY =
  /(^|\s|['"])(@[\w-]+:)?(registry|index-url|extra-index-url|npmRegistryServer|index|url|channels|sources?|replace-with|trusted-host|(extra-|trusted-)?substituters)(\s*[=:]|\s+(?=["']?\w+:\/\/))/;
/** Files whose every line is a package source: apk's `repositories`, apt's `sources.list`. */
const SOURCE_LISTS = /^(repositories|sources\.list)$/;
/** Lockfiles: where every package the next install fetches comes from, and its hash. */
const LOCKFILES =
  /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|Cargo\.lock|Gemfile\.lock|composer\.lock|go\.sum|flake\.lock)$/;
/** Host names and IPv4 addresses in a text (`registry.npmjs.org`, `10.9.8.7`). */
const HOST_TOKEN =
  /(?<![\w.-])(?:[a-z][a-z0-9+.-]*:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?![\w-])/gi;

/** A value naming a package index other than the default ones (a URL, or a host given to trust). */
function otherRegistry(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, '').trim();
  if (v === '' || /^(off|direct|none)$/i.test(v)) return false;
  return v
    .split(/[,\s|]+/)
    .some((part) => part !== '' && !/^(off|direct)$/.test(part) && !DEFAULT_REGISTRIES.test(part));
}

/**
 * `VAR=value` settings of a command: its prefix assignments, `env VAR=value …`, `export`/`declare` arguments,
 * and what earlier commands of the script exported.
 */
export function variableSettings(cmd: Cmd): string[] {
  const envWords =
    posix.basename(cmd.raw.words[0]?.value ?? '') === 'env'
      ? cmd.raw.words.slice(1).flatMap((w) => (/^[A-Za-z_]\w*=/.test(w.value) ? [w.value] : []))
      : [];
  return [
    ...new Set([
      ...(cmd.raw.exported ?? []),
      ...cmd.raw.assignments,
      ...envWords,
      ...(/^(export|declare|typeset|env)$/.test(cmd.base) ? values(cmd.args) : []),
    ]),
  ];
}

/** `GOOSE_MODE=auto goose run`, `export AIDER_YES_ALWAYS=true`: agents started with it ask nobody. */
function agentBypassVariables(cmd: Cmd, rc: RuleContext): void {
  for (const text of variableSettings(cmd)) {
    const eq = text.indexOf('=');
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1).replace(/^(["'])(.*)\1$/s, '$2');
    const pattern = Object.hasOwn(AGENT_BYPASS_VARIABLES, name) ? AGENT_BYPASS_VARIABLES[name] : undefined;
    if (eq > 0 && pattern?.test(value))
      rc.emit(
        make(
          'exec',
          'agent-unguarded',
          'high',
          `sets ${name}, so the agent it starts runs commands without asking anyone`,
        ),
      );
  }
}

function registryRedirect(cmd: Cmd, rc: RuleContext): void {
  for (const text of variableSettings(cmd)) {
    const eq = text.indexOf('=');
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1).replace(/^["']|["']$/g, '');
    if (eq <= 0 || !REGISTRY_VARIABLES.test(name)) continue;
    // Checksum databases turned off count whatever the value; indexes only when not the default one.
    const checksOff =
      /^(GOSUMDB|GONOSUMDB|GONOSUMCHECK|GOINSECURE)$/.test(name) && value !== 'sum.golang.org';
    if (checksOff || otherRegistry(value))
      rc.emit(
        make(
          'package-install',
          'registry-redirect',
          'high',
          `sets ${name}, so installs fetch from elsewhere`,
        ),
      );
  }
  const flags = Object.hasOwn(INSTALL_INDEX_FLAGS, cmd.base) ? INSTALL_INDEX_FLAGS[cmd.base] : undefined;
  const vals = flags ? values(cmd.args) : [];
  const index = flags
    ? vals.find((v, i) => {
        const [flag, inline] = v.split(/=(.*)/s);
        const value = inline ?? vals[i + 1] ?? '';
        return (
          flags.test(flag as string) &&
          /:\/\/|\.\w/.test(value) &&
          !/^\.{0,2}\//.test(value) &&
          otherRegistry(value)
        );
      })
    : undefined;
  if (index !== undefined)
    rc.emit(
      make(
        'package-install',
        'registry-redirect',
        'high',
        `${cmd.base} is told to fetch packages from another index (${index})`,
      ),
    );
  if (!/^(echo|printf|tee)$/.test(cmd.base)) return;
  const targets = [
    ...cmd.redirects.filter((r) => /^(>|>>|>\|)$/.test(r.op)).map((r) => r.target.value),
    ...(cmd.base === 'tee' ? operands(cmd.args).map((w) => w.value) : []),
  ];
  if (!targets.some((t) => REGISTRY_FILES.test(posix.basename(t)))) return;
  const text =
    cmd.base === 'tee'
      ? rc
          .producers()
          .map((p) => producedText(p) ?? '')
          .join('\n')
      : values(cmd.args).join(' ');
  const key = REGISTRY_KEY.exec(text);
  const listed = targets.some((t) => SOURCE_LISTS.test(posix.basename(t))) && /\w+:\/\//.test(text);
  if (listed || (key && otherRegistry(text.slice(key.index + key[0].length).split('\n')[0] ?? '')))
    rc.emit(
      make(
        'package-install',
        'registry-redirect',
        'high',
        'writes another package registry into a package manager config',
      ),
    );
}

/** In-place editors (`sed -i`, `perl -pi -e`, `ruby -pi -e`): the files they rewrite, and the rest of their words. */
function inPlaceEdit(cmd: Cmd): { files: Word[]; script: string } | undefined {
  const sed =
    (cmd.base === 'sed' || cmd.base === 'gsed') &&
    cmd.args.some((w) => /^(-[a-zA-Z]*i|--in-place)/.test(w.value));
  const pie = /^(perl|ruby)$/.test(cmd.base) && cmd.args.some((w) => /^-[a-zA-Z]*i/.test(w.value));
  if (!sed && !pie) return undefined;
  const files = operands(cmd.args).filter(
    (w) => LOCKFILES.test(posix.basename(w.value)) || REGISTRY_FILES.test(posix.basename(w.value)),
  );
  const script = cmd.args
    .filter((w) => !files.includes(w))
    .map((w) => w.value.replace(/\\\./g, '.'))
    .join(' ');
  return files.length > 0 ? { files, script } : undefined;
}

/**
 * A lockfile or registry config edited in place so that packages come from another host (`sed -i
 * 's#registry.npmjs.org#mirror.example#' package-lock.json`), or with its integrity hashes changed: the next
 * install fetches what the edit says, unchecked. A URL naming a host, or a default registry replaced by another.
 */
function sourceRewrite(cmd: Cmd, rc: RuleContext): void {
  const edit = inPlaceEdit(cmd);
  if (!edit) return;
  const hosts = [...edit.script.matchAll(HOST_TOKEN)];
  const registryNamed = hosts.some((m) => DEFAULT_REGISTRIES.test(m[1] as string));
  const redirect = hosts.some(
    (m) => !DEFAULT_REGISTRIES.test(m[1] as string) && (registryNamed || (m[0] as string).includes('://')),
  );
  const hashes =
    edit.files.some((w) => LOCKFILES.test(posix.basename(w.value))) &&
    /\b(integrity|sha(1|256|384|512)|checksum|hash(es)?)\b/i.test(edit.script);
  if (redirect || hashes)
    rc.emit(
      make(
        'package-install',
        'registry-redirect',
        'high',
        `${cmd.base} rewrites ${edit.files.map((w) => w.value).join(', ')}: ${redirect ? 'packages would come from another host' : 'its integrity hashes change'}`,
      ),
    );
}

/** A search whose file filter names credential files (`grep -r --include=*.env`, `rg -g '*.pem'`) reads them. */
const SEARCH_FILTER = /^(--include|-g|--glob|--iglob)(=|$)/;
const CREDENTIAL_GLOB =
  /(^|[/*])\.env\b|\.(pem|key|p12|pfx|kdbx|ovpn)$|(^|[/*])(id_(rsa|ed25519|ecdsa|dsa)|\.netrc|\.npmrc|\.pypirc|\.pgpass|\.git-credentials|credentials(\.json)?)$/;

function credentialSearch(cmd: Cmd, rc: RuleContext): void {
  if (!/^(grep|egrep|rg|ag|ack|git)$/.test(cmd.base)) return;
  const vals = values(cmd.args);
  const filter = vals.findIndex((v, i) => {
    const m = SEARCH_FILTER.exec(v);
    if (!m) return false;
    const glob = m[2] === '=' ? v.slice(v.indexOf('=') + 1) : (vals[i + 1] ?? '');
    return (
      CREDENTIAL_GLOB.test(glob.replace(/^['"]|['"]$/g, '')) && !/\.(example|sample|template)$/.test(glob)
    );
  });
  if (filter >= 0)
    rc.emit(
      make(
        'credentials',
        'read-credentials',
        'high',
        `${cmd.base} searches credential files (${vals[filter]})`,
      ),
    );
}

/** Agents started from their npm package (`npx @anthropic-ai/claude-code …`) are judged as the agent. */
function launchedPackage(cmd: Cmd, rc: RuleContext): void {
  const run = runnerOf(cmd);
  const agent = run && Object.hasOwn(AGENT_PACKAGES, run.name) ? AGENT_PACKAGES[run.name] : undefined;
  if (run === undefined || agent === undefined) return;
  for (const use of usesOf(agent, run.args)) rc.emit(make(use.capability, use.id, use.risk, use.reason));
}

/** The package or project binary a runner starts (`npx -y pkg@1 …`, `yarn bin …`): see launchers.ts. */
function runnerOf(cmd: Cmd): { name: string; args: string[] } | undefined {
  if (!RUNNERS.test(cmd.base)) return undefined; // most commands: no need to build their argv
  return runnerTarget({ name: cmd.name, args: values(cmd.args) });
}
/** Names that may launch a package or a project binary (launchers.ts), Windows spellings included. */
const RUNNERS = /^(npx|bunx|pnpx|bun|npm|pnpm|yarn|uvx|pipx|uv|bundle|cmd)(\.cmd|\.exe)?$/i;

/**
 * Framework and migration tools whose command empties or drops the database: `rails db:drop`,
 * `php artisan migrate:fresh`, `python manage.py flush`, `prisma migrate reset`, `alembic downgrade`.
 */
const DATABASE_RESETS: Readonly<Record<string, RegExp>> = {
  rails: /^db:(drop|reset|purge|schema:load|truncate_all|seed:replant|rollback)\b/,
  rake: /^db:(drop|reset|purge|schema:load|truncate_all|seed:replant|rollback)\b/,
  artisan: /^(migrate:(fresh|reset|rollback|refresh)|db:wipe)\b/,
  'manage.py': /^(flush|reset_db|sqlflush)\b/,
  prisma: /^(migrate\s+reset|db\s+push\b.*--(force-reset|accept-data-loss))\b/,
  alembic: /^downgrade\b/,
  liquibase: /\b(dropAll|rollback\w*)\b/,
  knex: /^migrate:(rollback|down)\b/,
  sequelize: /^db:(drop|migrate:undo(:all)?|seed:undo(:all)?)\b/,
  'sequelize-cli': /^db:(drop|migrate:undo(:all)?|seed:undo(:all)?)\b/,
  typeorm: /^(schema:drop|migration:revert)\b/,
  dbmate: /^(drop|rollback|down)\b/,
  diesel: /^(database\s+(reset|drop)|migration\s+(revert|redo))\b/,
  sqlx: /^(database\s+(drop|reset)|migrate\s+revert)\b/,
};

/** Framework commands that print the app's decrypted secrets: `rails credentials:show`, `console secrets:reveal`. */
const FRAMEWORK_SECRETS: Readonly<Record<string, RegExp>> = {
  rails: /^credentials:(show|edit)\b/,
  rake: /^credentials:(show|edit)\b/,
  artisan: /^env:decrypt\b/,
  console: /^secrets:(reveal|decrypt-to-local|list\b.*--reveal)\b/,
};

function databaseReset(cmd: Cmd, rc: RuleContext): void {
  const args = values(cmd.args);
  // `npx prisma …`, `bundle exec rails …`: the package is the tool; `php artisan …`, `python manage.py …`: the script.
  const run = runnerOf(cmd);
  const script = run || !INTERPRETERS.test(cmd.base) ? -1 : args.findIndex((a) => !a.startsWith('-'));
  const tool = run?.name ?? (script >= 0 ? posix.basename(args[script] as string) : cmd.base);
  const rest = run?.args ?? args.slice(script + 1);
  const line = rest.join(' ');
  if (Object.hasOwn(DATABASE_RESETS, tool) && DATABASE_RESETS[tool]?.test(line))
    rc.emit(make('infra', 'database-drop', 'high', `${tool} ${rest[0]} drops or empties the database`));
  if (Object.hasOwn(FRAMEWORK_SECRETS, tool) && FRAMEWORK_SECRETS[tool]?.test(line))
    rc.emit(
      make('credentials', 'credential-cli', 'high', `${tool} ${rest[0]} prints the app's decrypted secrets`),
    );
}

/** Tools that send files away by mail, FTP, SMB or to a backup repository, and the arguments that say so. */
const SENDERS: Readonly<Record<string, RegExp>> = {
  mutt: /(^|\s)-a\s/,
  neomutt: /(^|\s)-a\s/,
  mail: /(^|\s)(-a|-A|--attach)\s/,
  mailx: /(^|\s)(-a|-A|--attach)\s/,
  's-nail': /(^|\s)(-a|--attach)\s/,
  swaks: /--attach\b|--body\s+@/,
  lftp: /\b(put|mput|mirror\s+(-R|--reverse))\b/,
  ncftpput: /./,
  smbclient: /\b(put|mput)\s/,
  restic: /(^|\s)backup(\s|$)/,
  rustic: /(^|\s)backup(\s|$)/,
  borg: /(^|\s)create\s/,
  kopia: /(^|\s)snapshot\s+create\b/,
  duplicity: /(^|\s)(sftp|scp|s3|gs|b2|ftp|rsync|webdav)s?:\/\//,
};

/** Backup tools: a repository on another host (`-r s3:…`, `ssh://…`, `user@host:…`), not a local one. */
const BACKUP_TOOLS = new Set(['restic', 'rustic', 'borg', 'kopia']);
const REMOTE_REPOSITORY =
  /(^|\s)(-r|--repo|--repository)[ =]?(s3|sftp|rest|b2|azure|gs|rclone|swift):|ssh:\/\/|(^|\s)[\w.-]+@[\w.-]+:/;

function sendsOut(cmd: Cmd, rc: RuleContext): void {
  const pattern = Object.hasOwn(SENDERS, cmd.base) ? SENDERS[cmd.base] : undefined;
  const line = values(cmd.args).join(' ');
  if (!pattern?.test(line)) return;
  // What it sends from home outside the project (a backup of `~`) is judged as a copy of what is below it.
  const paths = operands(cmd.args)
    .map((w) => resolveWord(w, rc.ctx).abs)
    .filter(
      (p): p is string =>
        p !== null &&
        (isInside(rc.ctx.home, p) || (isInside(p, rc.ctx.home) && !isInside(p, rc.ctx.project))),
    );
  // A backup into a local repository stays on this machine, unless it takes the credential stores of home.
  if (BACKUP_TOOLS.has(cmd.base) && !REMOTE_REPOSITORY.test(line) && paths.length === 0) return;
  rc.emit(make('network', 'send-out', 'high', `${cmd.base} sends files to another host`, paths));
}

/** The container daemon's socket is root on the machine: talking to it directly starts privileged containers. */
function daemonSocket(cmd: Cmd, rc: RuleContext): void {
  if (/^(docker|podman|nerdctl|docker-compose)$/.test(cmd.base)) return;
  if (cmd.args.some((w) => /(docker|podman|containerd)\.sock\b/.test(w.value)))
    rc.emit(
      make(
        'infra',
        'privilege',
        'high',
        `${cmd.base} talks to the container daemon's socket, which is root on this machine`,
      ),
    );
}

/** An unknown CLI's subcommands that read out a value (`get`, `get-secret`, `reveal`) and name a secret. */
const SECRET_READ = /^(get|read|show|reveal|print|dump|export|decrypt|cat)(-[a-z]+)?$/;
const SECRET_NOUN = /^(secrets?|passwords?|credentials?|api-?keys?|private-?keys?)(\/|$)/;
/** A quick look for any of the nouns before the subcommands are read. */
const SECRET_WORD = /secret|passw|credential|key/i;
/** Both in one word: `get-secret-value`, `read-password`. */
const SECRET_READ_OF =
  /^(get|read|show|reveal|print|dump|export|decrypt)-(secrets?|passwords?|credentials?)(-[a-z]+)*$/;

/** `databricks secrets get-secret …`, `keeper read password …`: an unknown CLI asked for a secret prints it. */
function secretRead(cmd: Cmd, rc: RuleContext): void {
  const words = operands(cmd.args)
    .slice(0, 4)
    .map((w) => w.value.toLowerCase());
  if (
    words.some((w) => SECRET_READ_OF.test(w)) ||
    // The secret is what the subcommand is about (`secrets get`, `read password`), not a key of that name.
    (words.some((w) => SECRET_READ.test(w)) &&
      words.some((w, i) => SECRET_NOUN.test(w) && (i < 2 || w.includes('/'))))
  )
    rc.emit(make('credentials', 'credential-cli', 'high', `${cmd.base} ${words.join(' ')} prints a secret`));
}

/** Options that hand a tool code or a command line to run. */
const CODE_OPTION = /^(-c|-e|--exec|--command|--eval|--run|--cmd|-x)$/;

function unknownCommand(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  if (
    powersOf(base) !== undefined ||
    KNOWN_TOOLS.has(base) ||
    NETWORK_TOOLS.has(base) ||
    INTERPRETERS.test(base) ||
    SHELLS.has(base) ||
    (cmd.name?.includes('/') &&
      isInside(resolveWord(cmd.raw.words[0] as Word, rc.ctx).abs ?? '', rc.ctx.project))
  )
    return;
  const urls = [...new Set(cmd.args.flatMap((w) => urlsIn(w.value)))];
  if (urls.length > 0)
    rc.emit(make('network', 'network', 'low', `${base} contacts ${urls.join(', ')}`, [], urls));
  if (cmd.args.some((w) => SECRET_WORD.test(w.value))) secretRead(cmd, rc);
  for (let i = 0; i < cmd.args.length - 1; i++) {
    const code = cmd.args[i + 1] as Word;
    if (CODE_OPTION.test((cmd.args[i] as Word).value) && /\s/.test(code.value.trim()))
      rc.nested(code.value, `${base} ${(cmd.args[i] as Word).value}`, true);
  }
}
