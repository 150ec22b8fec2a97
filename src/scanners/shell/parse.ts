import type { Node, Parser } from 'web-tree-sitter';
import { literalWord, type ParsedScript, type RawCommand, type Redirect, type Word } from './model.js';

/** Statement node types that can follow a heredoc start on the same line (`cat <<EOF | sh`). */
const STATEMENTS = new Set([
  'command',
  'pipeline',
  'list',
  'redirected_statement',
  'subshell',
  'compound_statement',
  'if_statement',
  'for_statement',
  'c_style_for_statement',
  'while_statement',
  'case_statement',
  'function_definition',
  'negated_command',
  'declaration_command',
  'unset_command',
  'test_command',
  'variable_assignment',
  'variable_assignments',
]);

/** Parses with tree-sitter-bash and flattens every simple command, however deeply nested. */
export function parseScript(parser: Parser, source: string): ParsedScript {
  const tree = parser.parse(source);
  if (!tree) return { commands: [], forkBombs: [], parseError: 'the shell parser returned no tree' };
  try {
    const walker = new Walker();
    walker.statement(tree.rootNode);
    const script: ParsedScript = {
      commands: walker.commands,
      forkBombs: walker.forkBombs,
      functions: walker.functions,
    };
    if (tree.rootNode.hasError) script.parseError = describeError(tree.rootNode);
    else if (walker.syntaxError) script.parseError = walker.syntaxError;
    return script;
  } finally {
    tree.delete();
  }
}

function describeError(root: Node): string {
  const bad = findError(root);
  if (!bad) return 'the command is not valid shell syntax';
  const what = bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.slice(0, 30))}`;
  return `shell syntax error at offset ${bad.startIndex}: ${what}`;
}

function findError(node: Node): Node | null {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing || child.type === 'ERROR') {
      const found = findError(child);
      if (found) return found;
    }
  }
  return null;
}

/** Listed words of a `for` loop whose body is walked once for each. */
const MAX_LOOP_WORDS = 8;
/** Extra body walks in one script: nested loops must not multiply the work without bound. */
const MAX_LOOP_WALKS = 32;

class Walker {
  readonly commands: RawCommand[] = [];
  readonly forkBombs: string[] = [];
  readonly functions: string[] = [];
  /** Constructs the grammar accepts but bash rejects. */
  syntaxError: string | undefined;
  /** Loop bodies walked again for a further listed word (see forLoop). */
  private loopWalks = 0;

  /** Walks any statement; returns the commands it contains, in order. */
  statement(node: Node, redirects: Redirect[] = []): RawCommand[] {
    switch (node.type) {
      case 'command':
        return [this.command(node, redirects)];
      case 'redirected_statement':
        return this.redirected(node, redirects);
      case 'pipeline':
        return this.pipeline(node.namedChildren, redirects);
      case 'function_definition':
        return this.functionDefinition(node);
      case 'variable_assignment':
      case 'variable_assignments':
      case 'declaration_command':
      case 'unset_command':
        return [this.assignment(node, redirects)];
      case 'comment':
        return [];
      case 'for_statement':
        return this.forLoop(node, redirects);
      default:
        return this.children(node, redirects);
    }
  }

  private children(node: Node, redirects: Redirect[]): RawCommand[] {
    const out: RawCommand[] = [];
    for (const child of node.namedChildren) {
      if (isWordNode(child.type)) {
        this.word(child);
        continue;
      }
      if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
        this.redirect(child);
        continue;
      }
      out.push(...this.statement(child, redirects));
    }
    return out;
  }

  private pipeline(stages: Node[], redirects: Redirect[]): RawCommand[] {
    const out: RawCommand[] = [];
    let previous: RawCommand[] = [];
    for (const stage of stages) {
      if (stage.type === 'comment') continue;
      const commands = this.statement(stage, redirects);
      if (previous.length > 0) for (const first of firstOf(commands)) first.pipeFrom.push(...previous);
      out.push(...commands);
      previous = lastOf(commands);
    }
    return out;
  }

  private redirected(node: Node, inherited: Redirect[]): RawCommand[] {
    const own: Redirect[] = [];
    const trailing: Node[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child || node.fieldNameForChild(i) !== 'redirect') continue;
      const redirect = this.redirect(child);
      if (redirect) own.push(redirect);
      if (child.type === 'heredoc_redirect') {
        for (const part of child.namedChildren) if (STATEMENTS.has(part.type)) trailing.push(part);
      }
    }
    const body = node.childForFieldName('body');
    const commands = body
      ? this.statement(body, [...inherited, ...own])
      : [this.bareRedirect(node, [...inherited, ...own])];
    // `echo x > ~/.bashrc` reads better with its redirection; a heredoc body would swamp the command.
    const self = commands[0];
    if (body?.type === 'command' && self && trailing.length === 0 && !own.some((r) => r.body !== undefined))
      self.text = node.text;
    const out = [...commands];
    let previous = lastOf(commands);
    for (const part of trailing) {
      // `cat <<EOF | sh`: the grammar hangs the rest of the pipeline on the heredoc.
      const piped = part.type === 'pipeline' && part.child(0)?.type === '|';
      const more = piped ? this.pipeline(part.namedChildren, inherited) : this.statement(part, inherited);
      if (piped) for (const first of firstOf(more)) first.pipeFrom.push(...previous);
      out.push(...more);
      previous = lastOf(more);
    }
    return out;
  }

  /** `> ~/.bashrc` alone truncates the file: bash runs it as the null command `:` with that redirection. */
  private bareRedirect(node: Node, redirects: Redirect[]): RawCommand {
    const command: RawCommand = {
      words: [literalWord(':')],
      assignments: [],
      redirects,
      text: node.text,
      pipeFrom: [],
    };
    this.commands.push(command);
    return command;
  }

  private functionDefinition(node: Node): RawCommand[] {
    const name = node.childForFieldName('name')?.text ?? '';
    const body = node.childForFieldName('body');
    const commands = body ? this.statement(body) : [];
    if (name) this.functions.push(name);
    if (body && name && callsItselfInBackground(body, name)) this.forkBombs.push(name);
    return commands;
  }

  /**
   * `for f in ~/.ssh/id_rsa ~/.aws/credentials; do cat "$f"; done`: the body is walked once per listed word (up to
   * MAX_LOOP_WORDS, MAX_LOOP_WALKS in all), after an assignment of that word (`f=~/.ssh/id_rsa`), so it is judged
   * on what each names. More words, or none (`for f; do`), leave the variable as it was.
   */
  private forLoop(node: Node, redirects: Redirect[]): RawCommand[] {
    const name = node.childForFieldName('variable')?.text;
    const values = node.childrenForFieldName('value');
    const body = node.childForFieldName('body');
    const bound =
      name !== undefined &&
      body !== null &&
      values.length > 0 &&
      values.length <= MAX_LOOP_WORDS &&
      this.loopWalks + values.length - 1 <= MAX_LOOP_WALKS;
    if (bound) this.loopWalks += values.length - 1;
    const assignment = (value: Node): RawCommand => {
      const text = `${name}=${value.text}`;
      const command: RawCommand = { words: [], assignments: [text], redirects: [], text, pipeFrom: [] };
      this.commands.push(command);
      return command;
    };
    const out = bound ? [assignment(values[0] as Node)] : [];
    out.push(...this.children(node, redirects));
    if (bound)
      for (const value of values.slice(1)) out.push(assignment(value), ...this.statement(body, redirects));
    return out;
  }

  /**
   * `X=~/.ssh`, `export -p`, `declare -x A=1`, `unset X`: kept as a command (no words for a bare assignment) so the analysis
   * can follow the variables it sets and see the builtin run.
   */
  private assignment(node: Node, inherited: Redirect[]): RawCommand {
    const words: Word[] = [];
    const assignments: string[] = [];
    const visit = (n: Node) => {
      if (n.type === 'variable_assignment') {
        assignments.push(n.text);
        const value = n.childForFieldName('value');
        if (value) this.word(value);
      } else if (n.type === 'variable_assignments') {
        for (const child of n.namedChildren) visit(child);
      } else if (isWordNode(n.type)) {
        words.push(this.word(n));
      } else if (n.type === 'variable_name') {
        words.push(plain(n.text));
      }
    };
    if (node.type === 'declaration_command' || node.type === 'unset_command') {
      words.push(plain(node.child(0)?.text ?? 'declare'));
      for (const child of node.namedChildren) visit(child);
    } else visit(node);
    const command: RawCommand = {
      words,
      assignments,
      redirects: [...inherited],
      text: node.text,
      pipeFrom: [],
    };
    this.commands.push(command);
    return command;
  }

  private command(node: Node, inherited: Redirect[]): RawCommand {
    const words: Word[] = [];
    const assignments: string[] = [];
    const redirects: Redirect[] = [...inherited];
    let previous: Node | null = null;
    for (const child of node.namedChildren) {
      const joined = previous !== null && continues(node, previous, child) && words.length > 0;
      previous = child;
      if (joined && (child.type === 'command_name' || isWordNode(child.type))) {
        // `r\<newline>m -rf ~`: bash removes the pair before splitting words, so this is one word, `rm`.
        const inner = child.type === 'command_name' ? child.namedChild(0) : child;
        if (inner) words[words.length - 1] = joinWords(words[words.length - 1] as Word, this.word(inner));
        continue;
      }
      if (child.type === 'variable_assignment') {
        assignments.push(child.text);
        const value = child.childForFieldName('value');
        if (value) this.word(value);
      } else if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
        const redirect = this.redirect(child);
        if (redirect) redirects.push(redirect);
      } else if (child.type === 'command_name') {
        const inner = child.namedChild(0);
        if (inner) words.push(this.word(inner));
      } else if (child.type === 'subshell') {
        // `name (args)` parses here, but bash refuses it: it is not a command that would run as written.
        this.syntaxError ??= `shell syntax error at offset ${child.startIndex}: unexpected "("`;
        this.statement(child);
      } else if (child.type !== 'comment') {
        words.push(this.word(child));
      }
    }
    const command: RawCommand = { words, assignments, redirects, text: node.text, pipeFrom: [] };
    this.commands.push(command);
    return command;
  }

  private redirect(node: Node): Redirect | null {
    if (node.type === 'heredoc_redirect') {
      const start = node.children.find((c) => c.type === 'heredoc_start');
      const op = node.children.find((c) => c.type === '<<' || c.type === '<<-')?.type ?? '<<';
      const bodyNode = node.children.find((c) => c.type === 'heredoc_body');
      const delimiter = start?.text ?? '';
      const quoted = /['"\\]/.test(delimiter);
      const body = bodyNode ? heredocText(bodyNode, op === '<<-') : '';
      // An unquoted delimiter lets the body expand; its substitutions run.
      if (bodyNode && !quoted)
        for (const part of bodyNode.namedChildren) if (isWordNode(part.type)) this.word(part);
      return { op, target: plain(delimiter.replace(/['"\\]/g, '')), body };
    }
    if (node.type === 'herestring_redirect') {
      const value = node.namedChildren.find((c) => isWordNode(c.type));
      const target = value ? this.word(value) : plain('');
      return { op: '<<<', target, body: target.value };
    }
    if (node.type !== 'file_redirect') return null;
    const op = node.children.find((c) => !c.isNamed)?.text ?? '>';
    const parts = node.namedChildren.filter((c) => isWordNode(c.type));
    const first = parts[0];
    if (!first) return { op, target: plain('') };
    let target = this.word(first);
    // `> ~/.bash\<newline>rc` writes ~/.bashrc.
    for (let i = 1; i < parts.length && continues(node, parts[i - 1] as Node, parts[i] as Node); i++)
      target = joinWords(target, this.word(parts[i] as Node));
    return { op, target };
  }

  /** Converts a word-like node; commands in its substitutions are walked and recorded. */
  word(node: Node): Word {
    switch (node.type) {
      case 'word':
        return {
          ...plain(unescapeUnquoted(node.text)),
          text: node.text,
          glob: /(^|[^\\])[*?[]/.test(node.text),
        };
      case 'number':
        return plain(node.text);
      case 'raw_string':
        return { ...plain(node.text.slice(1, -1)), text: node.text, glob: false };
      case 'ansi_c_string':
        return { ...plain(decodeAnsiC(node.text.slice(2, -1))), text: node.text, glob: false };
      case 'string':
      case 'translated_string':
        return this.stringWord(node);
      case 'concatenation': {
        const parts = node.namedChildren.map((c) => this.word(c));
        return {
          text: node.text,
          value: parts.map((p) => p.value).join(''),
          literal: parts.every((p) => p.literal),
          subs: parts.flatMap((p) => p.subs),
          glob: parts.some((p) => p.glob),
        };
      }
      case 'command_substitution':
      case 'process_substitution': {
        const subs = this.children(node, []);
        // `$(< file)` is bash's `$(cat file)`: the file's contents become the word.
        const named = node.namedChildren.filter((c) => c.type !== 'comment');
        const only = named.length === 1 ? named[0] : undefined;
        if (node.type === 'command_substitution' && only?.type === 'file_redirect') {
          const redirect = this.redirect(only);
          if (redirect?.op === '<') {
            const read: RawCommand = {
              words: [plain('cat'), redirect.target],
              assignments: [],
              redirects: [],
              text: node.text,
              pipeFrom: [],
            };
            this.commands.push(read);
            subs.push(read);
          }
        }
        return { text: node.text, value: node.text, literal: false, subs, glob: false };
      }
      default: {
        // Expansions ($X, ${X}, $((...))) and anything else: not known until run time. Substitutions can sit
        // deep inside them (`$((1+$(rm -rf /)))`): they run all the same.
        return {
          text: node.text,
          value: node.text,
          literal: false,
          subs: this.nestedSubs(node),
          glob: false,
        };
      }
    }
  }

  private nestedSubs(node: Node): RawCommand[] {
    const subs: RawCommand[] = [];
    for (const child of node.namedChildren) {
      if (isWordNode(child.type)) subs.push(...this.word(child).subs);
      else subs.push(...this.nestedSubs(child));
    }
    return subs;
  }

  private stringWord(node: Node): Word {
    let literal = true;
    const subs: RawCommand[] = [];
    let value = '';
    let cursor = node.startIndex + (node.type === 'translated_string' ? 2 : 1);
    const source = node.text;
    const offset = node.startIndex;
    for (const child of node.namedChildren) {
      value += unescapeDoubleQuoted(source.slice(cursor - offset, child.startIndex - offset));
      if (child.type === 'string_content') {
        value += unescapeDoubleQuoted(child.text);
      } else {
        literal = false;
        const inner = this.word(child);
        subs.push(...inner.subs);
        value += child.text;
      }
      cursor = child.endIndex;
    }
    value += unescapeDoubleQuoted(source.slice(cursor - offset, source.length - 1));
    return { text: node.text, value, literal, subs, glob: false };
  }
}

/** The source between two children of `parent` is a bare line continuation: bash joins them into one word. */
function continues(parent: Node, left: Node, right: Node): boolean {
  const from = left.endIndex - parent.startIndex;
  return parent.text.slice(from, right.startIndex - parent.startIndex) === '\\\n';
}

function joinWords(left: Word, right: Word): Word {
  return {
    text: `${left.text}\\\n${right.text}`,
    value: left.value + right.value,
    literal: left.literal && right.literal,
    subs: [...left.subs, ...right.subs],
    glob: left.glob || right.glob,
  };
}

function plain(value: string): Word {
  return { text: value, value, literal: true, subs: [], glob: false };
}

export function isWordNode(type: string): boolean {
  return (
    type === 'word' ||
    type === 'number' ||
    type === 'string' ||
    type === 'raw_string' ||
    type === 'ansi_c_string' ||
    type === 'translated_string' ||
    type === 'concatenation' ||
    type === 'simple_expansion' ||
    type === 'expansion' ||
    type === 'command_substitution' ||
    type === 'process_substitution' ||
    type === 'arithmetic_expansion' ||
    type === 'brace_expression'
  );
}

function firstOf(commands: RawCommand[]): RawCommand[] {
  return commands.length > 0 ? [commands[0] as RawCommand] : [];
}

function lastOf(commands: RawCommand[]): RawCommand[] {
  return commands.length > 0 ? [commands[commands.length - 1] as RawCommand] : [];
}

function heredocText(body: Node, stripTabs: boolean): string {
  const text = body.text;
  return stripTabs ? text.replace(/^\t+/gm, '') : text;
}

function unescapeUnquoted(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
}

export function decodeAnsiC(text: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
  };
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, esc: string) => {
    if (esc.startsWith('x')) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(Number.parseInt(esc, 8));
    return simple[esc] ?? `\\${esc}`;
  });
}

/** `f(){ f | f & }`: a function that starts copies of itself in the background never stops. */
function callsItselfInBackground(body: Node, name: string): boolean {
  const text = body.text;
  if (!/&/.test(text)) return false;
  const calls = body.descendantsOfType('command_name').filter((n) => n?.text === name);
  return calls.length >= 1;
}
