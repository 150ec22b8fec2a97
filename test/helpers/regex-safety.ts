/**
 * Static and analyser checks that a regex cannot backtrack catastrophically, shared by the ReDoS tests of the
 * secret and injection rules.
 */
/** `+`, `*` or `{n,}` outside a character class and not escaped. */
export const UNBOUNDED = /(?<!\\)(?:[+*]|\{\d+,\})(?![^[]*\])/;

/**
 * A group that holds an unbounded quantifier and is itself repeated (`(a+)+`, `(?:x*y)*`): the shape behind
 * catastrophic backtracking. `repeats: 'any'` also counts a bounded repeat of such a group (`(a+){1,9}`:
 * polynomial, of degree its bound); `'unbounded'` only `+`, `*` and `{n,}`, for rules that read bounded windows.
 */
export function nestedUnbounded(source: string, repeats: 'any' | 'unbounded' = 'any'): boolean {
  const stack: { start: number; unbounded: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ start: i, unbounded: false });
    else if (c === ')') {
      const group = stack.pop();
      const after = source.slice(i + 1, i + 12);
      const repeated = (repeats === 'any' ? /^(?:[+*]|\{\d+,\d*\})/ : /^(?:[+*]|\{\d+,\})/).test(after);
      if (group?.unbounded && repeated) return true;
      const parent = stack[stack.length - 1];
      if (parent && group?.unbounded) parent.unbounded = true;
    } else if (
      (c === '+' || c === '*' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) &&
      stack.length > 0
    ) {
      const top = stack[stack.length - 1];
      if (top) top.unbounded = true;
    }
  }
  return false;
}
