import { powersOf } from '../capabilities.js';
import { type Cmd, make, type RuleContext, urlsIn } from '../command.js';
import type { Word } from '../model.js';
import { display, isCredentialPath, isInside, isTemp, persistenceKind, resolveText } from '../paths.js';
import { powershellParts } from '../powershell.js';
import { SHELLS } from '../shells.js';
import { shellCommandString } from '../unwrap.js';
import { deletionRisk } from './files.js';
import { INTERPRETERS, isFetcher, producedText, programFileOf, readsScriptFromStdin } from './network.js';

/** Options that introduce inline code, per interpreter family. */
const CODE_FLAGS: [RegExp, RegExp][] = [
  [/^(python[0-9.]*|pypy[0-9]*)$/, /^-[a-zA-Z]*c$/],
  [/^(node|nodejs|bun)$/, /^(-e|--eval|-p|--print|-pe)$/],
  [/^perl$/, /^-[a-zA-Z]*[eE]$/],
  [/^ruby$/, /^-[a-zA-Z]*e$/],
  [/^php[0-9.]*$/, /^-r$/],
  [/^lua$/, /^-e$/],
  [/^(osascript)$/, /^-e$/],
  [/^(Rscript)$/, /^-e$/],
  [/^(powershell|pwsh)$/, /^(-c|-Command|-EncodedCommand|-e)$/i],
];

/** Inline code an interpreter runs: `-c`/`-e` strings, `deno eval`, heredocs, piped literal text. */
function inlineCode(cmd: Cmd, rc: RuleContext): string[] {
  const out: string[] = [];
  const flagPattern = CODE_FLAGS.find(([name]) => name.test(cmd.base))?.[1];
  if (flagPattern) {
    // Modules loaded on the command line (`perl -MLWP::Simple`, `ruby -rnet/http`) are part of the code.
    const modules: string[] = [];
    for (let i = 0; i < cmd.args.length; i++) {
      const v = (cmd.args[i] as Word).value;
      if (/^(perl|ruby)$/.test(cmd.base) && /^-[MmIr]./.test(v)) modules.push(`use ${v.slice(2)};`);
      if (flagPattern.test(v)) {
        const code = cmd.args[i + 1];
        if (code) out.push([...modules, code.value].join(' '));
        break;
      }
      if (!v.startsWith('-')) break; // a script file: its code is not on the command line
    }
  }
  if ((cmd.base === 'deno' || cmd.base === 'bun') && cmd.args[0]?.value === 'eval' && cmd.args[1]) {
    out.push(cmd.args[1].value);
  }
  if (readsScriptFromStdin([cmd.base, ...cmd.args.map((w) => w.value)])) {
    for (const r of cmd.redirects) if (r.body !== undefined) out.push(r.body);
    for (const producer of rc.producers()) {
      const text = isFetcher(producer) ? null : producedText(producer);
      if (text !== null) out.push(text);
    }
  }
  return out;
}

/**
 * Forking in an endless loop: `while True: os.fork()`, `fork while fork`, `fork while 1`, `loop { fork }`,
 * `for(;;) fork()`, a comprehension over an endless iterator (`[os.fork() for _ in iter(int, 1)]`).
 */
const FORK_LOOP =
  /while\s*\(?\s*(True|1|true)\s*\)?\s*:?\s*\{?[^}]{0,40}\bfork\s*\(|\bfork\s*(\(\s*\))?\s+(while|until)\s+(fork|1|!?0|true)\b|loop\s*\{\s*fork|for\s*\(\s*;\s*;\s*\)\s*\{?\s*\w*\.?fork\s*\(|\bfork\s*\(\s*\)\s+for\s+\w+\s+in\s+(iter\s*\(\s*int\s*,|itertools\.(count|repeat|cycle)\b)/;
const DELETION =
  /\b(shutil\.rmtree|os\.(remove|unlink|rmdir|removedirs)|Path\([^)]*\)\.(unlink|rmdir)|\.unlink\(|fs\.(rm|rmdir|unlink|promises\.rm)\b|(rm|rmdir|unlink)Sync\s*\(|\.rm\s*\(|rimraf|FileUtils\.(rm_rf|rm_r|rm|remove_dir|remove_entry)|File\.delete|Dir\.delete|\bunlink\b|rmtree|\brmdir\b|Deno\.remove(Sync)?|Remove-Item|\]::Delete\s*\(|remove_tree|File::Path|os\.RemoveAll|Files\.delete(IfExists)?|deleteDirectory|fs::remove_(dir_all|file|dir)|FileUtils\.(remove|delete)\w*|(?<![.\w])rm\s*\((?=.{0,120}recursive))/;
/** Deletion calls that take whole trees. */
const RECURSIVE_DELETION =
  /rmtree|rm_rf|rm_r\b|remove_dir|recursive\s*:\s*true|removedirs|Remove-Item[^;]*-Recurse|Directory\]::Delete\s*\([^)]*\$true|rimraf|remove_tree|RemoveAll|deleteDirectory|remove_dir_all|recursive\s*=\s*(true|TRUE|T)\b/;
const NETWORK =
  /\b(urllib|requests\.(get|post|put|delete|patch)|require\(\s*['"](node:)?(https?|net|dgram|tls)['"]\s*\)|from\s+['"](node:)?(https?|net)['"]|http\.client|httpx|aiohttp|fetch\s*\(|https?\.(get|request)\s*\(|axios|socket\.|net\.connect|Net::HTTP|net\/http|open-uri|LWP::|HTTP::Tiny|IO::Socket|curl_exec|file_get_contents\s*\(\s*['"]https?:|Invoke-WebRequest|WebClient)/;
const SPAWN =
  /\b(os\.(system|popen|exec[lv]p?e?|spawn[lv]p?e?)|subprocess\.|child_process|execSync|spawnSync|exec\s*\(|system\s*\(|popen\s*\(|Kernel\.exec|IO\.popen|shell_exec|passthru|proc_open|Deno\.(run|Command)|Bun\.spawn|os\.execute|io\.popen|run\s*\(\s*`|do\s+shell\s+script)|`[^`]+`|qx\{|%x[({[]|\b(system|exec)\s*\(?\s*qq?\s*\(/;
const CREDENTIALS =
  /(\.env\b|\.ssh\b|id_rsa|id_ed25519|\.aws\b|credentials|\.netrc|\.npmrc|\.kube\/config|\.docker\/config|\.gnupg|keychain|process\.env|os\.environ|ENV\[|\bENV\.(to_h|to_a|each|inspect|to_s|select|map)\b|%ENV\b|\$ENV\{|\$_ENV\b|\bENVIRON\b|getenv\(\s*\)|GetNetworkCredential\s*\(|Get-StoredCredential|\bCredRead\w*\s*\(|PasswordVault)/i;
/** Evaluating what a decoder returns (`eval pack("H*", …)`, `exec(b64decode(…))`): code no one can read here. */
const DECODED_EVAL =
  /\b(eval|exec|Function|instance_eval|class_eval|assert|Invoke-Expression|iex)\b\s*\(?\s*[^;]{0,40}?\b(pack|unpack|b64decode|decode_base64|decode64|atob|fromhex|unhexlify|decompress|Buffer\.from|base64_decode|str_rot13|gzinflate|hex2bin|FromBase64String)\b/;
/** API calls that delete remote or database objects (`client.deleteIndex(`, `.dropDatabase(`, `Model.destroy_all`). */
const REMOTE_DELETE =
  /\.(delete\w*|destroy\w*|drop\w*|remove\w*|purge\w*|clear\w*|truncate\w*|flush\w*|cancel\w*)\s*[(!]|\.destroy_all\b|\.delete_all\b/i;

/** Calls that write or append to a file: open(…, 'w'/'a'/'x'/'+'), writeFile, write_text, Perl `>`/`>>`, … */
const FILE_WRITE =
  /(\bopen\s*\([^)]*['"](?:[wax]|r\+)[bt+]*['"]|\bopen\s*\([^)]*['"]\+?>{1,2}|(write|append)File(Sync)?\s*\(|createWriteStream\s*\(|\.write_(text|bytes)\s*\(|File\.(write|open)\s*\(|IO\.write|file_put_contents\s*\(|Set-Content|Add-Content|Out-File|Deno\.writeTextFile|Bun\.write\s*\()/;

/** Quoted strings that name a file: with a `/`, or a dot file; no spaces. */
const QUOTED_PATH = /(['"])((?:[~.\w-]*\/[^'"\s]*)|(?:\.[\w][^'"\s/]*))\1/g;

/** Code that builds paths on the home directory: `Path.home()`, `os.homedir()`, `expanduser`, `$ENV{HOME}`. */
const HOME_REFERENCE =
  /\bPath\.home\(\)|\bhomedir\(\)|\bexpanduser\(|\$ENV\{HOME\}|\benv\.HOME\b|\benviron(\.get\(|\[)\s*['"]HOME['"]|\bgetenv\(\s*['"]HOME['"]|\bDir\.home\b|\bENV\[['"]HOME['"]\]/;

/** Quoted host names in code (`('evil.example', 4444)`): where a socket or client connects. */
const QUOTED_HOST =
  /(['"])((?:[A-Za-z0-9-]+\.)+(?!(?:json|txt|py|js|mjs|cjs|ts|md|ya?ml|csv|log|html?|xml|cfg|ini|toml|lock|sh|env|pem|key)\1)[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})\1/g;

/** Command strings passed to os.system / subprocess / child_process / backticks / Perl's q(…), to analyse as shell. */
const SHELL_STRINGS =
  /(?:os\.system|os\.popen|os\.execute|io\.popen|subprocess\.\w+|execSync|exec|spawnSync|system|popen|shell_exec|passthru|Kernel\.exec|do\s+shell\s+script)\s*\(?\s*\[?\s*(?:r|f|b)?(['"])((?:\\.|(?!\1).)*)\1|`([^`]+)`|qx\{([^}]+)\}|%x\(([^)]+)\)|\b(?:system|exec)\s*\(?\s*qq?\s*\(([^)]*)\)/g;

/** awk options that take a value; `-f` means the program is in a file. */
const AWK_VALUE_OPTIONS = new Set(['-F', '-v', '-f', '--field-separator', '--assign', '--file']);

/** The program text of `awk 'prog' files…`: awk's system() and pipes run shell commands. */
function awkProgram(cmd: Cmd): string | null {
  for (let i = 0; i < cmd.args.length; i++) {
    const v = (cmd.args[i] as Word).value;
    if (v === '-f' || v === '--file') return null;
    if (AWK_VALUE_OPTIONS.has(v)) i++;
    else if (v === '--') return cmd.args[i + 1]?.value ?? null;
    else if (!v.startsWith('-')) return v;
  }
  return null;
}

/** Commands an awk program starts: `system("…")`, `print … | "…"`, `"…" | getline`. */
const AWK_COMMAND_STRINGS =
  /\bsystem\s*\(\s*"((?:\\.|[^"\\])*)"|\|&?\s*"((?:\\.|[^"\\])*)"|"((?:\\.|[^"\\])*)"\s*\|&?\s*getline/g;
const AWK_SPAWNS = /\bsystem\s*\(|\|&?\s*getline|\|&?\s*"/;

/** awk is a programming language: its system() and pipes run shell commands, which are analysed as such. */
function awkCode(cmd: Cmd, rc: RuleContext): void {
  const program = awkProgram(cmd);
  if (program === null) return;
  // `for (k in ENVIRON)` prints every variable; `ENVIRON["HOME"]` one, by a name that names no secret.
  if (/\bENVIRON\b/.test(withoutPlainVariableReads(program)))
    rc.emit(
      make('credentials', 'code-read-credentials', 'high', `${cmd.base} program reads the environment`),
    );
  if (!AWK_SPAWNS.test(program)) return;
  let found = 0;
  for (const m of program.slice(0, CODE_LIMIT).matchAll(AWK_COMMAND_STRINGS)) {
    const inner = m[1] ?? m[2] ?? m[3];
    if (!inner || ++found > MAX_EMBEDDED_COMMANDS) break;
    const command = inner.replace(/\\(["\\])/g, '$1');
    rc.nested(command, `${cmd.base} program`);
    const [first, ...rest] = command.trim().split(/\s+/);
    if (first && rest.length === 0 && (/^(ba|z|da|k)?sh$/.test(first) || INTERPRETERS.test(first))) {
      rc.emit(make('exec', 'pipe-to-shell', 'high', `${cmd.base} prints code for ${first} to run`));
    }
  }
  const analysed = found > 0 && found <= MAX_EMBEDDED_COMMANDS;
  rc.emit(make('exec', 'code-spawn', analysed ? 'low' : 'high', `${cmd.base} program starts other programs`));
}

/** C compilers and their plugin options: `cc -fplugin=./x.so` runs the plugin's code inside the compiler. */
const COMPILER = /^(cc|c\+\+|gcc|g\+\+|clang|clang\+\+|gfortran)(-[\d.]+)?$/;
const PLUGIN_OPTION = /^-f(pass-)?plugin=|^-load$/;

export function interpreterCode(cmd: Cmd, rc: RuleContext): void {
  if (COMPILER.test(cmd.base)) {
    const plugin = cmd.args.find((w) => PLUGIN_OPTION.test(w.value));
    if (plugin)
      rc.emit(
        make(
          'exec',
          'preload-inject',
          'high',
          `${cmd.base} ${plugin.value} loads other code into the compiler`,
        ),
      );
    return;
  }
  if ((SHELLS.has(cmd.base) && cmd.base !== 'busybox') || cmd.base === 'source' || cmd.base === '.') {
    shellScript(cmd, rc);
    return;
  }
  if (/^[gmn]?awk$/.test(cmd.base)) {
    awkCode(cmd, rc);
    return;
  }
  const program = programFileOf(cmd);
  if (program) {
    // `make -f /tmp/Makefile`, `ansible-playbook ~/Downloads/site.yml`: the file is run like a script.
    runScript(program, cmd, rc);
    return;
  }
  const isInterpreter = INTERPRETERS.test(cmd.base);
  if (!isInterpreter && !/^(gitlab-rails|rails)$/.test(cmd.base)) return;
  const codes = isInterpreter ? inlineCode(cmd, rc) : cmd.args.slice(1).map((w) => w.value);
  if (codes.length === 0) {
    scriptFile(cmd, rc);
    return;
  }
  for (const code of codes) {
    if (!/^(powershell|pwsh)$/i.test(cmd.base)) {
      scanCode(code, cmd, rc);
      continue;
    }
    // PowerShell's everyday cmdlets are judged as the commands they match; the rest (.NET calls, others) as code.
    const { shell, rest } = powershellParts(code);
    // A statement the translation leaves whose command the capability table knows (`Set-MpPreference …`,
    // `net user x /add`) is also judged as that command.
    const known = rest.split('; ').filter((s) => powersOf(s.split(/\s/, 1)[0] as string) !== undefined);
    const nested = [shell, ...known].filter((s) => s !== '').join('\n');
    if (nested !== '') rc.nested(nested, `${cmd.base} -c`);
    if (rest !== '') scanCode(rest, cmd, rc);
  }
}

/**
 * One variable read by a literal name that names no secret (`os.environ.get("HOME")`, `process.env.NODE_ENV`,
 * `ENV["PATH"]`, `getenv("LANG")`) reads what `echo $HOME` prints, not the environment: such reads are blanked
 * before the credential test. A secret-looking name, a computed name or the whole mapping still counts.
 */
const SINGLE_VARIABLE_READ =
  /\b(?:os\.environ\.get\s*\(\s*|os\.environ\s*\[\s*|os\.getenv\s*\(\s*|getenv\s*\(\s*|ENV\s*\[\s*|ENV\.fetch\s*\(\s*|process\.env\s*\[\s*|ENVIRON\s*\[\s*)(['"])([A-Za-z_]\w*)\1|\bprocess\.env\.([A-Za-z_]\w*)|\$ENV\{\s*['"]?([A-Za-z_]\w*)['"]?\s*\}/g;
const SECRET_NAME =
  /key|token|secret|pass|pwd|auth|cred|session|cookie|private|aws|gcp|azure|gh_|github|gitlab|npm|openai|anthropic|api|bearer|jwt|dsn|database|conn|slack|stripe|twilio/i;

function withoutPlainVariableReads(code: string): string {
  return code.replace(SINGLE_VARIABLE_READ, (m, _q, a, b, c) =>
    SECRET_NAME.test((a ?? b ?? c) as string) ? m : '',
  );
}

/** Code scanned is capped, and so is the number of embedded shell commands analysed, to bound the time. */
const CODE_LIMIT = 65_536;
const MAX_EMBEDDED_COMMANDS = 20;

function scanCode(source: string, cmd: Cmd, rc: RuleContext): void {
  const code = source.slice(0, CODE_LIMIT);
  const lang = cmd.base;
  const urls = urlsIn(code);
  const network = NETWORK.test(code);
  const secrets =
    CREDENTIALS.test(withoutPlainVariableReads(code)) &&
    !/^\s*(print|console\.log)\s*\(\s*['"][^'"]*['"]\s*\)\s*;?\s*$/.test(code);
  const literalPaths = [...code.matchAll(/(['"])((?:~|\/|\.\.?\/|\.env)[^'"]*)\1/g)].map(
    (m) => resolveText(m[2] as string, rc.ctx).abs,
  );
  const credentialFiles = literalPaths.filter((p): p is string => p !== null && isCredentialPath(p, rc.ctx));
  if (FORK_LOOP.test(code)) {
    rc.emit(make('exec', 'fork-bomb', 'critical', `${lang} code forks processes in an endless loop`));
  }
  if (DELETION.test(code)) {
    const recursive = RECURSIVE_DELETION.test(code);
    const targets = [...code.matchAll(/(['"])((?:~|\/|\.\.?\/?|\$HOME)[^'"]*)\1/g)].map((m) =>
      resolveText(m[2] as string, rc.ctx),
    );
    const critical = targets.some((t) => deletionRisk(t, recursive, rc.ctx).risk === 'critical');
    const paths = targets.map((t) => t.abs).filter((p): p is string => p !== null);
    rc.emit(
      make(
        'delete',
        'code-delete',
        critical ? 'critical' : 'high',
        `${lang} code deletes ${recursive ? 'directory trees' : 'files'}`,
        paths,
      ),
    );
  }
  if (FILE_WRITE.test(code)) {
    // A dot name joined to the home directory (`Path.home() / '.claude.json'`) may be there as well as here.
    const fromHome = HOME_REFERENCE.test(code);
    const written = [
      ...new Set(
        [...code.matchAll(QUOTED_PATH)].flatMap((m) => {
          const name = m[2] as string;
          const here = resolveText(name, rc.ctx).abs;
          const home = fromHome && /^\.\w/.test(name) ? `${rc.ctx.home}/${name}` : null;
          return [here, home].filter((p): p is string => p !== null);
        }),
      ),
    ];
    // Code that rewrites a file run later (an agent's settings and hooks, shell start-up, authorized_keys).
    const kinds = written.map((p) => persistenceKind(p, rc.ctx));
    const later = written.find((_, i) => kinds[i] !== null);
    if (later)
      rc.emit(
        make(
          'write',
          'code-write',
          kinds.includes('critical') ? 'critical' : 'high',
          `${lang} code writes ${display(later, rc.ctx)}, which runs or grants access later`,
          written,
        ),
      );
    else if (written.length > 0)
      rc.emit(make('write', 'code-write', 'low', `${lang} code writes files`, written));
  }
  if (network && urls.length === 0) {
    // No URL: a raw socket or a client given a bare host names it as a quoted string.
    for (const m of code.matchAll(QUOTED_HOST)) if (!urls.includes(m[2] as string)) urls.push(m[2] as string);
  }
  if (network && (secrets || credentialFiles.length > 0)) {
    rc.emit(
      make(
        'credentials',
        'code-exfiltration',
        'critical',
        `${lang} code reads secrets and uses the network`,
        credentialFiles,
        urls,
      ),
    );
  } else if (secrets || credentialFiles.length > 0) {
    rc.emit(
      make(
        'credentials',
        'code-read-credentials',
        'high',
        `${lang} code reads credentials or the environment`,
        credentialFiles,
      ),
    );
  } else if (network) {
    rc.emit(make('network', 'code-network', 'low', `${lang} code contacts the network`, [], urls));
  }
  if (SPAWN.test(code)) {
    let embedded = 0;
    for (const m of code.matchAll(SHELL_STRINGS)) {
      const inner = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6];
      if (!inner) continue;
      if (++embedded > MAX_EMBEDDED_COMMANDS) break;
      rc.nested(inner.replace(/\\(['"\\])/g, '$1'), `${lang} code`);
    }
    // Commands it starts were analysed above, unless none was found or too many to look at.
    const analysed = embedded > 0 && embedded <= MAX_EMBEDDED_COMMANDS;
    rc.emit(make('exec', 'code-spawn', analysed ? 'low' : 'high', `${lang} code starts other programs`));
  }
  if (DECODED_EVAL.test(code))
    rc.emit(make('exec', 'code-spawn', 'high', `${lang} code runs code it decodes at run time`));
  if (REMOTE_DELETE.test(code)) {
    rc.emit(
      make(
        'infra',
        'code-remote-delete',
        'high',
        `${lang} code calls an API that deletes or clears data`,
        [],
        urls,
      ),
    );
  }
}

/**
 * `bash /tmp/x.sh`, `source ~/Downloads/setup.sh`: a shell script from a scratch or download folder is code
 * nobody reviewed (often just written there by the same command). The project's scripts and the user's own
 * (`source ~/.nvm/nvm.sh`) are everyday; a `-c` string is analysed as commands instead.
 */
function shellScript(cmd: Cmd, rc: RuleContext): void {
  if (SHELLS.has(cmd.base) && shellCommandString(cmd.args) !== undefined) return;
  const script = cmd.args.find((w) => !w.value.startsWith('-') && !w.value.startsWith('+'));
  if (!script) return;
  const abs = resolveText(script.value, rc.ctx).abs;
  if (abs === null || !(isTemp(abs) || isInside(abs, `${rc.ctx.home}/Downloads`))) return;
  if (
    isInside(abs, rc.ctx.project) ||
    (isInside(abs, rc.ctx.home) && !isInside(abs, `${rc.ctx.home}/Downloads`))
  )
    return;
  rc.emit(make('exec', 'run-script', 'low', `runs ${script.value} with ${cmd.base}`, [abs]));
}

/** `python script.py`: runs a file; outside the project it is code nobody here reviewed. */
function scriptFile(cmd: Cmd, rc: RuleContext): void {
  const script = cmd.args.find((w) => !w.value.startsWith('-'));
  if (script) runScript(script, cmd, rc);
}

/** A script file run: harmless in the project, low elsewhere (what it does is not known here). */
function runScript(script: Word, cmd: Cmd, rc: RuleContext): void {
  const abs = resolveText(script.value, rc.ctx).abs;
  const inside = abs !== null && isInside(abs, rc.ctx.project);
  rc.emit(
    make(
      'exec',
      'run-script',
      inside ? 'harmless' : 'low',
      `runs ${script.value} with ${cmd.base}`,
      abs ? [abs] : [],
    ),
  );
}
