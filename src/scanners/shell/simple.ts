import { literalWord, type ParsedScript } from './model.js';

/** Words bash treats specially in command position; a command starting with one is not a plain command. */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  'export',
  'declare',
  'local',
  'readonly',
  'typeset',
  'unset',
]);

/** Only these characters: no quoting, expansion, globbing, redirection, operators, comments or `~`. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+,=-]+$/;

/**
 * True when splitting on spaces and tabs gives exactly the words bash would see: every word is built
 * from characters with no meaning to the shell, and the first word is neither an assignment nor a
 * reserved word. Such commands can be analysed without loading the parser.
 */
export function isTriviallySimple(command: string): boolean {
  const words = splitPlain(command);
  if (words.length === 0) return false;
  const first = words[0] as string;
  if (first.includes('=') || RESERVED.has(first)) return false;
  return words.every((w) => PLAIN_WORD.test(w));
}

function splitPlain(command: string): string[] {
  return command.split(/[ \t]+/).filter((w) => w.length > 0);
}

/** Parses a command for which `isTriviallySimple` holds. */
export function parseSimple(command: string): ParsedScript {
  const words = splitPlain(command).map(literalWord);
  return {
    commands: [{ words, assignments: [], redirects: [], text: command.trim(), pipeFrom: [] }],
    forkBombs: [],
  };
}
