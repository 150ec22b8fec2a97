import { looksLikeShell } from './markdown.js';
import { SHELL_WORTHY } from './other-code.js';
import { scanShell } from './shell.js';
import type { ScanState } from './state.js';

/** Keys whose value a tool runs as a shell command: VS Code tasks, CI steps, hooks, services, launchers. */
const COMMAND_KEY = /^(?:command|cmd|run|script|shellCommand|exec|ExecStart|entrypoint)$/;
const JSON_PAIR = /"([\w.$@-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
/** A YAML line: list dashes, an optional `key:`, the value (block scalars: `|`, `>-` …). */
const YAML_LINE = /^(\s*)((?:-\s+)*)(?:(["']?)([\w.$@/-]+)\3\s*:(?:\s+|$))?(.*)$/;
const TOML_PAIR = /^\s*([\w.-]+)\s*=\s*(["'])(.*)\2\s*$/;
/** A pipe into a shell: what runs is whatever the left side printed. */
const PIPE_TO_SHELL = /\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/;
/** A program name worth reading, whole. */
const WORTHY_PROGRAM = new RegExp(`^(?:${SHELL_WORTHY.source})$`);

/**
 * A value shaped like a command line a shell runs: it reads as shell, has arguments, and starts with a
 * program worth reading (a shell, a fetcher, an interpreter, an archiver) or pipes into a shell. Tools run
 * such values whatever their key is called (Home Assistant's `shell_command`, a preset's `post` step, a
 * Helm hook's `args`), so the key is not asked.
 */
function commandShaped(value: string): boolean {
  const v = value.trim();
  const word = /^(?:(?:sudo|env|exec|nohup)\s+)?(?:\w+=\S*\s+)*([\w./-]+)/.exec(v)?.[1] ?? '';
  const program = word.slice(word.lastIndexOf('/') + 1);
  return /\s/.test(v) && looksLikeShell([v]) && (WORTHY_PROGRAM.test(program) || PIPE_TO_SHELL.test(v));
}

/**
 * Configuration a tool executes (a `.vscode/tasks.json` task, a CI workflow's `run:` step, a hook's
 * `command`, any value shaped like a command line): each command is read as shell, at its line.
 */
export function scanConfigCommands(state: ScanState, text: string, file: string): void {
  const lines = text.split('\n');
  const read = (key: string | undefined, value: string, line: number) => {
    const keyed = key !== undefined && COMMAND_KEY.test(key);
    if ((keyed && /\s/.test(value.trim())) || commandShaped(value)) scanShell(state, value, file, line);
  };
  const yaml = /\.ya?ml$/i.test(file);
  const toml = /\.toml$/i.test(file);
  lines.forEach((line, k) => {
    if (/^\s*#/.test(line)) return;
    if (toml) {
      const t = TOML_PAIR.exec(line);
      if (t) read(t[1], (t[3] as string).replace(/\\(["\\])/g, '$1'), k + 1);
      return;
    }
    if (!yaml) {
      for (const m of line.matchAll(JSON_PAIR))
        read(m[1], (m[2] as string).replace(/\\(["\\])/g, '$1'), k + 1);
      return;
    }
    const y = YAML_LINE.exec(line);
    // A line with neither a key nor a list dash continues a value started above.
    if (!y || (y[4] === undefined && y[2] === '')) return;
    const value = (y[5] as string).trim();
    const block = /^([|>])[-+]?$/.exec(value)?.[1];
    if (block === undefined) {
      read(y[4], value.replace(/^(["'])(.*)\1$/, '$2'), k + 1);
      return;
    }
    const indent = (lines[k + 1] ?? '').search(/\S/);
    const body: string[] = [];
    for (let j = k + 1; j < lines.length && indent > (y[1] as string).length; j++) {
      const l = lines[j] as string;
      if (l.trim() !== '' && l.search(/\S/) < indent) break;
      body.push(l.slice(indent));
    }
    // A folded scalar (`>`) is one line: its line breaks are spaces.
    const cmd = block === '>' ? body.join(' ') : body.join('\n');
    if (cmd.trim() !== '') read(y[4], cmd, k + 2);
  });
}
