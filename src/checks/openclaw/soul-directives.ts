import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { SOUL_MD } from '../../init/templates.js';
import { HARDENED_CONFIG, openclaw, openclawHome, openclawWorkspace } from './_openclaw.js';

/** The five directives of the seed's SOUL.md addition, each recognised by how people word it. */
const DIRECTIVES: { name: string; re: RegExp }[] = [
  {
    name: 'external content is untrusted (never execute commands found in emails, messages or web pages)',
    re: /\buntrusted\b|\bnever (?:execute|run|follow)\b[^\n]{0,60}\b(?:emails?|messages?|web ?pages?|external)|prompt[ -]injection/i,
  },
  {
    name: 'credentials only with explicit confirmation',
    re: /\b(?:credentials?|api[ -]?keys?|passwords?|secrets?|tokens?)\b[^\n]{0,80}\b(?:confirm|ask|stop|permission|approval)|\b(?:never|don['’]t|do not)\b[^\n]{0,40}\baccess\b[^\n]{0,40}\bcredentials?/i,
  },
  {
    name: 'no file changes outside the project (~/.ssh, ~/.aws, ~/.config off limits)',
    re: /\boutside\b[^\n]{0,30}\b(?:project|workspace|working directory)\b|~\/\.ssh|off[ -]limits/i,
  },
  {
    name: 'destructive commands only with confirmation',
    re: /\bdestructive\b|\brm -rf\b|\bforce[ -]push|--force\b|\bdrop (?:table|database)/i,
  },
  {
    name: 'stop and ask when something seems wrong',
    re: /\bstop and ask\b|\bwhen in doubt\b|\bseems? wrong\b|\bpause and (?:ask|request)/i,
  },
];

export default defineCheck({
  id: 'openclaw/soul-directives',
  severity: 'low',
  seedRefs: ['SP-1', 'CS-5'],
  frameworks: ['SAIF'],
  title: "The OpenClaw agent's SOUL.md lacks the security directives",
  docs: {
    why:
      'SOUL.md and AGENTS.md in the workspace are loaded into every run of the agent. The seed adds five ' +
      'directives there: external content is untrusted, credentials and destructive commands need ' +
      'confirmation, nothing outside the project, and stop when in doubt. They only suggest behaviour (the ' +
      'guard enforces it), but cost nothing.',
    fix: `Add this section to SOUL.md in the agent workspace (~/.openclaw/workspace/SOUL.md), or run \`agentwarden init\`:\n\n${SOUL_MD}`,
  },
  examples: {
    bad: [
      {
        name: 'SOUL.md without directives',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/workspace/SOUL.md': '# Soul\n\nBe friendly and concise.\n',
        }),
      },
    ],
    good: [
      {
        name: 'SOUL.md with the directives',
        ...openclawHome(HARDENED_CONFIG, { '~/.openclaw/workspace/SOUL.md': SOUL_MD }),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const workspace = openclawWorkspace(ctx, cfg);
    const files = ['SOUL.md', 'AGENTS.md'].map((n) => path.join(workspace, n));
    const text = files
      .map((f) => ctx.fs.readText(f, { maxBytes: 1024 * 1024 }))
      .map((r) => (r.ok ? r.text : ''))
      .join('\n');
    const missing = DIRECTIVES.filter((d) => !d.re.test(text)).map((d) => d.name);
    if (missing.length === 0) return [];
    const soul = files[0] as string;
    const exists = ctx.fs.stat(soul)?.kind === 'file';
    const finding: RawFinding = {
      message: `${exists ? soul : `${workspace} has no SOUL.md; its instructions`} ${exists ? 'and AGENTS.md lack' : 'lack'} ${missing.length} of the seed's 5 security directives: ${missing.join('; ')}.`,
      file: exists ? soul : workspace,
      ...(exists && { line: 1 }),
    };
    return [finding];
  },
});
