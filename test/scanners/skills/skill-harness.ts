// Shared setup of the skills scanner tests: the shell analyser loaded once per file, bench-like options (no
// organisation or verified sources, no extra hosts) and a skill built from a map of file texts.
import { beforeAll } from 'vitest';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../../src/scanners/shell/index.js';
import {
  type ScanOptions,
  type SkillFile,
  type SkillReport,
  scanSkill,
} from '../../../src/scanners/skills/index.js';

/** Registers the analyser load for the calling test file; returns its `scan(files)` and scan options. */
export function skillScanner(): {
  scan: (files: Record<string, string>) => SkillReport;
  opts: () => ScanOptions;
} {
  let analyzer: ShellAnalyzer;
  beforeAll(async () => {
    analyzer = await loadShellAnalyzer();
  });
  const opts = (): ScanOptions => ({
    analyzer,
    config: { organisationSources: [], verifiedSources: [], allowedDomains: [] },
    home: '/home/dev',
  });
  const scan = (files: Record<string, string>) => {
    const list: SkillFile[] = Object.entries(files).map(([path, text]) => ({
      path,
      text,
      size: text.length,
    }));
    return scanSkill({ dir: '/home/dev/.claude/skills/s', files: list }, opts());
  };
  return { scan, opts };
}

export const SKILL = (body: string, fm = 'name: s\ndescription: d\n') => `---\n${fm}---\n${body}`;
export const find = (r: SkillReport, rule: string) => r.findings.find((f) => f.rule === rule);
/** Rules of the high and critical findings: what flags a skill. */
export const high = (r: SkillReport) =>
  r.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule);
