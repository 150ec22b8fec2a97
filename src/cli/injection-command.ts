import type { Command } from 'commander';

// Kept light: the action imports its implementation (and the detector's model) lazily.
export function registerInjectionCommand(program: Command): void {
  const injection = program.command('injection').description('Prompt-injection detection');
  injection
    .command('scan')
    .description('Scan files, directories or stdin (-) for prompt injection')
    .argument('[paths...]', 'files, directories or - for stdin (default: -)')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option(
      '--jsonl',
      'batch mode: one {"id","text"} per stdin line in, one {"id","score","injection","spans"} per line out',
    )
    .option(
      '--model <file.onnx>',
      'also run this ONNX text classifier (needs onnxruntime-node; docs/injection-onnx.md)',
    )
    .option('--vocab <vocab.txt>', "the classifier's WordPiece vocabulary")
    .option('--model-threshold <p>', 'the classifier flags at this probability (default 0.5)')
    .option('--model-label <index>', 'which output class means injection (default 1)')
    .option('--model-max-length <tokens>', "tokens per window (default: the model's fixed length, else 512)")
    .option('--cased', 'the vocabulary is cased: do not lower-case before WordPiece')
    .addHelpText(
      'after',
      '\nWith --model, an input is an injection when the detector or the classifier says so.' +
        '\nExit codes: 0 nothing found, 1 prompt injection found, 2 usage error (or a classifier that cannot run).',
    )
    .action(async (paths: string[], opts) => {
      const { runInjectionScan } = await import('./injection.js');
      process.exitCode = await runInjectionScan(paths, opts);
    });
}
