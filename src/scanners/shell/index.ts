import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { analyzeSource, type ScriptParser } from './analyze.js';
import { parseScript } from './parse.js';
import { isTriviallySimple, parseSimple } from './simple.js';
import type { ShellAnalysis, ShellContext } from './types.js';

export { type CommandRisk, type CommandRiskKind, commandRisks, withKnownVariables } from './assess.js';
export { isLoopback, originOf } from './hosts.js';
export { launchCommandLine, type PackageLaunch, packageLaunch, shellQuote } from './launchers.js';
export { isTriviallySimple } from './simple.js';
export type { Capability, Risk, ShellAnalysis, ShellContext, ShellEffect, SimpleCommand } from './types.js';

export interface ShellAnalyzer {
  analyze(command: string, ctx: ShellContext): ShellAnalysis;
}

/**
 * Wasm-free analyser for commands made only of plain words (see `isTriviallySimple`); gives the same result
 * as the full analyser on those. Anything else it reports as a parse error so a caller never trusts it there.
 */
export const simpleShellAnalyzer: ShellAnalyzer = {
  analyze(command, ctx) {
    if (!isTriviallySimple(command)) {
      return {
        commands: [],
        effects: [],
        dynamic: false,
        parseError: 'not a plain command; the full analyser is needed',
      };
    }
    // Strings run by `bash -c` are single plain words here, so the recursion stays on the simple path.
    const parse: ScriptParser = (source) =>
      isTriviallySimple(source)
        ? parseSimple(source)
        : { commands: [], forkBombs: [], parseError: 'not a plain command' };
    return analyzeSource(command, ctx, parse);
  },
};

let loading: Promise<ShellAnalyzer> | null = null;

/** Loads web-tree-sitter and the bash grammar once per process; `analyze` is synchronous afterwards. */
export function loadShellAnalyzer(): Promise<ShellAnalyzer> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function load(): Promise<ShellAnalyzer> {
  // The guard is a new process per tool call. Measured: once V8 tiers the tree-sitter wasm up to TurboFan,
  // the background compilation delays process exit by ~400 ms; the Liftoff baseline alone parses in ~0.04 ms.
  // The flag must be set before the module is compiled.
  setFlagsFromString('--liftoff-only');
  const { Parser, Language } = await import('web-tree-sitter');
  // Resolved from this file, so it also works from the bundled dist/chunks/*.js (the package stays external).
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const parse: ScriptParser = (source) => parseScript(parser, source);
  return {
    analyze: (command, ctx) => analyzeSource(command, ctx, parse),
  };
}
