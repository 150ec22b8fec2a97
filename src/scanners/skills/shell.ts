import { evidenceLine } from '../../core/evidence.js';
import { severityRank } from '../../core/severity.js';
import { lineStarts, positionAt } from '../../core/text-position.js';
import { unpinnedLaunch } from '../mcp/pinning.js';
import { isSecretName } from '../secrets/names.js';
import { packageLaunch, type ShellEffect, type SimpleCommand } from '../shell/index.js';
import { isInside } from '../shell/paths.js';
import { checkDependency, type Dependency, parseNpmSpec, parsePythonRequirement } from './deps.js';
import { lineOf } from './evidence.js';
import { isVendorIndex, isVendorInstaller } from './installers.js';
import { DOC_FILE, looksLikeShell } from './markdown.js';
import { type Payload, type ScanState, serviceWords } from './state.js';

/** Where the analyser is told the skill's scripts run: their own files are inside it. */
const SKILL_DIR = '/skill';

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
/** Words a command that reads someone's credentials must hold: the analyser runs only on those spans. */
const MENTIONS_CREDENTIALS =
  /\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.azure|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.config\/|credentials|id_rsa|id_ed25519|keychain|shadow|Login Data|Cookies/i;

/** An installer told which package index to use: which one decides whose packages are installed. */
const MENTIONS_INDEX = /--(?:extra-)?index-url\b|--registry\b|--index\b/;
/** The URL such a flag names. */
const INDEX_URL = /(?:--(?:extra-)?index-url|--registry|--index)[=\s]+["']?([^\s"']+)/;

/**
 * Commands quoted inline in a skill's prose (`cat ~/.ssh/id_rsa`): the model runs what a skill tells it to,
 * in whatever language the sentence around it is, so reading someone's credentials there counts as it does
 * in a code block; and so does an install from a package index off the allowlist. Only those: an inline
 * `curl … | sh` is as often a warning about it as an order.
 */
export function scanInlineCommands(state: ScanState, prose: string, file: string): void {
  let starts: number[] | undefined;
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    const code = m[1] as string;
    if (!(MENTIONS_CREDENTIALS.test(code) || MENTIONS_INDEX.test(code)) || !looksLikeShell([code])) continue;
    const { effects } = state.opts.analyzer.analyze(code, {
      cwd: SKILL_DIR,
      home: state.opts.home,
      project: SKILL_DIR,
    });
    starts ??= lineStarts(prose);
    for (const e of effects) {
      const index = e.id === 'registry-redirect' ? INDEX_URL.exec(e.command)?.[1] : undefined;
      if (index !== undefined) untrustedIndex(state, index, file, positionAt(starts, m.index).line);
    }
    const read = effects.find(
      (e) =>
        e.capability === 'credentials' &&
        (e.risk === 'high' || e.risk === 'critical') &&
        !e.paths.every((p) => isInside(p, SKILL_DIR) || SSH_HOST_LISTS.test(p)),
    );
    if (!read) continue;
    state.add({
      rule: 'credential-access',
      category: 'red-flag',
      severity: read.risk === 'critical' ? 'critical' : 'high',
      message: `tells the model to run a command that ${read.reason}`,
      file,
      line: positionAt(starts, m.index).line,
      evidence: evidenceLine(code),
    });
  }
}

export function scanShell(state: ScanState, source: string, file: string, firstLine: number): void {
  const home = state.opts.home;
  const analysis = state.opts.analyzer.analyze(source, { cwd: SKILL_DIR, home, project: SKILL_DIR });
  const lines = source.split('\n');
  // The line of a command; of an effect, the line naming its first URL (a pipe's `sh` side is in no line
  // of its own, and `sh` alone would match the shebang).
  const lineOfCommand = (text: string, url?: string) =>
    (url !== undefined ? lineOf(lines, url) : undefined) ?? lineOf(lines, text, 1, SHELL_COMMENT) ?? 1;
  const where = (text: string, url?: string) => {
    const at = lineOfCommand(text, url);
    return { line: firstLine + at - 1, evidence: evidenceLine(lines[at - 1] ?? text) };
  };
  const byText = new Map(analysis.commands.map((c) => [c.text, c]));
  for (const effect of analysis.effects) {
    const cmd = byText.get(effect.command);
    const at = lineOfCommand(effect.command, effect.urls[0]);
    if (SECRET_MANAGER_READ.has(effect.id) && handsSecretOn(lines[at - 1] ?? '', cmd)) continue;
    scanEffect(state, effect, file, where(effect.command, effect.urls[0]), cmd);
  }
  const downloaded = new Set<string>();
  for (const cmd of analysis.commands) {
    const at = where(cmd.text);
    if (cmd.name !== null) state.exec.push({ file, line: at.line });
    commandFindings(state, cmd, file, at, downloaded);
  }
  for (const doc of writtenScripts(lines)) scanShell(state, doc.body, file, firstLine + doc.line);
  for (const doc of stdinScripts(lines))
    state.readCode(state, doc.body, doc.lang, file, firstLine + doc.line);
}

/** An interpreter reading its program from a here-document: `python3 - <<'EOF'`, `node <<EOF`. */
const INTERPRETER_HEREDOC = /\b(python3?|node)\b[^\n|;&]*<<-?\s*(["']?)(\w+)\2/;

/** Programs handed to an interpreter on standard input, read as that language at their own lines. */
function stdinScripts(lines: string[]): { body: string; line: number; lang: 'python' | 'js' }[] {
  const out: { body: string; line: number; lang: 'python' | 'js' }[] = [];
  for (let k = 0; k < lines.length; k++) {
    const m = INTERPRETER_HEREDOC.exec(lines[k] as string);
    if (!m) continue;
    let end = k + 1;
    while (end < lines.length && (lines[end] as string).trim() !== m[3]) end++;
    out.push({
      body: lines.slice(k + 1, end).join('\n'),
      line: k + 1,
      lang: m[1] === 'node' ? 'js' : 'python',
    });
    k = end;
  }
  return out;
}

/** A here-document written to a file (`cat >> ~/.bashrc <<'EOF'`): redirect or `tee`, then `<<[-]WORD`. */
const HEREDOC_WRITE = /(?:>>?\s*\S+[^\n]*<<-?\s*|<<-?\s*(["']?)(\w+)\1[^\n]*(?:>>?|\btee\b))/;
const HEREDOC_WORD = /<<-?\s*(["']?)(\w+)\1/;
/** Files a shell runs by itself: start-up files, profiles, scripts, git hooks (or a body with a shell shebang). */
const RUN_BY_SHELL = /rc\b|profile|\.sh\b|\$\{?rc\b|\/bin\/|\/hooks\//;

/**
 * Here-documents a script writes into a file the shell runs later (a start-up file, a profile, a script, a
 * git hook):
 * their text is code that runs in every new shell, read as shell at its own lines. (0-based `line`.)
 */
function writtenScripts(lines: string[]): { body: string; line: number }[] {
  const out: { body: string; line: number }[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const word = HEREDOC_WORD.exec(line)?.[2];
    if (word === undefined || !HEREDOC_WRITE.test(line)) continue;
    let end = k + 1;
    while (end < lines.length && (lines[end] as string).trim() !== word) end++;
    if (!RUN_BY_SHELL.test(line) && !/^#!\s*\S*\b(?:ba|z|k|da)?sh\b/.test(lines[k + 1] ?? '')) continue;
    out.push({ body: lines.slice(k + 1, end).join('\n'), line: k + 1 });
    k = end;
  }
  return out;
}

function scanEffect(
  state: ScanState,
  effect: ShellEffect,
  file: string,
  at: { line: number; evidence: string },
  cmd: SimpleCommand | undefined,
): void {
  if (effect.capability === 'network')
    for (const url of destinations(effect.urls, cmd))
      state.contact(
        url,
        file,
        at.line,
        effect.id === 'network-upload',
        at.evidence,
        payloadOf(state, cmd, url),
      );
  if (effect.id === 'curl-pipe-shell' || effect.id === 'pipe-to-shell') {
    // A vendor's own installer shown as a setup step (docs, not a script the skill runs): the user's call.
    if (DOC_FILE.test(file) && effect.urls.length > 0 && effect.urls.every(isVendorInstaller)) {
      state.add({
        rule: 'auto-install',
        category: 'red-flag',
        severity: 'medium',
        message: `${effect.reason}: the vendor's own installer, documented as a setup step; it installs whatever release is current`,
        file,
        ...at,
      });
      return;
    }
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
  // Shell start-up files, cron, services, authorized_keys: a skill has no job there, and what it leaves
  // runs again after the session, unreviewed.
  if (
    (effect.id === 'write-persistence' || effect.id === 'persistence') &&
    effect.risk !== 'harmless' &&
    !setsOnlyAVariable(cmd)
  ) {
    state.add({
      rule: 'persistence',
      category: 'red-flag',
      severity: effect.risk === 'critical' ? 'critical' : 'high',
      message: effect.reason,
      file,
      ...at,
    });
    return;
  }
  if (effect.risk !== 'high' && effect.risk !== 'critical') return;
  const credentials = effect.capability === 'credentials' || effect.id === 'write-credentials';
  if (credentials || effect.risk === 'critical') {
    // The skill's own `.env` (`source .env` to load its key) is its configuration, not someone's secrets.
    // Nor is `~/.ssh/config` or `known_hosts`: host aliases and public host keys, no secret in them. Nor the
    // log-in file of the tool the skill is for, read to call that tool (`uipath-governance` reading
    // ~/.uipath/.auth for its URL and tenant); shared stores (~/.aws, ~/.ssh, ~/.config) never count.
    const own =
      credentials &&
      effect.paths.length > 0 &&
      effect.paths.every(
        (p) =>
          isInside(p, SKILL_DIR) ||
          SSH_HOST_LISTS.test(p) ||
          (effect.capability === 'credentials' && ownToolFile(state, p)),
      );
    state.add({
      rule: credentials ? 'credential-access' : 'dangerous-command',
      category: 'red-flag',
      severity: own ? 'low' : effect.risk,
      message: effect.reason,
      file,
      ...at,
    });
    return;
  }
  // Deleting someone's keys (`rm -rf ~/.ssh ~/.aws`) is no clean-up: it locks them out, and nothing restores it.
  const keys =
    effect.capability === 'delete' ? effect.paths.find((p) => credentialsOutside(state, p)) : undefined;
  if (keys !== undefined) {
    state.add({
      rule: 'dangerous-command',
      category: 'red-flag',
      severity: 'high',
      message: `${effect.reason}: destroys the credentials in ${keys}`,
      file,
      ...at,
    });
    return;
  }
  // `pip install --extra-index-url …`, `npm --registry …`: the index's packages win (see untrustedIndex).
  const index = effect.id === 'registry-redirect' ? INDEX_URL.exec(effect.command)?.[1] : undefined;
  if (index !== undefined) untrustedIndex(state, index, file, at.line);
  // Pushing, deploying, deleting data: what a deploy skill is for, not a sign of malice. It must be declared
  // and kept from the model's own initiative (CC-M2), which the declaration checks ask for.
  state.sideEffects.push({ file, line: at.line, what: effect.reason });
}

/**
 * A package index off the allowlist: pip takes any package from it, and with `--extra-index-url` the higher
 * version of a name wins wherever it is (dependency confusion).
 */
export function untrustedIndex(state: ScanState, url: string, file: string, line: number): void {
  const host = state.internetHost(url);
  if (host === undefined || state.isAllowedHost(host) || isVendorIndex(host)) return;
  state.add({
    rule: 'untrusted-index',
    category: 'red-flag',
    severity: 'medium',
    message: `installs packages from ${host}, an index not on the allowlist: any package of the same name there wins`,
    file,
    line,
  });
}

/** Stores of keys to everything (or a private key), whole: no clean-up removes them (a socket or one tool's token may go). */
const KEY_STORE =
  /^(?:\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.azure|\.config\/gcloud|\.password-store)\/?$|(?:^|\/)id_(?:rsa|ed25519|ecdsa|dsa)$/;

/** A key store of the user's home, deleted whole. */
function credentialsOutside(state: ScanState, p: string): boolean {
  const home = `${state.opts.home}/`;
  return p.startsWith(home) && KEY_STORE.test(p.slice(home.length));
}

const SHELL_COMMENT = /^\s*#/;
/** Home folders many tools share, or that hold keys to everything: never one tool's own. */
const SHARED_STORE = /^(?:ssh|aws|gnupg|kube|docker|azure|config|local|netrc|npmrc|pypirc|gcloud|git|gh)$/;

/** `~/.<tool>/…` where <tool> is a word of the skill's name (4 letters or more). */
function ownToolFile(state: ScanState, p: string): boolean {
  const dir = /^\.([a-z0-9]{4,})$/.exec(p.slice(state.opts.home.length + 1).split('/')[0] ?? '')?.[1];
  return (
    p.startsWith(`${state.opts.home}/`) &&
    dir !== undefined &&
    !SHARED_STORE.test(dir) &&
    state.nameWords.includes(dir)
  );
}

/** SSH files that list hosts, not keys. */
const SSH_HOST_LISTS = /\/\.ssh\/(?:config|known_hosts)$/;
/** The analyser's effects for a secret manager's CLI printing a secret (`op read`, `security … -w`). */
const SECRET_MANAGER_READ = new Set(['credential-cli', 'read-keychain']);
/** `NAME=`, `export NAME="${OTHER:-` … right before `$(`: the substitution's output goes into a variable. */
const ASSIGNED = /(?:^|[\s;(!])[A-Za-z_]\w*=["']?(?:\$\{[A-Za-z_]\w*:?[-=]["']?)*\$\(\s*$/;
/** Programs that take a secret on standard input to log in with it. */
const SECRET_ON_STDIN = /^[^|]*\|\s*[\w./-]+(?:\s+[^\s|;&]+)*?\s+--(?:with-token|password-stdin)\b/;

/**
 * A secret manager's value handed to a variable or a program, not shown, stored or sent by this command:
 * `KEY=$(op read …) cmd`, `… | gh auth login --with-token`, `security find-generic-password … >/dev/null`
 * (a check that it exists), `doppler secrets --only-names`. (`op run -- cmd`, `doppler run -- cmd` read as
 * the command they run.) A bare `op read` or `doppler secrets get --plain` prints the secret where the model
 * and its transcript see it; that, a redirect to a file or a pipe elsewhere is still reported, and a
 * variable holding it that a command sends is `secret-sent`.
 */
function handsSecretOn(line: string, cmd: SimpleCommand | undefined): boolean {
  if (!cmd) return false;
  if (cmd.args.includes('--only-names')) return true;
  if (/(?:^|\s)(?:&>|1?>)\s*\/dev\/null\b/.test(cmd.text)) return true;
  const i = line.indexOf(cmd.text);
  if (i < 0) return false;
  return ASSIGNED.test(line.slice(0, i)) || SECRET_ON_STDIN.test(line.slice(i + cmd.text.length));
}

/**
 * `echo 'export OPENAI_API_KEY=…' >> ~/.bashrc`: the setup step every API skill documents. It writes a
 * start-up file, but what it adds only sets a variable; a line that runs or fetches something is not that.
 */
function setsOnlyAVariable(cmd: SimpleCommand | undefined): boolean {
  if (!cmd || !/^(?:echo|printf)$/.test(cmd.name ?? '')) return false;
  const text = cmd.args.filter((a) => !a.startsWith('-')).join(' ');
  return (
    /^["']?\s*(?:export\s+)?[A-Za-z_]\w*=/.test(text) &&
    !/\$\(|`|\||;|&&|\b(?:curl|wget|nc|bash|sh|python3?|node|eval)\b/.test(text)
  );
}

/**
 * The URLs a command contacts, without those that only appear inside what it sends (`curl -d '{"url":
 * "https://…"}' https://api…` posts to the API, not to the URL in its body). A command whose arguments name
 * no URL of their own keeps every URL the analyser found.
 */
function destinations(urls: string[], cmd: SimpleCommand | undefined): string[] {
  if (!cmd) return urls;
  const own = cmd.args.filter((a) => /^[a-z][\w+.-]*:\/\//i.test(a));
  if (own.length === 0) return urls;
  return urls.filter((u) => own.some((a) => a.startsWith(u) || u.startsWith(a)));
}

/** Options whose value is what curl or wget sends. */
const DATA_OPTION =
  /^(?:-d|--data(?:-binary|-raw|-urlencode|-ascii)?|--json|-F|--form(?:-string)?|-T|--upload-file|--post-data|--post-file|--body-data|--body-file)(?:=(.*))?$/;

/** A form or query field an API takes its key in: `token=$APP_TOKEN`, `api_key=$KEY`, `user=$USER_KEY`. */
const LOGIN_FIELD =
  /^["']?(?:token|api[_-]?key|apikey|key|access[_-]?token|app[_-]?token|auth[_-]?token|user|user[_-]?key|client[_-]?(?:id|secret)|password)=["']?\$\{?(\w+)\}?["']?$/i;

/** A key sent in the log-in field of the API at `host`, and a key that fits that host (see `keyFits`). */
function loginField(state: ScanState, value: string, host: string): boolean {
  const variable = LOGIN_FIELD.exec(value)?.[1];
  return variable !== undefined && host !== '' && state.keyFits(host, variable);
}

/**
 * What a curl or wget command sends: `secrets` when a data value holds command output (`$(…)`, backticks),
 * standard input (`@-`, fed by whatever is piped in), a file from outside the skill (`@/…`, `@~/…`), the
 * environment or a secret-named variable (not a key in the API's log-in field that fits the host: `token=$APP_TOKEN`
 * to the API it is for is how that API is called).
 */
function payloadOf(state: ScanState, cmd: SimpleCommand | undefined, url: string): Payload {
  if (!cmd) return 'plain';
  const host = state.internetHost(url) ?? '';
  for (let i = 0; i < cmd.args.length; i++) {
    const m = DATA_OPTION.exec(cmd.args[i] as string);
    if (!m) continue;
    const value = m[1] ?? cmd.args[i + 1] ?? '';
    if (loginField(state, value, host)) continue;
    const variables = [...value.matchAll(SECRET_VARIABLE)].map((v) => v[1] as string);
    if (
      /\$\(|`|^@-$|^@\s*["']?[~/$]|\benv\b|printenv/.test(value) ||
      variables.some((v) => isSecretName(v) || /^env/i.test(v))
    )
      return 'secrets';
  }
  return 'plain';
}

const SECRET_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
const DNS_TOOLS = new Set(['dig', 'nslookup', 'host', 'drill']);
/**
 * `$chunk.$i.t.example.net`: two or more leading labels that are variables, under a domain written out (one
 * variable label, `$host.corp.example`, is how a name is looked up; several are data cut into labels).
 */
const VARIABLE_LABELS = /^["']?(?:\$\{?\w+\}?[\w-]*\.){2,}(?:[a-z0-9-]+\.)+[a-z]{2,}\.?["']?$/i;
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
  // `… | crontab -` or `crontab FILE` replaces the user's crontab: what it schedules runs after the session.
  if (base === 'crontab' && cmd.args.length > 0 && !cmd.args.some((a) => /^-[lerui]+$/.test(a)))
    state.add({
      rule: 'persistence',
      category: 'red-flag',
      severity: 'high',
      message: 'installs a crontab: what it schedules runs again after the session, unreviewed',
      file,
      ...at,
    });
  // The analyser's own effect on this line (dig with computed names, nc -l -e) already says it.
  const shown = () =>
    state.findings.some(
      (f) =>
        (f.rule === 'dangerous-command' || f.rule === 'credential-access') &&
        f.file === file &&
        f.line === at.line &&
        severityRank(f.severity) >= severityRank('high'),
    );
  const add = (rule: string, severity: 'low' | 'medium' | 'high' | 'critical', message: string) => {
    if (!shown()) state.add({ rule, category: 'red-flag', severity, message, file, ...at });
  };
  // Upgrading or pulling in a README-style code block is setup the user is shown; in a script the skill
  // runs, it changes what runs behind the reviewer's back.
  const updating = DOC_FILE.test(file) ? 'low' : 'medium';

  if (DNS_TOOLS.has(base) && cmd.args.some((a) => a.includes('$(') || a.includes('`')))
    add(
      'dns-exfiltration',
      'high',
      `${base} looks up a name built from command output: a way to leak data over DNS`,
    );
  else if (DNS_TOOLS.has(base) && cmd.args.some((a) => VARIABLE_LABELS.test(a)))
    add(
      'dns-exfiltration',
      'high',
      `${base} looks up variables as labels under a fixed domain: the data leaves in the name asked for`,
    );

  // `git push https://host/…`: the repository's code goes to that host (the analyser reads a push as ordinary).
  // So does setting where pushes go (`remote set-url --push`, `remote.<name>.pushurl`, `pushInsteadOf`):
  // every later push sends there, without a URL in sight.
  if (
    base === 'git' &&
    (cmd.args.includes('push') ||
      cmd.args.some((a) => /^--push$|^remote\.[^\s]+\.pushurl$|\.pushInsteadOf$/i.test(a)))
  )
    for (const m of cmd.text.matchAll(/\bhttps?:\/\/[^\s"'`<>$]+/g))
      state.contact(m[0], file, at.line, true, at.evidence);

  if (DOWNLOADERS.has(base)) {
    const out = cmd.args.findIndex((a) => a === '-o' || a === '-O' || a === '--output');
    const target = out >= 0 ? cmd.args[out + 1] : undefined;
    if (target) downloaded.add(target);
    const secret = [...cmd.text.matchAll(SECRET_VARIABLE)].map((m) => m[1] as string).find(isSecretName);
    if (secret && !keyForItsOwnService(state, secret, cmd.args, cmd.text))
      add('secret-sent', 'critical', `${base} sends $${secret} over the network`);
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
      updating,
      'updates itself with git pull when it runs, so what runs is not what was reviewed',
    );

  const launch = packageLaunch(cmd);
  if (launch) {
    const unpinned = unpinnedLaunch([cmd]);
    const spec = unpinned?.spec ?? launch.args.find((a) => !a.startsWith('-')) ?? '';
    // Fetching without asking (`npx -y`) or asking for the newest release is updating at run time.
    const yes = launch.args.some((a) => a === '-y' || a === '--yes');
    const unattended = yes || /@latest$/.test(unpinned?.spec ?? '');
    // `npx create-app@latest` in a README block is a scaffold the user runs (npx asks before installing);
    // `npx -y` installs and runs without asking, wherever it is written.
    if (unpinned && launch.registry === 'npm' && unattended)
      add(
        'auto-update',
        yes ? 'medium' : updating,
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
      updating,
      'upgrades packages at run time (pip install -U), so what runs is not what was reviewed',
    );
}

/**
 * A key used as a key: every host the command reaches is where the key belongs (the allowlist, or a host
 * the variable names: `$BRAVE_API_KEY` to api.search.brave.com), or the key only rides in a request header
 * (`-H "Authorization: Bearer $TOKEN"`), which is how every API is called. A key put into the data a
 * command sends, to a host that is not its own, is how keys are stolen.
 */
/** `$NAME` or `${NAME` in an argument, NAME not running on into a longer name (no pattern built from the text). */
function mentionsVariable(arg: string, name: string): boolean {
  for (const lead of ['$', '${']) {
    for (let i = arg.indexOf(lead + name); i >= 0; i = arg.indexOf(lead + name, i + 1)) {
      if (!/[A-Za-z0-9_]/.test(arg[i + lead.length + name.length] ?? '')) return true;
    }
  }
  return false;
}

function keyForItsOwnService(state: ScanState, variable: string, args: string[], text: string): boolean {
  const hosts = args
    .flatMap((a) => [...a.matchAll(/\bhttps?:\/\/[^\s"'`<>]+/g)].map((m) => m[0]))
    .map((url) => state.internetHost(url) ?? '')
    .filter((h) => h !== '');
  if (hosts.length > 0 && hosts.every((host) => state.isOwnService(host, [variable]))) return true;
  const mentions = args.filter((a) => mentionsVariable(a, variable));
  // The analyser put the value a script assigned (`export KEY=<from 1Password>`) in place of `$KEY`: the
  // command's text still says where the key went.
  if (mentions.length === 0) return onlyInHeaders(text, variable);
  return mentions.every((a) => {
    const i = args.indexOf(a);
    return (
      (hosts.length > 0 && hosts.every((host) => loginField(state, a.replace(/^--?[\w-]+=/, ''), host))) ||
      args[i - 1] === '-H' ||
      args[i - 1] === '--header' ||
      /^(?:-H|--header=)/.test(a) ||
      keyInItsUrl(state, a, variable)
    );
  });
}

/** Every `$NAME` in a command's text sits in a `-H`/`--header` argument. */
function onlyInHeaders(text: string, name: string): boolean {
  const uses = (t: string) =>
    t
      .split(/\$\{?/)
      .slice(1)
      .filter((rest) => rest.startsWith(name) && !/^\w/.test(rest.slice(name.length))).length;
  const inHeaders = [...text.matchAll(/(?:-H|--header)[\s=]+(["'])((?:(?!\1).)*)\1/g)];
  const all = uses(text);
  return all > 0 && inHeaders.reduce((n, m) => n + uses(m[2] as string), 0) === all;
}

/**
 * APIs whose documented URL carries the key in its path (Telegram's Bot API, `…/bot<token>/METHOD`), with the
 * words a key's name may hold and still be that API's key (`BOT_TOKEN`, `TELEGRAM_BOT_TOKEN`; not `GITHUB_TOKEN`).
 */
const KEY_IN_PATH = [{ prefix: 'https://api.telegram.org/bot', words: ['bot', 'telegram'] }];

/**
 * The key is the URL's log-in (`https://user:$PASSWORD@host/`: basic auth, as a header is) or sits where
 * its service's URL takes it (`https://api.telegram.org/bot$BOT_TOKEN/sendMessage`), and the key fits that
 * host (`keyFits`: `$AWS_SECRET_ACCESS_KEY` as the log-in of another host is still sent out). Elsewhere in a
 * URL (`https://paste.example/$AWS_SECRET_ACCESS_KEY`) it is data sent to that host.
 */
function keyInItsUrl(state: ScanState, arg: string, variable: string): boolean {
  for (const [url] of arg.matchAll(/https?:\/\/[^\s"'`<>]+/g)) {
    const login = /^https?:\/\/([^/@]*)@([^/:?#]*)/.exec(url);
    if (
      login &&
      mentionsVariable(login[1] as string, variable) &&
      state.keyFits(login[2] as string, variable)
    )
      return true;
    const api = KEY_IN_PATH.find((p) => url.startsWith(p.prefix));
    if (
      api &&
      mentionsVariable(url.slice(api.prefix.length).split('/')[0] as string, variable) &&
      serviceWords([variable]).every((w) => api.words.includes(w))
    )
      return true;
  }
  return false;
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
