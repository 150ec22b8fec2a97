/** Seed items each family of rules serves, and how commands are quoted in reasons. */
export const REFS = {
  role: ['PR-1', 'CS-6'],
  secret: ['CC-M4', 'PR-3'],
  self: ['CC-H3', 'CC-M4'],
  startup: ['CC-M4', 'PR-3'],
  network: ['PR-2'],
  exfil: ['PR-2', 'PR-3', 'CS-7'],
  boundary: ['PR-4'],
  critical: ['CC-H5', 'PR-4'],
  shell: ['CC-H5'],
  taint: ['CS-5', 'OC-H6'],
  mcp: ['CC-H2', 'PR-1'],
  tool: ['PR-1'],
} as const;

/** One line of at most `max` characters, for quoting a command or URL in a reason. */
export function excerpt(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}
