import { EXAMPLE_VERDICTS, type ExampleAction, exampleCase, type GuardRule } from './define.js';

const START = '<!-- guard-rules:start (generated from src/policy/rules by `npm run docs`) -->';
const END = '<!-- guard-rules:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function code(text: string): string {
  const shown = text.length > 70 ? `${text.slice(0, 67)}...` : text;
  return shown.includes('`') ? `\`\` ${shown} \`\`` : `\`${shown}\``;
}

function showAction(action: string | ExampleAction): string {
  if (typeof action === 'string') return code(action);
  const target = action.name ?? action.path ?? action.url;
  return target === undefined ? action.kind : `${action.kind} ${code(target)}`;
}

/** The first example of each verdict, strictest first: `deny: rm -rf ~; allow: rm -rf dist`. */
function examplesCell(rule: GuardRule): string {
  const shown: string[] = [];
  for (const verdict of EXAMPLE_VERDICTS) {
    const first = rule.examples[verdict]?.[0];
    if (!first) continue;
    const example = exampleCase(first);
    const given = example.policy
      ? ` with policy ${code(example.policy.trim().replace(/\s*\n\s*/g, ' '))}`
      : '';
    shown.push(`${verdict}: ${showAction(example.action)}${given}`);
  }
  return shown.join('; ') || '—';
}

function table(rules: readonly GuardRule[]): string {
  return [
    '| rule id | what it stops or allows | verdict | seed | example |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| \`${r.id}\` | ${cell(r.title)} | ${cell(r.verdict)} | ${r.seedRefs.join(', ')} | ${cell(examplesCell(r))} |`,
    ),
  ].join('\n');
}

/** The generated part of docs/policy.md: every rule a decision can cite, and every shell effect. */
export function renderGuardRules(rules: readonly GuardRule[]): string {
  const effects = rules.filter((r) => r.risks !== undefined);
  const others = rules.filter((r) => r.risks === undefined);
  return [
    `${others.length} rules of the policy and the pipeline, then ${effects.length} effects of the shell analysis.`,
    'A shell effect cites `shell/<effect id>` when its risk decides (high: ask, critical: deny); a low or',
    "harmless effect is judged by the role's cell for its capability and by the host it contacts.",
    '',
    table(others),
    '',
    '### Shell effects',
    '',
    table(effects),
  ].join('\n');
}

/** Replaces the generated section between the markers of docs/policy.md; the prose around it is kept. */
export function updatePolicyDoc(doc: string, rules: readonly GuardRule[]): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return doc;
  return `${doc.slice(0, start + START.length)}\n${renderGuardRules(rules)}\n${doc.slice(end)}`;
}
