import { severityRank } from '../../core/severity.js';
import type { ScanState } from './state.js';

const SIDE_EFFECTS = 'side effects';

/** What a skill may say about itself, in its frontmatter or as a section of SKILL.md. */
const DECLARATIONS: { what: string; keys: RegExp; heading: RegExp }[] = [
  {
    what: 'inputs and outputs',
    keys: /^(?:inputs?|outputs?|arguments|args|parameters)$/i,
    heading: /\b(?:inputs?|outputs?|arguments|parameters|usage)\b/i,
  },
  { what: SIDE_EFFECTS, keys: /^side[-_ ]?effects?$/i, heading: /\bside[- ]effects?\b/i },
  {
    what: 'required permissions',
    keys: /^(?:permissions|allowed-tools|requires|capabilities)$/i,
    heading: /\b(?:permissions|requirements|requires|capabilities)\b/i,
  },
  {
    what: 'behaviour on failure',
    keys: /^(?:on[-_]?failure|failure|errors?)$/i,
    heading: /\b(?:fail\w*|errors?|troubleshooting)\b/i,
  },
];

const NO_NETWORK_TEXT =
  /\b(?:no network(?: access| calls| connections?| requests?)?(?: (?:is )?(?:required|needed|used))?|(?:works|runs) (?:fully |entirely |completely )?(?:offline|locally,? without (?:network|internet))|(?:does not|doesn't|never) (?:access|use|contact|call|touch) the (?:network|internet)|never (?:sends|uploads) (?:any )?data)\b/i;

/** Frontmatter maps that hold declarations (`permissions: {network: none}`), and the frontmatter itself. */
const DECLARATION_MAPS = ['permissions', 'capabilities', 'requires', 'side-effects', 'side_effects'];

function declaresNoNetwork(data: Record<string, unknown>, body: string): number | undefined {
  const maps = [
    data,
    ...DECLARATION_MAPS.map((k) => data[k]).filter(
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
    ),
  ];
  for (const map of maps)
    for (const key of ['network', 'internet', 'network-access']) {
      const v = map[key];
      if (v === false || (typeof v === 'string' && /^(?:false|none|no|off|deny)$/i.test(v))) return 1;
    }
  // "**`uip … validate`** is the closure step. It's offline (no auth, no network)" describes that command,
  // not the skill: a line (list item) naming an inline command declares nothing about the whole skill.
  for (const m of body.matchAll(new RegExp(NO_NETWORK_TEXT.source, 'gi'))) {
    if (!body.slice(body.lastIndexOf('\n', m.index) + 1, m.index).includes('`'))
      return body.slice(0, m.index).split('\n').length;
  }
  return undefined;
}

/**
 * Declarations [CS-4]: whether the skill says what it takes, changes, needs and does on failure, and
 * whether its code contradicts what it says (declares no network, calls curl). A dangerous skill the model
 * may run on its own is reported too [CC-M2].
 */
export function scanDeclarations(
  state: ScanState,
  data: Record<string, unknown>,
  body: string,
  skillFile: string,
): void {
  const keys = Object.keys(data);
  const headings = body.split('\n').filter((l) => /^#{1,6}\s/.test(l));
  const missing = DECLARATIONS.filter(
    (d) => !keys.some((k) => d.keys.test(k)) && !headings.some((h) => d.heading.test(h)),
  ).map((d) => d.what);
  if (missing.length > 0)
    state.add({
      rule: 'undeclared',
      category: 'declaration',
      severity: 'info',
      message: `does not declare its ${missing.join(', ')}`,
      file: skillFile,
      line: 1,
    });

  const noNetworkLine = declaresNoNetwork(data, body);
  const contact = state.network.find((n) => n.host !== '');
  if (noNetworkLine !== undefined && contact)
    state.add({
      rule: 'declaration-contradiction',
      category: 'red-flag',
      severity: 'high',
      message: `declares no network use (${skillFile} line ${noNetworkLine}) but contacts ${contact.host} (${contact.file}:${contact.line})`,
      file: contact.file,
      line: contact.line,
    });

  const invocable = data['disable-model-invocation'] !== true && data['disable-model-invocation'] !== 'true';
  const redFlag = state.findings.find(
    (f) => f.category === 'red-flag' && severityRank(f.severity) >= severityRank('high'),
  );
  const dangerous = redFlag
    ? { what: redFlag.message, file: redFlag.file, line: redFlag.line ?? 1 }
    : state.sideEffects[0];
  if (invocable && dangerous)
    state.add({
      rule: 'model-invocable',
      category: 'model-invocation',
      severity: 'medium',
      message: `the model can run this skill on its own, and it ${dangerous.what} (${dangerous.file}:${dangerous.line}); add disable-model-invocation: true`,
      file: skillFile,
      line: 1,
    });
  const declared =
    keys.some((k) => DECLARATIONS[1]?.keys.test(k)) || headings.some((h) => DECLARATIONS[1]?.heading.test(h));
  const effect = state.sideEffects[0];
  if (effect && !declared)
    state.add({
      rule: 'undeclared-side-effect',
      category: 'declaration',
      severity: 'low',
      message: `${effect.what}, but the skill declares no side effects`,
      file: effect.file,
      line: effect.line,
    });
}
