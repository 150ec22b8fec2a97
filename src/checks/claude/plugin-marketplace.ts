import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/document.js';
import type { RawFinding } from '../../core/finding.js';
import { loadClaudeSettings, scopeLabel, traceIn } from '../../discover/claude-settings.js';

/** Anthropic's own catalogues; every other source is someone else's code. */
const FIRST_PARTY_REPO = /^anthropics\//i;
const FIRST_PARTY_URL = /^(?:https:\/\/|git@)github\.com[/:]anthropics\//i;

/** Where a marketplace entry fetches from, or undefined for a local directory or file. */
function remoteSource(entry: Record<string, unknown>): { where: string; firstParty: boolean } | undefined {
  const source = isRecord(entry.source) ? entry.source : undefined;
  if (!source) return undefined;
  const kind = source.source;
  if (kind === 'github' && typeof source.repo === 'string')
    return { where: `GitHub ${source.repo}`, firstParty: FIRST_PARTY_REPO.test(source.repo) };
  for (const key of ['url', 'package'] as const) {
    const value = source[key];
    if (typeof value === 'string') return { where: value, firstParty: FIRST_PARTY_URL.test(value) };
  }
  return undefined;
}

export default defineCheck({
  id: 'claude/plugin-marketplace',
  severity: 'medium',
  seedRefs: ['SK-4', 'CC-H2'],
  frameworks: ['OWASP-LLM03'],
  title: 'A third-party plugin marketplace is trusted (or updates itself)',
  docs: {
    why:
      'extraKnownMarketplaces adds a plugin catalogue fetched from a git repository or URL. Its plugins bring ' +
      'hooks, MCP servers, commands and skills that run with your permissions. With autoUpdate: true every ' +
      'session start pulls whatever the repository holds now, so one compromised push reaches your machine ' +
      'unreviewed; in project settings the catalogue is offered to everyone who clones the repository.',
    fix:
      'Keep third-party marketplaces in user settings only, with autoUpdate off, and review a plugin before ' +
      'updating it (or vendor it into a local "directory" marketplace you control).',
  },
  examples: {
    bad: [
      {
        name: 'auto-updating third-party marketplace (jasonkuhrt/dotfiles)',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              extraKnownMarketplaces: {
                impeccable: { source: { source: 'github', repo: 'pbakaus/impeccable' }, autoUpdate: true },
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'project settings offer a git marketplace to every clone',
        files: {
          '.claude/settings.json': JSON.stringify({
            extraKnownMarketplaces: {
              'team-tools': { source: { source: 'git', url: 'https://gitlab.example.com/team/plugins.git' } },
            },
          }),
        },
      },
    ],
    good: [
      {
        name: "Anthropic's catalogue and a local directory (fredrikaverpil/dotfiles)",
        files: {
          '~/.claude/settings.json': JSON.stringify({
            extraKnownMarketplaces: {
              'claude-plugins-official': {
                source: { source: 'git', url: 'https://github.com/anthropics/claude-plugins-official.git' },
              },
              local: { source: { source: 'directory', path: '~/.claude/local-plugins' } },
            },
          }),
        },
      },
    ],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    for (const file of loadClaudeSettings(ctx).files) {
      const markets = file.data.extraKnownMarketplaces;
      if (!isRecord(markets)) continue;
      for (const [name, entry] of Object.entries(markets)) {
        if (!isRecord(entry)) continue;
        const remote = remoteSource(entry);
        if (!remote || remote.firstParty) continue;
        const autoUpdate = entry.autoUpdate === true;
        const shared = file.scope === 'project';
        const at = traceIn(file, ['extraKnownMarketplaces', name]);
        findings.push({
          message:
            `Marketplace "${name}" (${remote.where}) in ${scopeLabel(file.scope)} is third-party` +
            (autoUpdate
              ? ' and updates itself (autoUpdate: true): each session start can pull new plugin code'
              : '') +
            (shared ? '; Claude Code offers it to everyone who opens the project' : '') +
            '. Its plugins run hooks, MCP servers and commands with your permissions.',
          file: file.file,
          ...(at && { line: at.line, column: at.column }),
          evidence: `${name}: ${remote.where}${autoUpdate ? ' (autoUpdate)' : ''}`,
          severity: autoUpdate || shared ? 'medium' : 'low',
          fix: autoUpdate
            ? `Set "autoUpdate": false for "${name}" and update its plugins after reviewing them.`
            : `Keep "${name}" only if you review its plugins before installing or updating them.`,
        });
      }
    }
    return findings;
  },
});
