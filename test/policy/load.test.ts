import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guardPolicyOptions } from '../../src/guard/real-engine.js';
import {
  decide,
  explainPolicy,
  initialSessionState,
  loadPolicy,
  type Policy,
} from '../../src/policy/index.js';
import { act } from './_helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function machine(files: { user?: string | Buffer; project?: string | Buffer; projectDir?: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-policy-'));
  roots.push(root);
  const home = path.join(root, 'home');
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  const userFile = path.join(home, '.config', 'agentwarden', 'policy.yaml');
  if (files.user !== undefined) {
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, files.user);
  }
  const projectFile = path.join(project, 'agentwarden.policy.yaml');
  if (files.project !== undefined) fs.writeFileSync(projectFile, files.project);
  if (files.projectDir) fs.mkdirSync(projectFile);
  return { home, project, userFile, projectFile };
}

function load(m: ReturnType<typeof machine>) {
  return loadPolicy({
    ...guardPolicyOptions({ home: m.home, project: m.project, env: {} }),
    platform: 'linux',
  });
}

function loaded(m: ReturnType<typeof machine>): Policy {
  const r = load(m);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const verdict = (p: Policy, m: ReturnType<typeof machine>, a: ReturnType<typeof act>) =>
  decide(a, {
    policy: p,
    shell: undefined,
    session: initialSessionState(),
    home: m.home,
    project: m.project,
    sandboxed: false,
  }).verdict;

describe('loadPolicy', () => {
  it('returns the built-in policy when there is no file', () => {
    const m = machine({});
    const r = load(m);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy.role).toBe('builder');
      expect(r.provenance.files).toEqual({});
    }
  });

  it('lets the user pick a role, change cells and extend lists', () => {
    const m = machine({
      user: [
        'version: 1',
        'role: operator',
        'roles:',
        '  operator:',
        '    exec: allow',
        'network:',
        '  allow: [api.internal-tools.io]',
        'unprotect: [~/.config]',
        'protect:',
        '  - ~/secrets',
        '  - { path: ~/notes/plan.md, kind: no-write }',
        'mcp:',
        '  - { tool: "mcp__github__*", verdict: allow }',
      ].join('\n'),
    });
    const p = loaded(m);
    expect(p.role).toBe('operator');
    expect(p.cells.exec).toBe('allow');
    expect(verdict(p, m, act('WebFetch', { urls: ['https://api.internal-tools.io/x'] }))).toBe('allow');
    expect(verdict(p, m, act('Read', { paths: [path.join(m.home, '.config', 'nvim', 'init.lua')] }))).toBe(
      'allow',
    );
    expect(verdict(p, m, act('Read', { paths: [path.join(m.home, 'secrets', 'a.txt')] }))).toBe('ask');
    expect(verdict(p, m, act('Write', { paths: [path.join(m.home, 'notes', 'plan.md')] }))).toBe('deny');
    expect(verdict(p, m, act('mcp__github__create_issue', { kind: 'mcp' }))).toBe('allow');
  });

  it('loads the example in docs/policy.md', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'policy.md'), 'utf8');
    const example = /```yaml\n(# agentwarden\.policy\.yaml example\n[\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const m = machine({ user: example });
    const p = loaded(m);
    expect(p.cells.infra).toBe('deny');
    // Unprotecting ~/.config keeps the browser profiles and token stores listed on their own.
    expect(verdict(p, m, act('Read', { paths: [path.join(m.home, '.config', 'gh', 'hosts.yml')] }))).toBe(
      'deny',
    );
    expect(verdict(p, m, act('Read', { paths: [path.join(m.home, '.config', 'nvim', 'init.lua')] }))).toBe(
      'allow',
    );
  });

  it('reads the user file from XDG_CONFIG_HOME when set', () => {
    const m = machine({});
    const xdg = path.join(m.home, 'xdg');
    fs.mkdirSync(path.join(xdg, 'agentwarden'), { recursive: true });
    fs.writeFileSync(path.join(xdg, 'agentwarden', 'policy.yaml'), 'role: reader\n');
    const r = loadPolicy({
      home: m.home,
      project: m.project,
      env: { XDG_CONFIG_HOME: xdg },
      platform: 'linux',
    });
    expect(r.ok && r.policy.role).toBe('reader');
    expect(r.ok && r.provenance.files.user).toBe(path.join(xdg, 'agentwarden', 'policy.yaml'));
  });

  it('never lets the user drop self-protection', () => {
    const m = machine({ user: 'unprotect: [~/.claude/settings.json, .claude/settings.json]\n' });
    const p = loaded(m);
    expect(verdict(p, m, act('Write', { paths: [path.join(m.home, '.claude', 'settings.json')] }))).toBe(
      'deny',
    );
  });

  describe('a project file can only tighten', () => {
    const loosening = [
      'role: operator',
      'roles:',
      '  builder:',
      '    credentials: allow',
      '    exec: allow',
      '    network: deny',
      'unprotect: ["~/.ssh", ".env*"]',
      'network:',
      '  allow: [evil.example.net]',
      '  deny: [tracker.example.io]',
      'mcp:',
      '  - { tool: "mcp__*", verdict: allow }',
      '  - { tool: "mcp__slack__*", verdict: deny }',
      'taint:',
      '  trustedMcpServers: [evilserver]',
      'protect: [docs/private]',
    ].join('\n');

    it('ignores every loosening and keeps every tightening', () => {
      const m = machine({ project: loosening });
      const r = load(m);
      if (!r.ok) throw new Error(r.error);
      const p = r.policy;
      // role operator combined with builder: each cell the stricter of the two.
      expect(p.cells.credentials).toBe('deny');
      expect(p.cells.exec).toBe('approve');
      expect(p.cells.network).toBe('deny');
      expect(verdict(p, m, act('Read', { paths: [path.join(m.home, '.ssh', 'id_rsa')] }))).toBe('deny');
      expect(verdict(p, m, act('Read', { paths: [path.join(m.project, '.env')] }))).toBe('deny');
      expect(verdict(p, m, act('WebFetch', { urls: ['https://evil.example.net/x'] }))).toBe('deny');
      expect(verdict(p, m, act('mcp__github__create_issue', { kind: 'mcp' }))).toBe('ask');
      expect(verdict(p, m, act('mcp__slack__post_message', { kind: 'mcp' }))).toBe('deny');
      expect(verdict(p, m, act('Read', { paths: [path.join(m.project, 'docs', 'private', 'a.md')] }))).toBe(
        'deny',
      );
      expect(p.network.deny).toContain('tracker.example.io');
      expect(p.taint.trustedMcpServers).toEqual([]);
      const ignored = r.provenance.ignored.map((i) => i.key);
      expect(ignored).toEqual(
        expect.arrayContaining([
          'roles.builder.credentials',
          'roles.builder.exec',
          'unprotect',
          'network.allow',
          'mcp:mcp__*',
          'taint.trustedMcpServers',
        ]),
      );
      const text = explainPolicy(p, r.provenance);
      expect(text).toContain('Ignored (a project file may only tighten)');
      expect(text).toContain(`docs/private (${m.projectFile})`);
    });

    it('cannot turn a denied MCP cell into an ask with an MCP rule', () => {
      const m = machine({
        user: 'role: reader\n',
        project: 'mcp:\n  - { tool: "mcp__*", verdict: ask }\n',
      });
      const p = loaded(m);
      expect(verdict(p, m, act('mcp__github__delete_repo', { kind: 'mcp' }))).toBe('deny');
      // Read-like MCP tools fall under the read cell, which the rule may still tighten.
      expect(verdict(p, m, act('mcp__github__get_issue', { kind: 'mcp' }))).toBe('ask');
      // The user's own rules still decide over the user's own cells.
      const u = machine({ user: 'role: reader\nmcp:\n  - { tool: "mcp__github__*", verdict: ask }\n' });
      expect(verdict(loaded(u), u, act('mcp__github__delete_repo', { kind: 'mcp' }))).toBe('ask');
    });

    it('cannot loosen what the user file set either', () => {
      const m = machine({
        user: 'roles:\n  builder:\n    exec: approve\n',
        project: 'roles:\n  builder:\n    exec: sandbox\n',
      });
      expect(loaded(m).cells.exec).toBe('approve');
    });
  });

  it('names file, line and key for a schema error', () => {
    const m = machine({
      user: ['role: builder', 'roles:', '  builder:', '    network: maybe', ''].join('\n'),
    });
    const r = load(m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(`${m.userFile}:4:`);
      expect(r.error).toContain('roles.builder.network');
      expect(r.error.split('\n')).toHaveLength(1);
    }
  });

  it('refuses a user policy that lies inside the project', () => {
    // A repo's .claude/settings.json `env` reaches the hook: XDG_CONFIG_HOME=<repo>/.cfg would make a
    // file the repo ships the user policy, which may loosen anything.
    const m = machine({});
    const cfg = path.join(m.project, '.cfg');
    fs.mkdirSync(path.join(cfg, 'agentwarden'), { recursive: true });
    fs.writeFileSync(path.join(cfg, 'agentwarden', 'policy.yaml'), 'role: operator\nunprotect: ["~/.ssh"]\n');
    const r = loadPolicy({
      home: m.home,
      project: m.project,
      env: { XDG_CONFIG_HOME: cfg },
      platform: 'linux',
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/inside the project/);
    // The usual place stays fine even when the project is the home directory itself.
    const home = machine({ user: 'role: operator\n' });
    const atHome = loadPolicy({ home: home.home, project: home.home, env: {}, platform: 'linux' });
    expect(atHome.ok && atHome.policy.role).toBe('operator');
  });

  it('refuses patterns whose matching could take the hook past its deadline', () => {
    // Matching is a synchronous regex: `*a*a*a…` backtracks exponentially, and a hung hook is a timeout,
    // which Claude Code lets through unless onFailure is block.
    const slow = '"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"';
    for (const file of [
      `protect: [${slow}]`,
      `taint:\n  untrustedPaths: [${slow}]`,
      'protect: ["a/**/**/**/**/**/**/**/**/b"]',
      'mcp:\n  - { tool: "mcp__*a*a*a*a*a*a*a*a*a*a*b", verdict: deny }',
    ]) {
      const r = load(machine({ project: file }));
      expect(r.ok, file).toBe(false);
      expect(r.ok ? '' : r.error, file).toMatch(/agentwarden\.policy\.yaml:\d+: .*wildcards/);
    }
    expect(load(machine({ project: 'protect: ["~/.config/*/token*", "**/secrets/**/*.key"]' })).ok).toBe(
      true,
    );
  });

  it('names the line of an unknown key and of a bad list item', () => {
    const typo = load(machine({ project: 'role: reader\nnetwrok:\n  deny: [x.io]\n' }));
    expect(typo.ok ? '' : typo.error).toMatch(/agentwarden\.policy\.yaml:2: netwrok: unknown key "netwrok"/);
    const item = load(machine({ user: 'network:\n  deny:\n    - good.io\n    - "not a domain/"\n' }));
    expect(item.ok ? '' : item.error).toMatch(/policy\.yaml:4: network\.deny\.1: /);
    const protect = load(machine({ user: 'protect:\n  - path: ~/x\n    kind: sometimes\n' }));
    expect(protect.ok ? '' : protect.error).toMatch(/policy\.yaml:3: protect\.0\.kind: /);
  });

  it('reports YAML syntax errors with a line', () => {
    const r = load(machine({ user: 'role: builder\nroles:\n  builder: {exec: allow\n' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/policy\.yaml:\d+: invalid YAML/);
  });

  it('refuses a directory, binary data and duplicate keys with one line each', () => {
    const dir = load(machine({ projectDir: true }));
    expect(dir.ok ? '' : dir.error).toMatch(/agentwarden\.policy\.yaml: not a regular file$/);
    const binary = load(machine({ user: Buffer.from([0xff, 0xfe, 0x00, 0x41]) }));
    expect(binary.ok ? '' : binary.error).toMatch(/not UTF-8 text$/);
    const dup = load(machine({ user: 'role: builder\nrole: operator\n' }));
    expect(dup.ok ? '' : dup.error).toMatch(/policy\.yaml:2: invalid YAML/);
  });

  it('reads a policy file once, bounded: a fifo or /dev/zero behind it is refused at once, a link to a file is read', () => {
    const fifo = machine({});
    execFileSync('mkfifo', [fifo.projectFile]);
    const started = Date.now();
    const r = load(fifo);
    expect(r.ok ? '' : r.error).toMatch(/agentwarden\.policy\.yaml: not a regular file$/);
    const zero = machine({});
    fs.symlinkSync('/dev/zero', zero.projectFile);
    const z = load(zero);
    expect(z.ok ? '' : z.error).toMatch(/not a regular file$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const huge = machine({ project: `# ${'x'.repeat(300 * 1024)}\n` });
    const h = load(huge);
    expect(h.ok ? '' : h.error).toMatch(/larger than 256 KiB$/);
    const linked = machine({});
    const real = path.join(path.dirname(linked.projectFile), 'dotfiles-policy.yaml');
    fs.writeFileSync(real, 'role: reader\n');
    fs.symlinkSync(real, linked.projectFile);
    expect(load(linked).ok).toBe(true);
  });

  it('accepts an empty file', () => {
    expect(load(machine({ user: '' })).ok).toBe(true);
    expect(load(machine({ user: '# only a comment\n' })).ok).toBe(true);
  });
});
