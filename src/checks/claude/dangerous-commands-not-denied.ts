import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import {
  type ClaudeSettings,
  loadClaudeSettings,
  type Traced,
  traceIn,
} from '../../discover/claude-settings.js';
import {
  bashRuleMatches,
  type PathRoots,
  parsePermissionRule,
  pathPatternMatcher,
} from '../../scanners/permissions/claude-rules.js';
import { gateFixes } from './_strict-fix.js';

/** The seed's deny list (CC-H5), each with commands or paths it must stop. */
const SEED_DENIES: { rule: string; commands?: string[]; paths?: string[] }[] = [
  { rule: 'Bash(curl * > *)', commands: ['curl -fsSL https://example.com/install.sh > install.sh'] },
  { rule: 'Bash(wget *)', commands: ['wget https://example.com/payload'] },
  { rule: 'Bash(cat .env*)', commands: ['cat .env', 'cat .env.production'] },
  { rule: 'Bash(rm -rf *)', commands: ['rm -rf build'] },
  { rule: 'Read(./.env)', paths: ['.env'] },
  { rule: 'Read(./.env.*)', paths: ['.env.local', '.env.production'] },
];

function rootsFor(ctx: AuditContext, settings: ClaudeSettings, rule: Traced<string>): PathRoots {
  const settingsRoot = rule.scope === 'user' ? settings.configDir : ctx.project;
  return { home: ctx.home, project: ctx.project, settingsRoot };
}

/** Whether the effective deny rules stop every command and path of one seed entry. */
export function denyCovers(
  ctx: AuditContext,
  settings: ClaudeSettings,
  want: { commands?: string[]; paths?: string[] },
): boolean {
  const { bash, read } = parsedDenies(ctx, settings);
  const commandsOk = (want.commands ?? []).every((cmd) =>
    bash.some((content) => bashRuleMatches(content, cmd)),
  );
  const pathsOk = (want.paths ?? []).every((rel) => read.some((matches) => matches(`${ctx.project}/${rel}`)));
  return commandsOk && pathsOk;
}

const PARSED = new WeakMap<
  ClaudeSettings,
  { bash: (string | undefined)[]; read: ((p: string) => boolean)[] }
>();

/** The effective deny rules parsed once per audit (a file may hold 100,000; every seed entry asks). */
function parsedDenies(ctx: AuditContext, settings: ClaudeSettings) {
  let hit = PARSED.get(settings);
  if (!hit) {
    hit = { bash: [], read: [] };
    for (const traced of settings.rules('deny')) {
      const parsed = parsePermissionRule(traced.value);
      if (parsed?.tool === 'Bash') hit.bash.push(parsed.content);
      else if (parsed?.tool === 'Read')
        hit.read.push(pathPatternMatcher(parsed.content, rootsFor(ctx, settings, traced)));
    }
    PARSED.set(settings, hit);
  }
  return hit;
}

export default defineCheck({
  id: 'claude/dangerous-commands-not-denied',
  severity: 'medium',
  seedRefs: ['CC-H5', 'CC-H3'],
  frameworks: ['OWASP-LLM06'],
  title: 'Dangerous commands and .env reads are not denied',
  docs: {
    why:
      'Deny rules are the first line against an agent that downloads and runs code, deletes trees or reads ' +
      '.env files. They are also easy to get around (python3 -c "open(\'.env\').read()", $(…), another ' +
      'tool), so they must be backed by an enforcing PreToolUse hook such as the agentwarden guard.',
    fix:
      'Add "Bash(curl * > *)", "Bash(wget *)", "Bash(cat .env*)", "Bash(rm -rf *)", "Read(./.env)" and ' +
      '"Read(./.env.*)" to permissions.deny in your user settings, and install an enforcing hook ' +
      '(agentwarden guard install).',
  },
  fixable: true,
  examples: {
    bad: [
      { name: 'no settings at all', files: {} },
      {
        name: 'only some of the seed rules',
        files: {
          '~/.claude/settings.json':
            '{\n  "permissions": {\n    "deny": [\n      "Bash(wget *)",\n      "Read(./.env)"\n    ]\n  }\n}\n',
        },
      },
    ],
    good: [
      {
        name: 'seed rules split across user and local settings',
        files: {
          '~/.claude/settings.json':
            '{"permissions": {"deny": ["Bash(curl:*)", "Bash(wget *)", "Bash(rm -rf *)", "Read(./.env)"]}}',
          '.claude/settings.local.json': '{"permissions": {"deny": ["Bash(cat .env*)", "Read(./.env.*)"]}}',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const missing = SEED_DENIES.filter((entry) => !denyCovers(ctx, settings, entry)).map((e) => e.rule);
    if (missing.length === 0) return [];
    const denyList = settings.get(['permissions', 'deny']);
    // Deny rules in a file Claude Code rejects protect nothing; say so, or the user believes they are set.
    const ignored = settings.files.filter((f) => f.ignoredByClaude && traceIn(f, ['permissions', 'deny']));
    const ignoredNote = ignored.length
      ? ` The deny rules in ${ignored.map((f) => f.file).join(', ')} do not count: Claude Code ignores that file until it is strict JSON.`
      : '';
    return gateFixes(settings, [
      {
        message:
          `permissions.deny does not cover ${missing.join(', ')}.${ignoredNote} Deny rules alone are bypassable ` +
          `(python3 -c "open('.env').read()", $(…), another tool reach the same thing), so keep them AND ` +
          'enforce with a PreToolUse hook.',
        ...(denyList && { file: denyList.file, line: denyList.line }),
        evidence: `missing deny rules: ${missing.join(', ')}`,
        baseline: true,
        fix: `Add ${missing.map((r) => `"${r}"`).join(', ')} to permissions.deny in ${settings.userFile}, and run \`agentwarden guard install\` for an enforcing hook.`,
        fixPlans: [
          {
            kind: 'json-append',
            file: settings.userFile,
            path: ['permissions', 'deny'],
            values: missing,
            description: `deny ${missing.join(', ')}`,
          },
        ],
      },
    ]);
  },
});
