import {
  applyEdits,
  type FormattingOptions,
  findNodeAtLocation,
  format,
  modify,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import {
  blockedEdit,
  type ConfigDocument,
  type DocumentParse,
  detectIndentation,
  type EditResult,
  type JsonPath,
  lookup,
  offsetToPosition,
  ownProperty,
  type Position,
  positionIndex,
} from './document.js';

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (key && val) ownProperty(out, String(key.value), nodeValue(val));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function formattingOf(text: string): FormattingOptions {
  const { unit, eol } = detectIndentation(text);
  return unit === '\t'
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: unit.length, eol };
}

/**
 * One jsonc-parser edit, formatting only the inserted text. jsonc-parser's own formatting reflows the
 * whole line before an insertion (turning a neighbour's `["a"]` into three lines); formatting the edit
 * plus one character either side keeps neighbours as the user wrote them and still indents the new text.
 */
function modifyKeepingLayout(text: string, p: JsonPath, value: unknown, isArrayInsertion = false): string {
  const formattingOptions = formattingOf(text);
  const raw = modify(text, p, value, { isArrayInsertion });
  const edit = raw[0];
  if (raw.length !== 1 || !edit)
    return applyEdits(text, modify(text, p, value, { formattingOptions, isArrayInsertion }));
  const out = applyEdits(text, raw);
  if (edit.content === '') return out;
  const start = Math.max(0, edit.offset - 1);
  let end = edit.offset + edit.content.length + 1;
  // A range ending between \r and \n makes the formatter drop the \r as trailing whitespace (mixed EOLs).
  if (out[end - 1] === '\r' && out[end] === '\n') end++;
  return applyEdits(out, format(out, { offset: start, length: end - start }, formattingOptions));
}

function attempt(edit: () => string): EditResult {
  try {
    return { ok: true, text: edit() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function jsoncDocument(text: string, root: Node, value: unknown): ConfigDocument {
  const position = positionIndex(text);
  const doc: ConfigDocument = {
    format: 'jsonc',
    text,
    value,
    has: (p) => findNodeAtLocation(root, p) !== undefined,
    get: (p) => lookup(value, p).value,
    locate(p) {
      for (let n = p.length; n >= 0; n--) {
        const node = findNodeAtLocation(root, p.slice(0, n));
        if (node) {
          // For a property value, point at the key: that is the line a user looks for.
          const target = node.parent?.type === 'property' ? node.parent : node;
          return position(target.offset);
        }
      }
      return { line: 1, column: 1 };
    },
    set(p, v) {
      const blocked = blockedEdit(value, p);
      if (blocked) return { ok: false, error: blocked };
      return attempt(() => modifyKeepingLayout(text, p, v));
    },
    delete(p) {
      const node = findNodeAtLocation(root, p);
      if (!node) return { ok: true, text };
      const siblings = node.parent?.type === 'array' ? node.parent.children : undefined;
      const previous = siblings && siblings.at(-1) === node ? siblings.at(-2) : undefined;
      // jsonc-parser 3.3 mangles the last item of a one-line array (`[{"x":1}, {"y":2}]` became
      // `[{"x":1}}]`): cut it with the comma before it ourselves.
      if (previous) {
        const from = previous.offset + previous.length;
        return { ok: true, text: text.slice(0, from) + text.slice(node.offset + node.length) };
      }
      return attempt(() => applyEdits(text, modify(text, p, undefined, {})));
    },
    append(p, item) {
      const current = lookup(value, p);
      if (!current.found) return doc.set(p, [item]);
      if (!Array.isArray(current.value)) return { ok: false, error: `${p.join('.')} is not an array` };
      return attempt(() => modifyKeepingLayout(text, [...p, -1], item, true));
    },
  };
  return doc;
}

/** Parses JSON with comments and trailing commas (Claude Code's settings format), keeping positions. */
export function parseJsonc(text: string): DocumentParse {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  let value: unknown;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (root && errors.length === 0) value = nodeValue(root);
  } catch (err) {
    // parseTree and nodeValue recurse once per nesting level: a hostile file must not take the audit down.
    if (!(err instanceof RangeError)) throw err;
    return { ok: false, error: 'invalid JSON (nested too deeply)', position: { line: 1, column: 1 } };
  }
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    const what = first ? printParseErrorCode(first.error) : 'EmptyDocument';
    return { ok: false, error: `invalid JSON (${what})`, position: offsetToPosition(text, offset) };
  }
  return { ok: true, doc: jsoncDocument(text, root, value) };
}

/**
 * The first comment or trailing comma in a document that parses as JSONC: what strict JSON (and so Claude
 * Code, which rejects a settings file holding either) refuses. Undefined when the text is strict JSON.
 */
export function strictJsonViolation(
  text: string,
): { what: 'comment' | 'trailing comma'; position: Position } | undefined {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return undefined;
  }
  const first = errors[0];
  if (!first) return undefined;
  if (printParseErrorCode(first.error) === 'InvalidCommentToken')
    return { what: 'comment', position: offsetToPosition(text, first.offset) };
  // The error is reported at the closing bracket; only whitespace separates it from the comma.
  return { what: 'trailing comma', position: offsetToPosition(text, text.lastIndexOf(',', first.offset)) };
}
