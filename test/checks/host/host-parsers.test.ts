// Parsers of the host checks, each fed the real format of its source (noted per test), and the
// behaviour the generic examples test cannot see: severities, honest "could not determine", timeouts.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mountChainsFromLsblk } from '../../../src/checks/host/disk-encryption.js';
import {
  parseIptablesRules,
  parseNftRuleset,
  parseUfwStatus,
} from '../../../src/checks/host/facts/firewall-rules.js';
import { parseProcNetTcp, parseSsListeners } from '../../../src/checks/host/facts/listeners.js';
import { hostChecks } from '../../../src/checks/host/index.js';
import { parseOsRelease, releaseSupport } from '../../../src/checks/host/os-updates.js';
import { parseServeConfig } from '../../../src/checks/host/remote-access.js';
import type { CheckExample } from '../../../src/core/check.js';
import type { CommandRunner } from '../../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

function check(id: string) {
  const c = hostChecks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

async function findingsOf(id: string, example: Omit<CheckExample, 'name'>) {
  const fx = materialize(example);
  fixtures.push(fx);
  return runCheck(check(id), fx.ctx);
}

describe('listening sockets', () => {
  it('parses `ss -ltnpH` lines (iproute2): *, [::], %iface and IPv4-mapped addresses', () => {
    const out = parseSsListeners(
      [
        'LISTEN 0      511                *:18789            *:*    users:(("node",pid=2211,fd=24))',
        'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=14))',
        'LISTEN 0      128             [::]:22            [::]:*',
        'LISTEN 0      50   [::ffff:127.0.0.1]:9000          *:*',
      ].join('\n'),
    );
    expect(out).toEqual([
      { address: '*', port: 18789, process: 'node' },
      { address: '127.0.0.53', port: 53, process: 'systemd-resolve' },
      { address: '::', port: 22 },
      { address: '127.0.0.1', port: 9000 },
    ]);
  });

  it('parses /proc/net/tcp and tcp6 rows (little-endian words, state 0A only, IPv4-mapped unwrapped)', () => {
    const v4 =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
      '   0: 00000000:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31337 1 0000000000000000 100 0 0 10 0\n' +
      '   1: 0100007F:A5F2 0100007F:4965 01 00000000:00000000 00:00000000 00000000  1000        0 40380 1 0000000000000000 20 4 30 10 -1\n';
    const v6 =
      '   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n' +
      '   1: 0000000000000000FFFF00000100007F:1A0A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n' +
      '   2: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0\n';
    expect(parseProcNetTcp(v4)).toEqual([{ address: '0.0.0.0', port: 18789 }]);
    expect(parseProcNetTcp(v6)).toEqual([
      { address: '::1', port: 22 },
      { address: '127.0.0.1', port: 6666 },
      { address: '2001:db8::1', port: 80 },
    ]);
  });

  it('rates the gateway on 0.0.0.0 critical, other wildcard listeners info, and a LAN address high', async () => {
    const stdout = [
      'LISTEN 0      511          0.0.0.0:18789      0.0.0.0:*    users:(("node",pid=2211,fd=23))',
      'LISTEN 0      511      192.168.1.20:6274      0.0.0.0:*    users:(("node",pid=3312,fd=20))',
      'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=901,fd=3))',
      'LISTEN 0      511     100.101.7.12:9222      0.0.0.0:*',
    ].join('\n');
    const f = await findingsOf('host/control-plane-exposed', {
      files: {},
      commands: { 'ss -ltnpH': { code: 0, stdout, stderr: '' } },
    });
    expect(f.map((x) => [x.severity, x.message.split(/[,.] /)[0]])).toEqual([
      ['critical', '0.0.0.0:18789 (node)'],
      ['high', '192.168.1.20:6274 (node)'],
      ['info', 'Other services listen on all interfaces: 0.0.0.0:22 (sshd)'],
    ]);
  });

  it('takes extra agent ports from $AGENTWARDEN_AGENT_PORTS and $OPENCLAW_GATEWAY_PORT', async () => {
    const stdout = 'LISTEN 0 511 0.0.0.0:8088 0.0.0.0:*\nLISTEN 0 511 0.0.0.0:24242 0.0.0.0:*\n';
    const f = await findingsOf('host/control-plane-exposed', {
      files: {},
      env: { AGENTWARDEN_AGENT_PORTS: '8088, 9000', OPENCLAW_GATEWAY_PORT: '24242' },
      commands: { 'ss -ltnpH': { code: 0, stdout, stderr: '' } },
    });
    expect(f.filter((x) => x.severity === 'critical')).toHaveLength(2);
  });

  it('says it could not determine when neither ss nor /proc/net/tcp can be read', async () => {
    const f = await findingsOf('host/control-plane-exposed', { files: {} });
    expect(f).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringMatching(/^Could not determine which ports/),
      }),
    ]);
  });
});

describe('firewall', () => {
  it('ufw (real `ufw status verbose`): first matching rule wins, then the incoming default', () => {
    const ufw = parseUfwStatus(`Status: active
Logging: on (low)
Default: deny (incoming), allow (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
OpenSSH                    ALLOW IN    Anywhere
18000:18800/tcp            ALLOW IN    192.168.1.0/24
9222                       DENY IN     Anywhere
`);
    expect(ufw.active).toBe(true);
    expect(ufw.verdict(18789)).toBe('allowed');
    expect(ufw.verdict(9222)).toBe('denied');
    expect(ufw.verdict(11434)).toBe('denied');
  });

  it('nftables: a dport set that accepts the port, and a policy drop otherwise', () => {
    const nft = parseNftRuleset(`table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		tcp dport { 22, 18789 } accept
	}
}
`);
    expect(nft.active).toBe(true);
    expect(nft.verdict(18789)).toBe('allowed');
    expect(nft.verdict(6274)).toBe('denied');
  });

  it('iptables -S: ACCEPT by port, and a jump to an unread chain is unknown', () => {
    const ipt = parseIptablesRules(
      '-P INPUT DROP\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 11434 -j ACCEPT\n-A INPUT -j f2b-sshd\n',
    );
    expect(ipt.verdict(11434)).toBe('allowed');
    expect(ipt.verdict(18789)).toBe('unknown');
  });

  it('without root: could not determine, naming ufw.conf when ufw is enabled there', async () => {
    const f = await findingsOf('host/firewall', {
      files: {
        '/usr/sbin/ufw': '#!/usr/bin/python3\n',
        '/etc/ufw/ufw.conf': '# /etc/ufw/ufw.conf\nENABLED=yes\nLOGLEVEL=low\n',
      },
      commands: {
        'ufw status verbose': {
          code: 1,
          stdout: '',
          stderr: 'ERROR: You need to be root to run this script\n',
        },
        'nft list ruleset': {
          code: 1,
          stdout: '',
          stderr: 'Error: Could not process rule: Operation not permitted\n',
        },
      },
    });
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('info');
    expect(f[0]?.message).toMatch(/Could not determine.*enabled in \/etc\/ufw\/ufw.conf.*need root/);
  });

  it('prints the ufw command for each allowed agent port, never runs it', async () => {
    const stdout = 'Status: active\nDefault: allow (incoming), allow (outgoing), disabled (routed)\n';
    const f = await findingsOf('host/firewall', {
      files: {},
      commands: { 'ufw status verbose': { code: 0, stdout, stderr: '' } },
    });
    expect(f[0]?.severity).toBe('high');
    expect(f[0]?.fix).toContain('sudo ufw deny 18789');
  });
});

describe('disk encryption', () => {
  it('maps mount points to their device chains from `lsblk -J` (util-linux 2.39)', () => {
    const chains = mountChainsFromLsblk(
      '{"blockdevices":[{"name":"sda","type":"disk","fstype":null,"mountpoint":null,"children":[{"name":"sda1","type":"part","fstype":"crypto_LUKS","mountpoint":null,"children":[{"name":"cryptroot","type":"crypt","fstype":"btrfs","mountpoint":"/"}]},{"name":"sda2","type":"part","fstype":"ext4","mountpoint":"/home"}]}]}',
    );
    expect(chains?.get('/')?.map((d) => d.name)).toEqual(['sda', 'sda1', 'cryptroot']);
    expect(chains?.get('/home')?.map((d) => d.type)).toEqual(['disk', 'part']);
    expect(mountChainsFromLsblk('lsblk: unknown column')).toBeUndefined();
  });

  it('flags a plain /home even when the root is encrypted', async () => {
    const fx = materialize({ files: {} });
    fixtures.push(fx);
    const stdout = JSON.stringify({
      blockdevices: [
        {
          name: 'sda',
          type: 'disk',
          fstype: null,
          mountpoint: null,
          children: [
            {
              name: 'sda1',
              type: 'part',
              fstype: 'crypto_LUKS',
              mountpoint: null,
              children: [{ name: 'root', type: 'crypt', fstype: 'ext4', mountpoint: '/' }],
            },
            { name: 'sda2', type: 'part', fstype: 'ext4', mountpoint: fx.home },
          ],
        },
      ],
    });
    const runner: CommandRunner = async (cmd) =>
      cmd === 'lsblk' ? { code: 0, stdout, stderr: '' } : { code: 127, stdout: '', stderr: '' };
    const f = await runCheck(check('host/disk-encryption'), { ...fx.ctx, run: runner });
    expect(f.map((x) => x.message)).toEqual([
      `The home directory ${fx.home} (mounted at ${fx.home}) is not on a LUKS / dm-crypt device.`,
    ]);
  });
});

describe('agent user', () => {
  it('takes the owner of the audited home from /etc/passwd and checks its groups', async () => {
    const fx = materialize({ files: {} });
    fixtures.push(fx);
    const passwd = `root:x:0:0:root:/root:/bin/bash\nagent:x:1001:1001::${fx.home}:/bin/bash\n`;
    const group = 'root:x:0:\nwheel:x:10:agent\nagent:x:1001:\n';
    const fx2 = materialize({ files: { '/etc/passwd': passwd, '/etc/group': group } });
    fixtures.push(fx2);
    const f = await runCheck(check('host/agent-user-privileged'), { ...fx2.ctx, home: fx.home });
    expect(f.map((x) => x.message)).toEqual([
      `agent (owner of ${fx.home} in /etc/passwd) is in wheel: the agent can become root.`,
    ]);
    expect(f[0]?.fix).toBe('sudo gpasswd -d agent wheel');
  });
});

describe('os release', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('knows ended, current and newer-than-known releases; unknown distributions stay unknown', () => {
    expect(releaseSupport({ ID: 'ubuntu', VERSION_ID: '20.04' }, now)).toEqual({
      kind: 'ended',
      on: '2025-05-31',
    });
    expect(releaseSupport({ ID: 'debian', VERSION_ID: '12' }, now)).toEqual({
      kind: 'supported',
      until: '2028-06-30',
    });
    expect(releaseSupport({ ID: 'ubuntu', VERSION_ID: '26.04' }, now)).toEqual({ kind: 'supported' });
    expect(releaseSupport({ ID: 'rocky', VERSION_ID: '9.4' }, now)).toEqual({
      kind: 'supported',
      until: '2032-05-31',
    });
    expect(releaseSupport({ ID: 'alpine', VERSION_ID: '3.20.3' }, now)).toEqual({
      kind: 'ended',
      on: '2026-04-01',
    });
    expect(releaseSupport({ ID: 'gentoo', VERSION_ID: '2.17' }, now).kind).toBe('unknown');
  });

  it('parses quoted and bare os-release values', () => {
    expect(parseOsRelease('ID=ubuntu\nVERSION_ID="22.04"\n# c\nNAME=\'x y\'\n')).toEqual({
      ID: 'ubuntu',
      VERSION_ID: '22.04',
      NAME: 'x y',
    });
  });

  it('Ubuntu 22.04 is low (supported, older than the seed asks)', async () => {
    const f = await findingsOf('host/os-updates', {
      files: {
        '/.dockerenv': '',
        '/etc/os-release':
          'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\n',
      },
    });
    expect(f.map((x) => x.severity)).toEqual(['low']);
  });
});

describe('remote access', () => {
  it('reads sshd like sshd: first value wins across Include, nothing after Match', async () => {
    const f = await findingsOf('host/remote-access', {
      files: {
        '/etc/ssh/sshd_config':
          'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nMatch User backup\n  PasswordAuthentication yes\n',
        '/etc/ssh/sshd_config.d/10-hardening.conf': 'PermitRootLogin no\nPasswordAuthentication no\n',
        '/etc/ssh/sshd_config.d/README': 'PermitRootLogin yes\n',
      },
    });
    expect(f).toEqual([]);
  });

  it('parses Tailscale serve config: Web handlers and TCP forwards, funnel by host:port', () => {
    const proxies = parseServeConfig(
      JSON.stringify({
        TCP: { '443': { HTTPS: true }, '8443': { TCPForward: '127.0.0.1:6274' } },
        Web: { 'h.ts.net:443': { Handlers: { '/': { Proxy: 'http://127.0.0.1:3000' } } } },
        AllowFunnel: { 'h.ts.net:8443': true },
      }),
    );
    expect(proxies).toEqual([
      { url: 'https://h.ts.net:443/', target: 'http://127.0.0.1:3000', funnel: false },
      { url: 'tcp port 8443', target: '127.0.0.1:6274', funnel: true },
    ]);
  });
});

it('every host command runs with a timeout', async () => {
  const seen: { cmd: string; timeoutMs?: number }[] = [];
  const fx = materialize({ files: {} });
  fixtures.push(fx);
  const runner: CommandRunner = async (cmd, _args, opts) => {
    seen.push({ cmd, ...(opts?.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }) });
    return { code: 127, stdout: '', stderr: '' };
  };
  for (const platform of ['linux', 'darwin'] as const)
    for (const c of hostChecks) await runCheck(c, { ...fx.ctx, platform, run: runner, memo: (_k, f) => f() });
  expect(seen.length).toBeGreaterThan(5);
  for (const s of seen) expect(s.timeoutMs, s.cmd).toBeGreaterThan(0);
  expect(path.isAbsolute(fx.systemRoot)).toBe(true);
});
