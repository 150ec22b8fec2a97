import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { claudeContentFiles, readContentFile } from '../../discover/claude-files.js';
import { displayPath, evidenceLine } from './_content-helpers.js';
import { readClaudeFrontmatter } from './_frontmatter-lenient.js';
import { findSideEffects, type SideEffect } from './_side-effect-commands.js';

const RELEASE_SKILL = `---
name: release
description: Tag and ship a release of this service
---
# Release

1. Bump the version in package.json.
2. Push the tag:

\`\`\`bash
git tag v$VERSION && git push origin main --tags
npm publish --access public
\`\`\`
`;

const SAFE_RELEASE_SKILL = RELEASE_SKILL.replace(
  'description: Tag and ship a release of this service\n',
  'description: Tag and ship a release of this service\ndisable-model-invocation: true\n',
);

/** `allowed-tools: Bash(...)`, `allowed-tools: [Bash]`, `allowed-tools: Read, Bash`. */
function allowsBash(value: unknown): boolean {
  if (typeof value === 'string') return /(?:^|[\s,[])Bash\b/.test(value);
  if (Array.isArray(value)) return value.some(allowsBash);
  return false;
}

function modelInvocationDisabled(data: Record<string, unknown>): boolean {
  const v = data['disable-model-invocation'];
  return v === true || v === 'true';
}

function describe(effects: { file: string; effect: SideEffect }[], ctx: Parameters<typeof displayPath>[0]) {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { file, effect } of effects) {
    if (seen.has(effect.id)) continue;
    seen.add(effect.id);
    parts.push(`${effect.label} (${displayPath(ctx, file)}:${effect.line})`);
  }
  return parts.join('; ');
}

export default defineCheck({
  id: 'claude/side-effect-skill-model-invocable',
  severity: 'medium',
  seedRefs: ['CC-M2', 'PR-4'],
  frameworks: ['OWASP-LLM06'],
  title: 'A skill or command that pushes, deploys, deletes or pays can be invoked by the model on its own',
  docs: {
    why:
      'Without `disable-model-invocation: true` Claude decides by itself when to run a skill (and, through the ' +
      'SlashCommand tool, a command). A skill that pushes, publishes, deploys, changes infrastructure, deletes ' +
      'data or moves money should only run when a human types it: an injected instruction or a misread ' +
      'request must not be enough to trigger it.',
    fix:
      'Add `disable-model-invocation: true` to the frontmatter of the skill (or command), so only an explicit ' +
      '/name from the user runs it; keep the side-effecting commands behind permission prompts as well.',
  },
  examples: {
    bad: [
      {
        name: 'release skill that pushes and publishes',
        files: { '.claude/skills/release/SKILL.md': RELEASE_SKILL },
      },
      {
        name: 'user skill whose bundled script runs terraform apply',
        files: {
          '~/.claude/skills/infra/SKILL.md':
            '---\nname: infra\ndescription: Apply infrastructure changes\n---\nRun `scripts/apply.sh` from the repo root.\n',
          '~/.claude/skills/infra/scripts/apply.sh': '#!/bin/sh\nset -e\nterraform apply -auto-approve\n',
        },
      },
      {
        name: 'command with Bash allowed that deploys to Kubernetes',
        files: {
          '.claude/commands/ship.md':
            '---\nallowed-tools: Bash(kubectl:*), Read\ndescription: Ship to prod\n---\nRun `kubectl apply -f k8s/prod.yaml` and report.\n',
        },
      },
    ],
    good: [
      {
        name: 'release skill with model invocation disabled',
        files: { '.claude/skills/release/SKILL.md': SAFE_RELEASE_SKILL },
      },
      {
        name: 'skill that only talks about git push in prose',
        files: {
          '.claude/skills/git-explainer/SKILL.md':
            '---\nname: git-explainer\ndescription: Explain git concepts\n---\nExplain what git push and rm -rf do, and why ' +
            'you should never run `rm -rf /`.\n\n```bash\ngit status\ngit log --oneline -5\n```\n',
        },
      },
      {
        name: 'command without Bash that mentions a deploy command',
        files: {
          '.claude/commands/review.md':
            '---\nallowed-tools: Read, Grep\ndescription: Review the deploy script\n---\nReview `kubectl apply -f k8s/` usage in deploy.sh.\n',
        },
      },
    ],
  },
  run(ctx) {
    const files = claudeContentFiles(ctx);
    const findings: RawFinding[] = [];
    for (const entry of files) {
      if (entry.kind !== 'skill' && entry.kind !== 'command') continue;
      const read = readContentFile(ctx, entry.path);
      if (!read.ok) continue;
      // As Claude Code reads it: invalid YAML still yields its top-level keys.
      const fm = readClaudeFrontmatter(read.text);
      if (modelInvocationDisabled(fm.data)) continue;
      if (entry.kind === 'command' && !allowsBash(fm.data['allowed-tools'])) continue;
      const effects = findSideEffects(read.text, entry.path).map((effect) => ({ file: entry.path, effect }));
      if (entry.kind === 'skill') {
        for (const bundled of files) {
          if (bundled.kind !== 'skill-file' || bundled.skill !== entry.path) continue;
          const b = readContentFile(ctx, bundled.path);
          if (b.ok)
            effects.push(
              ...findSideEffects(b.text, bundled.path).map((effect) => ({ file: bundled.path, effect })),
            );
        }
      }
      const first = effects[0];
      if (!first) continue;
      const name =
        typeof fm.data.name === 'string'
          ? fm.data.name
          : path.basename(entry.kind === 'skill' ? path.dirname(entry.path) : entry.path, '.md');
      findings.push({
        file: first.file,
        line: first.effect.line,
        message:
          `The ${entry.kind} "${name}" (${displayPath(ctx, entry.path)}) can be run by the model without the user ` +
          `asking, and it ${describe(effects, ctx)}; its frontmatter lacks \`disable-model-invocation: true\`.`,
        evidence: evidenceLine(first.effect.code),
        fix: `Add \`disable-model-invocation: true\` to the frontmatter of ${displayPath(ctx, entry.path)}.`,
      });
    }
    return findings;
  },
});
