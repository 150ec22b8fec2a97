import { evidenceLine } from '../../core/evidence.js';
import { isSecretName } from '../secrets/names.js';
import {
  CREDENTIAL_DIR,
  CREDENTIAL_PATH,
  joinedPath,
  literalUrlHosts,
  reportPersistence,
} from './other-code.js';
import { scanShell } from './shell.js';
import type { ScanState } from './state.js';
import { type Call, type CodeLanguage, callsIn, importsIn, type Token, tokenize } from './tokens.js';

/** Names whose presence in an eval/exec argument means the code run was decoded or fetched, not written. */
const DECODED_OR_FETCHED =
  /^(?:b64decode|b32decode|a85decode|decodebytes|unhexlify|fromhex|decompress|loads|atob|from|fromCharCode|urlopen|get|post|fetch|text|read|content|decode|__import__|base64|marshal|zlib|codecs|rot13|requests|response|res|resp|payload|encoded|data)$/i;

const EVAL: Record<CodeLanguage, RegExp> = {
  // compile() alone runs nothing (syntax checkers call it); exec(compile(…)) is caught at exec.
  python: /^(?:eval|exec|builtins\.exec|builtins\.eval)$/,
  js: /^(?:eval|Function|vm\.runInNewContext|vm\.runInThisContext|vm\.runInContext|vm\.compileFunction)$/,
};
const SHELL_CALL: Record<CodeLanguage, RegExp> = {
  // `shell(…)`: Snakemake's (and sh's) way to run a command line from Python.
  python:
    /^(?:shell|os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?)|subprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|pty\.spawn|commands\.getoutput)$/,
  js: /^(?:(?:child_process|cp|childProcess)\.)?(?:exec|execSync|spawn|spawnSync|execFile|execFileSync)$/,
};
const NETWORK_CALL: Record<CodeLanguage, RegExp> = {
  python:
    /^(?:socket\.)?(?:gethostbyname(?:_ex)?|getaddrinfo)$|^dns\.resolver\.(?:resolve|query)$|^(?:requests|httpx|session|s|client|aiohttp\.ClientSession\(\)|urllib3)\.(?:get|post|put|patch|delete|head|request)$|^(?:urllib\.request\.)?(?:urlopen|Request)$|^http\.client\.HTTPS?Connection$|^(?:socket\.)?create_connection$|\.connect$|^(?:ftplib\.)?FTP$|^smtplib\.SMTP(?:_SSL)?$/,
  js: /^(?:fetch|axios(?:\.(?:get|post|put|patch|delete|request))?|https?\.(?:get|request)|got(?:\.(?:get|post))?|WebSocket|XMLHttpRequest|net\.connect|net\.createConnection|tls\.connect|dns\.(?:resolve\w*|lookup))$/,
};
/** Lookups of names the code computes carry data out in the name itself (DNS tunnelling). */
const SENDS =
  /(?:^|\.)(?:post|put|patch)$|(?:^|\.)(?:gethostbyname(?:_ex)?|getaddrinfo)$|^dns\.resolver\.|^smtplib|^(?:socket\.)?create_connection$|\.connect$|^net\.|^tls\.|^dns\./i;
const SENDS_ARG = /^(?:data|json|files|body|method)$/;
/** The project's secrets file: reading it is configuration, sending it somewhere is exfiltration. */
const SECRETS_FILE = /^(?:\.\/)?\.env(?:\.(?:local|production|prod))?$/;
const DELETES_TREE =
  /^(?:shutil\.rmtree|rmtree|fs\.rmSync|rmSync|fs\.rm|fs\.promises\.rm|rimraf(?:\.sync)?|fse?\.remove(?:Sync)?)$/;
const READS_FILE =
  /^(?:open|io\.open|Path|readFileSync|fs\.readFileSync|readFile|fs\.readFile|fs\.promises\.readFile)$/;
/** Switching off the agent's permission prompts or its settings' guard, named in code (or allowing any command). */
const SAFETY_OFF_IN_CODE =
  /^(?:bypassPermissions|--dangerously-skip-permissions|dangerously-skip-permissions|Bash\(\*\))$/;
/** Where an agent keeps its own configuration and memory: a skill writing there changes every later session. */
const AGENT_CONFIG =
  /(?:^|\/)\.claude\/(?:settings(?:\.local)?\.json|CLAUDE\.md)$|(?:^|\/)\.openclaw\/|(?:^|\/)CLAUDE\.md$/;
const WRITES_FILE =
  /^(?:writeFileSync|writeFile|fs\.writeFileSync|fs\.writeFile|appendFileSync|fs\.appendFileSync|[\w.]*write_text|json\.dump)$/;
/** A downloaded file made executable: `urlretrieve` then `chmod` (+x / S_IEXEC / 0o755) in the same file. */
const DOWNLOAD_TO_FILE = /(?:^|\.)(?:urlretrieve|download_file|download)$/;

const SERIALISE = /^(?:json\.dumps|JSON\.stringify|base64\.b64encode|btoa|pickle\.dumps)$/;
/**
 * Where run-time input comes from: command-line arguments, prompts, requests. Not the environment: its
 * variables are the user's own configuration (`$EDITOR`, `BROWSER_CMD`), not someone else's text.
 */
const INPUT =
  /^(?:argv|input|raw_input|args|params|request|req|query|body|stdin)$|input|user|arg|param|query/i;
const ENV_DUMP = /^(?:os\.environ|process\.env)$/;

/** Scans a Python or JavaScript/TypeScript file; `firstLine` is where the code starts in `file` (code blocks). */
export function scanCode(
  state: ScanState,
  source: string,
  lang: CodeLanguage,
  file: string,
  firstLine = 1,
): void {
  const { tokens, split } = joinConcatenated(tokenize(source, lang));
  const lines = source.split('\n');
  const at = (line: number) => ({
    file,
    line: firstLine + line - 1,
    evidence: evidenceLine(lines[line - 1] ?? ''),
  });
  const constants = stringConstants(tokens);
  /** Secret variables read from the environment (`*` for the whole environment), with their lines. */
  const readsSecret: { line: number; name: string }[] = [];
  /** Any variables read from the environment by name, with their lines. */
  const readsEnv: { line: number; name: string }[] = [];
  const sends: number[] = [];

  for (const imp of importsIn(tokens, lang)) {
    if (/^(?:node:)?child_process$/.test(imp.module) || /^(?:subprocess|pty)$/.test(imp.module))
      state.exec.push({ file, line: firstLine + imp.line - 1 });
    if (
      /^(?:socket|requests|urllib|httpx|aiohttp|http\.client|(?:node:)?(?:https?|net|tls|dgram))/.test(
        imp.module,
      )
    )
      state.network.push({ host: '', file, line: firstLine + imp.line - 1, sends: false });
  }

  const calls = callsIn(tokens);
  hiddenNames(state, calls, split, file, at);
  for (const call of calls) {
    if (EVAL[lang].test(call.name)) {
      evalFinding(state, call, at(call.line));
    } else if (SHELL_CALL[lang].test(call.name) && (lang === 'python' || !isJsMethodOnOther(call))) {
      shellCall(state, call, lang, at(call.line), file, tokens);
    } else if (NETWORK_CALL[lang].test(call.name)) {
      const sending =
        SENDS.test(call.name) ||
        call.args.some((t, i) => SENDS_ARG.test(t.value) && isKeyword(call.args, i, lang)) ||
        call.args.some((_t, i) => envSecretAt(call.args, i) !== undefined);
      const urls = urlsOf(destinationArgs(call.args, lang), constants);
      for (const url of urls) state.contact(url, file, at(call.line).line, sending, at(call.line).evidence);
      if (urls.length === 0) state.network.push({ host: '', file, line: at(call.line).line, sends: sending });
      if (sending) sends.push(call.line);
    }
    if (/^(?:os\.getenv|os\.environ\.get|getenv)$/.test(call.name)) {
      const name = call.args.find((t) => t.kind === 'string')?.value;
      if (name !== undefined && isSecretName(name)) readsSecret.push({ line: call.line, name });
    }
    if (call.args.some((_t, i) => ENV_DUMP.test(joinDotted(call.args, i)) && !followedByKey(call.args, i)))
      readsSecret.push({ line: call.line, name: '*' });
  }

  const downloads = calls.find((c) => DOWNLOAD_TO_FILE.test(c.name));
  const chmodX = calls.find(
    (c) =>
      /(?:^|\.)chmod(?:Sync)?$/.test(c.name) &&
      c.args.some((a) => /S_IEXEC|S_IXUSR|^0o?7[0-7]{2}$|^['"]?\+?x/.test(a.value)),
  );
  if (downloads && chmodX && state.exec.some((e) => e.file === file))
    state.add({
      rule: 'exec-decoded',
      category: 'red-flag',
      severity: 'critical',
      message: `downloads a file (line ${firstLine + downloads.line - 1}), makes it executable and runs programs: code nobody reviewed`,
      ...at(chmodX.line),
    });
  for (const c of calls.filter((c) => DELETES_TREE.test(c.name)))
    if (
      c.args.some(
        (a) => (a.kind === 'string' && /^(?:~\/?|\/|\$HOME\/?)$/.test(a.value)) || a.value === 'homedir',
      )
    )
      state.add({
        rule: 'dangerous-command',
        category: 'red-flag',
        severity: 'critical',
        message: `${c.name}() deletes the home directory or the whole file system`,
        ...at(c.line),
      });
  const written = new Set(
    calls
      .filter(
        (c) =>
          WRITES_FILE.test(c.name) ||
          (/^(?:open|io\.open|[\w.]*\.open)$/.test(c.name) &&
            c.args.some((a) => a.kind === 'string' && /^[aw]\+?b?$/.test(a.value))),
      )
      .map((c) => c.line),
  );
  reportPersistence(state, tokens, written.size > 0, at);
  let writesAgentConfig = false;
  /** Reads of the project's `.env`: its keys go to the services it names; to a computed host, they leak. */
  const envFile = calls
    .filter(
      (c) => READS_FILE.test(c.name) && c.args.some((a) => a.kind === 'string' && SECRETS_FILE.test(a.value)),
    )
    .map((c) => ({ line: c.line, name: '.env' }));
  tokens.forEach((t, i) => {
    if (t.kind === 'string' && SAFETY_OFF_IN_CODE.test(t.value))
      state.add({
        rule: 'disables-safety',
        category: 'red-flag',
        severity: 'high',
        message: `switches off the agent's permission prompts (${t.value})`,
        ...at(t.line),
      });
    if (t.kind === 'string' && AGENT_CONFIG.test(joinedPath(tokens, i)) && written.size > 0)
      writesAgentConfig = true;
    credentialAccess(state, tokens, i, lines, at);
    if (t.kind === 'ident' && (t.value === 'environ' || t.value === 'env')) {
      const key = tokens[i + 1]?.value === '[' ? tokens[i + 2] : undefined;
      if (key?.kind === 'string') readsEnv.push({ line: t.line, name: key.value });
      const secret = envSecretAt(tokens, i);
      if (secret !== undefined) readsSecret.push({ line: t.line, name: secret });
    }
  });

  if (literalUrlHosts(state, tokens).length === 0) readsSecret.push(...envFile);
  if (writesAgentConfig)
    state.add({
      rule: 'agent-config-write',
      category: 'red-flag',
      severity: 'high',
      message: "writes the agent's own settings or memory: every later session runs with what it put there",
      ...at([...written][0] ?? 1),
    });
  if (readsEnv.length > 0 || readsSecret.length > 0)
    state.sendsAfterReadingEnv(
      file,
      firstLine,
      firstLine + lines.length - 1,
      [...readsEnv, ...readsSecret].map((r) => r.name),
    );
  // Several secrets (or the whole environment) serialised right after they were read: a payload being packed.
  const names = new Set(readsSecret.map((r) => r.name));
  if (readsSecret[0])
    state.secretReads.push({ file, line: firstLine + readsSecret[0].line - 1, names: [...names] });
  const read = new Set([...readsEnv, ...readsSecret].map((r) => r.name));
  const serialises = calls.find(
    (c) => SERIALISE.test(c.name) && readsSecret.some((r) => r.line <= c.line && c.line - r.line <= 20),
  );
  if (names.size > 0 && (read.size >= 2 || names.has('*')) && serialises && sends.length === 0)
    state.add({
      rule: 'collects-secrets',
      category: 'red-flag',
      severity: 'medium',
      message: 'gathers several secrets from the environment into one payload',
      ...at(serialises.line),
    });
  if (
    readsSecret.length > 0 &&
    sends.length > 0 &&
    !sentToOwnService(state, file, firstLine, names, literalUrlHosts(state, tokens))
  ) {
    state.add({
      rule: 'secret-exfiltration',
      category: 'red-flag',
      severity: 'critical',
      message: `reads secrets from the environment (line ${firstLine + (readsSecret[0]?.line ?? 1) - 1}) and sends data over the network`,
      ...at(sends[0] ?? 1),
    });
  }
  obfuscation(state, source, lines, lang, file, firstLine);
}

/**
 * The secret an `environ`/`env` token at `i` reads (`os.environ['API_TOKEN']`, `process.env.GH_TOKEN`). Inside a
 * request's arguments it is data sent, even by a GET: the query string carries it.
 */
function envSecretAt(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  if (t?.kind !== 'ident' || (t.value !== 'environ' && t.value !== 'env')) return undefined;
  const next = tokens[i + 1]?.value;
  const key = next === '[' || next === '.' ? tokens[i + 2] : undefined;
  const named = key && ((next === '[' && key.kind === 'string') || (next === '.' && key.kind === 'ident'));
  return named && isSecretName(key.value) ? key.value : undefined;
}

/** A string naming a credential store, alone or with the segments joined on after it (true when it does). */
export function credentialAccess(
  state: ScanState,
  tokens: Token[],
  i: number,
  lines: string[],
  at: (line: number) => { file: string; line: number; evidence: string },
): boolean {
  const t = tokens[i];
  if (t?.kind !== 'string' || /^\s*(?:#|\/\/)/.test(lines[t.line - 1] ?? '')) return false;
  const path = joinedPath(tokens, i);
  if (!CREDENTIAL_PATH.test(path) && !CREDENTIAL_DIR.test(t.value)) return false;
  state.add({
    rule: 'credential-access',
    category: 'red-flag',
    severity: 'high',
    message: `refers to a credential store (${path.trim().slice(0, 60)})`,
    ...at(t.line),
  });
  return true;
}

/**
 * Every host this code sends to is known and is either on the allowlist or named by the secrets it reads
 * (`OPENAI_API_KEY` to api.openai.com, `BRAVE_API_KEY` to api.search.brave.com): an API client using its
 * own key. A send to a host the code computes (no literal URL) is not known, so it does not excuse.
 */
function sentToOwnService(
  state: ScanState,
  file: string,
  firstLine: number,
  secrets: Set<string>,
  literal: string[],
): boolean {
  const sends = state.network.filter((n) => n.file === file && n.sends && n.line >= firstLine);
  if (sends.length === 0) return false;
  // A URL built at run time (`f"{BASE}/chat"`) goes to one of the URLs the code spells out, if any.
  const computed = sends.some((n) => n.host === '');
  if (computed && literal.length === 0) return false;
  const hosts = [...sends.filter((n) => n.host !== '').map((n) => n.host), ...(computed ? literal : [])];
  return hosts.every((h) => state.isOwnService(h, secrets));
}

/**
 * `"cu" + "rl …"`: literal strings joined with `+` read as the one string they make. Returns the strings that
 * were split, since splitting a command or a function's name is how code hides it from a reader.
 */
function joinConcatenated(tokens: Token[]): { tokens: Token[]; split: Token[] } {
  const out: Token[] = [];
  const split: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'string' || tokens[i + 1]?.value !== '+' || tokens[i + 2]?.kind !== 'string') {
      out.push(t);
      continue;
    }
    let value = t.value;
    while (tokens[i + 1]?.value === '+' && tokens[i + 2]?.kind === 'string') {
      value += (tokens[i + 2] as Token).value;
      i += 2;
    }
    const joined: Token = { kind: 'string', value, line: t.line };
    out.push(joined);
    split.push(joined);
  }
  return { tokens: out, split };
}

/** Function names looked up by string (`getattr(os, "sy" + "stem")`), and commands split into pieces. */
const RUNS_BY_NAME =
  /^(?:system|popen|exec\w*|spawn\w*|eval|__import__|check_output|check_call|Popen|call|run|execSync|execFileSync)$/;
const SPLIT_COMMAND = /\b(?:curl|wget|nc|ncat|bash|sh|base64|chmod|crontab|scp|python3?|powershell|iex)\b/;
function hiddenNames(
  state: ScanState,
  calls: Call[],
  split: Token[],
  file: string,
  at: (line: number) => { file: string; line: number; evidence: string },
): void {
  for (const c of calls) {
    if (!/^(?:getattr|Reflect\.get)$/.test(c.name)) continue;
    const name = c.args.find((a) => a.kind === 'string');
    const owner = c.args[0]?.value ?? '';
    if (
      name &&
      RUNS_BY_NAME.test(name.value) &&
      /^(?:os|subprocess|builtins|__builtins__|child_process|cp)$/.test(owner)
    )
      state.add({
        rule: 'obfuscated-code',
        category: 'red-flag',
        severity: 'high',
        message: `looks up ${owner}.${name.value} by a string instead of calling it: a way to hide what the code runs`,
        ...at(c.line),
      });
  }
  for (const t of split)
    if (SPLIT_COMMAND.test(t.value) && /\s/.test(t.value.trim()))
      scanShell(state, t.value, file, at(t.line).line);
}

/** `foo.exec(…)` on a regex or a database is not child_process. */
function isJsMethodOnOther(call: Call): boolean {
  return call.name.includes('.') && !/^(?:child_process|cp|childProcess)\./.test(call.name);
}

function isKeyword(args: Token[], i: number, lang: CodeLanguage): boolean {
  const next = args[i + 1]?.value;
  return lang === 'python' ? next === '=' : next === ':';
}

function joinDotted(args: Token[], i: number): string {
  const a = args[i];
  const b = args[i + 2];
  return a?.kind === 'ident' && args[i + 1]?.value === '.' && b?.kind === 'ident'
    ? `${a.value}.${b.value}`
    : '';
}

function followedByKey(args: Token[], i: number): boolean {
  const next = args[i + 3]?.value;
  return next === '[' || next === '.';
}

function evalFinding(
  state: ScanState,
  call: Call,
  at: { file: string; line: number; evidence: string },
): void {
  const decoded = call.args.some((t) => t.kind === 'ident' && DECODED_OR_FETCHED.test(t.value));
  const literal =
    call.args.length > 0 &&
    call.args.every((t) => t.kind === 'string' || t.kind === 'number' || t.value === ',');
  state.exec.push({ file: at.file, line: at.line });
  if (decoded)
    state.add({
      rule: 'exec-decoded',
      category: 'red-flag',
      severity: 'critical',
      message: `${call.name}() runs code that was decoded or downloaded at run time, so nobody reviewed it`,
      ...at,
    });
  else if (!literal)
    state.add({
      rule: 'dynamic-code',
      category: 'red-flag',
      severity: 'medium',
      message: `${call.name}() runs code built at run time`,
      ...at,
    });
}

function shellCall(
  state: ScanState,
  call: Call,
  lang: CodeLanguage,
  at: { file: string; line: number; evidence: string },
  file: string,
  tokens: Token[],
): void {
  state.exec.push({ file, line: at.line });
  const first = firstArgument(call.args);
  const argv = argumentVector(call, first, assignedValues(tokens));
  // An argument list is read as its command line, and still checked for input spliced into a shell.
  if (argv !== undefined) scanShell(state, argv, file, at.line);
  const strings = first.filter((t) => t.kind === 'string' || t.kind === 'template');
  const literal =
    argv === undefined &&
    first.length > 0 &&
    first.every((t) => t.kind === 'string' || t.value === ',' || t.value === '[' || t.value === ']');
  if (literal) {
    const command = strings
      .map((t) => (lang === 'python' && first[0]?.value === '[' ? shellWord(t.value) : t.value))
      .join(' ');
    scanShell(state, unescapeString(command), file, at.line);
    return;
  }
  const viaShell =
    lang === 'js'
      ? /(?:^|\.)(?:exec|execSync)$/.test(call.name)
      : /^os\.(?:system|popen)$|getoutput/.test(call.name) ||
        call.args.some((t, i) => t.value === 'shell' && call.args[i + 2]?.value === 'True');
  const fromInput = first.some(
    (t) =>
      (t.kind === 'ident' && INPUT.test(t.value)) ||
      (t.kind === 'template' && [...t.value.matchAll(/\$?\{([^}]*)\}/g)].some((m) => INPUT.test(m[1] ?? ''))),
  );
  if (viaShell && strings.length > 0 && fromInput)
    state.add({
      rule: 'shell-from-input',
      category: 'red-flag',
      severity: 'high',
      message: `${call.name}() runs a shell command pieced together at run time: input can inject commands`,
      ...at,
    });
}

/**
 * The command an argument list runs (`subprocess.run(["git", "push", remote])`, `spawn('git', ['push',
 * remote])`), as a shell line: literals as they are, a variable as the text assigned to it (`remote =
 * "https://host/" + name` gives `https://host/$V`) or `$V`. Undefined when the call takes no list, and for a
 * Python list of literals only (the literal reading below takes it).
 */
function argumentVector(call: Call, first: Token[], values: Map<string, string>): string | undefined {
  let list = first;
  let program: string[] = [];
  if (first[0]?.value !== '[') {
    const rest = call.args.slice(first.length + 1);
    if (first.length !== 1 || first[0]?.kind !== 'string' || rest[0]?.value !== '[') return undefined;
    program = [first[0].value];
    list = firstArgument(rest);
  }
  const items = splitOn(list.slice(1, -1), ',');
  if (program.length === 0 && items.every((item) => item.length === 1 && item[0]?.kind === 'string'))
    return undefined;
  const words = items.map((item) => {
    const t = item[0];
    if (item.length === 1 && t?.kind === 'string') return t.value;
    return item.length === 1 && t?.kind === 'ident' ? (values.get(t.value) ?? '$V') : '$V';
  });
  return [...program, ...words].map((w) => (w.startsWith('$') ? w : shellWord(w))).join(' ');
}

/**
 * `name = "literal" + …` on one line: the text the variable holds, each piece that is not a literal as `$V`
 * (`remote = "https://host/" + socket.gethostname()` holds `https://host/$V`).
 */
function assignedValues(tokens: Token[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [a, eq] = [tokens[i], tokens[i + 1]] as Token[];
    if (a?.kind !== 'ident' || eq?.value !== '=' || tokens[i - 1]?.value === '.') continue;
    const rhs: Token[] = [];
    for (let j = i + 2; j < tokens.length && tokens[j]?.line === a.line; j++) rhs.push(tokens[j] as Token);
    const pieces = splitOn(rhs, '+');
    const text = pieces.map((p) => {
      const t = p.length === 1 ? p[0] : undefined;
      if (t?.kind === 'string') return t.value;
      return t?.kind === 'template' ? t.value.replace(/\$?\{[^}]*\}/g, '$V') : '$V';
    });
    if (text.some((x) => x !== '$V')) out.set(a.value, text.join(''));
  }
  return out;
}

/** Tokens split at a top-level operator. */
function splitOn(tokens: Token[], op: string): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.value === '(' || t.value === '[' || t.value === '{') depth++;
    else if (t.value === ')' || t.value === ']' || t.value === '}') depth--;
    if (depth === 0 && t.value === op) out.push([]);
    else out.at(-1)?.push(t);
  }
  return out;
}

/** Tokens of the first argument (up to the first top-level comma). */
function firstArgument(args: Token[]): Token[] {
  let depth = 0;
  const out: Token[] = [];
  for (const t of args) {
    if (t.value === '(' || t.value === '[' || t.value === '{') depth++;
    else if (t.value === ')' || t.value === ']' || t.value === '}') depth--;
    if (depth === 0 && t.value === ',') break;
    out.push(t);
  }
  return out;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function unescapeString(s: string): string {
  return s.replace(/\\(["'\\])/g, '$1').replace(/\\n/g, '\n');
}

/** `NAME = "literal"` assignments, so `requests.post(URL, …)` resolves to the URL. */
function stringConstants(tokens: Token[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [a, eq, v] = [tokens[i], tokens[i + 1], tokens[i + 2]] as Token[];
    if (a?.kind === 'ident' && eq?.value === '=' && v?.kind === 'string' && tokens[i + 3]?.value !== '+')
      out.set(a.value, v.value);
  }
  return out;
}

/**
 * The arguments that say where a request goes: the first one and a `url=` / `url:` keyword, not the data
 * it carries (`requests.post(API, data={"url": "https://arxiv.org/…"})` posts to API).
 */
function destinationArgs(args: Token[], lang: CodeLanguage): Token[] {
  const out = firstArgument(args);
  args.forEach((t, i) => {
    if (t.kind === 'ident' && /^(?:url|uri|host|endpoint)$/i.test(t.value) && isKeyword(args, i, lang)) {
      const v = args[i + 2];
      if (v) out.push(v);
    }
  });
  return out;
}

function urlsOf(args: Token[], constants: Map<string, string>): string[] {
  const out: string[] = [];
  for (const t of args) {
    const text = t.kind === 'string' ? t.value : t.kind === 'ident' ? constants.get(t.value) : undefined;
    const m = text !== undefined ? /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>{}]+/.exec(text) : null;
    if (m) out.push(m[0]);
  }
  return out;
}

/** Minified or packed code: long dense lines, or strings built from character codes. */
function obfuscation(
  state: ScanState,
  source: string,
  lines: string[],
  lang: CodeLanguage,
  file: string,
  firstLine: number,
): void {
  const dense = lines.findIndex((l) => l.length > 1000 && (l.match(/\s/g)?.length ?? 0) / l.length < 0.05);
  if (dense >= 0)
    state.add({
      rule: 'obfuscated-code',
      category: 'red-flag',
      severity: 'medium',
      message:
        'minified or packed code (lines over 1,000 characters with almost no spaces) cannot be reviewed',
      file,
      line: firstLine + dense,
    });
  const charCodes = lang === 'js' ? /fromCharCode\((?:\s*\d+\s*,){8,}/ : /(?:chr\(\d+\)\s*\+\s*){8,}/;
  const m = charCodes.exec(source);
  if (m) {
    const line = source.slice(0, m.index).split('\n').length;
    state.add({
      rule: 'obfuscated-code',
      category: 'red-flag',
      severity: 'high',
      message: 'builds text from character codes, a way to hide what the code does',
      file,
      line: firstLine + line - 1,
      evidence: evidenceLine(lines[line - 1] ?? ''),
    });
  }
}

/** Code that spawns processes or loads modules dynamically, as it appears inside data (JSON, YAML, configs). */
const EMBEDDED_CODE =
  /require\(\s*\\?["'](?:node:)?child_process|__import__\(\s*\\?["'](?:os|subprocess|base64)|child_process["']?\)?\.exec|\bos\.(?:system|popen)\(|subprocess\.(?:Popen|call|run|check_output)\(|Runtime\.getRuntime\(\)\.exec|\bnew Function\(/;

/**
 * Code hidden in data a tool or agent will evaluate (a JSON config's `javascriptFunction`, a YAML template):
 * it is not a script the skill runs, so no tokenizer reads it, but it is a payload all the same.
 */
export function scanEmbeddedCode(state: ScanState, text: string, file: string, firstLine = 1): void {
  const m = EMBEDDED_CODE.exec(text);
  if (!m) return;
  const line = text.slice(0, m.index).split('\n').length;
  state.add({
    rule: 'embedded-code',
    category: 'red-flag',
    severity: 'high',
    message: 'data carries code that runs commands or loads modules when evaluated',
    file,
    line: firstLine + line - 1,
    evidence: evidenceLine(text.split('\n')[line - 1] ?? ''),
  });
}
