/**
 * Built-in secret detector. Pure regex, no dependencies: it also runs inside the guard hook and the
 * activity log's redaction, so it must stay fast. Each rule names literal keywords; a rule's regex only
 * runs when one of its keywords occurs in the text (an indexOf scan), which keeps ordinary source text
 * cheap to scan.
 *
 * Tuned on data/secrets.jsonl (agentwarden shared data, 1387 rows, gitleaks@b58d3f102 + secretlint@18346ba31
 * fixtures + generated negatives), tuning half = rows whose sha256(id) starts with an even byte;
 * `node bench/secrets-detector.mjs` prints precision/recall on both halves and throughput.
 */
export interface SecretHit {
  ruleId: string;
  /** Offsets of the secret value itself inside the scanned text. */
  start: number;
  end: number;
}

interface SecretRule {
  id: string;
  re: RegExp;
  /** The regex only runs if one of these occurs (in any case when `anyCase`). */
  keywords: string[];
  anyCase?: boolean;
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
  /** Extra test on the captured value (and the whole match); false drops the hit. */
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

const asciiCounts = new Uint32Array(128);

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  // Hot path (every candidate value): ASCII counted in a reused array, no allocation.
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) {
      asciiCounts.fill(0);
      return entropyOfCodePoints(s);
    }
    asciiCounts[c] = (asciiCounts[c] ?? 0) + 1;
  }
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const count = asciiCounts[c] ?? 0;
    if (count === 0) continue;
    const p = count / n;
    bits -= p * Math.log2(p);
    asciiCounts[c] = 0;
  }
  return bits;
}

function entropyOfCodePoints(s: string): number {
  const chars = [...s];
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Masked or templated values people put in docs and examples: `ghp_xxxx…`, `AIzaaaaa…`, `####`. */
function hasPlaceholderRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    run = c === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 10) return true;
    if (run >= 6 && (c === 0x78 || c === 0x58)) return true; // x X
    if (run >= 4 && (c === 0x23 || c === 0x2a || c === 0x2e)) return true; // # * .
  }
  return false;
}

const PLACEHOLDER_WORD = /example|placeholder|here$|^your|[<>]|\$\{|\{\{/i;

function notPlaceholder(value: string): boolean {
  return !hasPlaceholderRun(value) && !PLACEHOLDER_WORD.test(value);
}

/** Version strings, dotted names and plain or CamelCase words are what generic assignments hold when benign. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = '(?:[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)';
const WORDISH = new RegExp(`^${WORD}(?:[-_.:/ ]${WORD})*$`);
const TEMPLATE_VALUE = /^(?:\$\{?[A-Za-z_]|%[A-Za-z_(]|\{\{|<)|^(?:true|false|null|none|undefined)$/i;
/** Names that hold an id, a name or a path of a secret rather than the secret itself. */
const NOT_SECRET_NAME =
  /(?:id|name|file|path|url|uri|type|length|size|count|len|prefix|header|field|env|ref)$/i;

function genericValueLooksSecret(value: string, name: string): boolean {
  if (NOT_SECRET_NAME.test(name) || !notPlaceholder(value) || TEMPLATE_VALUE.test(value)) return false;
  if (WORDISH.test(value) || /^\d+(?:\.\d+)+(?:[-.][\w.]+)?$/.test(value)) return false;
  // Code, not a value: `token = scanner.getToken()`, `key: NodeJS.ArrayBufferView`.
  if (/^[_$]?[A-Za-z]+(?:\.[_$]?[A-Za-z]+)+$/.test(value)) return false;
  // UUIDs are real credentials when the name says token/key (Heroku, Snyk), never for `…Id` names.
  if (UUID.test(value)) return true;
  if (/^[0-9]+$/.test(value)) return value.length >= 16 && entropy(value) >= 2.8;
  if (/^[a-f0-9]+$/i.test(value)) return value.length >= 16 && /[a-f]/i.test(value) && entropy(value) >= 2.7;
  if (!/[0-9]/.test(value)) return entropy(value) >= 3.5;
  return entropy(value) >= 3.0;
}

const SECRET_NAME =
  'api[_.-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|auth[_-]?key|credential|private[_-]?key|access[_-]?key|client[_-]?secret';

/** Tokens recognisable by a fixed prefix: [rule id, prefix keyword, pattern]. Patterns follow gitleaks. */
const PREFIXED_TOKENS: [string, string, string][] = [
  ['sourcegraph-token', 'sgp_', 'sgp_(?:local_)?[A-Fa-f0-9_]{40,}'],
  ['brevo-api-key', 'xkeysib-', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'],
  ['notion-token', 'ntn_', 'ntn_[0-9]{11}[A-Za-z0-9]{32,}'],
  ['digitalocean-token', '_v1_', 'do[opr]_v1_[a-f0-9]{64}'],
  ['tailscale-key', 'tskey-', 'tskey-[a-z]+-[A-Za-z0-9]{8,}-[A-Za-z0-9]{16,}'],
  ['shopify-token', 'shp', 'shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}'],
  ['shippo-token', 'shippo_', 'shippo_(?:live|test)_[a-f0-9]{40}'],
  ['planetscale-token', 'pscale_', 'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}'],
  ['age-secret-key', 'AGE-SECRET-KEY-', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'],
  ['dynatrace-token', 'dt0c01.', 'dt0c01\\.[A-Z0-9]{24}\\.[A-Za-z0-9]{64}'],
  ['new-relic-key', 'NR', 'NR(?:AK-[A-Z0-9]{27}|JS-[a-f0-9]{19})'],
  ['flutterwave-secret-key', 'FLWSECK', 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X'],
  ['settlemint-token', 'sm_aat_', 'sm_aat_[A-Za-z0-9]{16}'],
  ['1password-secret-key', 'ops_eyJ', 'ops_eyJ[A-Za-z0-9+/]{250,}'],
  ['artifactory-api-key', 'AKCp', 'AKCp[A-Za-z0-9]{69}'],
  ['databricks-token', 'dapi', 'dapi[a-h0-9]{32}'],
  ['grafana-token', 'gl', 'gl(?:c_[A-Za-z0-9+/]{32,}={0,2}|sa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})'],
  ['linear-api-key', 'lin_api_', 'lin_api_[A-Za-z0-9]{40}'],
  ['rubygems-token', 'rubygems_', 'rubygems_[a-f0-9]{48}'],
  ['docker-hub-token', 'dckr_pat_', 'dckr_pat_[A-Za-z0-9_-]{27}'],
  ['doppler-token', 'dp.pt.', 'dp\\.pt\\.[A-Za-z0-9]{43}'],
  ['harness-token', 'at.', '(?:pat|sat)\\.[A-Za-z0-9]{22}\\.[A-Za-z0-9]{24,32}\\.[A-Za-z0-9]{20,32}'],
  ['figma-token', 'figd_', 'figd_[A-Za-z0-9_-]{40}'],
  ['postman-api-key', 'PMAK-', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'],
  ['atlassian-api-token', 'ATATT', 'ATATT3[A-Za-z0-9_=-]{180,}'],
  ['sentry-token', 'sntrys_', 'sntrys_eyJ[A-Za-z0-9+/=_-]{50,}'],
  ['vercel-token', 'vc', 'vc[pikra]_[A-Za-z0-9]{40,}'],
  ['pulumi-token', 'pul-', 'pul-[a-f0-9]{40}'],
  ['readme-api-key', 'rdme_', 'rdme_[a-z0-9]{70}'],
  ['vault-token', 'hvs.', 'hvs\\.[A-Za-z0-9_-]{90,}'],
  ['facebook-access-token', 'EAA', 'EAA[A-Za-z0-9]{88,}'],
];

function prefixedTokenRules(): SecretRule[] {
  return PREFIXED_TOKENS.map(([id, keyword, pattern]) => ({
    id,
    keywords: [keyword],
    re: new RegExp(`\\b${pattern}`, 'g'),
    accept: notPlaceholder,
  }));
}

const RULES: SecretRule[] = [
  {
    id: 'anthropic-api-key',
    keywords: ['sk-ant-'],
    re: /\bsk-ant-(?:api|admin|oat|ort)\d{2}-[A-Za-z0-9_-]{20,}/g,
    accept: notPlaceholder,
  },
  {
    id: 'openai-api-key',
    keywords: ['T3BlbkFJ'],
    re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
  },
  {
    id: 'openai-api-key',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g,
    accept: notPlaceholder,
  },
  {
    id: 'aws-access-key-id',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    accept: notPlaceholder,
  },
  {
    id: 'aws-secret-access-key',
    keywords: ['aws'],
    anyCase: true,
    re: /aws[A-Za-z0-9_.-]{0,20}(?:secret|sk)[A-Za-z0-9_.-]{0,20}["']?\s*(?::=|=>|[:=])\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    accept: (v) => notPlaceholder(v) && entropy(v) > 3.5,
  },
  {
    id: 'github-token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
    accept: notPlaceholder,
  },
  {
    id: 'github-fine-grained-token',
    keywords: ['github_pat_'],
    re: /\bgithub_pat_[A-Za-z0-9_]{60,}\b/g,
    accept: notPlaceholder,
  },
  {
    id: 'gitlab-token',
    keywords: ['glpat-', 'glptt-', 'glagent-', 'gldt-', 'glrt-', 'glsoat-', 'glcbt-', 'glffct-', 'glimt-'],
    re: /\bgl(?:pat|ptt|agent|dt|rt|soat|cbt|ffct|imt)-[A-Za-z0-9_-]{20,}/g,
    accept: notPlaceholder,
  },
  {
    id: 'slack-token',
    keywords: ['xox'],
    re: /\bxox[abposre]-(?:\d+-)*\d{8,}-[A-Za-z0-9-]{8,}|\bxoxe\.xox[bp]-\d-[A-Za-z0-9]{40,}/g,
    accept: notPlaceholder,
  },
  {
    id: 'slack-webhook',
    keywords: ['hooks.slack.com/'],
    re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,}/g,
    accept: notPlaceholder,
  },
  {
    id: 'stripe-secret-key',
    keywords: ['_live_', '_test_'],
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}\b/g,
    accept: notPlaceholder,
  },
  {
    id: 'google-api-key',
    keywords: ['AIza'],
    re: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    accept: notPlaceholder,
  },
  { id: 'huggingface-token', keywords: ['hf_'], re: /\bhf_[A-Za-z0-9]{30,}\b/g, accept: notPlaceholder },
  { id: 'npm-token', keywords: ['npm_'], re: /\bnpm_[A-Za-z0-9]{36}\b/g, accept: notPlaceholder },
  { id: 'pypi-token', keywords: ['pypi-AgE'], re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { id: 'telegram-bot-token', keywords: [':AA'], re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  {
    id: 'sendgrid-api-key',
    keywords: ['SG.'],
    re: /\bSG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50}/g,
  },
  ...prefixedTokenRules(),
  {
    id: 'azure-client-secret',
    keywords: ['Q~'],
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  },
  {
    id: 'private-key',
    keywords: ['PRIVATE KEY'],
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[^-\n]*-----|$)/g,
    // A header with a real key body, not `-----BEGIN PRIVATE KEY-----\n...\n-----END…` in docs.
    accept: (v) => /[A-Za-z0-9+/]{40}/.test(v),
  },
  {
    id: 'jwt',
    keywords: ['eyJ'],
    re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    id: 'url-credentials',
    keywords: ['://'],
    re: /:\/\/([^\s:/@"'`<>]+):([^\s@/"'`<>]{3,})@([\w.-]*)/g,
    group: 2,
    // Hosts reserved for documentation (RFC 2606) carry sample credentials, not real ones; a password that
    // repeats the user name (postgres:postgres, root:root) is a well-known local default, not a secret.
    accept: (v, m) =>
      notPlaceholder(v) &&
      !/^(?:pass(?:word)?|secret|pwd|\*+)$/i.test(v) &&
      v !== m[1] &&
      !/^(?:[\w-]+\.)*example(?:\.(?:com|org|net))?$/i.test(m[3] ?? ''),
  },
  {
    id: 'authorization-header',
    keywords: ['authorization', 'token:', 'x-api-key', 'api-key:'],
    anyCase: true,
    // A closing quote may stand between the name and its colon (`"Authorization": "Bearer …"` in JSON).
    re: /\b(?:authorization["']?\s*:\s*["']?(?:bearer|basic|token)|(?:x-)?api-key["']?\s*:|token["']?\s*:)\s*["']?([A-Za-z0-9_~+/.=-]{12,})/gi,
    group: 1,
    accept: (v) => notPlaceholder(v) && !TEMPLATE_VALUE.test(v) && entropy(v) >= 3,
  },
  {
    id: 'cli-password-argument',
    keywords: ['-u', '--user'],
    re: /(?:^|\s)(?:-u|--user)\s+["']?[^\s:"'{}]+:["']?([^\s"'@]{6,})/g,
    group: 1,
    accept: (v) => notPlaceholder(v) && !TEMPLATE_VALUE.test(v) && !/^pass(?:word)?$/i.test(v),
  },
  {
    id: 'generic-secret-assignment',
    keywords: ['key', 'secret', 'token', 'pass', 'pwd', 'credential'],
    anyCase: true,
    re: new RegExp(
      `((?:${SECRET_NAME})[A-Za-z0-9_-]*)["']?\\s*(?::=|=>|[:=])\\s*[\`"']?([A-Za-z0-9_\\-+/=.~!@$%^&*|]{12,})`,
      'gi',
    ),
    group: 2,
    accept: (value, match) => genericValueLooksSecret(value, match[1] ?? ''),
  },
];

/**
 * Rules that match a token by its own shape (case-sensitive, whole match, starting at a word boundary) are
 * merged into one alternation so ordinary text is scanned once for all of them; a capture group around each
 * alternative says which rule matched.
 */
const isShapeRule = (r: SecretRule) => !r.anyCase && r.group === undefined && r.re.source.startsWith('\\b');
const SHAPE_RULES = RULES.filter(isShapeRule);
const SHAPE_SCAN = new RegExp(`\\b(?:${SHAPE_RULES.map((r) => `(${r.re.source.slice(2)})`).join('|')})`, 'g');
/** Capture group number of each shape rule's alternative (a rule may hold groups of its own). */
const SHAPE_GROUPS = groupNumbers(SHAPE_RULES);

function groupNumbers(rules: SecretRule[]): number[] {
  const out: number[] = [];
  let next = 1;
  for (const r of rules) {
    out.push(next);
    next += 1 + ((new RegExp(`${r.re.source}|`).exec('')?.length ?? 1) - 1);
  }
  return out;
}

/**
 * Context rules capture the secret in a group; the `d` flag gives that group's own offsets (a search for the
 * value inside the match finds the user name first in `postgres://pw:pw@host`, and masks the wrong part).
 */
const CONTEXT_RULES = RULES.filter((r) => !isShapeRule(r)).map((r) =>
  r.group === undefined || r.re.flags.includes('d')
    ? r
    : { ...r, re: new RegExp(r.re.source, `${r.re.flags}d`) },
);

/** Context rules are gated by their keywords; case-insensitive ones by one regex test. */
const keywordTests = new Map<SecretRule, RegExp>(
  CONTEXT_RULES.filter((r) => r.anyCase).map((r) => [
    r,
    new RegExp(r.keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i'),
  ]),
);

function hasKeyword(rule: SecretRule, text: string): boolean {
  const test = keywordTests.get(rule);
  if (test) return test.test(text);
  for (const k of rule.keywords) if (text.includes(k)) return true;
  return false;
}

/** Drops quotes and punctuation a greedy value pattern swallowed from the surrounding code. */
function trimTrailingPunctuation(value: string): string {
  let end = value.length;
  while (end > 0 && '"\'`,;)'.includes(value.charAt(end - 1))) end--;
  return end === value.length ? value : value.slice(0, end);
}

export interface FindSecretsOptions {
  /**
   * Also return provider-shaped tokens that look like placeholders (`sk-ant-api03-XXXXXXXX…`). Redaction
   * wants this: masking a placeholder costs nothing, missing a real key that happens to contain a run of
   * repeated characters leaks it. Reporting a finding does not: placeholders in docs are not leaks.
   */
  includePlaceholders?: boolean;
}

function addHit(hits: SecretHit[], rule: SecretRule, m: RegExpExecArray, opts: FindSecretsOptions): void {
  const value = m[rule.group ?? 0];
  if (!value) return;
  const cleaned = trimTrailingPunctuation(value);
  const skipAccept = opts.includePlaceholders && rule.accept === notPlaceholder;
  if (rule.accept && !skipAccept && !rule.accept(cleaned, m)) return;
  const start = m.indices?.[rule.group ?? 0]?.[0] ?? m.index + m[0].indexOf(value);
  hits.push({ ruleId: rule.id, start, end: start + cleaned.length });
}

export function findSecrets(text: string, opts: FindSecretsOptions = {}): SecretHit[] {
  const hits: SecretHit[] = [];
  SHAPE_SCAN.lastIndex = 0;
  for (let m = SHAPE_SCAN.exec(text); m; m = SHAPE_SCAN.exec(text)) {
    const at = SHAPE_GROUPS.findIndex((g) => m?.[g] !== undefined);
    const rule = SHAPE_RULES[at];
    if (rule) addHit(hits, rule, m, opts);
  }
  for (const rule of CONTEXT_RULES) {
    if (!hasKeyword(rule, text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) addHit(hits, rule, m, opts);
  }
  if (hits.length < 2) return hits;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlapping hits merge into the first one, so a secret is masked once and in full.
  const out: SecretHit[] = [];
  for (const h of hits) {
    const prev = out[out.length - 1];
    if (prev && h.start < prev.end) {
      if (h.end > prev.end) prev.end = h.end;
      continue;
    }
    out.push({ ...h });
  }
  return out;
}
