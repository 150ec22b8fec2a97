import type { Check } from './check.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

/** docs/checks.md, generated from check metadata; a test fails when the committed file is stale. */
export function renderChecksDoc(checks: readonly Check[]): string {
  const sorted = [...checks].sort((a, b) => a.id.localeCompare(b.id));
  const lines = [
    '# Checks',
    '',
    '<!-- Generated from check metadata by `npm run docs`. Do not edit by hand. -->',
    '',
    `${sorted.length} checks. Severity is the default; a finding may raise or lower it.`,
    '',
    '| id | severity | seed | fixable | title |',
    '|---|---|---|---|---|',
    ...sorted.map(
      (c) =>
        `| [\`${c.id}\`](#${c.id.replace(/[^a-z0-9-]/g, '')}) | ${c.severity} | ${c.seedRefs.join(', ')} | ${c.fixable ? 'yes' : 'no'} | ${cell(c.title)} |`,
    ),
    '',
  ];
  for (const c of sorted) {
    lines.push(
      `## ${c.id}`,
      '',
      `**${c.title}** — severity ${c.severity}; seed ${c.seedRefs.join(', ')}${c.frameworks.length ? `; ${c.frameworks.join(', ')}` : ''}${c.fixable ? '; fixable with `--fix`' : ''}.`,
      '',
      `Why: ${c.docs.why}`,
      '',
      `Fix: ${c.docs.fix}`,
      '',
    );
  }
  return lines.join('\n');
}
