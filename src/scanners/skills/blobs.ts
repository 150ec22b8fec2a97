import { evidenceLine } from '../../core/evidence.js';
import type { ScanState } from './state.js';

const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}|[A-Za-z0-9_-]{60,}={0,2}/g;
const HEX_ESCAPES = /(?:\\x[0-9a-fA-F]{2}){8,}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){24,}\b/g;
/** What decoded text looks like when it is code or a hidden destination rather than data. */
const CODE_LIKE =
  /\b(?:import\s+\w|exec\s*\(|eval\s*\(|os\.system|subprocess|require\s*\(|child_process|curl\s|wget\s|\/bin\/(?:ba)?sh|bash\s+-[ci]|powershell|Invoke-Expression|socket\.|https?:\/\/|nc\s+-|rm\s+-rf)/;
const MAX_BLOBS = 50;

function decodeBase64(s: string): string | undefined {
  const text = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  return printableRatio(text) >= 0.9 ? text : undefined;
}

function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok / s.length;
}

/**
 * Long base64 or hex blobs (and `\xNN` escape runs) that decode to code, a command or a URL: the way
 * malicious skills hide what they run or where they send data. Blobs that decode to binary (hashes,
 * images, keys) are left alone.
 */
export function scanBlobs(state: ScanState, text: string, file: string): void {
  let found = 0;
  const lines = text.split('\n');
  const report = (offset: number, decoded: string, how: string) => {
    const line = text.slice(0, offset).split('\n').length;
    state.add({
      rule: 'encoded-payload',
      category: 'red-flag',
      severity: 'high',
      message: `a ${how} blob decodes to code or a URL ("${evidenceLine(decoded, 60)}")`,
      file,
      line,
      evidence: evidenceLine(lines[line - 1] ?? ''),
    });
    found++;
  };
  for (const m of text.matchAll(BASE64_RUN)) {
    if (found >= MAX_BLOBS) return;
    const decoded = decodeBase64(m[0]);
    if (decoded && CODE_LIKE.test(decoded)) report(m.index, decoded, 'base64');
  }
  for (const re of [HEX_ESCAPES, HEX_RUN]) {
    for (const m of text.matchAll(re)) {
      if (found >= MAX_BLOBS) return;
      const hex = m[0].replace(/\\x/g, '');
      const decoded = Buffer.from(hex, 'hex').toString('latin1');
      if (printableRatio(decoded) < 0.9) continue;
      if (CODE_LIKE.test(decoded)) report(m.index, decoded, 'hex');
      else if (re === HEX_ESCAPES)
        state.add({
          rule: 'obfuscated-code',
          category: 'red-flag',
          severity: 'medium',
          message: `text hidden as \\x escapes ("${evidenceLine(decoded, 40)}")`,
          file,
          line: text.slice(0, m.index).split('\n').length,
        });
    }
  }
}
