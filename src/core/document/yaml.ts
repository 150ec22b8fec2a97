import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  stringify,
  type ToStringOptions,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  blockedEdit,
  type ConfigDocument,
  type DocumentParse,
  deepEqual,
  detectIndentation,
  type EditResult,
  type JsonPath,
  lastMatch,
  lookup,
} from './document.js';

/**
 * YAML (compose files, policies) through yaml's Document, whose nodes keep their source ranges. The common
 * edits (replace a scalar, add a key to a block or flow mapping, add an item to a sequence, remove a block
 * entry) are text splices at those ranges, so everything else stays byte for byte; anything rarer is made
 * on the Document and re-rendered by yaml, which keeps comments, anchors and each collection's style.
 */

/** Merge keys (`<<: *defaults`) are how compose files share settings; aliases are bounded against blow-ups. */
const PARSE_OPTIONS = { merge: true, prettyErrors: false } as const;
const MAX_ALIAS_COUNT = 100;

type Range = [number, number, number];

const rangeOf = (n: Node): Range => n.range as Range;

function keyName(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/** The node at path (aliases followed for reading) with the pair holding it, if in a mapping. */
function find(doc: Document, p: JsonPath): { node: Node | null; pair?: Pair; parent?: Node } | undefined {
  let node: Node | null = doc.contents;
  let pair: Pair | undefined;
  let parent: Node | undefined;
  for (const key of p) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    parent = node ?? undefined;
    if (isMap(node) && typeof key === 'string') {
      pair = lastMatch(node.items as Pair[], (it) => keyName(it.key) === key);
      if (!pair) return undefined;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof key === 'number') {
      pair = undefined;
      const item = node.items[key];
      if (item === undefined) return undefined;
      node = item as Node;
    } else return undefined;
  }
  return { node, ...(pair && { pair }), ...(parent && { parent }) };
}

class YamlEditor {
  private readonly unit: number;
  private readonly eol: string;
  private readonly indentSeq: boolean;

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {
    const { unit, eol } = detectIndentation(text);
    this.unit = unit === '\t' ? 2 : unit.length;
    this.eol = eol;
    // `key:` followed by `- item` at the same indentation: the file does not indent its sequences.
    this.indentSeq = !/^( *)[^\s#-][^\n]*:[ \t]*(?:#.*)?\r?\n\1- /m.test(text);
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private splice(at: number, remove: number, insert: string): string {
    return this.text.slice(0, at) + insert + this.text.slice(at + remove);
  }

  /** Block text for `value`, every line indented by `indent` and ended by the file's line ending. */
  private block(value: unknown, indent: number): string {
    const rendered = stringify(value, { indent: this.unit, lineWidth: 0, indentSeq: this.indentSeq });
    const pad = ' '.repeat(indent);
    return rendered
      .trimEnd()
      .split('\n')
      .map((line) => `${pad}${line}${this.eol}`)
      .join('');
  }

  private inline(value: unknown, padded: boolean): string {
    return stringify(value, {
      collectionStyle: 'flow',
      flowCollectionPadding: padded,
      lineWidth: 0,
    }).trimEnd();
  }

  /** Where a block collection's content ends: the start of the line after its last entry. */
  private blockEnd(n: Node): { at: number; prefix: string } {
    const at = rangeOf(n)[1];
    return at > 0 && this.text[at - 1] !== '\n' ? { at, prefix: this.eol } : { at, prefix: '' };
  }

  private flowInsert(coll: YAMLMap | YAMLSeq, entry: string): string {
    const [from, to] = rangeOf(coll);
    const padded = /^[[{] /.test(this.text.slice(from, to));
    const last = coll.items.at(-1) as Pair | Node | undefined;
    if (!last) return this.splice(from + 1, 0, padded ? ` ${entry} ` : entry);
    const lastNode = (isMap(coll) ? ((last as Pair).value ?? (last as Pair).key) : last) as Node;
    return this.splice(rangeOf(lastNode)[1], 0, `, ${entry}`);
  }

  addPair(map: YAMLMap, key: string, value: unknown): string | undefined {
    if (map.flow) {
      const padded = /^\{ /.test(this.text.slice(rangeOf(map)[0]));
      return this.flowInsert(
        map,
        this.inline({ [key]: value }, padded).slice(padded ? 2 : 1, padded ? -2 : -1),
      );
    }
    const first = map.items[0]?.key as Node | undefined;
    if (!first?.range) return undefined;
    const indent = first.range[0] - this.lineStart(first.range[0]);
    const { at, prefix } = this.blockEnd(map);
    return this.splice(at, 0, prefix + this.block({ [key]: value }, indent));
  }

  addItem(seq: YAMLSeq, value: unknown): string | undefined {
    if (seq.flow) return this.flowInsert(seq, this.inline(value, false));
    const first = seq.items[0] as Node | undefined;
    if (!first?.range) return undefined;
    const dash = this.text.lastIndexOf('-', first.range[0] - 1);
    const { at, prefix } = this.blockEnd(seq);
    return this.splice(at, 0, prefix + this.block([value], dash - this.lineStart(dash)));
  }

  replaceScalar(node: Scalar, value: unknown): string | undefined {
    const [from, to] = rangeOf(node);
    // An empty value (`key:`) has no text to replace; the Document route writes `key: value`.
    if ((typeof value === 'object' && value !== null) || from === to) return undefined;
    let out: string;
    if (typeof value === 'string' && node.type === Scalar.QUOTE_DOUBLE) out = JSON.stringify(value);
    else if (typeof value === 'string' && node.type === Scalar.QUOTE_SINGLE)
      out = `'${value.replace(/'/g, "''")}'`;
    else if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return undefined;
    else out = stringify(value, { lineWidth: 0 }).trimEnd();
    if (out.includes('\n')) return undefined;
    return this.splice(from, to - from, out);
  }

  /** Removes a block entry that starts its line, with its trailing comment; undefined for anything else. */
  removeEntry(start: number, end: number): string | undefined {
    const lineStart = this.lineStart(start);
    const lead = this.text.slice(lineStart, start);
    if (!/^[ \t]*(?:-[ \t]+)?$/.test(lead)) return undefined;
    let stop = end;
    if (this.text[stop - 1] !== '\n') {
      const nl = this.text.indexOf('\n', stop);
      stop = nl < 0 ? this.text.length : nl + 1;
    }
    return this.splice(lineStart, stop - lineStart, '');
  }

  /** The Document route: yaml re-renders the file, keeping comments, anchors and collection styles. */
  rerender(edit: (doc: Document) => void): string {
    const copy = this.doc.clone();
    edit(copy);
    const options: ToStringOptions = { indent: this.unit, lineWidth: 0, indentSeq: this.indentSeq };
    return copy.toString(options).replace(/\r?\n/g, this.eol);
  }
}

function attempt(edit: () => string): EditResult {
  try {
    return { ok: true, text: edit() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function yamlDocument(text: string, doc: Document, value: unknown, lines: LineCounter): ConfigDocument {
  const editor = new YamlEditor(text, doc);
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const self: ConfigDocument = {
    format: 'yaml',
    text,
    value,
    has: (p) => lookup(value, p).found,
    get: (p) => lookup(value, p).value,
    locate(p) {
      for (let n = p.length; n >= 0; n--) {
        const found = find(doc, p.slice(0, n));
        // A key merged in from an anchor has no node here: its nearest parent is what the user looks for.
        const at = (found?.pair?.key as Node | undefined)?.range ?? found?.node?.range;
        if (at) return position(at[0]);
      }
      return { line: 1, column: 1 };
    },
    set(p, v) {
      // An empty file holds nothing yet: the first key makes it a mapping.
      if (doc.contents === null) return attempt(() => editor.rerender((d) => d.setIn(p, d.createNode(v))));
      const blocked = blockedEdit(value, p);
      if (blocked) return { ok: false, error: blocked };
      const current = lookup(value, p);
      if (current.found && deepEqual(current.value, v)) return { ok: true, text };
      const found = find(doc, p);
      if (found && isScalar(found.node) && found.node.range) {
        const spliced = editor.replaceScalar(found.node, v);
        if (spliced !== undefined) return { ok: true, text: spliced };
      }
      if (!found && p.length > 0 && typeof p.at(-1) === 'string') {
        let n = p.length - 1;
        while (n > 0 && !find(doc, p.slice(0, n))) n--;
        const parent = find(doc, p.slice(0, n))?.node;
        const [key, ...deeper] = p.slice(n);
        if (
          isMap(parent) &&
          parent.range &&
          typeof key === 'string' &&
          deeper.every((k) => typeof k === 'string')
        ) {
          const nested = (deeper as string[]).reduceRight<unknown>((inner, k) => ({ [k]: inner }), v);
          const spliced = editor.addPair(parent, key, nested);
          if (spliced !== undefined) return { ok: true, text: spliced };
        }
      }
      return attempt(() => editor.rerender((d) => d.setIn(p, d.createNode(v))));
    },
    delete(p) {
      const found = find(doc, p);
      if (!found || p.length === 0) return { ok: true, text };
      const { node, pair, parent } = found;
      // The last item out of a block collection would leave `key:` (null): the Document route writes `[]`/`{}`.
      if (isCollection(parent) && !parent.flow && parent.items.length > 1) {
        const first = (pair?.key as Node | undefined) ?? node;
        const last = (pair ? (node ?? (pair.key as Node)) : node) as Node | null;
        if (first?.range && last?.range) {
          const spliced = editor.removeEntry(first.range[0], last.range[2]);
          if (spliced !== undefined) return { ok: true, text: spliced };
        }
      }
      return attempt(() => editor.rerender((d) => d.deleteIn(p)));
    },
    append(p, item) {
      const current = lookup(value, p);
      if (!current.found) return self.set(p, [item]);
      if (!Array.isArray(current.value)) return { ok: false, error: `${p.join('.')} is not an array` };
      const node = find(doc, p)?.node;
      if (isSeq(node) && node.range && node.items.length > 0) {
        const spliced = editor.addItem(node, item);
        if (spliced !== undefined) return { ok: true, text: spliced };
      }
      return attempt(() => editor.rerender((d) => d.addIn(p, d.createNode(item))));
    },
  };
  return self;
}

/** Parses one YAML document (anchors, merge keys, comments), keeping positions. */
export function parseYaml(text: string): DocumentParse {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines });
  const first = doc.errors[0];
  if (first) {
    const at = lines.linePos(first.pos[0]);
    return {
      ok: false,
      error: `invalid YAML (${first.message.split('\n')[0]})`,
      position: { line: at.line, column: at.col },
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // An alias bomb or a document nested past the stack: an error value, not an exception.
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, error: `invalid YAML (${reason})`, position: { line: 1, column: 1 } };
  }
  return { ok: true, doc: yamlDocument(text, doc, value, lines) };
}
