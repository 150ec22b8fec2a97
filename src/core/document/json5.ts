import {
  type ArrayNode,
  type DocumentNode,
  type ElementNode,
  type MemberNode,
  type ObjectNode,
  parse,
  type Token,
  type ValueNode,
} from '@humanwhocodes/momoa';
import {
  blockedEdit,
  type ConfigDocument,
  type DocumentParse,
  deepEqual,
  detectIndentation,
  type EditResult,
  type Indentation,
  type JsonPath,
  lastMatch,
  lookup,
  ownProperty,
} from './document.js';

/**
 * JSON5 (OpenClaw's config format) through momoa's JSON5 parser, which keeps every node's offsets. Edits
 * are minimal text splices at those offsets, so comments, quoting and layout around them survive.
 */

type Child = MemberNode | ElementNode;
type Container = ObjectNode | ArrayNode;

const start = (n: { loc: { start: { offset: number } } }) => n.loc.start.offset;
const end = (n: { loc: { end: { offset: number } } }) => n.loc.end.offset;

function memberName(m: MemberNode): string {
  return m.name.type === 'Identifier' ? m.name.name : m.name.value;
}

function nodeValue(node: ValueNode): unknown {
  switch (node.type) {
    case 'Object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) ownProperty(out, memberName(m), nodeValue(m.value));
      return out;
    }
    case 'Array':
      return node.elements.map((e) => nodeValue(e.value));
    case 'Null':
      return null;
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return node.sign === '-' ? -Infinity : Infinity;
    default:
      return node.value;
  }
}

/** The node at path with the child (member or element) holding it; a repeated key resolves to its last. */
function find(body: ValueNode, p: JsonPath): { node: ValueNode; child?: Child } | undefined {
  let node = body;
  let child: Child | undefined;
  for (const key of p) {
    if (node.type === 'Object' && typeof key === 'string')
      child = lastMatch(node.members, (m) => memberName(m) === key);
    else if (node.type === 'Array' && typeof key === 'number') child = node.elements[key];
    else return undefined;
    if (!child) return undefined;
    node = child.value;
  }
  return child ? { node, child } : { node };
}

interface Style extends Indentation {
  bareKeys: boolean;
  quote: '"' | "'";
}

/** Writes new keys and strings the way the file already does (bare keys, single quotes are common in JSON5). */
function styleOf(text: string, body: ValueNode, tokens: Token[]): Style {
  let bare = 0;
  let quoted = 0;
  const visit = (n: ValueNode) => {
    if (n.type === 'Object')
      for (const m of n.members) {
        if (m.name.type === 'Identifier') bare++;
        else quoted++;
        visit(m.value);
      }
    else if (n.type === 'Array') for (const e of n.elements) visit(e.value);
  };
  visit(body);
  const strings = tokens.filter((t) => t.type === 'String');
  const single = strings.filter((t) => text[start(t)] === "'").length;
  return {
    ...detectIndentation(text),
    bareKeys: bare > 0 && bare >= quoted,
    quote: single > strings.length - single ? "'" : '"',
  };
}

function renderString(s: string, quote: Style['quote']): string {
  const json = JSON.stringify(s);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function renderKey(key: string, style: Style): string {
  return style.bareKeys && /^[A-Za-z_$][\w$]*$/.test(key) ? key : renderString(key, style.quote);
}

/** A value as JSON5 text for a line indented by `indent`; nested values one unit deeper each. */
function render(value: unknown, indent: string, style: Style): string {
  const inner = indent + style.unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => `${inner}${render(v, inner, style)}`);
    return `[${style.eol}${items.join(`,${style.eol}`)}${style.eol}${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => `${inner}${renderKey(k, style)}: ${render(v, inner, style)}`);
    return `{${style.eol}${items.join(`,${style.eol}`)}${style.eol}${indent}}`;
  }
  if (typeof value === 'string') return renderString(value, style.quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}

/** A value on one line, for a container the file writes inline (`{ mode: 'token', token: '…' }`). */
function renderInline(value: unknown, style: Style): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderInline(v, style)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${renderKey(k, style)}: ${renderInline(v, style)}`).join(', ')} }`;
  }
  return render(value, '', style);
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  // From the end backwards; of two insertions at one offset, the one listed first ends up first.
  const order = splices.map((s, i) => ({ s, i })).sort((a, b) => b.s.at - a.s.at || b.i - a.i);
  for (const { s } of order) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return out;
}

/** A new child's text for a line indented by `indent`, or for an inline container. */
type ChildText = (indent: string, inline: boolean) => string;

class Json5Editor {
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly style: Style,
  ) {}

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset of the line's end, before its \r\n or \n. */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  private indentOf(offset: number): string {
    return /^[ \t]*/.exec(this.text.slice(this.lineStart(offset)))?.[0] ?? '';
  }

  private sameLine(a: number, b: number): boolean {
    return !this.text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
  }

  /** The first token at or after offset that is not a comment. */
  private nextToken(offset: number): Token | undefined {
    return this.tokens.find(
      (t) => start(t) >= offset && t.type !== 'LineComment' && t.type !== 'BlockComment',
    );
  }

  /** The comma right after a child, if any (comments may sit between). */
  private commaAfter(child: Child): Token | undefined {
    const next = this.nextToken(end(child));
    return next?.type === 'Comma' ? next : undefined;
  }

  /** Only whitespace and comments between offset and the end of its line. */
  private restOfLineIsTrivia(offset: number): boolean {
    const rest = this.text.slice(offset, this.lineEnd(offset)).trim();
    return rest === '' || rest.startsWith('//') || /^\/\*.*\*\/$/.test(rest);
  }

  private children(c: Container): Child[] {
    return c.type === 'Object' ? c.members : c.elements;
  }

  /** Adds a child as the container's last, in the container's layout (one per line, or inline). */
  insert(container: Container, childText: ChildText): string {
    const open = start(container);
    const close = end(container) - 1;
    const kids = this.children(container);
    const last = kids.at(-1);
    const outer = this.indentOf(open);
    const { eol, unit } = this.style;
    if (!last) {
      const inside = this.text.slice(open + 1, close);
      const indent = outer + unit;
      if (inside.trim() === '')
        return applySplices(this.text, [
          {
            at: open + 1,
            remove: close - open - 1,
            insert: `${eol}${indent}${childText(indent, false)}${eol}${outer}`,
          },
        ]);
      const tail = this.sameLine(open, close) ? `${eol}${outer}` : '';
      return applySplices(this.text, [
        { at: open + 1, remove: 0, insert: `${eol}${indent}${childText(indent, false)}${tail}` },
      ]);
    }
    const comma = this.commaAfter(last);
    const afterLast = comma ? end(comma) : end(last);
    if (this.sameLine(open, close)) {
      const text = childText(outer, true);
      return applySplices(this.text, [
        comma
          ? { at: afterLast, remove: 0, insert: ` ${text},` }
          : { at: afterLast, remove: 0, insert: `, ${text}` },
      ]);
    }
    const firstOnLine = this.text.slice(this.lineStart(start(last)), start(last)).trim() === '';
    const indent = firstOnLine ? this.indentOf(start(last)) : outer + unit;
    const text = `${childText(indent, false)}${comma ? ',' : ''}`;
    const splices: Splice[] = comma ? [] : [{ at: end(last), remove: 0, insert: ',' }];
    if (this.sameLine(afterLast, close))
      splices.push({ at: close, remove: 0, insert: `${eol}${indent}${text}${eol}${outer}` });
    else splices.push({ at: this.lineEnd(afterLast), remove: 0, insert: `${eol}${indent}${text}` });
    return applySplices(this.text, splices);
  }

  /** Removes a child with its comma; a child alone on its line(s) takes the line and its trailing comment. */
  remove(container: Container, child: Child): string {
    const kids = this.children(container);
    const index = kids.indexOf(child);
    const prev = kids[index - 1];
    const comma = this.commaAfter(child);
    const from = start(child);
    const to = comma ? end(comma) : end(child);
    const splices: Splice[] = [];
    // Without a comma after it, the child was last: the comma before it goes, keeping the file's style.
    const prevComma = !comma && prev ? this.commaAfter(prev) : undefined;
    if (prevComma) splices.push({ at: start(prevComma), remove: 1, insert: '' });
    const ownLine = this.text.slice(this.lineStart(from), from).trim() === '' && this.restOfLineIsTrivia(to);
    if (ownLine) {
      const lineStart = this.lineStart(from);
      const lineEnd = this.lineEnd(to);
      const nl = this.text.startsWith('\r\n', lineEnd) ? 2 : this.text[lineEnd] === '\n' ? 1 : 0;
      splices.push({ at: lineStart, remove: lineEnd + nl - lineStart, insert: '' });
    } else {
      const spaces = /^[ \t]*/.exec(this.text.slice(to))?.[0].length ?? 0;
      splices.push({ at: from, remove: to + (comma ? spaces : 0) - from, insert: '' });
      if (prevComma && !comma) {
        // `a, b` → `a`: the space before the removed child goes too.
        const before = /[ \t]*$/.exec(this.text.slice(end(prevComma), from))?.[0].length ?? 0;
        splices[splices.length - 1] = { at: from - before, remove: to - from + before, insert: '' };
      }
    }
    return applySplices(this.text, splices);
  }

  replace(node: ValueNode, value: unknown): string {
    const at = start(node);
    return applySplices(this.text, [
      { at, remove: end(node) - at, insert: render(value, this.indentOf(at), this.style) },
    ]);
  }

  private value(value: unknown, indent: string, inline: boolean): string {
    return inline ? renderInline(value, this.style) : render(value, indent, this.style);
  }

  member(key: string, value: unknown): ChildText {
    return (indent, inline) => `${renderKey(key, this.style)}: ${this.value(value, indent, inline)}`;
  }

  element(value: unknown): ChildText {
    return (indent, inline) => this.value(value, indent, inline);
  }
}

function json5Document(text: string, ast: DocumentNode, value: unknown): ConfigDocument {
  const tokens = ast.tokens ?? [];
  const editor = new Json5Editor(text, tokens, styleOf(text, ast.body, tokens));
  const ok = (t: string): EditResult => ({ ok: true, text: t });

  const doc: ConfigDocument = {
    format: 'json5',
    text,
    value,
    has: (p) => find(ast.body, p) !== undefined,
    get: (p) => lookup(value, p).value,
    locate(p) {
      for (let n = p.length; n >= 0; n--) {
        const found = find(ast.body, p.slice(0, n));
        if (found) {
          // For a member, point at its key: that is the line a user looks for.
          const { line, column } = (found.child ?? found.node).loc.start;
          return { line, column };
        }
      }
      return { line: 1, column: 1 };
    },
    set(p, v) {
      const blocked = blockedEdit(value, p);
      if (blocked) return { ok: false, error: blocked };
      const found = find(ast.body, p);
      if (found) return ok(deepEqual(lookup(value, p).value, v) ? text : editor.replace(found.node, v));
      // The deepest existing object gets one new member holding the rest of the path.
      let n = p.length - 1;
      while (n > 0 && !find(ast.body, p.slice(0, n))) n--;
      const parent = find(ast.body, p.slice(0, n))?.node;
      const rest = p.slice(n);
      if (parent?.type !== 'Object' || rest.some((k) => typeof k === 'number'))
        return { ok: false, error: `cannot create ${p.join('.')}: an array index does not exist` };
      const [key, ...deeper] = rest as string[];
      const nested = deeper.reduceRight<unknown>((inner, k) => ({ [k]: inner }), v);
      return ok(editor.insert(parent, editor.member(key as string, nested)));
    },
    delete(p) {
      const found = find(ast.body, p);
      if (!found?.child) return ok(text);
      const parent = find(ast.body, p.slice(0, -1))?.node;
      if (parent?.type !== 'Object' && parent?.type !== 'Array') return ok(text);
      return ok(editor.remove(parent, found.child));
    },
    append(p, item) {
      const found = find(ast.body, p);
      if (!found) return doc.set(p, [item]);
      if (found.node.type !== 'Array') return { ok: false, error: `${p.join('.')} is not an array` };
      return ok(editor.insert(found.node, editor.element(item)));
    },
  };
  return doc;
}

/** Parses JSON5 (comments, trailing commas, bare keys, single quotes), keeping positions. */
export function parseJson5(text: string): DocumentParse {
  let ast: DocumentNode;
  let value: unknown;
  try {
    ast = parse(text, { mode: 'json5', tokens: true });
    value = nodeValue(ast.body);
  } catch (err) {
    // momoa recurses once per nesting level: a hostile file must not take the audit down.
    if (err instanceof RangeError)
      return { ok: false, error: 'invalid JSON5 (nested too deeply)', position: { line: 1, column: 1 } };
    const e = err as { message?: string; line?: number; column?: number };
    const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
    return {
      ok: false,
      error: `invalid JSON5 (${message})`,
      position: { line: e.line ?? 1, column: e.column ?? 1 },
    };
  }
  return { ok: true, doc: json5Document(text, ast, value) };
}
