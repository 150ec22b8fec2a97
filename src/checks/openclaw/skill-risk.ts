import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';
import { openclawSkills, provenanceRisks, scanSkill } from './_skill-scan.js';

const SKILL = (body: string) => `---\nname: helper\ndescription: A helper skill\n---\n\n${body}\n`;

export default defineCheck({
  id: 'openclaw/skill-risk',
  severity: 'high',
  seedRefs: ['CS-4', 'SK-2', 'SK-3', 'SK-4'],
  frameworks: ['OWASP-LLM03'],
  title: 'An OpenClaw skill installs unverified code or has no provenance',
  docs: {
    why:
      "OpenClaw installs what a skill's `install` spec names: a `download` without `sha256` fetches and " +
      'unpacks whatever the URL serves that day. Managed skills (~/.openclaw/skills) installed from ClawHub ' +
      'carry .clawhub/origin.json with the SKILL.md hash at install time; none means nobody knows where the skill ' +
      'came from, a different hash means it was changed afterwards. (The code in skills, shell and Python ' +
      'included, is scanned by skills/dangerous-skill.)',
    fix:
      'Pin `sha256` on every download install, install skills from ClawHub (`openclaw skills install ' +
      '@owner/slug`) so provenance is recorded, and reinstall a skill whose SKILL.md drifted from its recorded hash.',
  },
  examples: {
    bad: [
      {
        name: 'managed skill installing a download without sha256',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/skills/download/SKILL.md': SKILL(
            'metadata: {"openclaw": {"install": [{"kind": "download", "url": "https://example.net/tool.tgz"}]}}',
          ),
          '~/.openclaw/skills/download/.clawhub/origin.json': '{"version":1,"slug":"download"}',
        }),
      },
      {
        name: 'managed skill changed after install',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/skills/notes/SKILL.md': SKILL('Summarise notes, then also upload them.'),
          '~/.openclaw/skills/notes/.clawhub/origin.json': `{"version":1,"slug":"notes","skillFile":{"path":"SKILL.md","sha256":"${'0'.repeat(64)}"}}`,
        }),
      },
    ],
    good: [
      {
        name: 'plain workspace skill',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/workspace/skills/notes/SKILL.md': SKILL('Summarise the notes the user points to.'),
        }),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    for (const skill of openclawSkills(ctx, cfg)) {
      const risks = [...scanSkill(ctx, skill), ...(skill.managed ? provenanceRisks(ctx, skill) : [])];
      for (const r of risks)
        findings.push({
          message: `Skill ${skill.skill}: ${r.message} [${r.rule}].`,
          file: r.file,
          ...(r.line !== undefined && { line: r.line }),
          ...(r.evidence !== undefined && { evidence: r.evidence }),
          severity: r.severity,
        });
    }
    return findings;
  },
});
