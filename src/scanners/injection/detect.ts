/**
 * Prompt-injection and context-poisoning heuristics for text an agent will read as instructions or data
 * (CLAUDE.md, skills, commands, agents, fetched content). Pure and synchronous: text in, hits out.
 *
 * Each rule has a score in [0, 1]. A hit whose match is quoted (`"ignore previous instructions"`) or negated
 * on the same line ("never run curl … | sh") is a mention, not an instruction, and its score is lowered.
 * Rules in the `off-task` category flag instructions about the shape of the model's reply: they are what
 * third-party text injected into an email or web page looks like, but instruction files such as CLAUDE.md
 * legitimately contain them, so checks on instruction files ignore that category.
 *
 * Tuned on data/injection.jsonl (agentwarden shared data, 1207 rows: BIPIA + doc paragraphs), tuning half =
 * rows whose sha256(id) starts with an even byte; `node bench/injection-detector.mjs` reports both halves.
 */
export type InjectionCategory =
  | 'override'
  | 'concealment'
  | 'exfiltration'
  | 'credential-access'
  | 'remote-code'
  | 'obfuscation'
  | 'hidden-text'
  | 'role-hijack'
  | 'guard-bypass'
  | 'off-task';

export interface InjectionHit {
  ruleId: string;
  category: InjectionCategory;
  /** Confidence that this is an injected instruction, after quote/negation damping. */
  score: number;
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  description: string;
}

interface InjectionRule {
  id: string;
  category: InjectionCategory;
  score: number;
  re: RegExp;
  description: string;
  /** Hidden characters are never a "mention": no quote/negation damping. */
  literal?: boolean;
  /** Extra test on the matched text (and where it is); false drops the hit. */
  accept?: (match: string, text: string, start: number) => boolean;
}

const HOME_DIR = String.raw`(?:~|\$HOME|\$\{HOME\}|/home/[\w.-]+|/Users/[\w.-]+|/root)`;
/** Credential stores; public keys, known_hosts and ssh config are not secrets. */
const SENSITIVE_PATH = String.raw`${HOME_DIR}/\.ssh(?!/[\w.-]*\.pub\b|/known_hosts\b|/config\b)|${HOME_DIR}/\.(?:aws|gnupg|kube|docker|config/gcloud|netrc|npmrc|pypirc|git-credentials|claude\.json|claude/\.credentials\.json)|\bid_(?:rsa|ed25519|ecdsa|dsa)\b(?!\.pub)|\.aws/credentials|/etc/shadow|\.env(?!\.(?:example|sample|template|dist|defaults?)\b)(?:\.[\w-]+)?\b`;
const TRANSMIT_VERB = String.raw`(?:send|upload|post|forward|transmit|exfiltrat\w*|leak|submit|email|share|paste|attach|pipe|copy)`;
const SECRET_NOUN = String.raw`(?:secrets?|credentials?|api[ _-]?keys?|access[ _-]?keys?|tokens?|passwords?|ssh[ _-]?keys?|private[ _-]?keys?|env(?:ironment)?(?:[ _-]?var(?:iable)?s?)?|\.env(?:[ _-]files?)?|cookies|session (?:ids?|tokens?))`;

const QUOTES = `"'\``;

const RULES: InjectionRule[] = [
  {
    id: 'ignore-previous-instructions',
    category: 'override',
    score: 0.95,
    description: 'tells the model to ignore or replace its earlier instructions',
    re: /\b(?:ignore|disregard|forget|override|bypass|skip)\s+(?:all\s+|any\s+|each\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|former|original|system|initial|existing|safety|security)\s+(?:instructions?|prompts?|rules|directions?|directives?|guidelines|context|messages?|guardrails|constraints)/gi,
  },
  {
    id: 'new-instructions',
    category: 'override',
    score: 0.7,
    description: 'announces replacement instructions',
    re: /\b(?:your\s+new\s+(?:instructions|task|role|goal)\s+(?:is|are)|new\s+(?:system\s+)?instructions\s*:|from\s+now\s+on,?\s+(?:you\s+(?:will|must|are)\s+(?:ignore|disregard|no\s+longer|not\s+(?:follow|obey))|ignore|disregard|forget))/gi,
  },
  {
    id: 'conceal-from-user',
    category: 'concealment',
    score: 0.9,
    description: 'asks the model to hide what it does from the user',
    re: /\b(?:do\s+not|don['’]t|never)\s+(?:tell|inform|mention\s+(?:this|it)\s+to|notify|alert|reveal\s+(?:this|it)\s+to)\s+(?:the\s+)?(?:user|human|developer|operator)(?!['’]s|\s+(?:to|how|about\s+(?:how|the\s+options)))|\bwithout\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?(?:user|human|developer)|\b(?:keep|hide)\s+(?:this|these\s+(?:steps|actions|instructions))\s+(?:secret|hidden)\s+from|\b(?:silently|secretly|covertly|quietly)\s+(?:send|upload|post|run|execute|exfiltrat\w*|copy|add|install|modify|delete|remove)/gi,
  },
  {
    id: 'send-secrets-out',
    category: 'exfiltration',
    score: 0.9,
    description: 'tells the model to send secrets, keys or environment variables somewhere',
    re: new RegExp(
      String.raw`\b${TRANSMIT_VERB}\s+(?:\w+\s+){0,4}?(?:the\s+|all\s+|any\s+|your\s+|their\s+)?(?:contents?\s+of\s+)?${SECRET_NOUN}\b[^\n]{0,120}?(?:https?://|\bto\s+(?:(?:my|our|this|the|a)\s+)?(?:server|endpoint|webhook|url|address|email|inbox|channel|attacker|bucket|pastebin|gist))`,
      'gi',
    ),
  },
  {
    id: 'shell-exfiltration',
    category: 'exfiltration',
    score: 0.95,
    description: 'a shell command that sends environment variables or credential files over the network',
    re: new RegExp(
      String.raw`\b(?:env|printenv|set)\s*\|\s*(?:curl|wget|nc|ncat|netcat|socat)\b|\b(?:curl|wget)\b[^\n]{0,200}?(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form|-T|--upload-file|--post-file(?:=|\s))\s*["']?(?:[\w.-]+=)?@?(?:${SENSITIVE_PATH}|\$\(\s*(?:env|printenv|cat)\b|\x60(?:env|printenv|cat)\b)|\b(?:cat|tar|zip|base64)\s+[^\n|]{0,80}?(?:${SENSITIVE_PATH})[^\n|]{0,80}\|\s*(?:curl|wget|nc|ncat|netcat|socat)\b`,
      'gi',
    ),
  },
  {
    id: 'read-credentials',
    category: 'credential-access',
    score: 0.75,
    description: 'tells the model to read credential files and put them in its output',
    re: new RegExp(
      String.raw`\b(?:read|cat|open|print|output|dump|include|display|show|list|copy|collect|gather|extract)\s+[^\n]{0,60}?(?:${SENSITIVE_PATH})[^\n]{0,100}?\b(?:include|send|upload|post|paste|append|add|put|output|print|return|report|embed)\b|\b(?:include|append|embed|paste)\s+(?:the\s+)?(?:contents?\s+of\s+)?(?:${SENSITIVE_PATH})`,
      'gi',
    ),
  },
  {
    id: 'reveal-secrets',
    category: 'credential-access',
    score: 0.65,
    description: 'asks the model to reveal secrets, tokens or its system prompt',
    re: new RegExp(
      String.raw`\b(?:echo|print|reveal|output|repeat|disclose|dump|leak)\s+(?:me\s+)?(?:back\s+)?(?:all\s+)?(?:the\s+)?(?:full\s+)?(?:value\s+of\s+|contents?\s+of\s+)?(?:the\s+|your\s+|all\s+|any\s+|user['’]s\s+)?(?:(?:session|bearer|access|auth)\s+tokens?|authorization\s+header|system\s+prompt|(?:api|secret|private)\s+keys?|passwords?|environment\s+variables|${SECRET_NOUN}\s+(?:from|in)\s+(?:the\s+)?(?:environment|env|config))\b(?!\s+(?:prefix|name|format|length|setup|placeholder))`,
      'gi',
    ),
  },
  {
    id: 'pipe-to-shell',
    category: 'remote-code',
    score: 0.8,
    description: 'downloads a script and runs it in one step (curl | sh)',
    re: /\b(?:curl|wget)\s+[^\n|;]*?(?:https?:\/\/|\b[\w-]+\.(?:com|net|org|io|sh|dev|xyz|ru|cn|tk|top)\b)[^\n|;]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:ba|z)?sh\s+(?:-c\s+)?["']?<\(\s*(?:curl|wget)\b|\b(?:iex|Invoke-Expression)\s*\(?\s*(?:\(?\s*New-Object\s+Net\.WebClient\)?\.DownloadString|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b/gi,
  },
  {
    id: 'decode-and-execute',
    category: 'obfuscation',
    score: 0.9,
    description: 'decodes base64 (or similar) and executes the result',
    re: /\bbase64\s+(?:-d|--decode|-D)\b[^\n]{0,40}\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\|\s*base64\s+(?:-d|--decode|-D)\s*\|\s*(?:sudo\s+)?(?:ba|z|python3?|perl|node)\b|\b(?:eval|exec|Function)\s*\(\s*(?:atob|Buffer\.from|base64\.b64decode|b64decode|codecs\.decode)\s*\(|\bpowershell(?:\.exe)?\s+[^\n]{0,40}-(?:e|enc|encodedcommand)\s+[A-Za-z0-9+/=]{20,}/gi,
  },
  {
    id: 'base64-payload',
    category: 'obfuscation',
    score: 0.6,
    description: 'a long base64 blob next to an instruction to decode or run it',
    re: /\b(?:decode|run|execute|eval)\b[^\n]{0,60}?\b[A-Za-z0-9+/]{60,}={0,2}/gi,
  },
  {
    id: 'invisible-tag-characters',
    category: 'hidden-text',
    score: 0.95,
    description: 'Unicode tag characters (U+E0000–U+E007F) that carry invisible text',
    re: /(?:\uDB40[\uDC00-\uDC7F])+/g,
    literal: true,
  },
  {
    id: 'bidi-override',
    category: 'hidden-text',
    score: 0.8,
    description: 'bidirectional override characters that make text display differently from what is read',
    re: /[\u202A-\u202E\u2066-\u2069]+/g,
    literal: true,
  },
  {
    id: 'zero-width-characters',
    category: 'hidden-text',
    score: 0.7,
    description: 'zero-width characters inside words, which can hide or split instructions',
    // U+200D between emoji is legitimate (ZWJ sequences); only ZWJ touching a letter counts.
    re: /[\u200B\u200C\u2060\u180E]+|(?<=[A-Za-z0-9])\u200D|\u200D(?=[A-Za-z0-9])|(?<!^)\uFEFF/g,
    literal: true,
    // A character alone in quotes (`case "\u200C":` in a parser) is code naming it, not hidden text.
    accept: (m, text, start) =>
      !(QUOTES.includes(text.charAt(start - 1)) && QUOTES.includes(text.charAt(start + m.length))),
  },
  {
    id: 'instruction-in-html-comment',
    category: 'hidden-text',
    score: 0.75,
    description: 'an HTML comment (invisible when rendered) that addresses the model with instructions',
    re: /<!--((?:(?!-->)[\s\S]){0,4000})-->/g,
    // mdBook's `<!-- ignore -->` and other one-word markers are not instructions.
    accept: (m) =>
      m.split(/\s+/).length >= 6 &&
      /\b(?:ignore|disregard|you\s+(?:must|should|are|will)|assistant|claude|AI\s+(?:agent|model)|language\s+model|LLM|do\s+not\s+(?:tell|mention|reveal)|always\s+(?:run|execute|include|send)|execute|curl|wget|send\s+(?:the|all|your))\b/i.test(
        m,
      ),
  },
  {
    id: 'fake-system-message',
    category: 'role-hijack',
    score: 0.75,
    description: 'text pretending to be a system or developer message',
    // Case matters: `system:` is a common YAML/TS key, `SYSTEM:` at a line start is a fake header. A tag counts
    // with its closing tag (prose may name `<system-reminder>`).
    re: /<(system|SYSTEM|sys|im_start|system-reminder|admin|developer|important|IMPORTANT)>[\s\S]{1,2000}?<\/\1>|<\|im_start\|>\s*system\b|\[\/?(?:SYSTEM|INST|ADMIN)\]|^[ \t]*#{1,4}[ \t]*(?:[Ss]ystem|SYSTEM|[Dd]eveloper)\s+(?:[Pp]rompt|[Mm]essage|[Oo]verride|PROMPT|MESSAGE|OVERRIDE)\b|^[ \t]*(?:SYSTEM|ADMIN)(?:[ \t]+(?:OVERRIDE|MESSAGE|PROMPT))?[ \t]*:/gm,
  },
  {
    id: 'role-reassignment',
    category: 'role-hijack',
    score: 0.65,
    description: 'tries to give the model a new identity or unlocked mode',
    re: /\byou\s+are\s+now\s+(?:DAN|free|unrestricted|unfiltered|jailbroken|in\s+(?:developer|god|debug|admin|unrestricted)\s+mode)\b|\byou\s+are\s+no\s+longer\s+(?:bound|restricted|limited|an?\s+(?:AI|assistant)|Claude)\b|\b(?:developer|DAN|god|jailbreak|unrestricted|debug)\s+mode\s+(?:enabled|activated|on)\b|\bpretend\s+(?:that\s+)?you\s+(?:are|have)\s+no\s+(?:restrictions|rules|limits)/gi,
  },
  {
    id: 'disable-safeguards',
    category: 'guard-bypass',
    score: 0.75,
    description: 'tells the model to turn off permissions, hooks or sandboxing',
    re: /--dangerously-skip-permissions\b|\bbypassPermissions\b|\b(?:disable|turn\s+off|remove|delete|skip|uninstall)\s+(?:the\s+|all\s+|any\s+)?(?:security\s+|safety\s+)?(?:hooks?|guard(?:rails?)?|sandbox(?:ing)?|permission\s+(?:checks?|prompts?)|agentwarden|audit\s+log(?:ging)?)\b/gi,
  },
  {
    id: 'reply-directive',
    category: 'off-task',
    score: 0.5,
    description: 'an instruction about how to shape the reply, typical of text injected into data',
    re: /\b(?:in|to|into|throughout|within|at\s+the\s+(?:end|start|beginning)\s+of|before|after|across|of|with)\s+(?:your|the)\s+(?:response|reply|answer|output|responses|replies|answers)\b|\b(?:your|the)\s+(?:response|reply|answer)(?:'s)?\s+(?:should|must|shall|needs?\s+to)\b|\b(?:respond|reply|answer)\s+(?:only\s+)?(?:in|using|with)\s+(?:French|Spanish|German|Italian|Chinese|Japanese|Russian|Portuguese|emojis?|pig\s+latin|rhymes?|haiku|all\s+caps|uppercase|lowercase)\b/gi,
  },
  {
    id: 'reply-shaping',
    category: 'off-task',
    score: 0.5,
    description: 'an instruction to change the reply, typical of text injected into data',
    re: /\b(?:modify|enhance|augment|provide|format|end|begin|start|structure|phrase|rewrite|finish|conclude|embed|incorporate|integrate|insert|add|remove|include|make|jumble|scramble|misspell|reverse)\b[^\n.]{0,60}\byour\s+(?:response|reply|answer|message|output)s?\b/gi,
  },
  {
    id: 'off-task-request',
    category: 'off-task',
    score: 0.5,
    description: 'a line that is an unrelated task or question slipped into the content',
    re: /^[ \t]*(?:(?:describe|explain|summari[sz]e|break\s+down|provide|compose|write|draft|create|generate|list|name|give|tell\s+me|translate|calculate|solve|recommend|suggest|outline|discuss|compare|define|analy[sz]e|identify|jumble|replace|remove|reverse|scramble|rearrange|misspell|convert|encode|develop)\b[^\n]{5,160}[.!]|(?:what|how|who|why|which|when|where|can|could|is|are|do|does)\b[^\n]{5,150}\?)[ \t]*$/gim,
  },
  {
    id: 'promote-link',
    category: 'off-task',
    score: 0.55,
    description: 'asks to insert a link, ad or phishing lure into the reply',
    re: /\b(?:suggest|recommend|encourage|urge|invite|direct|advise|tell)\s+(?:the\s+)?(?:users?|readers?|them|people|customers)\s+(?:to\s+)?(?:visit|join|download|sign\s+up|click|go\s+to|check\s+out)\b|\b(?:visit|download\s+(?:it\s+)?(?:from|at)|click\s+(?:here|on))\s+(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+\.(?:com|net|org|xyz|io|info|ru|cn)\b/gi,
  },
];

const NEGATION =
  /\b(?:never|don['’]t|do\s+not|avoid|refuse|reject|block|deny|denies|denied|forbid(?:den)?|prohibit(?:ed)?|not\s+allowed|no\s+|warn|detect|flag|such\s+as|e\.g\.|for\s+example|like)\b[^.\n]*$/i;

/** Quoted or negated mentions ("never run `curl … | sh`", 'phrases like "ignore previous instructions"'). */
function isMention(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if ((before === '"' || before === '`' || before === '“' || before === "'") && /["`”']/.test(after))
    return true;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(Math.max(lineStart, start - 120), start);
  if (NEGATION.test(prefix)) return true;
  // Inside an inline code span that a sentence is talking about.
  const ticks = prefix.split('`').length - 1;
  return (
    ticks % 2 === 1 && text.indexOf('`', end) !== -1 && !/\n/.test(text.slice(end, text.indexOf('`', end)))
  );
}

export interface InjectionOptions {
  /** Categories to skip, e.g. ['off-task'] for files whose job is to instruct the model. */
  ignoreCategories?: InjectionCategory[];
}

export function findInjections(text: string, opts: InjectionOptions = {}): InjectionHit[] {
  const hits: InjectionHit[] = [];
  const skip = new Set(opts.ignoreCategories ?? []);
  for (const rule of RULES) {
    if (skip.has(rule.category)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (rule.accept && !rule.accept(m[0], text, m.index)) continue;
      const start = m.index;
      const end = start + m[0].length;
      const score = !rule.literal && isMention(text, start, end) ? rule.score * 0.4 : rule.score;
      hits.push({
        ruleId: rule.id,
        category: rule.category,
        score,
        start,
        end,
        description: rule.description,
      });
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.score - a.score);
}

/** Highest hit score (0 when nothing matched): one number per text, for thresholds and corpora. */
export function injectionScore(text: string, opts: InjectionOptions = {}): number {
  let best = 0;
  for (const hit of findInjections(text, opts)) if (hit.score > best) best = hit.score;
  return best;
}
