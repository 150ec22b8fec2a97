/**
 * Small built-in secret detector (the full secrets engine is its own issue). Pure and fast:
 * a handful of provider patterns plus assignments of high-entropy values to secret-looking names.
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
  /** Capture group holding the secret (0 = whole match). */
  group?: number;
}

const RULES: SecretRule[] = [
  { id: 'anthropic-api-key', re: /\bsk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_-]{20,}/g },
  {
    id: 'openai-api-key',
    re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
  },
  { id: 'openai-api-key', re: /\bsk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,}/g },
  { id: 'aws-access-key-id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g },
  { id: 'github-token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/g },
  { id: 'github-fine-grained-token', re: /\bgithub_pat_[A-Za-z0-9_]{60,}\b/g },
  { id: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { id: 'stripe-secret-key', re: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g },
  { id: 'google-api-key', re: /\bAIza[A-Za-z0-9_-]{35}\b/g },
  { id: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { id: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { id: 'telegram-bot-token', re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  {
    id: 'private-key',
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[^-]*-----|$)/g,
  },
  {
    id: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    id: 'url-credentials',
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]{6,})@/gi,
    group: 1,
  },
  {
    id: 'generic-secret-assignment',
    re: /(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|auth|credential|private[_-]?key)[A-Za-z0-9_-]*["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.~]{16,})/gi,
    group: 1,
  },
];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksLikePlaceholder(value: string): boolean {
  return (
    /^(?:x+|\*+|\.+|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|your[-_].*|changeme|example.*|redacted.*|placeholder.*)$/i.test(
      value,
    ) || /^[a-z]+(?:[-_][a-z]+)*$/.test(value)
  );
}

export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const value = m[rule.group ?? 0];
      if (!value) continue;
      if (rule.id === 'generic-secret-assignment' && (looksLikePlaceholder(value) || entropy(value) < 3.2))
        continue;
      const start = m.index + m[0].indexOf(value);
      hits.push({ ruleId: rule.id, start, end: start + value.length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop hits contained in an earlier one.
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
