/** Internal representation shared by the tree-sitter walker and the wasm-free splitter. */

/** One shell word: `value` is what bash would pass when `literal`; otherwise expansions keep their source. */
export interface Word {
  text: string;
  value: string;
  literal: boolean;
  /** Commands run inside this word's command or process substitutions. */
  subs: RawCommand[];
  /** Unquoted glob characters (`*`, `?`, `[`) are present. */
  glob: boolean;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `&>`, `>&`, `<<`, `<<-`, `<<<`, ... */
  op: string;
  target: Word;
  /** Body of a heredoc (`<<`) or the string of a herestring (`<<<`), when known. */
  body?: string;
}

export interface RawCommand {
  /** Name first, then arguments; assignments and redirections removed. */
  words: Word[];
  assignments: string[];
  redirects: Redirect[];
  text: string;
  /** Commands of the previous pipeline stage, whose output this command reads. */
  pipeFrom: RawCommand[];
  /** `NAME=value` exported by earlier commands of the script (`export GIT_DIR=/x; git push`): its environment. */
  exported?: readonly string[];
}

export interface ParsedScript {
  commands: RawCommand[];
  /** Names of functions defined whose body calls the function again in the background (fork bomb shape). */
  forkBombs: string[];
  /** Names of the functions the script defines (they may shadow `echo`, `printf`, `rev` …). */
  functions?: string[];
  parseError?: string;
}

export function literalWord(value: string): Word {
  return { text: value, value, literal: true, subs: [], glob: /[*?[]/.test(value) };
}

/** A word whose value is unknown until run time (xargs input, find's `{}`); `value` hints where it points. */
export function dynamicWord(text: string, value = text, glob = false): Word {
  return { text, value, literal: false, subs: [], glob };
}
