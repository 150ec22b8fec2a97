import type { Cmd } from './command.js';
import { firstExpression } from './find-args.js';
import { literalWord, type Word } from './model.js';

/** What xargs and parallel put where their input goes. */
export const INPUT = '"$XARGS_INPUT"';

/** Enough to judge what a pipeline hands xargs; more items add no new kind of target. */
const MAX_ITEMS = 8;

/**
 * What the pipeline hands xargs, when its text shows it: the words `echo`/`printf` print, the files below
 * `find`'s starting points (as `root/*`), or the operands `ls` lists. Null when the input is not known.
 */
export function knownInputs(producers: readonly Cmd[]): Word[] | null {
  if (producers.length !== 1) return null;
  const producer = producers[0] as Cmd;
  const args = producer.args;
  if (!args.every((w) => w.literal)) return null;
  if (producer.base === 'echo') return args.filter((w) => !/^-[neE]+$/.test(w.value));
  if (producer.base === 'printf') return args.slice(1);
  if (producer.base === 'find') {
    const roots = args.slice(0, firstExpression(args));
    // One name filter (`-name '*.orig'`) keeps the files it names; anything else may be any file.
    const names = args.flatMap((w, i) => (/^-i?name$/.test(w.value) ? [args[i + 1]?.value ?? '*'] : []));
    const name = names.length === 1 && !(names[0] as string).includes('/') ? (names[0] as string) : '*';
    return (roots.length > 0 ? roots : [literalWord('.')]).map((r) =>
      literalWord(`${r.value.replace(/\/+$/, '')}/${name}`),
    );
  }
  if (producer.base === 'ls') {
    const listed = args.filter((w) => !w.value.startsWith('-'));
    // Plain `ls` lists the working directory's entries.
    return listed.length > 0 ? listed : [literalWord('*')];
  }
  return null;
}

/**
 * The command xargs runs, once per known input (`printf ~/.ssh/id_rsa | xargs cat` reads ~/.ssh/id_rsa), or
 * the command as it is when its input is unknown. Only whole-word inputs are filled in.
 */
export function withKnownInput(cmd: Cmd, producers: () => Cmd[]): Cmd[] {
  if (!cmd.dynamicInput || !cmd.via.includes('xargs')) return [cmd];
  const at = cmd.args.findIndex((w) => !w.literal && w.value === INPUT);
  if (at < 0) return [cmd];
  const inputs = knownInputs(producers());
  if (!inputs || inputs.length === 0) return [cmd];
  return inputs.slice(0, MAX_ITEMS).map((input) => ({
    ...cmd,
    args: cmd.args.map((w, i) => (i === at ? input : w)),
    dynamicInput: false,
  }));
}
