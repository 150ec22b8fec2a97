import type { RawFinding } from '../../core/finding.js';
import type { Severity } from '../../core/severity.js';
import type { ContainerSpec, Item, Site } from './_spec.js';

/** A finding placed where the setting is written (a running container has no file: its label says where). */
export function findingAt(
  spec: ContainerSpec,
  site: Site,
  message: string,
  extra: { severity?: Severity; evidence?: string; fix?: string; fixPlans?: Item<unknown>['fixPlans'] } = {},
): RawFinding {
  return {
    message: `${spec.label}: ${message}`,
    ...(site.file && { file: site.file }),
    ...(site.line !== undefined && { line: site.line }),
    ...(site.column !== undefined && { column: site.column }),
    ...(extra.severity && { severity: extra.severity }),
    ...(extra.evidence !== undefined && { evidence: extra.evidence }),
    ...(extra.fix && { fix: extra.fix }),
    ...(extra.fixPlans && extra.fixPlans.length > 0 && { fixPlans: extra.fixPlans }),
  };
}
