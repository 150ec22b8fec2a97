import { type Cmd, make, operands, optionValue, type RuleContext, urlsIn } from '../command.js';
import { staticOutput } from '../decode.js';
import type { RawCommand, Word } from '../model.js';
import { DNS_TOOLS, NETWORK_TOOLS } from '../network-tools.js';
import { isCredentialPath, isSystemPath, resolveText, resolveWord } from '../paths.js';
import { SHELLS } from '../shells.js';

export { NETWORK_TOOLS };

/** Tools whose stdout is what they downloaded. */
export const FETCHERS = new Set([
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'nc',
  'ncat',
  'netcat',
  'aria2c',
  'lftp',
  'fetch',
  // PowerShell: Invoke-RestMethod / Invoke-WebRequest and their aliases (names are case-insensitive there).
  'irm',
  'iwr',
  'invoke-restmethod',
  'invoke-webrequest',
]);

export const INTERPRETERS =
  /^(python[0-9.]*|pypy[0-9]*|node|nodejs|deno|bun|perl|ruby|php[0-9.]*|lua|luajit|osascript|Rscript|R|julia|elixir|powershell|pwsh)$/;

const MUTATING_METHOD = /^(DELETE|PUT|PATCH|POST)$/i;
const DESTRUCTIVE_PATH =
  /(delete|destroy|purge|drop|remove|truncate|flush|_close|wipe|reset|_forcemerge|revoke)/i;

function hostsIn(words: Word[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    out.push(...urlsIn(w.value));
    const remote = /^(?:[\w.-]+@)?([\w.-]+\.[\w.-]+|localhost|[\w-]+):/.exec(w.value);
    // `-L 5432:localhost:5432` is a port, not a host.
    if (remote && !/:\/\//.test(w.value) && !/^\d+$/.test(remote[1] as string)) out.push(remote[1] as string);
  }
  return [...new Set(out)];
}

/** Options of tools that take a bare host whose next word is their value (short letters, long names). */
const BARE_HOST_TOOLS: Record<string, { letters: string; long: ReadonlySet<string> }> = {
  curl: {
    letters: 'odHXuAebcFTxKwmrEDUYyzCPQt',
    long: new Set([
      '--output',
      '--data',
      '--data-raw',
      '--data-binary',
      '--data-urlencode',
      '--data-ascii',
      '--json',
      '--header',
      '--request',
      '--user',
      '--user-agent',
      '--referer',
      '--cookie',
      '--cookie-jar',
      '--form',
      '--form-string',
      '--upload-file',
      '--proxy',
      '--proxy-user',
      '--config',
      '--write-out',
      '--max-time',
      '--connect-timeout',
      '--range',
      '--cert',
      '--key',
      '--cacert',
      '--resolve',
      '--connect-to',
      '--dump-header',
      '--retry',
      '--output-dir',
      '--interface',
    ]),
  },
  wget: {
    letters: 'OoPUeitTalQwARDIXa',
    long: new Set([
      '--output-document',
      '--output-file',
      '--directory-prefix',
      '--user-agent',
      '--header',
      '--input-file',
      '--tries',
      '--timeout',
      '--post-data',
      '--post-file',
      '--body-data',
      '--body-file',
      '--method',
      '--user',
      '--password',
    ]),
  },
  nc: { letters: 'pswiqxXecIOT', long: new Set(['--exec', '--sh-exec', '--source-port', '--wait']) },
  telnet: { letters: 'lenb', long: new Set() },
};
BARE_HOST_TOOLS.ncat = BARE_HOST_TOOLS.nc as (typeof BARE_HOST_TOOLS)['nc'];
BARE_HOST_TOOLS.netcat = BARE_HOST_TOOLS.nc as (typeof BARE_HOST_TOOLS)['nc'];

/** `host.tld[:port][/path]`, an IPv4 address or a bracketed IPv6 one: what these tools read as a host. */
const BARE_HOST = /^(?:(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+|\[[0-9A-Fa-f:.]+\])(?::\d+)?(?:[/?#]\S*)?$/;

/**
 * curl and wget take `evil.example/x` as http://evil.example/x, nc and telnet a bare host: when no URL
 * names the destination, these operands do.
 */
function bareHosts(cmd: Cmd): string[] {
  const options = BARE_HOST_TOOLS[cmd.base];
  if (!options) return [];
  const out: string[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Word).value;
    if (value === '--') continue;
    if (value.startsWith('--')) {
      if (!value.includes('=') && options.long.has(value)) i++;
      continue;
    }
    if (value.startsWith('-') && value.length > 1) {
      if (options.letters.includes(value[value.length - 1] as string)) i++;
      continue;
    }
    if (BARE_HOST.test(value) && !/^\d+(\.\d+)?$/.test(value)) out.push(value);
  }
  return out;
}

/**
 * Hosts of curl, wget, nc and telnet: URLs anywhere, else bare host operands. Not `name:` words, which
 * for these tools are header values (`-H "Accept: x"`), not scp-style remotes.
 */
function toolHosts(cmd: Cmd): string[] {
  const urls = [...new Set(cmd.args.flatMap((w) => urlsIn(w.value)))];
  return urls.length > 0 ? urls : bareHosts(cmd);
}

/** The command's output is what a remote host sent. */
export function isFetcher(cmd: Cmd): boolean {
  if (cmd.base === 'wget')
    return cmd.args.some((w) => /^(-O-?|-qO-?|--output-document=?-?)$/.test(w.value) || w.value === '-');
  return FETCHERS.has(cmd.base.toLowerCase());
}

/** Some command inside these words' substitutions downloads something. */
function fetchesInSubstitution(words: Word[]): boolean {
  const stack: RawCommand[] = words.flatMap((w) => w.subs);
  while (stack.length > 0) {
    const raw = stack.pop() as RawCommand;
    const name = raw.words[0];
    if (name?.literal && FETCHERS.has((name.value.split('/').pop() as string).toLowerCase())) return true;
    if (
      name?.literal &&
      ['sudo', 'env', 'command'].includes(name.value) &&
      raw.words.some((w) => FETCHERS.has(w.value))
    )
      return true;
    for (const w of raw.words) stack.push(...w.subs);
  }
  return false;
}

/** PowerShell's `iex`: runs the string it is given, or what is piped into it. */
const POWERSHELL_EVAL = /^(iex|invoke-expression)$/i;
/** A PowerShell download: `(New-Object Net.WebClient).DownloadString(…)`, `irm …`, `iwr …`. */
const POWERSHELL_DOWNLOAD =
  /\.Download(String|Data|File)\s*\(|\b(irm|iwr|Invoke-RestMethod|Invoke-WebRequest|Start-BitsTransfer)\b/i;

interface ScriptOptions {
  /** Options whose next word is their value, not the script. */
  value: RegExp;
  /** Options that give the program on the command line (code, module, script file). */
  program: RegExp;
  /** Options that make a shell read its script from stdin even with arguments (`bash -s -- args`). */
  stdin?: RegExp;
}

/** How each interpreter is told its program: a program on the command line means stdin is data. */
const INTERPRETER_OPTIONS: ReadonlyArray<[RegExp, ScriptOptions]> = [
  [
    /^(python[0-9.]*|pypy[0-9]*)$/,
    { value: /^(-W|-X|--check-hash-based-pycs)$/, program: /^-[bBdEiIOPqsSuvx]*[cm]/ },
  ],
  [
    /^(node|nodejs)$/,
    {
      value:
        /^(-r|--require|--import|--loader|--experimental-loader|-C|--conditions|--input-type|--env-file|--title)$/,
      program: /^(-e|--eval|-p|--print)$/,
    },
  ],
  [/^perl$/, { value: /^(-I|-M|-m|-x)$/, program: /^-[lnpawsStTWXU0-9]*[eE]/ }],
  [/^ruby$/, { value: /^(-I|-r|-C|-E|--encoding)$/, program: /^-[lnpawsvdW0-9]*e/ }],
  [/^php[0-9.]*$/, { value: /^(-d|-c|-z|-t)$/, program: /^(-r|-f|-S)$/ }],
  [/^lua$/, { value: /^-l$/, program: /^-e$/ }],
  [/^osascript$/, { value: /^(-l|-s)$/, program: /^-e$/ }],
  [/^Rscript$/, { value: /^--default-packages$/, program: /^-e$/ }],
  [
    /^(powershell|pwsh)$/,
    {
      value:
        /^-(ExecutionPolicy|ex|ep|WindowStyle|w|Version|v|ConfigurationName|WorkingDirectory|wd|OutputFormat|InputFormat|of|if|PSConsoleFile)$/i,
      program: /^-(Command|c|EncodedCommand|e|ec|File|f)$/i,
    },
  ],
  [
    /^(deno|bun)$/,
    { value: /^(--config|--import-map|--env-file)$/, program: /^(eval|-e|--eval|-p|--print)$/ },
  ],
];
const SHELL_OPTIONS: ScriptOptions = {
  value: /^([-+]o|[-+]O|--rcfile|--init-file)$/,
  program: /^-[A-Za-z]*c/,
  stdin: /^-[A-Za-z]*s/,
};
/** `-`, `/dev/stdin`: a script path that is stdin itself. */
const STDIN_SCRIPT = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;

/**
 * Whether a shell or interpreter reads its program from stdin: only when no script, `-c`/`-e` code or `-m`
 * module is given (`sh`, `python3 -u`, `bash -s -- args`, `node -`), or the script named is stdin itself.
 * `argv[0]` is the command's basename.
 */
export function readsScriptFromStdin(argv: readonly string[]): boolean {
  const base = argv[0] ?? '';
  if (POWERSHELL_EVAL.test(base) || base === 'source' || base === '.')
    return argv.length === 1 || STDIN_SCRIPT.test(argv[1] as string);
  const options = SHELLS.has(base)
    ? SHELL_OPTIONS
    : INTERPRETER_OPTIONS.find(([name]) => name.test(base))?.[1];
  if (!options) return false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return i + 1 >= argv.length || STDIN_SCRIPT.test(argv[i + 1] as string);
    if (STDIN_SCRIPT.test(arg)) return true;
    if (options.program.test(arg)) return false;
    if (options.stdin?.test(arg)) return true;
    if (options.value.test(arg)) i++;
    else if (!arg.startsWith('-') && !arg.startsWith('+')) return false;
  }
  return true;
}

/**
 * Build tools and script-driven programs told their script by an option (or, for ansible-playbook, the first
 * operand); whether its recipes are shell lines (`make -f -`, `just --justfile /dev/stdin`), and whether the file
 * is a program of the user's (not a container or compose definition).
 */
const SCRIPT_FILE_OPTIONS: Readonly<
  Record<string, { option: RegExp | null; shell: boolean; program: boolean }>
> = {
  make: { option: /^(-f|--file|--makefile)$/, shell: true, program: true },
  gmake: { option: /^(-f|--file|--makefile)$/, shell: true, program: true },
  bmake: { option: /^-f$/, shell: true, program: true },
  just: { option: /^(-f|--justfile)$/, shell: true, program: true },
  ninja: { option: /^-f$/, shell: true, program: true },
  rake: { option: /^(-f|--rakefile)$/, shell: false, program: true },
  gradle: { option: /^(-b|--build-file)$/, shell: false, program: true },
  cmake: { option: /^-P$/, shell: false, program: true },
  awk: { option: /^(-f|--file)$/, shell: false, program: true },
  gawk: { option: /^(-f|--file)$/, shell: false, program: true },
  sed: { option: /^(-f|--file)$/, shell: false, program: true },
  'ansible-playbook': { option: null, shell: false, program: true },
  'docker-compose': { option: /^(-f|--file)$/, shell: false, program: false },
  docker: { option: /^(-f|--file)$/, shell: false, program: false },
  podman: { option: /^(-f|--file)$/, shell: false, program: false },
};

/** ansible-playbook options whose next word is their value, not the playbook. */
const ANSIBLE_VALUE_OPTIONS = new Set(
  '-i --inventory -e --extra-vars -l --limit -u --user -t --tags --skip-tags -f --forks -c --connection --vault-id --vault-password-file -M --module-path --private-key'.split(
    ' ',
  ),
);

interface ScriptFile {
  word: Word;
  /** `-`, `/dev/stdin`: read from a pipe; `<(…)`: from a process substitution. */
  from: 'stdin' | 'substitution' | 'file';
  shell: boolean;
  program: boolean;
}

/** The script a tool above is given, and where it comes from. */
function scriptOf(cmd: Cmd): ScriptFile | undefined {
  const spec = Object.hasOwn(SCRIPT_FILE_OPTIONS, cmd.base) ? SCRIPT_FILE_OPTIONS[cmd.base] : undefined;
  if (spec === undefined) return undefined;
  let word: Word | undefined;
  if (spec.option === null) word = operands(cmd.args, ANSIBLE_VALUE_OPTIONS)[0];
  else
    for (let i = 0; i < cmd.args.length && word === undefined; i++) {
      const [flag, inline] = (cmd.args[i] as Word).value.split(/=(.*)/s);
      if (!spec.option.test(flag as string)) continue;
      word = inline === undefined ? cmd.args[i + 1] : { ...(cmd.args[i] as Word), value: inline };
    }
  if (word === undefined) return undefined;
  const from = STDIN_SCRIPT.test(word.value)
    ? 'stdin'
    : word.subs.length > 0 && /^<\(/.test(word.text)
      ? 'substitution'
      : 'file';
  return { word, from, shell: spec.shell, program: spec.program };
}

/** A build tool's script read from stdin or a process substitution (`make -f -`, `gradle -b <(curl …)`). */
function scriptFromInput(cmd: Cmd): (ScriptFile & { stdin: boolean }) | undefined {
  const script = scriptOf(cmd);
  return script && script.from !== 'file' ? { ...script, stdin: script.from === 'stdin' } : undefined;
}

/** The file a build tool or script-driven program runs as its program (`make -f /tmp/Makefile`), if one is named. */
export function programFileOf(cmd: Cmd): Word | undefined {
  const script = scriptOf(cmd);
  return script?.program && script.from === 'file' ? script.word : undefined;
}

function isCodeRunner(cmd: Cmd): boolean {
  return (
    SHELLS.has(cmd.base) ||
    INTERPRETERS.test(cmd.base) ||
    POWERSHELL_EVAL.test(cmd.base) ||
    cmd.base === 'source' ||
    cmd.base === '.' ||
    cmd.base === 'eval'
  );
}

/** PowerShell text that downloads code and runs it: `iex (New-Object Net.WebClient).DownloadString(…)`. */
export function runsDownloadedPowerShell(text: string): boolean {
  return /\b(iex|Invoke-Expression)\b/i.test(text) && POWERSHELL_DOWNLOAD.test(text);
}

/** Code PowerShell runs from the command line: iex's arguments, the words after -Command. */
function powershellCode(cmd: Cmd): string | null {
  if (POWERSHELL_EVAL.test(cmd.base)) return cmd.args.map((w) => w.value).join(' ');
  if (!/^(powershell|pwsh)$/i.test(cmd.base)) return null;
  const at = cmd.args.findIndex((w) => /^-(Command|c)$/i.test(w.value));
  return at < 0
    ? null
    : cmd.args
        .slice(at + 1)
        .map((w) => w.value)
        .join(' ');
}

/**
 * Code downloaded and run at once: `curl | sh`, `bash <(curl ..)`, `eval "$(curl ..)"`, `python <(wget -O- ..)`,
 * PowerShell's `irm … | iex` and `iex (New-Object Net.WebClient).DownloadString(…)`.
 */
export function remoteCode(cmd: Cmd, rc: RuleContext): void {
  const script = scriptFromInput(cmd);
  const runner = isCodeRunner(cmd) || cmd.name === null;
  if (!runner && !script) return;
  const piped =
    rc.producers().some(isFetcher) &&
    (cmd.name === null ||
      script?.stdin === true ||
      (runner && readsScriptFromStdin([cmd.base, ...cmd.args.map((w) => w.value)])));
  // A build tool's other arguments may be computed by a download (`make V=$(curl …/version)`): only its script counts.
  const substituted = fetchesInSubstitution(
    script ? [script.word] : cmd.name === null ? [...cmd.raw.words] : cmd.args,
  );
  const code = powershellCode(cmd);
  const cradle =
    code !== null && runsDownloadedPowerShell(POWERSHELL_EVAL.test(cmd.base) ? `iex ${code}` : code);
  if (piped || substituted || cradle) {
    const urls = [...new Set([...rc.producers().flatMap((p) => hostsIn(p.args)), ...urlsIn(cmd.text)])];
    rc.emit(
      make(
        'exec',
        'curl-pipe-shell',
        'critical',
        'runs code downloaded from the network without review',
        [],
        urls,
      ),
    );
  }
}

/** Secrets sent over the network: `env | curl`, `cat ~/.ssh/id_rsa | nc`, `curl -d @~/.aws/credentials`. */
export function exfiltration(cmd: Cmd, rc: RuleContext): void {
  if (!NETWORK_TOOLS.has(cmd.base) && !(cmd.base === 'git' && cmd.args.some((w) => w.value === 'push')))
    return;
  if (DNS_TOOLS.test(cmd.base)) return; // the DNS-channel rule says it, once
  const secrets: string[] = [];
  for (const producer of rc.producers()) {
    if (/^(env|printenv|set|export|declare)$/.test(producer.base) && operands(producer.args).length === 0)
      secrets.push('the environment');
    for (const w of producer.args) {
      const p = resolveWord(w, rc.ctx).abs;
      if (p && isCredentialPath(p, rc.ctx)) secrets.push(p);
    }
    for (const r of producer.redirects) {
      const p = r.op === '<' ? resolveWord(r.target, rc.ctx).abs : null;
      if (p && isCredentialPath(p, rc.ctx)) secrets.push(p);
    }
  }
  for (const r of cmd.redirects) {
    const p = r.op === '<' ? resolveWord(r.target, rc.ctx).abs : null;
    if (p && isCredentialPath(p, rc.ctx)) secrets.push(p);
  }
  // Keys and certificates a tool authenticates with are used, not sent.
  const identityFlags = new Set(
    ['ssh', 'scp', 'sftp', 'rsync'].includes(cmd.base)
      ? ['-i', '-F', '-o']
      : ['--key', '--cert', '--cacert', '-E', '--capath'],
  );
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i] as Word;
    if (identityFlags.has(w.value)) {
      i++;
      continue;
    }
    const file = w.value
      .replace(/^-[\w-]+=/, '')
      .replace(/^@/, '')
      .replace(/^[\w-]+=@/, '');
    const p = resolveText(file, rc.ctx).abs;
    if (
      p &&
      isCredentialPath(p, rc.ctx) &&
      (w.value.includes('@') || cmd.base === 'scp' || cmd.base === 'rsync' || cmd.base === 'sftp')
    )
      secrets.push(p);
    const readsSecret = w.subs.some((s) => {
      const name = s.words[0]?.value;
      if (name === 'env' || name === 'printenv') return true;
      return s.words.slice(1).some((a) => {
        const q = resolveWord(a, rc.ctx).abs;
        return q !== null && isCredentialPath(q, rc.ctx);
      });
    });
    if (readsSecret) secrets.push('output of a command reading secrets');
  }
  if (secrets.length > 0) {
    const paths = secrets.filter((s) => s.startsWith('/'));
    rc.emit(
      make(
        'credentials',
        'exfiltrate-credentials',
        'critical',
        `sends secrets over the network (${[...new Set(secrets)].slice(0, 3).join(', ')})`,
        paths,
        hostsIn(cmd.args),
      ),
    );
  }
}

/** Network tools: where they connect, and requests that change or delete remote data. */
export function network(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  if (!NETWORK_TOOLS.has(base)) {
    for (const r of cmd.redirects) {
      if (/^\/dev\/(tcp|udp)\//.test(r.target.value)) {
        const host = r.target.value.split('/')[3] ?? '';
        if (SHELLS.has(base) || INTERPRETERS.test(base)) {
          rc.emit(
            make('exec', 'reverse-shell', 'critical', `connects a shell to ${r.target.value}`, [], [host]),
          );
        } else {
          rc.emit(
            make(
              'network',
              'dev-tcp',
              'high',
              `opens a raw connection through ${r.target.value}`,
              [],
              [host],
            ),
          );
        }
      }
    }
    return;
  }
  if (cmd.args.every((w) => /^(-h|--help|-V|--version|-v)$/.test(w.value))) return;
  const urls = BARE_HOST_TOOLS[base] ? toolHosts(cmd) : hostsIn(cmd.args);
  const method = (
    optionValue(cmd.args, '-X', '--request', '--method') ??
    ((base === 'http' || base === 'https' || base === 'xh') && /^[A-Z]+$/.test(cmd.args[0]?.value ?? '')
      ? cmd.args[0]?.value
      : null) ??
    ''
  ).toUpperCase();
  const target = cmd.args.map((w) => w.value).join(' ');
  if (method === 'DELETE') {
    rc.emit(make('network', 'http-delete', 'high', 'sends an HTTP DELETE request', [], urls));
  } else if (MUTATING_METHOD.test(method) && DESTRUCTIVE_PATH.test(target)) {
    rc.emit(
      make(
        'network',
        'http-destructive',
        'high',
        `sends an HTTP ${method} request that deletes or resets remote data`,
        [],
        urls,
      ),
    );
  } else if (base === 'nc' || base === 'ncat' || base === 'netcat') {
    if (
      cmd.args.some(
        (w) => /^-[a-zA-Z]*[ec]$/.test(w.value) || w.value === '--exec' || w.value === '--sh-exec',
      )
    ) {
      rc.emit(make('exec', 'reverse-shell', 'critical', 'serves a shell over the network', [], urls));
    } else if (sendsNothing(cmd, rc, urls)) {
      probe(rc, urls);
    } else {
      rc.emit(make('network', 'raw-socket', 'low', `opens a raw network connection (${base})`, [], urls));
    }
  } else if (base === 'socat' && cmd.args.some((w) => /exec:|system:/i.test(w.value))) {
    rc.emit(make('exec', 'reverse-shell', 'critical', 'connects a shell to a socket', [], urls));
  } else if (base === 'ssh') {
    remoteShell(cmd, rc, urls);
  } else if (base === 'scp' || base === 'rsync' || base === 'sftp') {
    const valued = ['-P', '-i', '-e', '-F', '-o', '-l', '-c', '--rsh', '--exclude', '--include', '--filter'];
    // sftp -b names its batch file (rsync -b is a flag).
    const ops = operands(cmd.args, new Set(base === 'sftp' ? [...valued, '-b'] : valued));
    const dest = ops[ops.length - 1];
    // `sftp user@host` names its host alone; what it sends comes from stdin or a batch file.
    if (base === 'sftp' && ops[0] && !ops[0].value.includes(':'))
      urls.push(ops[0].value.replace(/^[^@]*@/, ''));
    const remoteDest = dest && /^(?:[\w.-]+@)?[\w.-]+:(.*)$/.exec(dest.value);
    if (remoteDest && isSystemPath((remoteDest[1] ?? '') || '/') && (remoteDest[1] ?? '').startsWith('/')) {
      rc.emit(
        make(
          'network',
          'copy-to-remote-system',
          'high',
          `copies files into ${remoteDest[1]} on a remote host`,
          [],
          urls,
        ),
      );
    } else if (remoteDest && remoteDest[1] === '/') {
      rc.emit(
        make('network', 'copy-to-remote-system', 'high', 'copies files into / on a remote host', [], urls),
      );
    } else {
      rc.emit(make('network', `${base}-transfer`, 'low', `transfers files with ${base}`, [], urls));
    }
  } else if (sendsNothing(cmd, rc, urls)) {
    probe(rc, urls);
  } else {
    const uploads = cmd.args.some((w) =>
      /^(-d|--data.*|-F|--form.*|-T|--upload-file|--post-file.*|--post-data.*|--body-file.*)$/.test(
        w.value.split('=')[0] as string,
      ),
    );
    rc.emit(
      make(
        'network',
        uploads ? 'network-upload' : 'network',
        'low',
        `${uploads ? 'sends data to' : 'contacts'} ${urls.join(', ') || 'a remote host'}`,
        [],
        urls,
      ),
    );
  }
}

/** curl and wget options of a header-only request that send nothing of their own. */
const PROBE_FLAGS =
  /^(-[sSLkvfiI]+|--(silent|show-error|location|insecure|fail|head|include|verbose|spider|server-response|compressed)|-q|-S|--(max-time|connect-timeout|timeout|retry)=\d+|-w|--write-out)$/;
/** Their options that take a number as the next word. */
const PROBE_NUMBER = /^(-m|--max-time|--connect-timeout|--timeout|--retry)$/;
/** `openssl s_client` options that only say where and how to connect (no file written, nothing of ours sent). */
const S_CLIENT_FLAGS = /^-(showcerts|brief|status|quiet|tls1_2|tls1_3|verify_return_error|crlf|no_ign_eof)$/;
const S_CLIENT_VALUES = /^-(connect|servername|alpn|CAfile|CApath|verify)$/;

/** Whether every word is an allowed flag, or the value an allowed option takes (`valueOk`). */
function onlyOptions(
  words: readonly string[],
  flag: RegExp,
  withValue: RegExp,
  valueOk: (option: string, value: string) => boolean,
): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (withValue.test(w)) {
      const value = words[++i];
      if (value === undefined || !valueOk(w, value)) return false;
    } else if (!flag.test(w)) return false;
  }
  return true;
}

/**
 * A probe that sends no data names only a host, as `dig` and `ping` do: `nc -z host 443`, `curl -sI URL` and
 * `wget --spider URL` with no query, headers or body, `openssl s_client -connect host:443 </dev/null`. Not to a
 * cloud metadata address, and only with literal words.
 */
function sendsNothing(cmd: Cmd, rc: RuleContext, urls: string[]): boolean {
  if (
    urls.length === 0 ||
    cmd.args.some((w) => !w.literal) ||
    urls.some((u) => /169\.254\.|metadata/i.test(u))
  )
    return false;
  const args = cmd.args.map((w) => w.value);
  switch (cmd.base) {
    case 'nc':
    case 'ncat':
    case 'netcat':
      return (
        args.some((a) => /^-[a-zA-Z]*z/.test(a)) &&
        cmd.redirects.every((r) => r.op !== '<') &&
        rc.producers().length === 0
      );
    case 'openssl': {
      if (args[0] !== 's_client' || !onlyOptions(args.slice(1), S_CLIENT_FLAGS, S_CLIENT_VALUES, () => true))
        return false;
      const empty = cmd.redirects.some((r) => r.op === '<' && r.target.value === '/dev/null');
      const fed = rc.producers();
      return (
        empty ||
        (fed.length > 0 && fed.every((p) => p.base === 'true' || (p.base === 'echo' && p.args.length === 0)))
      );
    }
    case 'curl':
    case 'wget': {
      const head = args.some((a) => /^(-[a-zA-Z]*I[a-zA-Z]*|--head|--spider)$/.test(a));
      const format = (i: number) => /^(-w|--write-out)$/.test(args[i - 1] ?? '');
      const rest = args.filter((a, i) => urlsIn(a).length === 0 && !format(i));
      return (
        head &&
        !urls.some((u) => u.includes('?') || /\/\/[^/]*@/.test(u)) &&
        onlyOptions(
          rest,
          PROBE_FLAGS,
          /^(-o|--output|-m|--max-time|--connect-timeout|--timeout|--retry)$/,
          (o, v) => (PROBE_NUMBER.test(o) ? /^\d+$/.test(v) : v === '/dev/null'),
        )
      );
    }
    default:
      return false;
  }
}

function probe(rc: RuleContext, urls: string[]): void {
  rc.emit(make('network', 'network', 'low', `probes ${urls.join(', ')} and sends no data`));
}

/** `ssh host 'cmd'`: the remote command is analysed like a local one. */
function remoteShell(cmd: Cmd, rc: RuleContext, urls: string[]): void {
  const withValue = new Set([
    '-i',
    '-p',
    '-l',
    '-F',
    '-o',
    '-J',
    '-L',
    '-R',
    '-D',
    '-b',
    '-c',
    '-E',
    '-e',
    '-I',
    '-m',
    '-O',
    '-Q',
    '-S',
    '-W',
    '-w',
    '-B',
  ]);
  const ops = operands(cmd.args, withValue);
  const host = ops[0];
  if (host) urls.push(host.value.replace(/^[^@]*@/, ''));
  const remote = ops.slice(1);
  rc.emit(
    make(
      'network',
      'ssh',
      'low',
      `opens a shell session on ${host?.value ?? 'a remote host'}`,
      [],
      [...new Set(urls)],
    ),
  );
  if (remote.length > 0) rc.nested(remote.map((w) => w.value).join(' '), 'ssh');
  // `ssh host <<'EOF'`, `ssh host bash -s <<'EOF'`: the remote shell runs the heredoc or herestring.
  const argv = remote.map((w) => w.value);
  if (remote.length === 0 || (SHELLS.has(argv[0] as string) && readsScriptFromStdin(argv)))
    for (const r of cmd.redirects) if (r.body !== undefined) rc.nested(r.body, 'ssh <<');
}

/** Piping into a shell or interpreter: the text it receives is code. */
export function pipedCode(cmd: Cmd, rc: RuleContext): void {
  const script = scriptFromInput(cmd);
  if (script?.stdin) {
    pipedScript(cmd, rc, script.shell);
    return;
  }
  const shell = SHELLS.has(cmd.base);
  const interpreter = INTERPRETERS.test(cmd.base);
  if (!shell && !interpreter) return;
  if (!readsScriptFromStdin([cmd.base, ...cmd.args.map((w) => w.value)])) return;
  for (const r of cmd.redirects) {
    if ((r.op === '<<' || r.op === '<<-' || r.op === '<<<') && r.body !== undefined) {
      if (shell) rc.nested(r.body, `${cmd.base} <<`);
    }
  }
  for (const producer of rc.producers()) {
    if (isFetcher(producer)) continue; // reported by remoteCode
    const text = producedText(producer);
    if (text !== null) {
      if (shell) rc.nested(text, `${cmd.base} <<`);
    } else {
      rc.emit(
        make(
          'exec',
          'pipe-to-shell',
          'high',
          `runs whatever ${producer.base || 'a command'} prints as ${shell ? 'shell' : cmd.base} code`,
        ),
      );
    }
  }
}

/**
 * A build tool reading its script from a pipe (`… | make -f -`): recipes of make, just and ninja are shell
 * lines, analysed when the text is known; any other script (YAML, Groovy, awk) is code nobody reviewed.
 */
function pipedScript(cmd: Cmd, rc: RuleContext, shell: boolean): void {
  const bodies = cmd.redirects.flatMap((r) => (r.body === undefined ? [] : [r.body]));
  const texts = [
    ...bodies,
    ...rc
      .producers()
      .filter((p) => !isFetcher(p))
      .map(producedText),
  ];
  for (const text of texts) {
    if (shell && text !== null) rc.nested(text, `${cmd.base} -f -`);
    else
      rc.emit(
        make(
          'exec',
          'pipe-to-shell',
          'high',
          `${cmd.base} runs a script it reads from its input, unreviewed`,
        ),
      );
  }
}

/**
 * Literal text a command prints (echo, printf with its escapes, cat of a heredoc), or null when not known. What
 * a decoder prints is analysed besides (generated.ts); its pipe stays code nobody reviewed.
 */
export function producedText(cmd: Cmd): string | null {
  return /^(echo|printf|cat)$/.test(cmd.base) ? (staticOutput(cmd.raw) ?? null) : null;
}
