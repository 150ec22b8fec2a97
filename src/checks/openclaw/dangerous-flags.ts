import { defineCheck } from '../../core/check.js';
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome, show } from './_openclaw.js';

/** Flags the control-ui check reports with their own explanation. */
const COVERED = new Set([
  'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback',
  'gateway.controlUi.dangerouslyDisableDeviceAuth',
]);

function dangerousFlags(value: unknown, p: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => dangerousFlags(v, [...p, i]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    /^dangerously[A-Z]/.test(k) && v === true ? [[...p, k]] : dangerousFlags(v, [...p, k]),
  );
}

export default defineCheck({
  id: 'openclaw/dangerous-flags',
  severity: 'high',
  seedRefs: ['OC-H6', 'CS-1'],
  title: 'An OpenClaw "dangerously*" flag is on',
  docs: {
    why:
      'OpenClaw names the switches that turn off one of its own protections "dangerously…": external bind ' +
      "sources for sandbox containers, joining other containers' namespaces, reserved container targets, " +
      'unsafe external content in hooks. Each is meant for a debugging session, not a running agent.',
    fix: 'Remove the flag (or set it to false) unless you are debugging right now.',
  },
  examples: {
    bad: [
      {
        name: 'sandbox may bind any host path',
        ...openclawHome(
          "{ agents: { defaults: { sandbox: { mode: 'all', docker: { dangerouslyAllowExternalBindSources: true } } } } }\n",
        ),
      },
    ],
    good: [{ name: 'hardened', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    return dangerousFlags(cfg.value)
      .filter((p) => !COVERED.has(show(p)))
      .map(
        (p): RawFinding => ({
          message: `${show(p)} is true: an OpenClaw safety check is switched off.`,
          ...at(cfg, p),
          evidence: `${String(p.at(-1))}: true`,
        }),
      );
  },
});
