import { defineCheck } from '../../core/check.js';
import { scannedSkills, toRawFinding } from './_scan.js';

export default defineCheck({
  id: 'skills/unpinned-dependency',
  severity: 'low',
  seedRefs: ['SK-2', 'CS-4', 'SK-4'],
  frameworks: ['OWASP-LLM03'],
  title: 'An installed skill installs packages without an exact version',
  docs: {
    why:
      'A skill that runs `pip install requests` or lists `"lodash": "^4"` gets whatever release the registry ' +
      'serves that day: a compromised or typosquatted release reaches you without anyone reviewing it.',
    fix: 'Pin every package the skill installs to an exact version (`pkg==1.2.3`, `pkg@1.2.3`), ideally with hashes.',
  },
  examples: {
    bad: [
      {
        name: 'skill whose requirements.txt has ranges',
        files: {
          '~/.claude/skills/report/SKILL.md':
            '---\nname: report\ndescription: Build a report\n---\nRun report.py.\n',
          '~/.claude/skills/report/requirements.txt': 'pandas>=2\nrequests\n',
        },
      },
    ],
    good: [
      {
        name: 'skill with pinned requirements',
        files: {
          '~/.claude/skills/report/SKILL.md':
            '---\nname: report\ndescription: Build a report\n---\nRun report.py.\n',
          '~/.claude/skills/report/requirements.txt': 'pandas==2.2.3\nrequests==2.32.3\n',
        },
      },
    ],
  },
  async run(ctx) {
    const scanned = await scannedSkills(ctx);
    return scanned.flatMap((s) =>
      s.report.findings.filter((f) => f.category === 'dependency').map((f) => toRawFinding(ctx, s, f)),
    );
  },
});
