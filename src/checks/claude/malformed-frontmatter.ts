import { defineCheck } from '../../core/check.js';
import { redactText } from '../../core/redact.js';
import { describeFile, readableContentFiles } from './_content-helpers.js';
import { readClaudeFrontmatter } from './_frontmatter-lenient.js';

export default defineCheck({
  id: 'claude/malformed-frontmatter',
  severity: 'low',
  seedRefs: ['CC-H4', 'CC-M2'],
  title: 'A skill, command or agent has frontmatter whose security keys Claude Code does not read',
  docs: {
    why:
      'Claude Code reads frontmatter leniently: YAML errors such as an unquoted ": " in a description still ' +
      'leave every top-level key readable (verified with the real client). What is lost is a key that is ' +
      'indented under another one, or a block never closed with ---. When that key is ' +
      'disable-model-invocation, a skill meant to be user-only becomes model-invocable; when it is ' +
      'allowed-tools, the tool list the author meant does not apply.',
    fix: 'Put disable-model-invocation and allowed-tools at the start of their own line between the two --- lines, and close the block with ---.',
  },
  examples: {
    bad: [
      {
        name: 'disable-model-invocation indented under a description with an unquoted colon',
        files: {
          '.claude/skills/deploy/SKILL.md':
            '---\nname: deploy\ndescription: Deploy: builds, then ships\n  disable-model-invocation: true\n---\nShip it.\n',
        },
      },
      {
        name: 'a command whose frontmatter is never closed',
        files: {
          '.claude/commands/notes.md':
            '---\ndescription: Take notes\nallowed-tools: Read, Write\n\nWrite the notes to NOTES.md.\n',
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
      {
        name: 'invalid YAML (unquoted colon) that Claude Code still reads, key included',
        files: {
          '.claude/skills/demo/SKILL.md':
            '---\nname: demo\ndescription: Usage: /demo <arg>\nargument-hint: [a] [b]\ndisable-model-invocation: true\n---\nDemo.\n',
          '.claude/commands/notes.md': '---\ndescription: Notes: take them\n---\nWrite the notes.\n',
        },
      },
    ],
  },
  run(ctx) {
    return readableContentFiles(ctx, (f) => ['skill', 'command', 'agent'].includes(f.kind)).flatMap((f) => {
      const { lost, yamlError } = readClaudeFrontmatter(f.text);
      if (lost.length === 0) return [];
      const consequence = lost.includes('disable-model-invocation')
        ? 'so the model can run it on its own'
        : 'so its allowed-tools list does not apply';
      return [
        {
          file: f.path,
          line: 1,
          message:
            `${describeFile(ctx, f)}: ${lost.join(' and ')} ${lost.length === 1 ? 'is' : 'are'} written in the ` +
            `frontmatter but Claude Code does not read ${lost.length === 1 ? 'it' : 'them'} (${redactText(yamlError ?? '')}), ${consequence}.`,
        },
      ];
    });
  },
});
