import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { openclawWorkspaces } from '../../discover/openclaw-skills.js';
import { skillsIn } from '../../discover/skills.js';
import { HARDENED_CONFIG, type OpenclawConfig, openclaw, openclawHome } from './_openclaw.js';
import { openclawSkills, provenanceRisks, scanSkill } from './_skill-scan.js';

const SKILL = (body: string) => `---\nname: helper\ndescription: A helper skill\n---\n\n${body}\n`;

/** Workspace skills whose SKILL.md is a link to somewhere outside that workspace (OpenClaw still loads them). */
function workspaceEscapes(ctx: AuditContext, cfg: OpenclawConfig): RawFinding[] {
  const out: RawFinding[] = [];
  for (const ws of openclawWorkspaces(ctx, cfg)) {
    const root = ctx.fs.realpath(ws);
    if (!root) continue;
    for (const { skill } of skillsIn(ctx, path.join(ws, 'skills'))) {
      const real = ctx.fs.realpath(skill);
      if (!real || !path.relative(root, real).startsWith('..')) continue;
      out.push({
        message: `Skill ${skill} resolves outside its workspace, to ${real}: whoever can write there changes what the agent loads, and reviewing the workspace does not show it.`,
        file: skill,
        severity: 'medium',
        fix: 'Replace the link with a real copy inside the workspace, or install the shared skill in the managed skills dir (~/.openclaw/skills).',
      });
    }
  }
  return out;
}

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
      'came from, a different hash means it was changed afterwards. A workspace skill that is a link to a ' +
      'folder outside the workspace changes whenever that folder does. (The code in skills, shell and Python ' +
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
      {
        name: 'workspace skill linked from outside the workspace',
        ...openclawHome(HARDENED_CONFIG, {
          '~/shared/notes/SKILL.md': SKILL('Summarise the notes the user points to.'),
          '~/.openclaw/workspace/skills/notes': { symlink: '~/shared/notes' },
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
    const findings: RawFinding[] = workspaceEscapes(ctx, cfg);
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
