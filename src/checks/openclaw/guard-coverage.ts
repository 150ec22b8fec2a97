import { PLUGIN_ID } from '../../adapters/openclaw/hook-files.js';
import { openclawGuardStatus } from '../../adapters/openclaw/status.js';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, type OpenclawConfig, openclaw, openclawHome } from './_openclaw.js';
import { execScopes, execTrust } from './exec-full-trust.js';

/** Exec scopes whose commands run without any approval of OpenClaw's own (full trust, as written or by default). */
function unapprovedExec(cfg: OpenclawConfig): string[] {
  return execScopes(cfg)
    .filter((s) => {
      const t = execTrust(cfg, s);
      return t.explicitFull || t.implicitFull;
    })
    .map((s) => s.label);
}

const GUARDED_CONFIG = HARDENED_CONFIG.replace(
  'plugins: { allow: [] }',
  `plugins: { allow: ['${PLUGIN_ID}'], entries: { ${PLUGIN_ID}: { enabled: true, hooks: { timeoutMs: 10000 } } } }`,
);
const PLUGIN_FILES = {
  '~/.openclaw/extensions/agentwarden': { dir: true as const, mode: 0o700 },
  '~/.openclaw/extensions/agentwarden/openclaw.plugin.json': {
    content: '{"id":"agentwarden","configSchema":{"type":"object"}}',
    mode: 0o600,
  },
  '~/.openclaw/extensions/agentwarden/index.js': {
    content: 'const CLI = "/opt/agentwarden/dist/cli.js";\n',
    mode: 0o600,
  },
  '/opt/agentwarden/dist/cli.js': '// agentwarden\n',
};

export default defineCheck({
  id: 'openclaw/guard-coverage',
  severity: 'high',
  seedRefs: ['OC-H6', 'PR-2', 'CS-6'],
  frameworks: ['OWASP-LLM06'],
  title: 'The agentwarden guard does not see every OpenClaw tool call',
  docs: {
    why: "The agentwarden plugin checks each OpenClaw tool call (exec, file writes, browser, messages) against the policy before it runs. It only does so where it loads and where OpenClaw calls it. A Gateway whose plugin fails to load starts anyway and runs every tool unguarded, with no error anyone sees (verified with OpenClaw 2026.9.6). `openclaw agent exec` fires no plugin hook at all. Without the plugin, nothing but OpenClaw's own exec settings stands between a model talked into an action and the machine.",
    fix: 'Run `agentwarden guard install openclaw` and restart the Gateway; `agentwarden guard status` and `openclaw plugins inspect agentwarden --runtime` confirm it loaded. Run headless jobs with `openclaw agent --local` (it refuses to start when the plugin fails) rather than `openclaw agent exec`.',
  },
  examples: {
    bad: [
      { name: 'OpenClaw without the guard', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'plugin enabled in the config but missing from extensions/',
        ...openclawHome(GUARDED_CONFIG),
      },
      {
        name: 'plugin dir writable by anyone (OpenClaw skips it)',
        ...openclawHome(GUARDED_CONFIG, {
          ...PLUGIN_FILES,
          '~/.openclaw/extensions/agentwarden': { dir: true, mode: 0o777 },
        }),
      },
      {
        name: 'guard in force, but host exec at full trust for `agent exec` runs',
        ...openclawHome(
          `{ plugins: { allow: ['${PLUGIN_ID}'], entries: { ${PLUGIN_ID}: { enabled: true } } } }\n`,
          PLUGIN_FILES,
        ),
      },
    ],
    good: [
      {
        name: 'guard in force, exec on an allowlist that asks',
        ...openclawHome(GUARDED_CONFIG, PLUGIN_FILES),
      },
      { name: 'no OpenClaw here', files: {} },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const status = openclawGuardStatus({ home: ctx.home, env: ctx.env, systemRoot: ctx.systemRoot }, ctx.fs);
    const where = at(cfg, ['plugins', 'entries', PLUGIN_ID]);
    const problems = status.problems.join('; ');
    if (!status.wanted)
      return [
        {
          severity: 'low',
          message:
            'OpenClaw runs here without the agentwarden guard: no tool call the agent makes (exec, file writes, browser, messages) is checked against a policy before it runs.',
          ...where,
          fix: 'Run `agentwarden guard install openclaw`, then restart the OpenClaw Gateway.',
        },
      ];
    if (!status.loads)
      return [
        status.switchedOff
          ? {
              severity: 'medium',
              message: `The agentwarden plugin is installed but switched off (${problems}): OpenClaw runs every tool call unguarded.`,
              ...where,
              fix: 'Remove the setting that switches the plugin off, or run `agentwarden guard install openclaw` (it enables it); then restart the Gateway.',
            }
          : {
              severity: 'high',
              message: `The agentwarden plugin is configured but OpenClaw will not load it (${problems}). A Gateway starts anyway and runs every tool call unguarded, with no error the agent or you would see.`,
              ...where,
              fix: 'Run `agentwarden guard install openclaw` again (it rewrites the plugin and enables it), keep its folder writable only by you (chmod 700), restart the Gateway and check `openclaw plugins inspect agentwarden --runtime`.',
            },
      ];
    const findings: RawFinding[] = [];
    if (status.problems.length > 0)
      findings.push({
        severity: 'medium',
        message: `The agentwarden plugin loads but cannot reach agentwarden (${problems}).`,
        ...where,
        fix: 'Run `agentwarden guard install openclaw` again, then restart the Gateway.',
      });
    const unapproved = unapprovedExec(cfg);
    if (unapproved.length > 0)
      findings.push({
        severity: 'low',
        message: `\`openclaw agent exec\` fires no plugin hook, and ${unapproved.join(', ')} runs commands with full trust: in such a run the agent's commands run with neither the guard nor an approval.`,
        ...at(cfg, ['tools', 'exec']),
        fix: 'Run headless jobs with `openclaw agent --local` or through the Gateway, and set tools.exec.security "allowlist" with ask "on-miss" (or sandbox.mode "all") so that OpenClaw\'s own approvals apply where the hook does not fire.',
      });
    return findings;
  },
});
