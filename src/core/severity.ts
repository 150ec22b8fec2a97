export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Highest first: critical, high, medium, low, info. */
export function compareSeverityDesc(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}
