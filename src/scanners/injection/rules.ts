/**
 * The detector's explainable layer: each rule is a named regex (test/scanners/injection/redos.test.ts runs
 * every pattern through the recheck ReDoS analyser: none is exponential; the polynomial ones read bounded
 * windows, see RULE_WINDOW) with a score
 * in [0, 1]. Rules scoring below 0.6 are evidence, not verdicts: the model (model.ts) weighs them with the
 * text's n-grams, and checks on instruction files (threshold 0.6) never report them alone.
 *
 * A hit whose match is quoted (`"ignore previous instructions"`) or negated on the same line ("never run curl
 * … | sh") is a mention, not an instruction, and its score is lowered. Rules in the `off-task` category flag
 * instructions about the shape of the model's reply: they are what third-party text injected into an email or
 * web page looks like, but instruction files such as CLAUDE.md legitimately contain them, so checks on
 * instruction files ignore that category.
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
  | 'off-task'
  | 'addressed-to-ai'
  | 'authority'
  | 'data-request'
  | 'tool-call';

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

export interface InjectionRule {
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

const AI_NOUN = String.raw`(?:AI|LLM|assistants?|agents?|models?|bots?|chatbots?|summari[sz]ers?|Claude|Copilot|GPT|ChatGPT|Gemini|KI|IA|automated\s+(?:systems?|tools?|reviewers?)|(?:KI-)?[Aa]ssistent(?:en)?|assistente|asistente|agente)\b`;
/** What an automated reader is doing when addressed ("the agent processing this", "AI reading this page"). */
const AT_WORK = String.raw`(?:reading|processing|handling|summari[sz]ing|reviewing|triaging|parsing|executing|analy[sz]ing|comparing|compiling|sorting|indexing|answering|touching|editing)\b`;
/** Verbs of a task handed to the reader (English, and a few common in French, Spanish, German, Portuguese). */
const AI_TASK_VERB = String.raw`(?:send|forward|e-?mail|upload|post|share|transfer|pay|delete|remove|wipe|run|execute|install|approve|merge|grant|disable|turn\s+off|add|append|change|update|release|reset|export|print|paste|reveal|tell|rate|rank|score|schedule|decline|reject|close|open|download|connect|buy|purchase|subscribe|push|commit|modify|copy|collect|include|reply|respond|move|mark|recommend|describe|write|create|invite|accept|ignore|disregard|forget|save|book|refund|archive|look\s+up|call|use|put|set|give|stop|follow|render|visit|contact|output|must|should|always|never|do\s+not|don['’]t|ignorez|ignora|ignore[sz]?|ignoriere|olvida|oubliez|envoyez|envoie|env[ií]a|reenv[ií]a|envie|schicke|sende|leite|l[öo]sche|dile|borra|supprimez)`;
const AI_ADDRESSEE = String.raw`(?:\b(?:note|message|instructions?|instrucci[oó]n|reminder|request|task|memo|notice|hinweis|nota)\b[^.\n]{0,40}?\b(?:to|for|pour|para|an)\s+(?:the\s+|any\s+|all\s+|an?\s+|l['’]|el\s+|den\s+|o\s+)?(?:[\w-]+\s+){0,2}?${AI_NOUN}|\b${AI_NOUN}\s+(?:\w+\s+){0,2}?${AT_WORK}|\b${AI_NOUN}\s+(?:notes?|instructions?|notice|tasks?)\s*:|\b(?:whoever|whatever|anyone|anything)\s+(?:or\s+\w+\s+)?(?:is\s+)?${AT_WORK}|\bif\s+you\s+are\s+an?\s+(?:AI|LLM|(?:large\s+)?language\s+model|assistant|agent|bot|automated)|(?:^[ \t>*#/-]{0,8}|[.!?;]\s+|@|\(|\[)(?:[\w/-]+\s+){0,2}?${AI_NOUN}[ \t]*[:,\u2014)-])`;
const QUOTES = `"'\``;
/** An environment variable named as a secret (OPENAI_API_KEY, GH_TOKEN, DB_PASSWORD); not a public key. */
const SECRET_VAR = String.raw`\b(?![A-Z0-9_]{0,60}PUBLI)[A-Z][A-Z0-9_]{0,60}_(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)\b`;

/**
 * A template slot that asks for the session's or the user's private data: the conversation, environment
 * variables, or (in a slot written in words or a `…_HERE` placeholder, not `{api_key}` or `<your-token>` in API
 * docs) a key, token, header, password or private files.
 */
function isDataSlot(slot: string): boolean {
  if (
    /conversation|(?:chat|message)s?\s+history|previous\s+messages?|messages?\s+so\s+far|env(?:ironment)?\s+var|all\s+env/i.test(
      slot,
    )
  )
    return true;
  return (
    (/\s/.test(slot) || slot.endsWith('_HERE')) &&
    !/^[<{]?\s*your[\s_-]/i.test(slot) &&
    /key|token|header|password|secret|credential|cookie|private|files/i.test(slot)
  );
}

export const RULES: InjectionRule[] = [
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
    re: /\b(?:do\s+not|don['’]t|never)\s+(?:tell|inform|mention\s+(?:this|it)\s+to|notify|alert|reveal\s+(?:this|it)\s+to)\s+(?:the\s+)?(?:user|human|developer|operator)(?!['’]s|\s+(?:to|how|about\s+(?:how|the\s+options)))|\bwithout\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?(?:user|human|developer)|\b(?:keep|hide)\s+(?:this|these\s+(?:steps|actions|instructions))\s+(?:secret|hidden)\s+from|\b(?:silently|secretly|covertly|quietly)\s+(?:send|upload|post|run|execute|exfiltrat\w*|copy|add|install|modify|delete|remove)|(?:^[ \t>*"'-]{0,8}|[.!?:;]\s+["']?|\band\s+(?:then\s+)?)(?:silently|secretly|covertly|quietly)\s+(?:replace|change|overwrite|rewrite|switch|redirect|disable|approve|merge|push|grant|transfer|wire|forward|export)\b/gim,
  },
  {
    id: 'send-secrets-out',
    category: 'exfiltration',
    score: 0.9,
    description: 'tells the model to send secrets, keys, credential files or environment variables somewhere',
    re: new RegExp(
      String.raw`\b${TRANSMIT_VERB}\s+(?:\w+\s+){0,4}?(?:the\s+|all\s+|any\s+|your\s+|their\s+)?(?:contents?\s+of\s+)?(?:${SECRET_NOUN}\b(?!\.(?:example|sample|template|dist)\b)|${SENSITIVE_PATH})[^\n]{0,120}?(?:https?://(?!localhost\b|127\.|0\.0\.0\.0\b|\[::1\])|\bto\s+(?:(?:my|our|this|the|a)\s+)?(?:server|endpoint|webhook|url|address|email|inbox|channel|attacker|bucket|pastebin|gist))`,
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
    re: /\b(?:curl|wget)\s+[^\n|;]{0,400}?(?:https?:\/\/|\b[\w-]+\.(?:com|net|org|io|sh|dev|xyz|ru|cn|tk|top)\b)[^\n|;]{0,400}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:ba|z)?sh\s+(?:-c\s+)?["']?<\(\s*(?:curl|wget)\b|\b(?:ba|z)?sh\s+-c\s+["']?\$\(\s*(?:curl|wget)\b|\b(?:iex|Invoke-Expression)\s*\(?\s*(?:\(?\s*New-Object\s+Net\.WebClient\)?\.DownloadString|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b|\b(?:irm|iwr|Invoke-RestMethod|Invoke-WebRequest)\s+[^\n|;]{0,400}?https?:\/\/[^\n|;]{0,400}\|\s*(?:iex|Invoke-Expression)\b/gi,
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
    // U+200D between emoji is legitimate (ZWJ sequences); only ZWJ touching a letter counts. U+200C after an
    // Arabic-script or Indic letter is spelling (Persian می‌خواند, Hindi and Bengali conjuncts), not hiding.
    re: /[\u200B\u2060\u180E]+|(?<![\u0600-\u06FF\u0750-\u077F\u0900-\u0DFF\uFB50-\uFDFF\uFE70-\uFEFC])\u200C+|(?<=[A-Za-z0-9])\u200D|\u200D(?=[A-Za-z0-9])|(?<!^)\uFEFF/g,
    literal: true,
    // A character alone in quotes (`case "\u200C":` in a parser) is code naming it, not hidden text.
    accept: (m, text, start) =>
      !(QUOTES.includes(text.charAt(start - 1)) && QUOTES.includes(text.charAt(start + m.length))),
  },
  {
    id: 'interleaved-zero-width',
    category: 'hidden-text',
    score: 0.9,
    description:
      'text with a zero-width character after every letter, which hides it from filters and search',
    re: /(?:[\x21-\x7E ](?:\u200B|\u200C|\u200D|\u2060|\u180E)){12,}/g,
    literal: true,
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
    id: 'memory-poisoning',
    category: 'role-hijack',
    score: 0.55,
    description: "asks the model to store an instruction or 'fact' in its memory for later sessions",
    re: /\b(?:save|store|add|write|record|note|put|persist|keep)\b[^.\n]{0,40}?\b(?:(?:to|in|into)\s+(?:your\s+)?(?:long[- ]term\s+|persistent\s+|permanent\s+)?(?:memory|memories|memory\s+file|MEMORY\.md|CLAUDE\.md)|(?:for|in|across)\s+(?:all\s+|every\s+)?(?:future|later|subsequent)\s+(?:sessions?|conversations?|chats?))\b|\bremember\s+(?:permanently|for\s+(?:all\s+|every\s+)?future|across\s+(?:sessions|conversations))\b|\b(?:permanent|persistent)\s+(?:rule|preference|instruction)\s*:/gi,
  },
  {
    id: 'settings-tampering',
    category: 'guard-bypass',
    score: 0.4,
    description: "changes the agent's permissions, hooks, shell profile or trusted servers",
    re: /\b(?:add|set|change|edit|update|modify|append|register|enable|turn\s+on)\b[^.\n]{0,60}?(?:permissions\.allow|\ballow\s*list\b|settings\.json|\.bashrc|\.zshrc|\.profile\b|\bcrontab\b|\bauto-?approve|\bdefaultMode\b|enableAllProjectMcpServers|\bgit\s+remote\b|\.npmrc\b|\bMCP\s+server\b)|\b(?:turn\s+off|disable|skip)\s+(?:the\s+|all\s+)?(?:approval|confirmation)\s+(?:prompts?|steps?|checks?)\b/gi,
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
  {
    id: 'markdown-exfiltration-link',
    category: 'exfiltration',
    score: 0.85,
    description:
      'a markdown image or link whose URL query carries data or a placeholder to fill (rendering it sends the data)',
    // Query value: a template slot ({x}, $X, <x>, [x]) or a long opaque run.
    re: /!?\[[^\]\n]{0,200}\]\(\s*https?:\/\/[^\s)?]{1,200}\?[^\s)]{0,300}?=(?:[^\s)&]{0,40}(?:\{[^}\s]{1,40}\}|\$[A-Z_]{2,}|%7B|<[^>\s]{1,40}>|\[[A-Z_]{2,40}\])|[A-Za-z0-9+/_%-]{40,})/g,
  },
  {
    id: 'secret-into-reply',
    category: 'exfiltration',
    score: 0.9,
    description:
      'tells the reader to put a credential file or a secret environment variable into a reply, comment, thread or message',
    re: new RegExp(
      String.raw`\b(?:paste|post|attach|include|put|append|leave|share|reply\s+(?:[^\n]{0,40}?\s)?with)\s+[^\n]{0,60}?(?:${SENSITIVE_PATH}|${SECRET_VAR})[^\n]{0,80}?\b(?:in|into|as|to|under)\s+(?:(?:a|an|the|this|that|your|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:reply|answer|response|comments?|thread|description|issue|message|summary|chat|conversation|output)\b|\breply\s+(?:to\s+[^\n]{0,40}?)?with\s+(?:the\s+)?(?:value|contents?)\s+of\s+(?:the\s+)?(?:${SENSITIVE_PATH}|${SECRET_VAR})`,
      'gi',
    ),
  },
  {
    id: 'data-slot-url',
    category: 'exfiltration',
    score: 0.85,
    description:
      'a URL or request header with a slot to fill with the conversation, environment variables or secrets (filling it in sends them)',
    re: /(?:\bhttps?:\/\/[^\s<>{}()"'`\]]{1,200}|\bX-[\w-]{1,40}:\s*)(?:<[^<>\n]{3,80}>|\{[^{}\n]{3,80}\}|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,8}_HERE\b)/g,
    accept: (match) => isDataSlot(/(?:<[^<>]+>|\{[^{}]+\}|[A-Z][A-Z0-9_]*_HERE)$/.exec(match)?.[0] ?? ''),
  },
  {
    id: 'addressed-to-ai',
    category: 'addressed-to-ai',
    score: 0.45,
    description: 'text addressed to an AI assistant, agent or model rather than to a human reader',
    re: /\b(?:(?:note|message|instructions?|attention|reminder|memo)\s+(?:to|for)\s+(?:any\s+|the\s+|all\s+)?(?:AI|LLM|assistants?|agents?|models?|bots?|chatbots?|language\s+models?|Claude|GPT|ChatGPT|Copilot|Gemini)|(?:dear|hey|hi|hello|attention|attn:?)\s+(?:AI|LLM|assistant|agent|model|bot|chatbot|Claude|GPT|ChatGPT|Copilot|Gemini)\b|if\s+you\s+are\s+(?:an?\s+)?(?:AI|LLM|large\s+language\s+model|language\s+model|assistant|automated\s+agent|agent|bot|chatbot)\b|(?:any|all|every)\s+(?:AI|LLM|automated)\s+(?:assistants?|agents?|models?|systems?|tools?)\s+(?:reading|processing|parsing|summari[sz]ing|that\s+reads?)|(?:AI|LLM)\s+(?:assistants?|agents?|models?)\s*(?:reading|processing)\s+this|^[ \t>*-]{0,6}(?:AI|Assistant|Agent|Claude|GPT|ChatGPT|Copilot|Bot)\s*[,:])/gim,
  },
  {
    id: 'instruction-to-ai',
    category: 'addressed-to-ai',
    score: 0.7,
    description:
      'an instruction addressed to the AI reading the text (the assistant, agent or model processing it)',
    re: new RegExp(String.raw`${AI_ADDRESSEE}[^\n]{0,160}?\b${AI_TASK_VERB}\b`, 'gim'),
  },
  {
    id: 'soft-override',
    category: 'override',
    score: 0.45,
    description: 'phrasing that sets aside the current task or the user in favour of new instructions',
    re: /\b(?:instead\s+of\s+(?:summari[sz]ing|answering|translating|doing|completing|following|responding)|(?:forget|disregard|ignore|drop|abandon|set\s+aside)\s+(?:everything|anything|all|whatever)\s+(?:above|before|else|previous|prior|you\s+(?:were|have\s+been)\s+told)|(?:forget|disregard|ignore)\s+(?:the|your|that|this|those|these)\s+(?:above|earlier|original|current|previous|user['’]?s?)\s+(?:task|request|question|text|content|message|email|document)|(?:your|the)\s+(?:real|actual|true|new|updated|revised)\s+(?:task|instructions?|objective|goal|assignment|job)\s+(?:is|are|will\s+be)|(?:do\s+not|don['’]t)\s+(?:summari[sz]e|translate|answer|follow)\s+(?:this|the)\s+(?:email|document|page|text|user|request)|stop\s+(?:what\s+you\s+are\s+doing|summari[sz]ing|the\s+current\s+task)|override\s+(?:the\s+)?(?:user|task|request))\b/gi,
  },
  {
    id: 'role-change',
    category: 'role-hijack',
    score: 0.4,
    description: 'asks the model to adopt a different role or persona',
    re: /\b(?:you\s+are\s+now\s+(?:an?\s+|the\s+|my\s+)?(?!in\s+the\s+|ready|done|able|set|logged|connected|on\s)\w+|(?:act|behave|respond|operate)\s+as\s+(?:if\s+you\s+(?:were|are)\s+)?(?:an?\s+|the\s+|my\s+)?(?:unrestricted|unfiltered|different|new|evil|hacker|system|administrator|admin|root|developer|DAN)\b|pretend\s+(?:to\s+be|you\s+are|that\s+you)|switch\s+(?:to|into)\s+(?:\w+\s+)?mode\b|enter\s+(?:developer|admin|maintenance|debug|god|unrestricted)\s+mode|assume\s+the\s+(?:role|identity|persona)\s+of)/gi,
  },
  {
    id: 'secret-request',
    category: 'data-request',
    score: 0.45,
    description: 'asks for credentials, keys, environment variables, the system prompt or private data',
    re: /\b(?:print|show|display|list|output|give|tell|share|provide|include|attach|reveal|return|collect|gather|find|look\s+up|retrieve|fetch|read|extract|copy|dump)\s+(?:me\s+|us\s+)?(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|their\s+|his\s+|her\s+|its\s+|this\s+)?(?:user['’]?s?\s+|current\s+|full\s+|stored\s+|saved\s+|complete\s+|recent\s+|private\s+|internal\s+|hidden\s+)?(?:api[ _-]?keys?|access[ _-]?keys?|secret[ _-]?keys?|credentials?|passwords?|passphrases?|tokens?|auth(?:entication|orization)?\s+(?:headers?|tokens?)|cookies|session\s+(?:ids?|cookies?|tokens?)|environment\s+variables|env\s+vars?|\.env\b|ssh\s+keys?|private\s+keys?|system\s+prompt|(?:initial|hidden|original)\s+instructions|conversation\s+history|chat\s+history|previous\s+messages|credit\s+card\s+(?:numbers?|details)|card\s+numbers?|bank\s+(?:details|account\s+numbers?)|social\s+security\s+numbers?|home\s+address|phone\s+numbers?|contacts?\s+list|inbox|emails?)\b/gi,
  },
  {
    id: 'send-data',
    category: 'exfiltration',
    score: 0.45,
    description: 'tells the reader to send, upload, post or email data to an address or URL',
    re: /\b(?:send|e-?mail|forward|upload|post|transmit|submit|report|relay|share|cc|bcc|deliver|mail)\s+(?:\w+\s+){0,6}?(?:to|at|into|via)\s+(?:(?:this|the\s+following|our|my)\s+(?:address|url|link|endpoint|email|webhook|server|form|inbox)\s*:?\s*)?(?:https?:\/\/\S|[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,}|(?:our|my|this|the\s+following)\s+(?:webhook|endpoint|server|form|address|inbox|url)\b)/gi,
  },
  {
    id: 'tool-call-syntax',
    category: 'tool-call',
    score: 0.55,
    description: 'text shaped like an agent tool call or function-call message',
    re: /<\/?(?:tool_call|tool_use|function_calls?|invoke|tool_result|function_results?)\b[^>\n]{0,200}>|<\|(?:tool_call|tool|function|im_start|im_end|start_header_id|eot_id)\|>|"(?:tool_name|function_call|tool_calls|tool_use)"\s*:|\{\s*"(?:name|tool|function)"\s*:\s*"(?:bash|shell|exec|execute|run_command|run_shell_command|terminal|send_email|send_message|http_request|fetch|web_fetch|write_file|read_file|delete_file|computer)"|\b(?:functions|tools)\.(?:bash|shell|exec|execute|run|send_email|send_message|write_file|read_file|fetch|browser)\s*\(/gi,
  },
  {
    id: 'urgency-authority',
    category: 'authority',
    score: 0.35,
    description: 'urgency or authority framing used to push an instruction past review',
    re: /\b(?:(?:URGENT|IMPORTANT|CRITICAL|MANDATORY|PRIORITY|ATTENTION|WARNING|NOTICE)\s*(?:[:!]|-{1,2}\s)\s*(?:SYSTEM|ADMIN|SECURITY|AI|ASSISTANT|AGENT|NEW|UPDATED)|(?:this|the\s+following)\s+(?:is|are)\s+(?:an?\s+)?(?:official|authorized|mandatory|required|priority|high[- ]priority)\s+(?:instructions?|requests?|directives?|orders?|updates?|messages?)|(?:message|instructions?|request|directive|update|notice)\s+from\s+(?:the\s+|your\s+)?(?:system\s+administrator|sysadmin|administrator|admin\s+team|security\s+team|IT\s+(?:department|team)|developers?|OpenAI|Anthropic|CEO|management)|(?:authorized|approved|mandated|required)\s+by\s+(?:the\s+)?(?:system\s+administrator|administrator|security\s+team|IT\s+department|management|CEO|compliance)|(?:failure|refusal)\s+to\s+(?:comply|do\s+so|follow)|(?:[Ii]mmediately|right\s+now|without\s+delay|without\s+(?:asking|confirmation|confirming|question))\b)/g,
  },
];

const NEGATION =
  /\b(?:never|don['’]t|do\s+not|avoid|refuse|reject|block|deny|denies|denied|forbid(?:den)?|prohibit(?:ed)?|not\s+allowed|no\s+|warn|detect|flag|such\s+as|e\.g\.|for\s+example|like)\b[^.\n]*$/i;

/** "Execute `…`", "run: `…`": the code span is the instruction. */
const RUN_BEFORE_CODE =
  /\b(?:run|execute|exec|type|paste|enter)(?:\s+(?:this|the\s+following|the\s+command))?\s*:?\s*$/i;

/** Quoted or negated mentions ("never run `curl … | sh`", 'phrases like "ignore previous instructions"'). */
export function isMention(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if ((before === '"' || before === '`' || before === '“' || before === "'") && /["`”']/.test(after))
    return true;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(Math.max(lineStart, start - 120), start);
  if (NEGATION.test(prefix)) return true;
  // Inside an inline code span that a sentence is talking about, not one it tells the reader to run.
  const ticks = prefix.split('`').length - 1;
  const close = text.indexOf('`', end);
  if (ticks % 2 === 0 || close === -1 || /\n/.test(text.slice(end, close))) return false;
  return !RUN_BEFORE_CODE.test(prefix.slice(0, prefix.lastIndexOf('`')));
}

/** Fences anywhere: at a line start, after a comment marker (` * ```), or inline in a chat line. */
const FENCE = /```|~~~/g;
/** What introduces a quoted example: the text before a fence says it shows, blocks or tests an attack. */
const EXAMPLE_INTRO =
  /\b(?:for\s+example|e\.g\.|such\s+as|like\s+this|looks\s+like|for\s+instance|example|payloads?|attack(?:er|s)?|injections?|jailbreaks?|malicious|(?:we|it|filter|scanner|gateway|rule)\s+(?:blocks?|flags?|detects?|rejects?|catches)|test\s+cases?|fixture)\b/i;

/** A block that opens as a test or a payload list (`# test_injection.py`, `PAYLOADS = [`). */
const TEST_BLOCK_START = /payloads?\s*[=:]|\btest_\w+|\bdef\s+test|\bdescribe\(|\bfixtures?\b/i;

/**
 * Fenced code blocks that a document presents as an example of an attack (the text just before the opening
 * fence says so): [start, end) of each. What they contain is quoted, like a string in quotes.
 */
export function exampleBlocks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (text.indexOf('```') === -1 && text.indexOf('~~~') === -1) return out;
  FENCE.lastIndex = 0;
  let open = -1;
  for (let m = FENCE.exec(text); m; m = FENCE.exec(text)) {
    if (open < 0) open = m.index;
    else {
      // The intro before the fence, or the block's own first line(s): `# test_injection.py`, `PAYLOADS = [`.
      if (
        EXAMPLE_INTRO.test(text.slice(Math.max(0, open - 200), open)) ||
        TEST_BLOCK_START.test(text.slice(open, Math.min(m.index, open + 80)))
      )
        out.push([open, m.index]);
      open = -1;
    }
  }
  // A fence still open at the end: the detector scores paragraphs, and a blank line inside a block cuts it.
  if (open >= 0 && EXAMPLE_INTRO.test(text.slice(Math.max(0, open - 200), Math.min(text.length, open + 80))))
    out.push([open, text.length]);
  return out;
}

export interface RuleScanOptions {
  /** Categories to skip, e.g. ['off-task'] for files whose job is to instruct the model. */
  ignoreCategories?: readonly InjectionCategory[];
  /** Only the rules that look for hidden characters (they read the text before normalisation). */
  literalOnly?: boolean;
}

/**
 * Rules read text in windows of at most this many characters: several rules are polynomial in the worst case
 * (recheck finds no exponential one), and a window bounds what a crafted megabyte can cost to a constant per
 * character. A match starting in a window's last RULE_LOOKAHEAD characters is taken from the next one.
 */
export const RULE_WINDOW = 8192;
export const RULE_LOOKAHEAD = 2048;
/** Characters before a window's own part, so `\b` and look-behinds see what precedes it. */
const RULE_LOOKBEHIND = 64;

/** [start, end, own]: the window read, and the end of the part whose matches it owns. */
export function ruleWindows(length: number): Array<[number, number, number]> {
  if (length <= RULE_WINDOW) return [[0, length, length]];
  const step = RULE_WINDOW - RULE_LOOKAHEAD - RULE_LOOKBEHIND;
  const out: Array<[number, number, number]> = [];
  for (let own = 0; own < length; own += step) {
    const start = Math.max(0, own - RULE_LOOKBEHIND);
    const end = Math.min(length, start + RULE_WINDOW);
    out.push([start, end, end === length ? length : own + step]);
  }
  return out;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Every rule's hits in `text`, sorted by offset, mentions damped. */
export function findRuleHits(text: string, opts: RuleScanOptions = {}): InjectionHit[] {
  const hits: InjectionHit[] = [];
  const skip = new Set(opts.ignoreCategories ?? []);
  const windows = ruleWindows(text.length);
  const examples = exampleBlocks(text);
  // The literal rules look for invisible non-ASCII characters: plain ASCII text cannot hold one.
  const asciiOnly = !NON_ASCII.test(text);
  const quoted = (start: number) => examples.some(([a, b]) => start > a && start < b);
  for (const rule of RULES) {
    if (skip.has(rule.category) || (opts.literalOnly && !rule.literal) || (rule.literal && asciiOnly))
      continue;
    for (const [from, to, own] of windows) {
      const piece = from === 0 && to === text.length ? text : text.slice(from, to);
      const ownStart = from === 0 ? 0 : Math.min(from + RULE_LOOKBEHIND, own);
      rule.re.lastIndex = ownStart - from;
      for (let m = rule.re.exec(piece); m; m = rule.re.exec(piece)) {
        if (m[0].length === 0) {
          rule.re.lastIndex++;
          continue;
        }
        const start = from + m.index;
        if (start >= own) break;
        if (rule.accept && !rule.accept(m[0], text, start)) continue;
        const end = start + m[0].length;
        const score =
          !rule.literal && (isMention(text, start, end) || quoted(start)) ? rule.score * 0.4 : rule.score;
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
  }
  return hits.sort((a, b) => a.start - b.start || b.score - a.score);
}
