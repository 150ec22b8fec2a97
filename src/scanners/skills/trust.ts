import { isInside } from '../shell/paths.js';
import type { SkillFinding, SkillsConfig, TrustTier } from './types.js';

/**
 * Trust tier of a skill from where it is installed [SK-1]: official (Anthropic's plugin marketplace,
 * OpenClaw's bundled skills), organisation and verified (directories or sources the user lists), else
 * unknown. Never from the skill's own frontmatter: `author: verified-publisher` is the skill speaking.
 */
export function trustTier(
  dir: string,
  config: SkillsConfig,
  officialDirs: readonly string[] = [],
  source?: string,
): TrustTier {
  const matches = (entries: readonly string[]) =>
    entries.some(
      (e) => isInside(dir, e) || (source !== undefined && (source === e || source.startsWith(`${e}/`))),
    );
  if (matches(officialDirs)) return 'official';
  if (matches(config.organisationSources)) return 'organisation';
  if (matches(config.verifiedSources)) return 'verified';
  return 'unknown';
}

/**
 * Findings whose risk is someone else's, whoever wrote the skill: a vendor's own installer documented as a
 * setup step (`auto-install`) is as safe as that vendor, which the skill's tier says nothing about.
 */
export const NOT_RAISED: ReadonlySet<string> = new Set(['auto-install']);

/**
 * An unknown skill with any red flag is high severity: nobody vouches for why it does that. `settled`
 * findings (a capability the skill declares, with nothing else suspect) stay as they are.
 */
export function escalateUnknown(
  findings: SkillFinding[],
  tier: TrustTier,
  settled: ReadonlySet<SkillFinding> = new Set(),
): void {
  if (tier !== 'unknown') return;
  for (const f of findings) {
    if (
      (f.category === 'red-flag' || f.category === 'instructions') &&
      f.severity === 'medium' &&
      !NOT_RAISED.has(f.rule) &&
      !settled.has(f)
    ) {
      f.severity = 'high';
      f.message += ' (unknown source)';
    }
  }
}
