const asciiCounts = new Uint32Array(128);

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  // Hot path (every candidate value): ASCII counted in a reused array, no allocation.
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) {
      asciiCounts.fill(0);
      return entropyOfCodePoints(s);
    }
    asciiCounts[c] = (asciiCounts[c] ?? 0) + 1;
  }
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const count = asciiCounts[c] ?? 0;
    if (count === 0) continue;
    const p = count / n;
    bits -= p * Math.log2(p);
    asciiCounts[c] = 0;
  }
  return bits;
}

function entropyOfCodePoints(s: string): number {
  const chars = [...s];
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
