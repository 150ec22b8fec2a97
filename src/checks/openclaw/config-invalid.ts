import { defineCheck } from '../../core/check.js';
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import retired from '../../discover/openclaw-retired-models.generated.json' with { type: 'json' };
import { validateOpenclawConfig } from '../../discover/openclaw-schema.js';
import {
  agentScopes,
  at,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
  show,
} from './_openclaw.js';

const RETIRED: Record<string, string> = retired.models;
/** An agent's model selectors (a string, or {primary, fallbacks}) OpenClaw checks against its catalogue. */
const MODEL_KEYS = ['model', 'utilityModel', 'imageModel', 'voiceModel', 'pdfModel'];

/**
 * Model references OpenClaw 2026.9.6 refuses at load (validateConfiguredModelRefs): a `provider/model` its
 * bundled provider manifests list as shut down. Read where it reads them: each agent's model selectors,
 * `models` keys, subagent, heartbeat and compaction models.
 */
function retiredModels(cfg: OpenclawConfig): { path: JsonPath; ref: string; reason: string }[] {
  const out: { path: JsonPath; ref: string; reason: string }[] = [];
  const seen = new Set<string>();
  const check = (p: JsonPath, value: unknown) => {
    if (typeof value !== 'string') return;
    const ref = value.trim().toLowerCase();
    const reason = RETIRED[ref];
    if (reason === undefined || seen.has(show(p))) return;
    seen.add(show(p));
    out.push({ path: p, ref, reason });
  };
  const selector = (p: JsonPath, value: unknown) => {
    if (typeof value === 'string') return check(p, value);
    if (!isRecord(value)) return;
    check([...p, 'primary'], value.primary);
    if (Array.isArray(value.fallbacks))
      for (const [i, f] of value.fallbacks.entries()) check([...p, 'fallbacks', i], f);
  };
  for (const a of agentScopes(cfg)) {
    const agent = cfg.get(a.path);
    if (!isRecord(agent)) continue;
    for (const key of MODEL_KEYS) selector([...a.path, key], agent[key]);
    if (isRecord(agent.subagents)) selector([...a.path, 'subagents', 'model'], agent.subagents.model);
    if (isRecord(agent.heartbeat)) check([...a.path, 'heartbeat', 'model'], agent.heartbeat.model);
    if (isRecord(agent.compaction)) check([...a.path, 'compaction', 'model'], agent.compaction.model);
    if (isRecord(agent.models)) for (const k of Object.keys(agent.models)) check([...a.path, 'models', k], k);
  }
  return out;
}

export default defineCheck({
  id: 'openclaw/config-invalid',
  severity: 'high',
  seedRefs: ['OC-L2'],
  title: 'OpenClaw would reject its config',
  docs: {
    why:
      'OpenClaw validates openclaw.json against a strict schema: one unknown or retired key (such as ' +
      'logging.redactSensitive, removed in 2026.9) or a value outside its enum makes the whole file invalid. ' +
      'The gateway then refuses to start and `openclaw security audit` exits 1 and audits nothing, so every ' +
      'other setting goes unchecked. agentwarden still audits the rest of the file.',
    fix: 'Remove or rename the key at the line shown (`openclaw doctor` migrates known legacy keys), then run `openclaw config validate`.',
  },
  examples: {
    bad: [
      {
        name: 'retired logging.redactSensitive',
        ...openclawHome("{\n  logging: { redactSensitive: 'off' },\n}\n"),
      },
      { name: 'legacy host alias as bind', ...openclawHome("{ gateway: { bind: '0.0.0.0' } }\n") },
      {
        name: 'a model OpenClaw retired, as a fallback',
        ...openclawHome(
          "{ agents: { defaults: { model: { primary: 'google/gemini-2.5-flash', fallbacks: ['google/gemini-2.0-flash-exp'] } } } }\n",
        ),
      },
      { name: 'JSON5 syntax error', ...openclawHome('{ gateway: { bind: "loopback" }\n') },
      {
        name: 'include outside the allowed roots',
        ...openclawHome("{ $include: '../elsewhere/extra.json5' }\n", { '~/elsewhere/extra.json5': '{}' }),
      },
    ],
    good: [
      { name: 'hardened config', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'include inside OPENCLAW_INCLUDE_ROOTS',
        ...openclawHome(
          "{ $include: '../shared/channels.json5' }\n",
          { '~/shared/channels.json5': "{ channels: { telegram: { dmPolicy: 'pairing' } } }" },
          { env: { OPENCLAW_INCLUDE_ROOTS: '~/shared' } },
        ),
      },
      { name: 'no OpenClaw', files: {} },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = cfg.problems.map((p) => ({
      message: `${p.message}. OpenClaw cannot load this config, so it will not start with it.`,
      file: p.file,
      ...(p.line !== undefined && { line: p.line, column: p.column }),
    }));
    for (const issue of validateOpenclawConfig(cfg))
      findings.push({
        message: `${issue.message}: OpenClaw rejects the whole config (the gateway does not start, its own audit aborts).`,
        file: issue.file,
        line: issue.line,
        column: issue.column,
        severity: 'medium',
        fix:
          issue.kind === 'invalid-value'
            ? 'Set one of the accepted values (for a bind address use "loopback", "lan", "tailnet", "custom" or "auto").'
            : 'Remove the key, or run `openclaw doctor --fix` to migrate it.',
      });
    for (const m of retiredModels(cfg))
      findings.push({
        message: `${show(m.path)} names ${m.ref}, a model OpenClaw no longer knows (${m.reason.replace(/\.$/, '')}): OpenClaw rejects the whole config.`,
        ...at(cfg, m.path),
        severity: 'medium',
        fix: 'Replace the model with the one the message names, or remove it.',
      });
    return findings;
  },
});
