import type { SHELL_EFFECT_IDS, ShellEffectFamily, ShellEffectId } from '../../scanners/shell/effect-ids.js';
import type { Risk } from '../../scanners/shell/types.js';
import type { ActionKind, Verdict } from '../types.js';
import { REFS } from '../wording.js';
import type { GuardRuleId } from './ids.js';

/**
 * An action in an example, agent-neutral. Paths: `~/x` is under the fixture home, `/x` absolute, anything
 * else relative to the project (`~/work/app`).
 */
export interface ExampleAction {
  kind: ActionKind;
  path?: string;
  url?: string;
  /** The tool's name, for rules that read it: an MCP tool's `mcp__server__verb`. */
  name?: string;
}

export interface ExampleCase {
  /** A shell command (run in the project), or an action. */
  action: string | ExampleAction;
  /** A user policy file (YAML) in force; the built-in policy otherwise. */
  policy?: string;
  /** The session has already read untrusted content. */
  tainted?: boolean;
  /** The agent runs in a container or sandbox. */
  sandboxed?: boolean;
  /** Symbolic links to create first, path → target (paths as in `ExampleAction`). */
  links?: Record<string, string>;
  /** Another rule decides this example; this rule must still fire. Say why. */
  decidedBy?: { rule: GuardRuleId; why: string };
}

export type GuardExample = string | ExampleAction | ExampleCase;

export interface GuardExamples {
  deny?: GuardExample[];
  ask?: GuardExample[];
  allow?: GuardExample[];
}

/** `role/<role>/<capability>` and `shell/kubectl-<subcommand>` name a family of ids, documented once. */
export type GuardRuleFamily = 'role/<role>/<capability>' | `shell/${ShellEffectFamily}-<subcommand>`;

export interface GuardRule {
  id: GuardRuleId | GuardRuleFamily;
  /** Seed items a decision of this rule cites (a superset: the verdict may pick a family of refs). */
  seedRefs: readonly string[];
  /** What the rule stops or allows, in a line. */
  title: string;
  /** The verdict it gives, in words for the docs: `deny`, `ask`, `the credentials cell`. */
  verdict: string;
  examples: GuardExamples;
  /** Why the rule has no examples: what makes it fire lies outside `decide()` (and where it is tested). */
  untestable?: string;
  /** For shell effects: the risks the analyser gives the effect, which set the verdict. */
  risks?: readonly Risk[];
}

export function defineGuardRule(rule: GuardRule): GuardRule {
  return rule;
}

export interface ShellEffectDoc {
  /** What the command does, in a line. */
  title: string;
  /** Risks the analyser can give this effect. */
  risk: Risk | readonly Risk[];
  examples: GuardExamples;
  /** Seed items beyond those its risks cite, when the policy also fires this id itself. */
  alsoCites?: readonly string[];
}

/** How the policy turns an effect's risk into a verdict (see evaluateEffect in decide.ts). */
function shellVerdict(risks: readonly Risk[]): string {
  const words = risks.map((r) => (r === 'critical' ? 'deny' : r === 'high' ? 'ask' : `role cell (${r})`));
  return [...new Set(words)].join(' / ');
}

/** What `shell/<id>` cites; a low or harmless effect never decides itself, the role's cell does. */
function shellSeedRefs(risks: readonly Risk[]): string[] {
  const refs = risks.flatMap((r) =>
    r === 'critical' ? REFS.critical : r === 'high' ? REFS.boundary : REFS.role,
  );
  return [...new Set(refs)];
}

/** The effect ids one rule file of the shell analysis reports. */
export type EffectsOf<File extends keyof typeof SHELL_EFFECT_IDS> = (typeof SHELL_EFFECT_IDS)[File][number];
/** Keys of the effect families (`kubectl-<subcommand>`), documented once each. */
export type EffectFamilies = `${ShellEffectFamily}-<subcommand>`;

/**
 * The catalogue entries of one shell rule file's effects, keyed by effect id. Call it with the file's ids as
 * the type argument (`defineShellEffects<EffectsOf<'git'>>`): tsc then rejects a missing or unknown id.
 */
export function defineShellEffects<Id extends ShellEffectId | EffectFamilies>(
  docs: Record<Id, ShellEffectDoc>,
): GuardRule[] {
  return (Object.entries(docs) as [Id, ShellEffectDoc][]).map(([id, doc]) => {
    const risks: readonly Risk[] = typeof doc.risk === 'string' ? [doc.risk] : doc.risk;
    return {
      id: `shell/${id}` as GuardRule['id'],
      seedRefs: [...new Set([...shellSeedRefs(risks), ...(doc.alsoCites ?? [])])],
      title: doc.title,
      verdict: shellVerdict(risks),
      examples: doc.examples,
      risks,
    };
  });
}

export function exampleCase(example: GuardExample): ExampleCase {
  return typeof example === 'string' || 'kind' in example ? { action: example } : example;
}

export const EXAMPLE_VERDICTS: readonly Verdict[] = ['deny', 'ask', 'allow'];
