// `agentwarden preflight` on fixture machines (in-process, fixture /proc and recorded commands), and the
// built CLI once without a terminal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { runPreflightCommand } from '../../src/cli/preflight.js';
import type { CheckExample } from '../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { runCli } from '../helpers/cli.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

const FAKE_KEY = 'sk-ant-api03-Zq8Xw2Lr5Tn9Vb3Mc7Kp1Hd4Fg6Js0Ay8Ue2Io5Pq7Lr9Ts3Wv6Xb1Nm4Kc8Zd2Rf5Gh7Jk';

// Real `ss -ltnpH` lines: the OpenClaw gateway on every interface, sshd too.
const SS_EXPOSED =
  'LISTEN 0      511          0.0.0.0:18789      0.0.0.0:*    users:(("node",pid=2211,fd=23))\n' +
  'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=901,fd=3))\n';

const bareHost: Omit<CheckExample, 'name'> = {
  files: {
    '/proc/1/cgroup': '0::/init.scope\n',
    '/proc/sys/kernel/hostname': 'alice-laptop\n',
    '~/.aws/credentials': { content: '[default]\naws_access_key_id = AKIA\n', mode: 0o600 },
    '~/.ssh/id_ed25519': { content: 'private\n', mode: 0o600 },
    '~/.ssh/id_ed25519.pub': 'ssh-ed25519 AAAA alice\n',
    '.env': { content: 'DB_PASSWORD=x\n', mode: 0o600 },
    '.mcp.json':
      '{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@1.2.3"]}}}',
    '~/.claude/skills/pdf/SKILL.md': '---\nname: pdf\ndescription: read PDFs\n---\nUse pdftotext.\n',
    '~/.config/agentwarden/attestations.json': JSON.stringify({
      schemaVersion: 1,
      attestations: [{ id: 'CS-3', answer: 'yes', note: 'cap $50 in console', date: '2026-11-20T10:00:00Z' }],
    }),
  },
  env: {
    ANTHROPIC_API_KEY: FAKE_KEY,
    HTTPS_PROXY: 'http://bob:hunter2hunter2@proxy.internal:3128',
    EDITOR: 'vim',
  },
  commands: { 'ss -ltnpH': { code: 0, stdout: SS_EXPOSED, stderr: '' } },
};

async function preflight(
  example: Omit<CheckExample, 'name'>,
  opts: { format?: string; prompt?: boolean; failOn?: string } = {},
) {
  const fx = materialize(example);
  fixtures.push(fx);
  let out = '';
  const code = await runPreflightCommand(
    {
      home: fx.home,
      project: fx.project,
      format: opts.format ?? 'text',
      ...(opts.prompt && { prompt: true }),
      ...(opts.failOn && { failOn: opts.failOn }),
    },
    {
      env: fx.ctx.env as Record<string, string>,
      hostname: 'alice-laptop',
      out: (t) => {
        out += t;
      },
      context: { systemRoot: fx.systemRoot, run: fx.ctx.run, platform: 'linux', now: fx.ctx.now },
    },
  );
  return { code, out, fx };
}

describe('agentwarden preflight', () => {
  it('answers the four questions from a bare host, names secrets but never prints their values', async () => {
    const { out, code } = await preflight(bareHost);
    expect(code).toBe(0);
    expect(out).toContain('On the bare host (no container).');
    expect(out).toMatch(/Writable: ~ \(home directory/);
    expect(out).toContain('0.0.0.0:18789 node [OpenClaw / Moltbot / Clawdbot gateway]');
    expect(out).toContain('HTTPS_PROXY=');
    expect(out).toContain(
      'Secret-looking environment variables (names only): ANTHROPIC_API_KEY, HTTPS_PROXY.',
    );
    expect(out).toContain('~/.aws/credentials (AWS access keys)');
    expect(out).toContain('~/.ssh/id_ed25519 (SSH private key)');
    expect(out).not.toContain('id_ed25519.pub');
    expect(out).toContain('~/work/app/.env (project environment secrets)');
    expect(out).toContain('MCP servers: github (project, stdio).');
    expect(out).toContain('Skills: pdf (user).');
    expect(out).not.toContain(FAKE_KEY.slice(10, 30));
    expect(out).not.toContain('hunter2hunter2');
    expect(out).toMatch(/FAIL\s+ON-1 .*write all of \$HOME/);
    expect(out).toMatch(/FAIL\s+ON-4 .*0\.0\.0\.0:18789 listens beyond loopback/);
    expect(out).toMatch(/PASS\s+ON-5 .*answered "yes" on 2026-11-20 \(CS-3\)/);
    expect(out).toMatch(/UNKNOWN ON-6 /);
  });

  it('prints JSON with the same answers, and exits 1 when something reaches --fail-on', async () => {
    const { out, code } = await preflight(bareHost, { format: 'json', failOn: 'critical' });
    expect(code).toBe(1);
    const answer = JSON.parse(out);
    expect(answer.schemaVersion).toBe(1);
    expect(answer.overnight.map((o: { id: string; status: string }) => `${o.id}:${o.status}`)).toEqual([
      'ON-1:fail',
      'ON-2:pass',
      'ON-3:unknown',
      'ON-4:fail',
      'ON-5:pass',
      'ON-6:unknown',
    ]);
    // A proxy URL with a password in it is a credential too.
    expect(answer.credentials.envNames).toEqual(['ANTHROPIC_API_KEY', 'HTTPS_PROXY']);
    expect(answer.concerns.some((f: { checkId: string }) => f.checkId === 'host/control-plane-exposed')).toBe(
      true,
    );
    expect(out).not.toContain('hunter2hunter2');
  });

  it('--prompt prints a block to paste into a session', async () => {
    const { out } = await preflight(bareHost, { prompt: true });
    expect(out.startsWith('Before we begin: agentwarden preflight checked this machine.')).toBe(true);
    for (const q of ['1. Which directories', '2. What network', '3. Which credentials', '4. Which tools'])
      expect(out).toContain(q);
    expect(out).toContain('Overnight checklist failing: ON-1');
    expect(out).toMatch(/list any security concerns/);
  });

  it('in a container: ON-1 passes with only the project mounted, fails with the host home mounted', async () => {
    const mountinfo = (extra: string) =>
      '612 580 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/QX3K\n' +
      '613 612 0:55 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n' +
      '640 612 259:2 /home/alice/code/app /workspace rw,relatime - ext4 /dev/nvme0n1p2 rw\n' +
      '641 612 259:2 /etc/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/nvme0n1p2 rw\n' +
      extra;
    const container = (extra: string) => ({
      files: { '/.dockerenv': '', '/proc/self/mountinfo': mountinfo(extra) },
    });
    const ok = JSON.parse((await preflight(container(''), { format: 'json' })).out);
    expect(ok.writable.mounts).toEqual([
      { mountPoint: '/workspace', source: '/home/alice/code/app', readOnly: false },
    ]);
    expect(ok.overnight[0]).toMatchObject({ id: 'ON-1', status: 'pass' });
    expect(ok.network.firewall).toMatch(/not visible from inside a container/);
    const bad = JSON.parse(
      (
        await preflight(
          container('642 612 259:2 /home/alice /host-home rw,relatime - ext4 /dev/nvme0n1p2 rw\n'),
          { format: 'json' },
        )
      ).out,
    );
    expect(bad.overnight[0]).toMatchObject({
      id: 'ON-1',
      status: 'fail',
      why: expect.stringContaining('/home/alice'),
    });
  });

  it('rejects bad usage with a one-line error', async () => {
    await expect(preflight({ files: {} }, { format: 'yaml' })).rejects.toThrow(UsageError);
    await expect(preflight({ files: {} }, { failOn: 'severe' })).rejects.toThrow(/--fail-on severe/);
    await expect(preflight({ files: {} }, { format: 'json', prompt: true })).rejects.toThrow(/--prompt/);
  });

  it('runs from the built CLI without a terminal, as JSON', () => {
    const fx = materialize({ files: { 'src/index.ts': 'export {};\n' } });
    fixtures.push(fx);
    const r = runCli(['preflight', '--home', fx.home, '--project', fx.project, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.overnight).toHaveLength(6);
    expect(fs.existsSync(path.join(fx.home, '.config', 'agentwarden'))).toBe(false);
  });
});
