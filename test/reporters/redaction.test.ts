import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport } from '../../src/reporters/index.js';
import { findSecrets } from '../../src/scanners/secrets/detect.js';
import { FAKE_SECRETS, leakyReport, RULES } from './_report.js';

/** Undo the escaping a format applies, so a secret split by escapes still counts as leaked. */
function unescaped(out: string): string {
  return out
    .replace(/\\(.)/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

describe('every reporter redacts secrets as a last line of defence', () => {
  it('the fake secrets are ones the detector recognises', () => {
    for (const secret of FAKE_SECRETS) expect(findSecrets(`x ${secret} y`)).toHaveLength(1);
  });

  for (const format of REPORT_FORMATS) {
    it(`${format}: no secret appears verbatim, and the masks show what was there`, () => {
      const out = renderReport(leakyReport(), format, { color: format === 'text', rules: RULES });
      for (const secret of FAKE_SECRETS) {
        expect(out).not.toContain(secret);
        expect(unescaped(out)).not.toContain(secret);
        // Not even a long tail of it survives.
        expect(out).not.toContain(secret.slice(8));
      }
      expect(unescaped(out)).toContain('****[redacted');
    });
  }

  it('does not modify the report it was given', () => {
    const r = leakyReport();
    const before = JSON.stringify(r);
    renderReport(r, 'json', { color: false, rules: RULES });
    expect(JSON.stringify(r)).toBe(before);
  });
});
