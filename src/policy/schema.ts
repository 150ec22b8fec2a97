import { createRequire } from 'node:module';
import type * as YAML from 'yaml';
import type * as Z from 'zod/mini';
import { CAPABILITIES, type Capability } from '../scanners/shell/types.js';
import { MCP_RULE_PREFIX } from './mcp-names.js';
import { CELLS, PROTECT_KINDS, ROLES } from './vocabulary.js';

// The guard hook runs once per tool call and most machines have no policy file: zod and yaml are loaded only
// when a file is there to validate. zod/mini rather than zod: a tenth of the load time.
const requireDependency = createRequire(import.meta.url);
export const loadZod = (): typeof Z => requireDependency('zod/mini');
export const loadYaml = (): typeof YAML => requireDependency('yaml');

const DOMAIN_RE =
  /^(?:=|\*\.)?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/**
 * Patterns are matched with backtracking regexes, synchronously, on every tool call: `*a*a*a…b` or a row of
 * `**` takes exponential time on a long path, and a hook that hangs past Claude Code's timeout lets the
 * call through. Three of each is far more than any real pattern needs.
 */
export function hasTooManyWildcards(pattern: string): boolean {
  const segments = pattern.split('/');
  if (segments.filter((s) => s === '**').length > 3) return true;
  if (segments.some((s) => s !== '**' && (s.match(/\*/g)?.length ?? 0) > 3)) return true;
  return (pattern.match(/\{/g)?.length ?? 0) > 3;
}

const WILDCARD_LIMIT = 'too many wildcards (at most 3 `*` in a path segment, 3 `**` segments and 3 `{`)';

/** The policy file, as written by a user (`~/.config/agentwarden/policy.yaml`) or a project. */
export function policyFileSchema(z: typeof Z) {
  const describe = <T extends Z.ZodMiniType>(schema: T, text: string): T =>
    schema.check(z.describe(text)) as T;
  const cell = z.enum(CELLS);
  const roleCells = describe(
    z.strictObject(
      Object.fromEntries(CAPABILITIES.map((c) => [c, z.optional(cell)])) as Record<
        Capability,
        Z.ZodMiniOptional<typeof cell>
      >,
    ),
    'Cells to override for this role; unnamed capabilities keep their value.',
  );
  const pathPattern = describe(
    z.string().check(
      z.minLength(1, 'expected a non-empty path pattern'),
      z.refine((v) => !hasTooManyWildcards(v), WILDCARD_LIMIT),
    ),
    '`~/x` under home, `/x` absolute, a bare name (`*.pem`) anywhere; `*`, `**`, `?`, `{a,b}`.',
  );
  const domainEntry = z
    .string()
    .check(z.regex(DOMAIN_RE, 'expected a domain such as example.com, *.example.com or =example.com'));
  const protectEntry = z.union([
    pathPattern,
    z.strictObject({
      path: pathPattern,
      kind: z.optional(
        describe(
          z.enum(PROTECT_KINDS),
          'secret: reads follow the credentials cell, writes ask at least (default); no-write: writes denied',
        ),
      ),
      except: z.optional(describe(z.array(pathPattern), 'Paths under `path` that are not protected.')),
    }),
  ]);
  const mcpRule = z.strictObject({
    tool: describe(
      z.string().check(
        z.regex(
          new RegExp(`^${MCP_RULE_PREFIX}`),
          `expected a tool name pattern starting with ${MCP_RULE_PREFIX}, e.g. ${MCP_RULE_PREFIX}github__*`,
        ),
        z.refine((v) => (v.match(/\*/g)?.length ?? 0) <= 3, WILDCARD_LIMIT),
      ),
      'Full tool name pattern; `*` matches any characters.',
    ),
    verdict: z.enum(['allow', 'ask', 'deny']),
  });
  const usd = z.number().check(z.positive());
  const loopLimit = z.strictObject({
    count: z.int().check(z.gte(2)),
    minutes: z.number().check(z.positive()),
  });
  const modelPrice = z.strictObject(
    Object.fromEntries(
      ['input', 'output', 'cacheWrite', 'cacheWrite1h', 'cacheRead'].map((k) => [
        k,
        z.optional(z.number().check(z.gte(0))),
      ]),
    ) as Record<
      'input' | 'output' | 'cacheWrite' | 'cacheWrite1h' | 'cacheRead',
      Z.ZodMiniOptional<Z.ZodMiniNumber>
    >,
  );
  return describe(
    z.strictObject({
      version: z.optional(z.literal(1)),
      role: z.optional(
        describe(z.enum(ROLES), 'The role whose column of the matrix applies (default: builder).'),
      ),
      roles: z.optional(
        z.strictObject(
          Object.fromEntries(ROLES.map((r) => [r, z.optional(roleCells)])) as Record<
            (typeof ROLES)[number],
            Z.ZodMiniOptional<typeof roleCells>
          >,
        ),
      ),
      protect: z.optional(
        describe(z.array(protectEntry), 'Paths to protect in addition to the built-in list.'),
      ),
      unprotect: z.optional(
        describe(
          z.array(pathPattern),
          'Built-in protected patterns to drop (user file only; self-protection cannot be dropped).',
        ),
      ),
      network: z.optional(
        z.strictObject({
          allow: z.optional(
            describe(z.array(domainEntry), 'Domains reachable without asking (user file only).'),
          ),
          deny: z.optional(describe(z.array(domainEntry), 'Domains never contacted.')),
        }),
      ),
      mcp: z.optional(
        describe(z.array(mcpRule), 'Per-tool verdicts; when several match, the strictest wins.'),
      ),
      taint: z.optional(
        z.strictObject({
          untrustedPaths: z.optional(describe(z.array(pathPattern), 'Reading these taints the session.')),
          trustedMcpServers: z.optional(
            describe(
              z.array(z.string().check(z.minLength(1))),
              'MCP servers whose output does not taint the session (user file only).',
            ),
          ),
        }),
      ),
      budgets: z.optional(
        z.strictObject({
          daily: z.optional(
            describe(usd, 'USD a day, all agents together: alerts at 50 % and 80 %, denies at 100 %.'),
          ),
          monthly: z.optional(describe(usd, 'USD a calendar month, as `daily`.')),
        }),
      ),
      loops: z.optional(
        z.strictObject({
          sameCall: z.optional(
            describe(loopLimit, 'The same tool call this often: ask, then (twice as often) deny.'),
          ),
          sameFailure: z.optional(
            describe(loopLimit, 'The same failing command this often: ask, then deny.'),
          ),
        }),
      ),
      prices: z.optional(
        describe(
          z.record(z.string().check(z.minLength(1)), modelPrice),
          'USD per million tokens by model id, over the built-in table (user file only).',
        ),
      ),
      log: z.optional(
        z.strictObject({
          maxBytes: z.optional(
            describe(z.int().check(z.gte(65_536)), 'Rotate the activity log at this size (default 10 MB).'),
          ),
          retentionDays: z.optional(
            describe(
              z.int().check(z.gte(0)),
              'Delete rotated log files older than this; 0 keeps them (default 90).',
            ),
          ),
        }),
      ),
      alerts: z.optional(
        describe(
          z.strictObject({
            webhook: z.optional(
              z.union([
                z.strictObject({
                  url: describe(
                    z.string().check(z.regex(/^https?:\/\//, 'expected an http(s) URL')),
                    'Slack or Discord webhook URL (a secret).',
                  ),
                }),
                z.strictObject({
                  urlEnv: describe(
                    z.string().check(z.minLength(1)),
                    'Environment variable holding the webhook URL.',
                  ),
                }),
              ]),
            ),
            maxPerMinute: z.optional(
              describe(z.int().check(z.gte(1)), 'Webhook messages a minute at most (default 6).'),
            ),
            dedupMinutes: z.optional(
              describe(
                z.number().check(z.gte(0)),
                'The same alert is sent once in this window (default 15).',
              ),
            ),
          }),
          'Where alerts go (user file only).',
        ),
      ),
    }),
    'agentwarden guard policy',
  );
}

export type PolicyFile = Z.infer<ReturnType<typeof policyFileSchema>>;

/** JSON Schema of the policy file, for editors (`# yaml-language-server: $schema=...`). */
export function policyJsonSchema(): Record<string, unknown> {
  const z = loadZod();
  return z.toJSONSchema(policyFileSchema(z), { target: 'draft-2020-12' }) as Record<string, unknown>;
}
