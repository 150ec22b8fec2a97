import { isTriviallySimple, loadShellAnalyzer, type ShellAnalyzer, simpleShellAnalyzer } from './index.js';

/**
 * The analyser that reads all of these commands: the wasm-free one when each is plain words (it gives the
 * same result there), else the full one. Most audits then never load tree-sitter (`npx -y pkg`, no hooks).
 */
export function analyzerFor(commands: readonly string[]): Promise<ShellAnalyzer> {
  return commands.every(isTriviallySimple) ? Promise.resolve(simpleShellAnalyzer) : loadShellAnalyzer();
}
