// The installed Claude Code hook's entry, built as dist/hook.cjs (scripts/build.mjs): the same argv as
// `cli.js guard hook ...`, started as CommonJS. An ES module entry makes Node start its ES module loader
// (fs/promises, readline and more) on every tool call; a CommonJS entry does not (issue 8, hook budget).
import { redactedErrorLine, runHookCommand } from './hook.js';

const argv = process.argv.slice(2);
if (argv[0] === 'guard' && argv[1] === 'hook') {
  runHookCommand(argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    async (err: unknown) => {
      // Exit 2 blocks the tool call in Claude Code.
      process.exitCode = 2;
      process.stderr.write(`agentwarden: internal error: ${await redactedErrorLine(err)}\n`);
    },
  );
} else {
  process.stderr.write('agentwarden: usage: hook.cjs guard hook claude|openclaw\n');
  process.exitCode = 2;
}
