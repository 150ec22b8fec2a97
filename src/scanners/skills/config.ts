import * as path from 'node:path';
import { z } from 'zod';
import type { AuditContext } from '../../core/context.js';
import { agentwardenPaths } from '../../core/paths.js';
import type { SkillsConfig } from './types.js';

/** `<agentwarden config dir>/skills.json`: the user's trusted sources, allowed hosts and MCP servers. */
export const SKILLS_CONFIG_FILE = 'skills.json';

const schema = z
  .object({
    organisationSources: z.array(z.string()).default([]),
    verifiedSources: z.array(z.string()).default([]),
    allowedDomains: z.array(z.string()).default([]),
    allowedMcpServers: z.array(z.string()).optional(),
  })
  .strict();

export const EMPTY_SKILLS_CONFIG: SkillsConfig = {
  organisationSources: [],
  verifiedSources: [],
  allowedDomains: [],
};

export type LoadedSkillsConfig =
  | { ok: true; config: SkillsConfig; file: string }
  | { ok: false; file: string; error: string };

/** Reads the user's skills config; a missing file is the empty config, a bad one an error naming it. */
export function loadSkillsConfig(ctx: AuditContext): LoadedSkillsConfig {
  const file = path.join(agentwardenPaths(ctx.home, ctx.env).configDir, SKILLS_CONFIG_FILE);
  const read = ctx.fs.readText(file, { maxBytes: 1024 * 1024 });
  if (!read.ok)
    return read.problem === 'missing'
      ? { ok: true, config: EMPTY_SKILLS_CONFIG, file }
      : { ok: false, file, error: read.message };
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (err) {
    return { ok: false, file, error: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      file,
      error: `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const home = (p: string) => (p.startsWith('~/') ? path.join(ctx.home, p.slice(2)) : p);
  const c = parsed.data;
  return {
    ok: true,
    file,
    config: {
      organisationSources: c.organisationSources.map(home),
      verifiedSources: c.verifiedSources.map(home),
      allowedDomains: c.allowedDomains,
      ...(c.allowedMcpServers ? { allowedMcpServers: c.allowedMcpServers } : {}),
    },
  };
}
