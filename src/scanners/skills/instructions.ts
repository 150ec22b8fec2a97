import { evidenceLine } from '../../core/evidence.js';
import { lineStarts, lineText, positionAt } from '../../core/text-position.js';
import { findInjections } from '../injection/detect.js';
import { namesOnlyVendorInstallers } from './installers.js';
import { proseOf } from './markdown.js';
import { somethingToHide } from './orders.js';
import type { ScanState } from './state.js';

/** Same bar as the instruction-injection check: skills instruct the model by design, so off-task is ignored. */
const THRESHOLD = 0.6;
const MAX_PER_FILE = 10;
/** Bidi controls and invisible tag characters: text a reviewer does not see but the model reads. */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/;
const ZERO_WIDTH = /[\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF]/g;
/**
 * Rules about the SHAPE of a text aimed at the model (it addresses the agent, gives it a role, writes a
 * system prompt): every skill is that by design, so in a skill they say nothing about intent. Reported as
 * low, never raised for an unknown source; what the text asks for (credentials, concealment, exfiltration,
 * overriding the user) is judged by the other rules.
 */
const SHAPE_OF_A_SKILL = new Set([
  'instruction-to-ai',
  'addressed-to-ai',
  'fake-system-message',
  'role-change',
  'new-instructions',
  'tool-call-syntax',
  'urgency-authority',
  // A comment the rendered page hides is still read by the model: what it says is judged by the rules above.
  'instruction-in-html-comment',
]);
/**
 * Switching off the agent's safety itself; hooks alone are what hook-writing skills explain, and a bare
 * "guard" is as often a code path ("**Skip guard.** Rules with no outputs are skipped") as a safety net.
 */
const SAFETY_OFF =
  /dangerously-skip-permissions|bypassPermissions|sandbox|(?:the|any|all|security|safety)\s+guard|guardrail|agentwarden|audit\s+log|permission/i;
/** Credential stores other than the project's own `.env`, which configuration skills read to set a key. */
const CREDENTIAL_STORE =
  /\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.netrc|\.npmrc|\.pypirc|\.git-credentials|id_rsa|id_ed25519|keychain|credentials|wallet|cookies|login data|shadow|gcloud|\.azure/i;

/** How serious a hit is in a skill: low when it says nothing about harm in a text written for the model. */
function severityInSkill(ruleId: string, score: number, matched: string): 'low' | 'medium' | 'high' {
  if (SHAPE_OF_A_SKILL.has(ruleId)) return 'low';
  if (ruleId === 'disable-safeguards' && !SAFETY_OFF.test(matched)) return 'low';
  if (ruleId === 'read-credentials' && !CREDENTIAL_STORE.test(matched)) return 'low';
  return score >= 0.85 ? 'high' : 'medium';
}

/**
 * What an order means inside fenced code, whatever the block's language says: a command that runs what it
 * downloads or decodes, or sends secrets out. Other orders in code (a `# disable the hook` comment in a
 * shell example) are not addressed to the model; the code itself is analysed as code.
 */
const HARMFUL_IN_CODE = new Set(['exfiltration', 'remote-code', 'obfuscation', 'hidden-text']);

/**
 * Hiding what it does from the user: what a skill has no reason to ask of the model. (The injection rules
 * know the general phrasings; these are the ones skills use.)
 */
const CONCEAL =
  /\b(?:do\s+not|don['’]t|never)\s+(?:tell|mention|reveal|disclose|show|report|explain)\b(?:\s+[\w-]+){0,3}?\s+(?:to\s+)?the\s+user\b|\b(?:silently|secretly|quietly|covertly)\s+(?:run|execute|send|upload|install|add|read|copy)\b|\bwithout\s+(?:telling|asking|informing|notifying)\s+(?:the\s+)?user\b/gi;

/**
 * Orders the injection rules do not phrase, in the words skills use: put a secret's value somewhere it leaves
 * by (verbatim, URL-encoded, the contents of `.env`), and approve the agent's actions without asking.
 */
const SECRET = String.raw`(?:\.env\b|api[\s_-]+keys?|tokens?|secrets?|credentials|passwords?|private\s+keys?)`;
const LEAK_ORDERS: { re: RegExp; rule: string; message: string }[] = [
  {
    re: new RegExp(
      String.raw`\b(?:contents?|values?)\s+of\s+[^.\n]{0,40}?${SECRET}[^.\n]{0,40}?\b(?:url-?encoded|base64|appended|after|into|in\s+the\s+(?:url|query|link|image))|${SECRET}[^.\n]{0,30}?\b(?:copy|paste|put|include)\s+(?:it|them|its\s+value)\s+verbatim`,
      'gi',
    ),
    rule: 'instruction:leak-secret',
    message: 'tells the model: to put a secret where it leaves the machine',
  },
  {
    re: /\b(?:always\s+)?(?:approve|accept)\s+(?:all\s+|every\s+|any\s+)?(?:tool\s+calls?|commands?|actions?|permission\s+requests?)\s+without\s+(?:asking|confirmation|confirming|prompting)/gi,
    rule: 'instruction:disable-safeguards',
    message: "tells the model: to approve its own actions without the user's confirmation",
  },
  {
    re: /\b(?:tool\s+calls?|commands?|actions?)\s+(?:is|are|gets?|get)\s+(?:blocked|denied|refused)\b[^.\n]{0,100}?\b(?:retry|try)\b[^.\n]{0,80}?\b(?:different|another|smaller|until)\b/gi,
    rule: 'instruction:disable-safeguards',
    message: 'tells the model: to work around the blocks put on its actions',
  },
  {
    re: /\btreat\s+(?:whatever|what|everything|the\s+(?:text|content|response|output|reply))\b[^.\n]{0,60}?\bas\s+(?:(?:the\s+)?(?:user['’]s\s+)?instructions|commands|orders)\b|\bfollow\s+the\s+(?:extra\s+|additional\s+|further\s+)?instructions\s+(?:that|which)\s+(?:the\s+)?[\w\s-]{0,30}?(?:server|url|page|endpoint|response)\s+returns\b/gi,
    rule: 'instruction:remote-instructions',
    message: 'tells the model: to take orders from whatever a remote server returns',
  },
];
/** A sentence that forbids what it names ("never copy the value into a message") orders nothing. */
const NEGATED = /\b(?:never|not|don['’]t|do\s+not|avoid|no)\b/i;
/** A sentence saying what cannot be done ("… cannot be confirmed without asking the user"). */
const CANNOT = /\b(?:cannot|can['’]t|can\s+not|could\s+not|couldn['’]t|is\s+not|are\s+not)\b/i;

/**
 * Words that read as concealment and are not: a stated limit ("ownership cannot be confirmed without asking
 * the user") or advice withheld ("never tell the user to configure it in the product's UI").
 */
function notConcealment(text: string, at: number, matched: string): boolean {
  if (/^\s+to\s+[a-z]/i.test(text.slice(at + matched.length))) return true;
  const without = matched.search(/\bwithout\b/i);
  return without >= 0 && CANNOT.test(text.slice(sentenceStart(text, at), at + without));
}

/** Where the sentence holding offset `at` starts (after the last full stop or line break). */
function sentenceStart(text: string, at: number): number {
  return Math.max(text.lastIndexOf('.', at), text.lastIndexOf('\n', at)) + 1;
}

/**
 * The text as the detector should read a skill: inline-code backticks blanked (in a skill, `cmd` is a command
 * to run, not a quotation to discount) and soft line wraps joined (a sentence wrapped over two lines is one
 * order). Same length, same offsets, so lines still point at the file.
 */
function asOrders(text: string): string {
  return text.replace(/`/g, ' ').replace(/([^\n])\n(?=[ \t]*[^\s#>|*+\-\d])/g, '$1 ');
}

const RANK = { low: 0, medium: 1, high: 2 } as const;

/**
 * Text aimed at the model (SKILL.md and the markdown a skill bundles): injected orders, hidden text. One
 * finding a line, the worst one.
 */
export function scanInstructions(state: ScanState, text: string, file: string): void {
  const starts = lineStarts(text);
  const prose = proseOf(text);
  const read = asOrders(text);
  const byLine = new Map<number, { rule: string; severity: 'low' | 'medium' | 'high'; message: string }>();
  const note = (at: number, rule: string, severity: 'low' | 'medium' | 'high', message: string) => {
    const { line } = positionAt(starts, at);
    const had = byLine.get(line);
    if (had ? RANK[severity] > RANK[had.severity] : byLine.size < MAX_PER_FILE)
      byLine.set(line, { rule, severity, message });
  };
  for (const hit of findInjections(read, { ignoreCategories: ['off-task'] })) {
    if (hit.score < THRESHOLD) continue;
    const inCode = prose.slice(hit.start, hit.end).trim() === '';
    if (inCode && !HARMFUL_IN_CODE.has(hit.category)) continue;
    if (hit.ruleId === 'conceal-from-user' && notConcealment(read, hit.start, read.slice(hit.start, hit.end)))
      continue;
    // `curl https://sh.rustup.rs | sh` as a setup step: the shell rules report it (auto-install).
    if (
      hit.category === 'remote-code' &&
      namesOnlyVendorInstallers(lineText(text, starts, positionAt(starts, hit.start).line))
    )
      continue;
    note(
      hit.start,
      `instruction:${hit.ruleId}`,
      severityInSkill(hit.ruleId, hit.score, read.slice(hit.start, hit.end)),
      `tells the model: ${hit.description}`,
    );
  }
  const orders = asOrders(prose);
  for (const m of orders.matchAll(CONCEAL)) {
    if (notConcealment(orders, m.index, m[0])) continue;
    note(
      m.index,
      'instruction:conceal-from-user',
      'medium',
      'tells the model: to hide what it does from the user',
    );
  }
  for (const { re, rule, message } of LEAK_ORDERS)
    for (const m of orders.matchAll(re)) {
      const from = sentenceStart(orders, m.index);
      if (!NEGATED.test(orders.slice(from, m.index + m[0].length))) note(m.index, rule, 'high', message);
    }
  // Not telling the user something is how a lot of documentation reads ("never show the internal id to the
  // user", "silently deleted on save"): it is an order to hide only with something worth hiding around it.
  for (const [line, f] of byLine)
    if (f.rule === 'instruction:conceal-from-user' && !somethingToHide(paragraphAt(text, starts, line)))
      f.severity = 'low';
  for (const [line, f] of byLine)
    state.add({
      ...f,
      category: 'instructions',
      file,
      line,
      evidence: evidenceLine(lineText(text, starts, line)),
    });
  hiddenCharacters(state, text, file, 'instructions', starts);
}

/**
 * Hidden characters in any text file: bidi overrides reorder code a reviewer reads (Trojan Source), tag
 * characters carry invisible instructions, runs of zero-width characters hide text between visible words.
 * In markdown the hidden text is aimed at the model, so it is reported with the instructions.
 */
export function hiddenCharacters(
  state: ScanState,
  text: string,
  file: string,
  category: 'instructions' | 'red-flag' = 'red-flag',
  starts = lineStarts(text),
): void {
  const hidden = HIDDEN.exec(text);
  const zeroWidth = [...text.matchAll(ZERO_WIDTH)];
  const at = hidden?.index ?? (zeroWidth.length >= 3 ? zeroWidth[0]?.index : undefined);
  if (at === undefined) return;
  const { line } = positionAt(starts, at);
  state.add({
    rule: 'hidden-unicode',
    category,
    severity: 'high',
    message: hidden
      ? 'contains invisible tag or bidirectional-override characters: text the reviewer does not see'
      : 'contains runs of zero-width characters that can hide text',
    file,
    line,
    evidence: evidenceLine(lineText(text, starts, line)),
  });
}

/** The paragraph (blank-line delimited) around a line. */
function paragraphAt(text: string, starts: number[], line: number): string {
  const at = starts[line - 1] ?? 0;
  const before = text.lastIndexOf('\n\n', at);
  const after = text.indexOf('\n\n', at);
  return text.slice(Math.max(0, before), after < 0 ? text.length : after);
}
