import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { redactText } from '../../core/redact.js';
import { severityRank } from '../../core/severity.js';
import { claudeContentFiles, readContentFile } from '../../discover/claude-files.js';
import { parsePermissionRule } from '../../scanners/permissions/claude-rules.js';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../scanners/shell/index.js';
import { displayPath } from './_content-helpers.js';
import { readClaudeFrontmatter } from './_frontmatter-lenient.js';
import { judgeShellRule } from './broad-allow-rule.js';

export interface AllowedToolEntry {
  /** The entry as written, e.g. `Bash(git log:*)` or `Bash`. */
  rule: string;
  /** 1-based line in the file. */
  line: number;
  column: number;
}

const TOOL_START = /(?<![A-Za-z0-9_])(Bash|PowerShell)(?![A-Za-z0-9_])/g;

/**
 * The `Bash…`/`PowerShell…` entries of the frontmatter's `allowed-tools`, with their lines: the string form
 * (`Bash(a:*) Bash(b:*)`, `Bash(a:*), Read`), the flow list (`[Bash(a:*), Read]`) and the block list (`- Bash(a:*)`).
 * A rule body may hold spaces, commas and nested parentheses: it runs to the balancing `)`.
 */
export function allowedToolEntries(text: string): AllowedToolEntry[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return [];
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  const end = close < 0 ? lines.length : close;
  const start = lines.findIndex((l, i) => i > 0 && i < end && /^allowed-tools:/.test(l));
  if (start < 0) return [];
  const out: AllowedToolEntry[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    // The value continues on indented lines (block list, folded string); the next top-level key ends it.
    if (i > start && /^\S/.test(line)) break;
    const from = i === start ? 'allowed-tools:'.length : 0;
    const body = line.slice(from);
    TOOL_START.lastIndex = 0;
    for (let m = TOOL_START.exec(body); m; m = TOOL_START.exec(body)) {
      let stop = m.index + m[0].length;
      if (body[stop] === '(') {
        let depth = 0;
        let j = stop;
        for (; j < body.length; j++) {
          if (body[j] === '(') depth++;
          else if (body[j] === ')' && --depth === 0) break;
        }
        if (j >= body.length) continue; // unbalanced: not a rule Claude Code would read
        stop = j + 1;
      } else if (body[stop] !== undefined && !/[\s,\]"']/.test(body[stop] ?? '')) continue;
      out.push({ rule: body.slice(m.index, stop), line: i + 1, column: from + m.index + 1 });
      TOOL_START.lastIndex = stop;
    }
  }
  return out;
}

function modelInvocationDisabled(data: Record<string, unknown>): boolean {
  const v = data['disable-model-invocation'];
  return v === true || v === 'true';
}

const SKILL = `---
name: build
description: Build the project and report compiler errors
allowed-tools: Bash(python:*) Bash(cmd.exe:*)
---
Run \`python scripts/build.py\` and summarise the errors.
`;

export default defineCheck({
  id: 'claude/skill-allowed-tools',
  severity: 'high',
  seedRefs: ['PR-1', 'CC-M2'],
  frameworks: ['OWASP-LLM06'],
  title: "A skill's or command's allowed-tools pre-approves broad shell commands",
  docs: {
    why:
      "`allowed-tools` in a skill's or command's frontmatter lets the listed tools run without a permission " +
      'prompt while the skill runs, and without `disable-model-invocation: true` Claude may invoke the skill ' +
      'by itself (a command through the SlashCommand tool). Each `Bash(…)`/`PowerShell(…)` entry is judged with ' +
      'the same model as a settings allow rule (see claude/broad-allow-rule): "Bash(python:*)" admits ' +
      '`python -c …`, "Bash(cmd.exe:*)" admits `cmd.exe /c <any command>`. With model invocation disabled the ' +
      'grant still holds whenever the user runs the skill, so the finding stays, at medium at most.',
    fix:
      'Narrow the entry to exact commands or a fixed subcommand ("Bash(python scripts/build.py)", ' +
      '"Bash(git status)"), or add `disable-model-invocation: true` so only the user can start the skill.',
  },
  examples: {
    bad: [
      {
        name: 'skill pre-approving any python and cmd.exe',
        files: { '.claude/skills/build/SKILL.md': SKILL },
      },
      {
        name: 'command with a block-list allowed-tools',
        files: {
          '~/.claude/commands/sync.md':
            '---\ndescription: Sync files\nallowed-tools:\n  - Read\n  - Bash(rsync:*)\n  - Bash(curl:*)\n---\nSync the build output.\n',
        },
      },
    ],
    good: [
      {
        name: 'skill with exact commands',
        files: {
          '.claude/skills/build/SKILL.md': SKILL.replace(
            'Bash(python:*) Bash(cmd.exe:*)',
            'Bash(python scripts/build.py), Bash(git status), Read',
          ),
        },
      },
    ],
  },
  async run(ctx) {
    const findings: RawFinding[] = [];
    const where = { cwd: ctx.project, home: ctx.home, project: ctx.project };
    let shell: ShellAnalyzer | undefined;
    for (const entry of claudeContentFiles(ctx)) {
      if (entry.kind !== 'skill' && entry.kind !== 'command') continue;
      const read = readContentFile(ctx, entry.path);
      if (!read.ok) continue;
      // As Claude Code reads it: a key it does not read grants nothing.
      const fm = readClaudeFrontmatter(read.text);
      if (!('allowed-tools' in fm.data)) continue;
      const disabled = modelInvocationDisabled(fm.data);
      const name =
        typeof fm.data.name === 'string'
          ? fm.data.name
          : path.basename(entry.kind === 'skill' ? path.dirname(entry.path) : entry.path, '.md');
      for (const tool of allowedToolEntries(read.text)) {
        const parsed = parsePermissionRule(tool.rule);
        if (parsed?.tool !== 'Bash' && parsed?.tool !== 'PowerShell') continue;
        shell ??= await loadShellAnalyzer();
        const judged = judgeShellRule(parsed.tool, parsed.content, shell, where);
        if (!judged) continue;
        const shown = redactText(tool.rule);
        let severity = judged.severity ?? 'high';
        if (disabled && severityRank(severity) > severityRank('medium')) severity = 'medium';
        findings.push({
          message:
            `The ${entry.kind} "${name}" (${displayPath(ctx, entry.path)}) lists "${shown}" in allowed-tools, which ` +
            `${judged.problem}; it is granted without a prompt whenever the ${entry.kind} runs` +
            (disabled
              ? ' (only when the user starts it: model invocation is disabled).'
              : ', and the model may invoke it by itself.'),
          file: entry.path,
          line: tool.line,
          column: tool.column,
          evidence: shown,
          severity,
          fix: disabled
            ? `Narrow "${shown}" in the allowed-tools of ${displayPath(ctx, entry.path)} to exact commands.`
            : `Narrow "${shown}" in the allowed-tools of ${displayPath(ctx, entry.path)} to exact commands, or add \`disable-model-invocation: true\` to its frontmatter.`,
        });
      }
    }
    return findings;
  },
});
