/**
 * Compose variable interpolation, as `docker compose config` does it: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested defaults, and `$$`
 * for a literal dollar. Variables come from a lookup that may itself interpolate (a .env value referring to
 * another), so the lookup carries the chain of names being resolved and a loop is an error, never a hang.
 */

export type VariableLookup = (name: string, chain: readonly string[]) => Interpolated | undefined;

export type Interpolated = { ok: true; value: string } | { ok: false; error: string };

/** Nested `${…}` inside defaults deeper than this is refused rather than recursed into. */
const MAX_DEPTH = 10;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Index just after the `}` that closes the `${` at `open`, counting nested braces; -1 when unclosed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function interpolate(
  text: string,
  lookup: VariableLookup,
  chain: readonly string[] = [],
  depth = 0,
): Interpolated {
  if (depth > MAX_DEPTH) return { ok: false, error: 'variables nested too deeply' };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '{') {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (!name) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      const got = lookup(name, chain);
      if (got && !got.ok) return got;
      out += got?.value ?? '';
      i = dollar + 1 + name.length;
      continue;
    }
    const end = closingBrace(text, dollar);
    if (end < 0) return { ok: false, error: `unclosed "\${" in "${text}"` };
    const body = text.slice(dollar + 2, end - 1);
    const name = NAME.exec(body)?.[0];
    if (!name) return { ok: false, error: `invalid variable "\${${body}}"` };
    const op = /^(:?[-?+])?/.exec(body.slice(name.length))?.[0] ?? '';
    const rest = body.slice(name.length + op.length);
    if (op === '' && rest !== '') return { ok: false, error: `invalid variable "\${${body}}"` };
    const got = lookup(name, chain);
    if (got && !got.ok) return got;
    const value = got?.value;
    const unset = value === undefined;
    const empty = unset || value === '';
    const nested = () => interpolate(rest, lookup, chain, depth + 1);
    let piece: Interpolated;
    if (op === ':-') piece = empty ? nested() : { ok: true, value: value as string };
    else if (op === '-') piece = unset ? nested() : { ok: true, value: value as string };
    else if (op === ':?' || op === '?') {
      const missing = op === ':?' ? empty : unset;
      if (missing) {
        const message = nested();
        return {
          ok: false,
          error: `required variable ${name} is missing a value${message.ok && message.value ? `: ${message.value}` : ''}`,
        };
      }
      piece = { ok: true, value: value as string };
    } else if (op === ':+') piece = empty ? { ok: true, value: '' } : nested();
    else if (op === '+') piece = unset ? { ok: true, value: '' } : nested();
    else piece = { ok: true, value: value ?? '' };
    if (!piece.ok) return piece;
    out += piece.value;
    i = end;
  }
  return { ok: true, value: out };
}

/**
 * A lookup over the process environment (wins, as in compose) and a .env file's raw values, which are
 * interpolated themselves on demand; a name already in the chain is a loop.
 */
export function composeVariables(
  processEnv: Readonly<Record<string, string | undefined>>,
  dotenv: ReadonlyMap<string, string>,
): VariableLookup {
  const lookup: VariableLookup = (name, chain) => {
    const fromEnv = processEnv[name];
    if (fromEnv !== undefined) return { ok: true, value: fromEnv };
    const raw = dotenv.get(name);
    if (raw === undefined) return undefined;
    if (chain.includes(name))
      return { ok: false, error: `interpolation loop: ${[...chain, name].join(' -> ')}` };
    return interpolate(raw, lookup, [...chain, name]);
  };
  return lookup;
}

export interface TreeProblem {
  path: (string | number)[];
  error: string;
}

/** Interpolates every string in a parsed YAML tree (not keys, as compose); problems are collected by path. */
export function interpolateTree(
  value: unknown,
  lookup: VariableLookup,
): { value: unknown; problems: TreeProblem[] } {
  const problems: TreeProblem[] = [];
  const walk = (v: unknown, p: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      const r = interpolate(v, lookup);
      if (r.ok) return r.value;
      problems.push({ path: p, error: r.error });
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...p, i]));
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...p, k]);
      return out;
    }
    return v;
  };
  return { value: walk(value, []), problems };
}
