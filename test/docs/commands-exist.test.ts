// Every `agentwarden <command> [<sub>]` that a fix text, a message, a guard deny reason, the README or docs/
// names must exist in the CLI: a user told to run a command that is not there is stuck (issue 8).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { materialize } from '../../src/core/fixture.js';
import { runCheck } from '../../src/core/run-audit.js';
import { REPO } from '../helpers/cli.js';

/** The CLI's command tree: top-level name → its subcommand names (empty when it takes arguments instead). */
function commandTree(): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>();
  const names = (c: Command) => [c.name(), ...c.aliases()];
  for (const cmd of buildProgram().commands) {
    const subs = new Set(cmd.commands.flatMap(names));
    for (const n of names(cmd)) tree.set(n, subs);
  }
  return tree;
}

/**
 * Command lines in user-facing text: inline code spans, and lines of fenced code blocks, that start with
 * `agentwarden` (prose such as "agentwarden still audited …" is not a command).
 */
function commandMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/`(?:npx |\$ )?(agentwarden [^`\n]+)`/g)) out.push(m[1] as string);
  for (const block of text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm))
    for (const m of (block[1] ?? '').matchAll(/^\s*(?:\$ |npx )?(agentwarden [^\n`]+)$/gm))
      out.push(m[1] as string);
  return out;
}

/** In TypeScript source a command named inside a string is an escaped code span: \`agentwarden …\`. */
function sourceMentions(source: string): string[] {
  return [...source.matchAll(/\\`(?:npx )?(agentwarden [^`\\\n]+)\\`/g)].map((m) => m[1] as string);
}

/** What is wrong with a mention, or undefined when the command (and subcommand) exist. */
function missingCommand(mention: string, tree: Map<string, Set<string>>): string | undefined {
  const [, cmd, sub] = mention.split(/\s+/);
  // Options, placeholders and output lines ("agentwarden init: /home/…") are not command names.
  if (cmd === undefined || !/^[a-z][a-z-]*$/.test(cmd)) return undefined;
  const subs = tree.get(cmd);
  if (!subs) return `no command "${cmd}"`;
  if (subs.size === 0 || sub === undefined || !/^[a-z][a-z-]*$/.test(sub)) return undefined;
  // A word after a command with subcommands must be one of them ("skills lock", not "skills freeze").
  return subs.has(sub) ? undefined : `no subcommand "${cmd} ${sub}"`;
}

function filesUnder(dir: string, ext: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

async function checkTexts(): Promise<{ where: string; text: string }[]> {
  const out: { where: string; text: string }[] = [];
  for (const check of allChecks) {
    out.push({ where: `${check.id} docs`, text: `${check.docs.why}\n${check.docs.fix}` });
    // Fix texts and messages built at run time, as the bad examples produce them.
    for (const example of check.examples.bad) {
      const f = materialize(example);
      try {
        for (const finding of await runCheck(check, f.ctx)) {
          const items = (finding.items ?? []).map((i) => `${i.message}\n${i.fix ?? ''}`);
          out.push({
            where: `${check.id} "${example.name}"`,
            text: [finding.message, finding.fix ?? '', ...items].join('\n'),
          });
        }
      } finally {
        f.cleanup();
      }
    }
  }
  return out;
}

/** Mentions in source strings (the guard's deny reasons in src/policy, CLI messages, fix texts), README, docs/. */
function fileMentions(): { where: string; mention: string }[] {
  const read = (file: string, find: (text: string) => string[]) =>
    find(fs.readFileSync(file, 'utf8')).map((mention) => ({ where: path.relative(REPO, file), mention }));
  return [
    ...filesUnder(path.join(REPO, 'src'), '.ts').flatMap((f) => read(f, sourceMentions)),
    ...[path.join(REPO, 'README.md'), ...filesUnder(path.join(REPO, 'docs'), '.md')].flatMap((f) =>
      read(f, commandMentions),
    ),
  ];
}

describe('commands named to the user exist', () => {
  const tree = commandTree();

  it('recognises real and made-up commands', () => {
    expect(missingCommand('agentwarden guard install --managed', tree)).toBeUndefined();
    expect(missingCommand('agentwarden audit --fix', tree)).toBeUndefined();
    expect(missingCommand('agentwarden frobnicate', tree)).toBe('no command "frobnicate"');
    expect(missingCommand('agentwarden guard frobnicate', tree)).toBe('no subcommand "guard frobnicate"');
    expect(commandMentions('Run `agentwarden guard install`, and agentwarden still audited it.')).toEqual([
      'agentwarden guard install',
    ]);
    expect(commandMentions('```sh\nnpx agentwarden skills lock\n```\nagentwarden makes it safe')).toEqual([
      'agentwarden skills lock',
    ]);
    expect(sourceMentions('`agentwarden init: DIR` + "run \\`agentwarden unlock\\`"')).toEqual([
      'agentwarden unlock',
    ]);
    expect(missingCommand('agentwarden init: /home/dev', tree)).toBeUndefined();
  });

  it('in source strings (messages, fix texts, deny reasons), README.md and docs/*.md', () => {
    const mentions = fileMentions();
    expect(mentions.length).toBeGreaterThan(20);
    const bad = mentions.flatMap(({ where, mention }) => {
      const why = missingCommand(mention, tree);
      return why ? [`${where}: ${mention} (${why})`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('in every check’s docs and in the findings its bad examples produce', async () => {
    const texts = await checkTexts();
    expect(texts.flatMap(({ text }) => commandMentions(text)).length).toBeGreaterThan(10);
    const bad = texts.flatMap(({ where, text }) =>
      commandMentions(text).flatMap((m) => {
        const why = missingCommand(m, tree);
        return why ? [`${where}: ${m} (${why})`] : [];
      }),
    );
    expect(bad).toEqual([]);
  }, 120_000);
});
