import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

export type JsonPath = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface JsoncDocument {
  text: string;
  value: unknown;
  /** 1-based line/column of the value at path (or of the nearest existing parent). */
  locate(path: JsonPath): Position;
  /** True when the exact path exists. */
  has(path: JsonPath): boolean;
}

export type JsoncParse = { ok: true; doc: JsoncDocument } | { ok: false; error: string; position: Position };

export function offsetToPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (key && val) out[String(key.value)] = nodeValue(val);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Parses JSON with comments and trailing commas (Claude Code's settings format), keeping positions. */
export function parseJsonc(text: string): JsoncParse {
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
  return {
    ok: true,
    doc: {
      text,
      value,
      has: (p) => findNodeAtLocation(root, p) !== undefined,
      locate(p) {
        for (let n = p.length; n >= 0; n--) {
          const node = findNodeAtLocation(root, p.slice(0, n));
          if (node) {
            // For a property value, point at the key: that is the line a user looks for.
            const target = node.parent?.type === 'property' ? node.parent : node;
            return offsetToPosition(text, target.offset);
          }
        }
        return { line: 1, column: 1 };
      },
    },
  };
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
