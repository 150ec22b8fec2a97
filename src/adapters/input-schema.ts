// The shape checks both adapters run on a tool call's input before the guard judges it. A payload the guard
// does not fully understand must not be judged on a guess: `Bash.command = []` would map to "no command" and
// a `Glob.pattern` array to "no pattern", both of which a policy could then allow. Hand-written rather than
// zod: this runs on every tool call, and zod's import alone costs more than the rest of the hook's parse.

/**
 * `line`: a string without NUL, for what names a command, path, URL or pattern (the OS cuts a C string at NUL,
 * so the guard and the tool would read different values); `text`: any string; `objects`: an array of objects.
 * A trailing `?` marks an optional field. Fields not listed are allowed: newer clients add them.
 */
export type FieldType = 'line' | 'text' | 'number' | 'boolean' | 'strings' | 'objects' | 'object';
export type FieldSpec = FieldType | `${FieldType}?`;
export type InputSchema = Readonly<Record<string, FieldSpec>>;

export type InputCheck = { ok: true } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `isWellFormed` is native in Node 20 (ES2024), past this project's ES2022 lib typings.
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * The first key or string anywhere in `value` that is not well-formed UTF-16 (a lone surrogate, which JSON
 * escapes allow but no real client sends), as a path such as `edits[2].old_string`. Iterative, so a deeply
 * nested input cannot overflow the stack.
 */
export function findIllFormedText(value: unknown, at = ''): string | undefined {
  const stack: { value: unknown; at: string }[] = [{ value, at }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, at: where } = item;
    if (typeof v === 'string') {
      if (!wellFormed(v)) return where || '(value)';
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], at: `${where}[${i}]` });
    } else if (isRecord(v)) {
      for (const key of Object.keys(v)) {
        if (!wellFormed(key)) return `a key in ${where || 'the input'}`;
        stack.push({ value: v[key], at: where ? `${where}.${key}` : key });
      }
    }
  }
  return undefined;
}

function fitsType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'line':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'objects':
      return Array.isArray(value) && value.every(isRecord);
    case 'object':
      return isRecord(value);
  }
}

const TYPE_WORDS: Record<FieldType, string> = {
  line: 'a string without NUL',
  text: 'a string',
  number: 'a number',
  boolean: 'true or false',
  strings: 'an array of strings',
  objects: 'an array of objects',
  object: 'an object',
};

/** Required fields present and every listed field of its type; `what` names the input in the error. */
export function checkFields(what: string, input: Record<string, unknown>, schema: InputSchema): InputCheck {
  for (const [field, spec] of Object.entries(schema)) {
    const optional = spec.endsWith('?');
    const type = (optional ? spec.slice(0, -1) : spec) as FieldType;
    const value = input[field];
    // A null optional field is how some clients write "not set".
    if (value === undefined || (optional && value === null)) {
      if (optional) continue;
      return { ok: false, error: `${what} has no ${field}` };
    }
    if (!fitsType(value, type))
      return { ok: false, error: `${what} field ${field} is not ${TYPE_WORDS[type]}` };
  }
  return { ok: true };
}

/** Every key and string well-formed, then the fields (when there is a schema). */
export function checkInput(tool: string, input: Record<string, unknown>, schema?: InputSchema): InputCheck {
  const bad = findIllFormedText(input);
  if (bad !== undefined) return { ok: false, error: `${tool} input has invalid text in ${bad}` };
  return schema ? checkFields(`${tool} call`, input, schema) : { ok: true };
}
