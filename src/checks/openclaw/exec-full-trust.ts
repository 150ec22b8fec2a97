import { defineCheck } from '../../core/check.js';
import type { JsonPath } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import {
  agentScopes,
  at,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
  openIngress,
} from './_openclaw.js';

/** Where exec settings live: the global tools.exec and each agent's tools.exec. */
export function execScopes(cfg: OpenclawConfig): { label: string; path: JsonPath; sandboxed: boolean }[] {
  const agents = agentScopes(cfg);
  const sandboxOf = (id: string) => {
    const mode = agents.find((a) => a.id === id)?.get(['sandbox', 'mode']).value;
    return mode === 'all';
  };
  const out = [
    { label: 'tools.exec', path: ['tools', 'exec'] as JsonPath, sandboxed: sandboxOf('defaults') },
  ];
  for (const a of agents)
    if (a.id !== 'defaults' && cfg.get([...a.path, 'tools', 'exec']) !== undefined)
      out.push({
        label: `agent "${a.id}" tools.exec`,
        path: [...a.path, 'tools', 'exec'],
        sandboxed: sandboxOf(a.id),
      });
  return out;
}

/** How one scope's exec runs: with full trust as written (security/mode), or by the host default. */
export function execTrust(cfg: OpenclawConfig, scope: { path: JsonPath; sandboxed: boolean }) {
  const security = cfg.get([...scope.path, 'security']);
  const mode = cfg.get([...scope.path, 'mode']);
  const ask = cfg.get([...scope.path, 'ask']);
  const explicitFull = security === 'full' || mode === 'full' || mode === 'auto';
  const implicitFull = security === undefined && mode === undefined && !scope.sandboxed;
  return { security, mode, ask, explicitFull, implicitFull };
}

export default defineCheck({
  id: 'openclaw/exec-full-trust',
  severity: 'high',
  seedRefs: ['OC-H6', 'PR-4', 'CS-6'],
  frameworks: ['OWASP-LLM06'],
  title: 'OpenClaw runs shell commands with full trust and no approval',
  docs: {
    why:
      'On the host, exec defaults to security "full" and ask "off": any command the model writes runs at once, ' +
      'including one a web page or a chat message talked it into. The seed asks for confirmation before side ' +
      "effects and never auto-executes from untrusted content. OpenClaw's own audit only flags the explicit " +
      'setting, not the default.',
    fix:
      'Set tools.exec.security to "allowlist" (with safeBins for what you need) and tools.exec.ask to ' +
      '"on-miss", or run sessions in the sandbox (sandbox.mode "all").',
  },
  examples: {
    bad: [
      {
        name: 'explicit full with ask off',
        ...openclawHome("{ tools: { exec: { security: 'full', ask: 'off' } } }\n"),
      },
      { name: 'defaults on the host', ...openclawHome('{}\n') },
    ],
    good: [
      { name: 'allowlist + ask (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'everything sandboxed',
        ...openclawHome("{ agents: { defaults: { sandbox: { mode: 'all' } } } }\n"),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const open = openIngress(cfg);
    const findings: RawFinding[] = [];
    for (const scope of execScopes(cfg)) {
      const { security, mode, ask, explicitFull, implicitFull } = execTrust(cfg, scope);
      if (!explicitFull && !implicitFull) {
        if (ask === 'off' && security !== 'deny' && mode !== 'deny')
          findings.push({
            message: `${scope.label}.ask is "off": commands outside the allowlist run without asking.`,
            ...at(cfg, [...scope.path, 'ask']),
            severity: 'medium',
          });
        continue;
      }
      const where = explicitFull ? [...scope.path, security === 'full' ? 'security' : 'mode'] : scope.path;
      const askOff = ask === undefined || ask === 'off';
      findings.push({
        message:
          (explicitFull
            ? `${scope.label} runs commands with full trust (${security === 'full' ? 'security' : 'mode'} "${String(security === 'full' ? security : mode)}")`
            : `${scope.label} is not set and sessions are not sandboxed, so host exec runs at its default security "full"`) +
          (askOff ? ' and never asks for approval' : '') +
          (open.length > 0 ? `, while ${open[0]?.label} accepts messages from anyone.` : '.'),
        ...at(cfg, where),
        severity: open.length > 0 ? 'critical' : askOff ? 'high' : 'medium',
      });
    }
    return findings;
  },
});
