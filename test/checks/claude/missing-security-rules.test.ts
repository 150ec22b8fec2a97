// missing-security-rules points at the file it talks about, never at a ~/.claude/CLAUDE.md that does not exist.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import missingSecurityRules from '../../../src/checks/claude/missing-security-rules.js';
import { machine, run } from '../claude-settings/helpers.js';

describe('claude/missing-security-rules: where it points', () => {
  it('names no file when no CLAUDE.md exists, and says which one to create', async () => {
    const [finding] = await run(missingSecurityRules, machine({ 'src/index.ts': 'export {};\n' }));
    expect(finding?.file).toBeUndefined();
    expect(finding?.message).toContain('~/.claude/CLAUDE.md does not exist');
  });

  it('points at the project CLAUDE.md when that is the only one, and offers it in the fix', async () => {
    const f = machine({ 'CLAUDE.md': '# Project\n\n- Use 2 spaces.\n' });
    const [finding] = await run(missingSecurityRules, f);
    expect(finding?.file).toBe(path.join(f.project, 'CLAUDE.md'));
    expect(finding?.fix).toMatch(/^Add this section to CLAUDE\.md, or to ~\/\.claude\/CLAUDE\.md/);
  });

  it('points at the user CLAUDE.md when it exists', async () => {
    const f = machine({ '~/.claude/CLAUDE.md': '# Me\n', 'CLAUDE.md': '# Project\n' });
    const [finding] = await run(missingSecurityRules, f);
    expect(finding?.file).toBe(path.join(f.home, '.claude/CLAUDE.md'));
    expect(finding?.fix).toMatch(/^Add this section to ~\/\.claude\/CLAUDE\.md \(or run/);
  });
});
