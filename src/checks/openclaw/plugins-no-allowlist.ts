import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, type OpenclawConfig, openclaw, openclawHome } from './_openclaw.js';

/** Plugins OpenClaw would discover outside its bundle: ~/.openclaw/extensions/* and plugins.load.paths. */
export function installedPlugins(ctx: AuditContext, cfg: OpenclawConfig): string[] {
  const dir = path.join(cfg.stateDir, 'extensions');
  const global = ctx.fs.list(dir).filter((n) => ctx.fs.stat(path.join(dir, n))?.kind === 'dir');
  const paths = cfg.get(['plugins', 'load', 'paths']);
  const configured = Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
  return [...global, ...configured.map((p) => path.basename(p))];
}

export default defineCheck({
  id: 'openclaw/plugins-no-allowlist',
  severity: 'medium',
  seedRefs: ['CS-4', 'SK-1'],
  frameworks: ['OWASP-LLM03'],
  title: 'OpenClaw loads plugins without an allowlist',
  docs: {
    why:
      'OpenClaw plugins are unsigned code that runs inside the gateway with its full rights (every tool call, ' +
      'every message). Without plugins.allow, any plugin dropped into ~/.openclaw/extensions or listed in ' +
      'plugins.load.paths is enabled by default at the next start.',
    fix: 'Set plugins.allow to the ids of the plugins you reviewed; everything else is then disabled.',
  },
  examples: {
    bad: [
      {
        name: 'an extension and no allowlist',
        ...openclawHome('{}\n', {
          '~/.openclaw/extensions/voice-call/package.json': '{"name":"voice-call"}',
        }),
      },
    ],
    good: [
      { name: 'no plugins (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'allowlisted',
        ...openclawHome("{ plugins: { allow: ['voice-call'] } }\n", {
          '~/.openclaw/extensions/voice-call/package.json': '{"name":"voice-call"}',
        }),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg || cfg.get(['plugins', 'enabled']) === false) return [];
    const plugins = installedPlugins(ctx, cfg);
    const allow = cfg.get(['plugins', 'allow']);
    if (plugins.length === 0 || (Array.isArray(allow) && allow.length > 0)) return [];
    const finding: RawFinding = {
      message: `${plugins.length} plugin(s) (${plugins.slice(0, 5).join(', ')}) load without plugins.allow: any plugin placed there is enabled by default.`,
      ...at(cfg, ['plugins']),
    };
    return [finding];
  },
});
