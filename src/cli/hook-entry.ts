// The installed Claude Code hook's entry, built as dist/hook.cjs (scripts/build.mjs): the same argv as
// `cli.js guard hook ...`, started as CommonJS. An ES module entry makes Node start its ES module loader
// (fs/promises, readline and more) on every tool call; a CommonJS entry does not (issue 8, hook budget).
import { runHookCommand } from './hook.js';

const argv = process.argv.slice(2);
if (argv[0] === 'guard' && argv[1] === 'hook') {
  runHookCommand(argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Exit 2 blocks the tool call in Claude Code.
      process.stderr.write(
        `agentwarden: internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}\n`,
      );
      process.exitCode = 2;
    },
  );
} else {
  process.stderr.write('agentwarden: usage: hook.cjs guard hook claude|openclaw\n');
  process.exitCode = 2;
}
