import { defineCheck } from '../../core/check.js';
import { parseFrontmatter } from '../../core/frontmatter.js';
import { redactText } from '../../core/redact.js';
import { describeFile, readableContentFiles } from './_content-helpers.js';

export default defineCheck({
  id: 'claude/malformed-frontmatter',
  severity: 'low',
  seedRefs: ['CC-H4', 'CC-M2'],
  title: 'A skill, command or agent has frontmatter that is not valid YAML',
  docs: {
    why:
      'Claude Code reads name, description, allowed-tools and disable-model-invocation from the YAML ' +
      'frontmatter. When it does not parse, those settings are silently lost: a skill meant to be user-only ' +
      'can become model-invocable, and a reviewer cannot tell what the file asks for.',
    fix: 'Fix the YAML between the two --- lines (quote values containing ": " or starting with special characters).',
  },
  examples: {
    bad: [
      {
        name: 'unquoted colon in a skill description and an unclosed block in a command',
        files: {
          '.claude/skills/deploy/SKILL.md':
            '---\nname: deploy\ndescription: Deploy: builds, then ships\n  disable-model-invocation: true\n---\nShip it.\n',
          '.claude/commands/notes.md': '---\ndescription: Take notes\n\nWrite the notes to NOTES.md.\n',
        },
      },
    ],
    good: [
      {
        name: 'valid frontmatter, and a command without any',
        files: {
          '.claude/skills/deploy/SKILL.md':
            '---\nname: deploy\ndescription: "Deploy: builds, then ships"\ndisable-model-invocation: true\n---\nShip it.\n',
          '.claude/commands/notes.md': 'Write the notes to NOTES.md.\n',
          '.claude/agents/reviewer.md':
            '---\nname: reviewer\ndescription: Reviews diffs\ntools: Read, Grep\n---\nReview.\n',
        },
      },
    ],
  },
  run(ctx) {
    return readableContentFiles(ctx, (f) => ['skill', 'command', 'agent'].includes(f.kind)).flatMap((f) => {
      const { error } = parseFrontmatter(f.text);
      if (!error) return [];
      return [
        {
          file: f.path,
          line: 1,
          message: `${describeFile(ctx, f)}: ${redactText(error)}; Claude Code will ignore its settings.`,
        },
      ];
    });
  },
});
