import { z } from 'zod';
import { CAPABILITIES, type Capability } from '../scanners/shell/types.js';

export const CELLS = ['allow', 'sandbox', 'approve', 'deny'] as const;
/** One cell of the permission matrix (PR-1). `approve` means a human confirms (verdict ask). */
export type Cell = (typeof CELLS)[number];

export const ROLES = ['default', 'reader', 'builder', 'operator'] as const;
export type RoleName = (typeof ROLES)[number];

export const PROTECT_KINDS = ['secret', 'no-write'] as const;
export type ProtectKind = (typeof PROTECT_KINDS)[number] | 'self';

const cell = z.enum(CELLS);
const roleName = z.enum(ROLES);

const roleCells = z
  .strictObject(
    Object.fromEntries(CAPABILITIES.map((c) => [c, cell.optional()])) as Record<
      Capability,
      z.ZodOptional<typeof cell>
    >,
  )
  .describe('Cells to override for this role; unnamed capabilities keep their value.');

const pathPattern = z
  .string()
  .min(1)
  .describe('`~/x` under home, `/x` absolute, a bare name (`*.pem`) anywhere; `*`, `**`, `?`, `{a,b}`.');

const domainEntry = z
  .string()
  .regex(
    /^(?:=|\*\.)?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/i,
    'expected a domain such as example.com, *.example.com or =example.com',
  );

const protectEntry = z.union([
  pathPattern,
  z.strictObject({
    path: pathPattern,
    kind: z
      .enum(PROTECT_KINDS)
      .optional()
      .describe(
        'secret: reads follow the credentials cell, writes ask at least (default); no-write: writes denied',
      ),
    except: z.array(pathPattern).optional().describe('Paths under `path` that are not protected.'),
  }),
]);

const mcpRule = z.strictObject({
  tool: z
    .string()
    .regex(/^mcp__/, 'expected a tool name pattern starting with mcp__, e.g. mcp__github__*')
    .describe('Full tool name pattern; `*` matches any characters.'),
  verdict: z.enum(['allow', 'ask', 'deny']),
});

/** The policy file, as written by a user (`~/.config/agentwarden/policy.yaml`) or a project. */
export const policyFileSchema = z
  .strictObject({
    version: z.literal(1).optional(),
    role: roleName.optional().describe('The role whose column of the matrix applies (default: builder).'),
    roles: z.strictObject(Object.fromEntries(ROLES.map((r) => [r, roleCells.optional()]))).optional(),
    protect: z.array(protectEntry).optional().describe('Paths to protect in addition to the built-in list.'),
    unprotect: z
      .array(pathPattern)
      .optional()
      .describe('Built-in protected patterns to drop (user file only; self-protection cannot be dropped).'),
    network: z
      .strictObject({
        allow: z.array(domainEntry).optional().describe('Domains reachable without asking (user file only).'),
        deny: z.array(domainEntry).optional().describe('Domains never contacted.'),
      })
      .optional(),
    mcp: z.array(mcpRule).optional().describe('Per-tool verdicts; when several match, the strictest wins.'),
    taint: z
      .strictObject({
        untrustedPaths: z.array(pathPattern).optional().describe('Reading these taints the session.'),
        trustedMcpServers: z
          .array(z.string().min(1))
          .optional()
          .describe('MCP servers whose output does not taint the session (user file only).'),
      })
      .optional(),
  })
  .describe('agentwarden guard policy');

export type PolicyFile = z.infer<typeof policyFileSchema>;

/** JSON Schema of the policy file, for editors (`# yaml-language-server: $schema=...`). */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policyFileSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
