import { evidenceLine } from '../../core/evidence.js';
import { severityRank } from '../../core/severity.js';
import { DOC_FILE, proseOf } from './markdown.js';
import type { ScanState } from './state.js';
import { NOT_RAISED } from './trust.js';
import type { SkillFile, SkillFinding } from './types.js';

/*
 * Judging by combinations: one capability (a service installed, a secret manager read) is what many honest
 * skills do; the same capability next to concealment, a mismatch with what the skill says, or data leaving
 * for an unknown host is what malicious ones do. The rules here read a file for such pairs, and settle
 * capabilities the skill declares and nothing else makes suspect.
 */

/** A condition on the clock: `Date.now() > Date.parse(…)`, `datetime.now() >= …`, `$(date +%s) -gt …`. */
const CLOCK_GATE =
  /\bif\b[^\n]*(?:Date\.now\(\)|new Date\(\)|getTime\(\)|getFullYear\(\)|datetime\.(?:now|today|utcnow)\(\)|date\.today\(\)|time\.time\(\)|\$\(\s*date\b|`date\b|time\.Now\(\)|Time\.now|DateTime\.(?:Now|UtcNow|Today)|Get-Date)[^\n]*(?:[<>]=?|-gt|-ge|-lt|-le|\.After\(|\.Before\(|isAfter|isBefore)/;
/**
 * A calendar date written into the condition (`"2027-03-01"`, `datetime(2027, 3, 1)`, an epoch in seconds or
 * milliseconds, a year): what separates a time bomb from a cache that expires after a while.
 */
const FIXED_DATE =
  /\b20\d\d[-/.]\d\d?[-/.]\d\d?\b|\b(?:datetime|date|Date|DateTime|time\.Date)\(\s*20\d\d\s*,|\b1[6-9]\d{8}(?:\d{3})?\b|[<>]=?\s*20\d\d\b/;
/** Lines after a clock condition that its body is taken to span. */
const GATE_SPAN = 6;

/**
 * A destructive or outbound act that runs only after a date: a time bomb (or a payload that waits out the
 * review). An honest skill has no reason to wait for a calendar date before deleting, sending or persisting.
 */
function timeBombs(state: ScanState, text: string, file: string): void {
  if (DOC_FILE.test(file)) return;
  const lines = text.split('\n');
  lines.forEach((line, k) => {
    if (!CLOCK_GATE.test(line) || !FIXED_DATE.test(line)) return;
    const from = k + 1;
    const to = k + 1 + GATE_SPAN;
    const inGate = (f: { file: string; line?: number }) =>
      f.file === file && f.line !== undefined && f.line >= from && f.line <= to;
    const act =
      state.sideEffects.find(inGate)?.what ??
      state.findings.find(
        (f) => inGate(f) && f.category === 'red-flag' && severityRank(f.severity) >= severityRank('medium'),
      )?.message;
    if (act === undefined) return;
    state.add({
      rule: 'time-bomb',
      category: 'red-flag',
      severity: 'critical',
      message: `waits for a date before it acts (${act}): a delayed payload, timed to miss review`,
      file,
      line: from,
      evidence: evidenceLine(line),
    });
  });
}

const CLIPBOARD_READ =
  /\b(?:pbpaste|xclip\b[^\n]*-o\b|xsel\b[^\n]*-o\b|wl-paste|Get-Clipboard|clipboard\.readText|pyperclip\.paste|GetClipboardData|paste\(\))/;
const CLIPBOARD_WRITE =
  /\b(?:pbcopy|xclip\b[^\n]*-(?:i|selection)\b|wl-copy|Set-Clipboard|clipboard\.writeText|pyperclip\.copy|SetClipboardData)/;
/** A cryptocurrency address, or a pattern for recognising one: bc1…, legacy base58, 0x + 40 hex, Tron T…. */
const WALLET =
  /\bbc1[02-9ac-hj-np-z]{25,62}\b|\b0x[0-9a-fA-F]{40}\b|\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b|\bT[1-9A-HJ-NP-Za-km-z]{33}\b|0x\[a-fA-F0-9\]\{40\}|\(bc1\|/;

/**
 * Code that reads the clipboard, writes it back and knows what a wallet address looks like: the address the
 * user copied is swapped for another before they paste it.
 */
function clipboardSwap(state: ScanState, text: string, file: string): void {
  if (DOC_FILE.test(file) || !CLIPBOARD_READ.test(text) || !CLIPBOARD_WRITE.test(text)) return;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => CLIPBOARD_WRITE.test(l));
  if (!WALLET.test(text)) return;
  state.add({
    rule: 'clipboard-hijack',
    category: 'red-flag',
    severity: 'critical',
    message:
      'reads the clipboard, matches cryptocurrency addresses and writes the clipboard back: swaps what the user pastes',
    file,
    line: at + 1,
    evidence: evidenceLine(lines[at] ?? ''),
  });
}

/**
 * A workflow run on `pull_request_target` (the base repository's secrets and a write token) that checks out
 * the pull request's own head: any fork's code runs with those secrets.
 */
function untrustedCheckout(state: ScanState, text: string, file: string): void {
  if (
    !/\.ya?ml$/i.test(file) ||
    !/^\s*-?\s*pull_request_target\b|\bon:\s*\[?[^\n]*pull_request_target/m.test(text)
  )
    return;
  const lines = text.split('\n');
  const at = lines.findIndex((l) =>
    /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\/[^\n]*\/(?:head|merge)/.test(
      l,
    ),
  );
  if (at < 0) return;
  state.add({
    rule: 'untrusted-checkout',
    category: 'red-flag',
    severity: 'high',
    message:
      'a pull_request_target workflow checks out the pull request head: code from any fork runs with the repository secrets',
    file,
    line: at + 1,
    evidence: evidenceLine(lines[at] as string),
  });
}

/** Pairs read within one file, after the file's own rules have run. */
export function scanCombinations(state: ScanState, text: string, file: string): void {
  timeBombs(state, text, file);
  clipboardSwap(state, text, file);
  untrustedCheckout(state, text, file);
}

/**
 * Capabilities that honest skills have for their stated purpose: a service, hook or agent setting they
 * install (`persistence`), a secret manager they read or print (`credential-access` by a secret-manager CLI
 * or into the skill's own secrets folder), a directory's owner changed in a documented fix (`chown`). Alone
 * they are a finding, not a verdict.
 */
function isCapability(f: SkillFinding): boolean {
  // Start-up files, crontabs and authorized keys only when the user's own file is linked there (dotfiles).
  if (f.rule === 'persistence')
    return (
      !/authorized_keys|crontab|\brc\b|profile|\.(?:bash|zsh)rc/i.test(f.message) ||
      /^\s*ln\s/.test(f.evidence ?? '')
    );
  // Taking ownership of a tool's directory (`sudo chown -R $(whoami) /usr/local/texlive`) in a doc's fix.
  if (f.rule === 'dangerous-command') return DOC_FILE.test(f.file) && /^chown outside/.test(f.message);
  // A tool printing what it stores (a secret manager, a CLI's own token); never private or signing keys.
  if (f.rule === 'credential-access')
    return (
      !/\b(?:private|secret|signing) keys?\b/i.test(f.message) &&
      /\bprints\b[^,;]*\b(?:secrets?|credentials|environment|password|token)\b|reads secrets from the keychain|\.claude\/\.secrets/.test(
        f.message,
      )
    );
  return false;
}

/** Words in a skill's own prose that say it installs a service or hook, or takes ownership of a directory. */
const DECLARED: Record<string, RegExp> = {
  persistence:
    /\b(?:launchd|launchctl|launch ?agents?|daemon|systemd|service|hooks?|settings\.json|auto-?start|background|plist|install(?:s|ing)? (?:the )?skill|dotfiles|symlinks?)\b/i,
  'dangerous-command': /\b(?:permissions?|owner(?:ship)?|chown|sudo)\b/i,
};

/**
 * How the skill's prose names the store a secret is read from: the keychain; the environment (environment
 * variables); the agent's secrets folder (the folder, a secrets file, or the secret manager whose token it
 * keeps); else the tool that prints the secret (the subject of `<tool> prints …`: `doppler`, `1Password`,
 * `aws`, or the runner an environment is printed under). Words every skill uses (token, credentials, API key) name no store.
 */
function storeName(f: SkillFinding): RegExp {
  if (/keychain/i.test(f.message)) return /\bkeychain\b/i;
  // `doppler run -- env` prints what the runner injected: its store is the runner's.
  const runner = /^\s*([\w-]+)\s+run\b.*\s--\s+(?:env|printenv)\b/.exec(f.evidence ?? '')?.[1];
  if (/prints the environment/.test(f.message) && runner === undefined)
    return /\benv(?:ironment)? var(?:iable)?s?\b/i;
  if (/\.claude\/\.secrets/.test(f.message))
    return /\.secrets\b|\bsecrets? (?:file|folder|directory)\b|\b(?:1password|doppler|keychain|bitwarden)\b/i;
  // The tool is the subject of the shell analyser's message (`doppler prints …`, `1Password CLI prints …`,
  // `ant auth print-credentials prints …`);
  // other messages (`tells the model to run …`) name none.
  const tool = runner ?? /^([\w-]+)(?: [\w-]+){0,3} prints\b/.exec(f.message)?.[1];
  return tool === undefined ? /(?!)/ : new RegExp(`(?<![\\w.])${tool}(?![\\w-])`, 'i');
}

/** Whether the skill's prose declares this capability: what it installs or changes, or the store it reads. */
function declares(f: SkillFinding, prose: string): boolean {
  return f.rule === 'credential-access' ? storeName(f).test(prose) : (DECLARED[f.rule] as RegExp).test(prose);
}

/**
 * A capability the skill declares in its prose, in a skill where nothing else is suspect (no send to an
 * unknown host, no obfuscation, no hidden or hostile instructions, no other credential read), is medium: a
 * reviewer should see it, but it does not make an unknown skill high. Any such red flag keeps it as it was.
 */
export function settleCapabilities(state: ScanState, files: SkillFile[]): void {
  const caps = state.findings.filter(
    (f) => severityRank(f.severity) >= severityRank('high') && isCapability(f),
  );
  if (caps.length === 0) return;
  const suspect = state.findings.some(
    (f) =>
      !isCapability(f) &&
      !NOT_RAISED.has(f.rule) &&
      (f.category === 'red-flag' || f.category === 'instructions' || f.category === 'symlink') &&
      severityRank(f.severity) >= severityRank('medium'),
  );
  if (suspect) return;
  const prose = files
    .filter((f) => f.text !== undefined && DOC_FILE.test(f.path))
    .map((f) => proseOf(f.text as string))
    .join('\n');
  for (const f of caps) {
    if (!declares(f, prose)) continue;
    f.severity = 'medium';
    f.message += ' (declared by the skill, nothing else suspect)';
    state.settled.add(f);
  }
}
