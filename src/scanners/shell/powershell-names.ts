/**
 * PowerShell's cmdlets and aliases, and its paths in the form the shell rules read them: one table for the
 * command analysis (powershell.ts) and the PowerShell allow-rule judgement (permissions/powershell-rule-reach.ts).
 * A leaf module: it imports nothing.
 */

/** Cmdlets by their lower-case name and aliases (Windows PowerShell 5.1 also aliases `curl` and `wget`). */
export const CMDLETS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['Invoke-Expression', ['iex']],
      ['Start-Process', ['start', 'saps']],
      ['Invoke-WebRequest', ['iwr', 'curl', 'wget']],
      ['Invoke-RestMethod', ['irm']],
      ['Get-Content', ['gc', 'cat', 'type']],
      ['Set-Content', ['sc']],
      ['Add-Content', ['ac']],
      ['Out-File', []],
      ['Remove-Item', ['rm', 'del', 'ri', 'rmdir', 'rd', 'erase']],
      ['Get-ChildItem', ['gci', 'dir', 'ls']],
      ['Copy-Item', ['cp', 'copy', 'cpi']],
      ['Move-Item', ['mv', 'move', 'mi']],
      ['Invoke-Command', ['icm']],
      ['Invoke-Item', ['ii']],
    ] as const
  ).flatMap(([cmdlet, aliases]) =>
    [cmdlet, ...aliases].map((name): [string, string] => [name.toLowerCase(), cmdlet]),
  ),
);

/** Home as PowerShell spells it (`~`, `$HOME`, `$env:USERPROFILE`), and Windows separators, as a POSIX path. */
export const unixPath = (word: string): string =>
  word
    .replace(/^(['"]?)(?:\$env:USERPROFILE|\$env:HOME|\$HOME|~)(?=[\\/]|\1$)/i, '$1~')
    .replaceAll('\\', '/');
