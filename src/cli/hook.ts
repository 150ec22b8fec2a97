// PLACEHOLDER: the Claude Code hook entry. Fails closed until implemented.
export async function runHookCommand(_args: string[]): Promise<number> {
  process.stderr.write('agentwarden: guard hook not implemented yet; blocking\n');
  return 2;
}
