/**
 * Ranges of a text that a rule's regex runs on (the engine's keyword windows, a rule's own `windows`): each range is
 * `[from, to)`, and ranges are kept merged so that a text dense with keywords is still searched once.
 */
export type Range = [number, number];

/** Appends `[from, to)` to ranges built in ascending order of `from`, merging it into the last one when they overlap. */
export function addRange(out: Range[], from: number, to: number): void {
  const last = out[out.length - 1];
  if (last && from <= last[1]) last[1] = Math.max(last[1], to);
  else out.push([from, to]);
}

/** Merged ranges of a text of `length` reaching `before` and `after` characters around the given (ascending) offsets. */
export function windowsAround(offsets: number[], length: number, before: number, after: number): Range[] {
  const out: Range[] = [];
  for (const at of offsets) addRange(out, Math.max(0, at - before), Math.min(length, at + after));
  return out;
}
