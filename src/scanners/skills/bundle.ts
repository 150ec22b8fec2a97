import type { SkillInput } from './types.js';

const FILE_MARKER = /^--- FILE: (.+?) ---$/;

/**
 * A skill given as one text (batch evaluation rows): SKILL.md, then each bundled file after a
 * `--- FILE: name ---` line.
 */
export function skillFromBundle(id: string, text: string): SkillInput {
  const files: SkillInput['files'] = [];
  let name = 'SKILL.md';
  let lines: string[] = [];
  const flush = () => {
    const body = lines.join('\n');
    files.push({ path: name, text: body, size: Buffer.byteLength(body) });
  };
  for (const line of text.split('\n')) {
    const m = FILE_MARKER.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    flush();
    name = (m[1] as string).replace(/\\/g, '/').replace(/^\.?\//, '');
    lines = [];
  }
  flush();
  return { dir: `/skills/${id}`, files };
}
