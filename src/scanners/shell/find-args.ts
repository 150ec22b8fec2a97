import type { Word } from './model.js';

/** Where find's starting points end and its expression begins (`find src build -name x` → 2). */
export function firstExpression(args: readonly Word[]): number {
  const i = args.findIndex((w) => /^[-(!]/.test(w.value));
  return i < 0 ? args.length : i;
}

/** find's starting points. */
export function findRoots(args: readonly Word[]): string[] {
  return args.slice(0, firstExpression(args)).map((w) => w.value);
}
