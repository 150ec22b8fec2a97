// macOS host facts, each fed the format the macOS tool prints (netstat, lsof, socketfilterfw, defaults, sw_vers).
import { afterAll, describe, expect, it } from 'vitest';
import { parseSocketFilterState } from '../../../src/checks/host/facts/firewall-rules.js';
import { parseLsofListeners, parseNetstatListeners } from '../../../src/checks/host/facts/listeners.js';
import { hostChecks } from '../../../src/checks/host/index.js';
import { macosSupport, parseDefaultsDict } from '../../../src/checks/host/macos-updates.js';
import type { CommandResult } from '../../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});
const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });
const missing: CommandResult = { code: 127, stdout: '', stderr: '' };

async function run(id: string, commands: Record<string, CommandResult>) {
  const c = hostChecks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  const fx = materialize({ platform: 'darwin', files: {}, commands });
  fixtures.push(fx);
  return runCheck(c, fx.ctx);
}

describe('macOS listeners', () => {
  it('parses `netstat -an -p tcp`: tcp4/tcp6/tcp46, *.PORT wildcard, zone ids, LISTEN rows only', () => {
    const out = parseNetstatListeners(
      [
        'Active Internet connections (including servers)',
        'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    ',
        'tcp4       0      0  192.168.1.23.52144     17.57.146.20.5223      ESTABLISHED',
        'tcp46      0      0  *.18789                *.*                    LISTEN     ',
        'tcp4       0      0  127.0.0.1.11434        *.*                    LISTEN     ',
        'tcp6       0      0  ::1.5432               *.*                    LISTEN     ',
        'tcp6       0      0  fe80::1%lo0.631        *.*                    LISTEN     ',
      ].join('\n'),
    );
    expect(out).toEqual([
      { address: '*', port: 18789 },
      { address: '127.0.0.1', port: 11434 },
      { address: '::1', port: 5432 },
      { address: 'fe80::1', port: 631 },
    ]);
  });

  it('parses `lsof -nP -iTCP -sTCP:LISTEN` with process names (\\x20 unescaped)', () => {
    const out = parseLsofListeners(
      [
        'COMMAND     PID  USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME',
        'node      2211 alice   23u  IPv6 0x3b1c2f0a9d8e7c61      0t0  TCP *:18789 (LISTEN)',
        'ollama     678 alice    3u  IPv4 0x3b1c2f0a9d8e7c62      0t0  TCP 127.0.0.1:11434 (LISTEN)',
        'Code\\x20H 901 alice   40u  IPv6 0x3b1c2f0a9d8e7c63      0t0  TCP [::1]:9229 (LISTEN)',
      ].join('\n'),
    );
    expect(out).toEqual([
      { address: '*', port: 18789, process: 'node' },
      { address: '127.0.0.1', port: 11434, process: 'ollama' },
      { address: '::1', port: 9229, process: 'Code H' },
    ]);
  });

  it('rates the gateway on *.18789 critical, and falls back to lsof when netstat fails', async () => {
    const lsof = 'node 2211 alice 23u IPv4 0x1 0t0 TCP *:18789 (LISTEN)\n';
    const viaLsof = await run('host/control-plane-exposed', {
      'netstat -an -p tcp': missing,
      'lsof -nP -iTCP -sTCP:LISTEN': ok(lsof),
    });
    expect(viaLsof.map((f) => f.severity)).toEqual(['critical']);
    expect(viaLsof[0]?.message).toContain('*:18789 (node)');
  });

  it('says it could not determine when neither netstat nor lsof runs', async () => {
    const out = await run('host/control-plane-exposed', {});
    expect(out).toHaveLength(1);
    expect(out[0]?.severity).toBe('info');
    expect(out[0]?.message).toMatch(/Could not determine which ports listen/);
  });
});

describe('macOS application firewall', () => {
  it('parses socketfilterfw states 0, 1 and 2', () => {
    expect(parseSocketFilterState('Firewall is disabled. (State = 0)\n')?.active).toBe(false);
    expect(parseSocketFilterState('Firewall is enabled. (State = 1)\n')?.verdict(18789)).toBe('unknown');
    expect(parseSocketFilterState('Firewall is enabled. (State = 2)\n')?.verdict(18789)).toBe('denied');
    expect(parseSocketFilterState('something else')).toBeUndefined();
  });

  it('State 1 filters by program, so the agent ports are honestly undetermined, not passed', async () => {
    const out = await run('host/firewall', {
      '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate': ok(
        'Firewall is enabled. (State = 1)\n',
      ),
    });
    expect(out).toHaveLength(1);
    expect(out[0]?.severity).toBe('info');
    expect(out[0]?.message).toMatch(/filters by program/);
  });
});

describe('macOS updates', () => {
  it('parses `defaults read` dictionaries', () => {
    expect(
      parseDefaultsDict(
        '{\n    AutomaticCheckEnabled = 0;\n    LastAttemptSystemVersion = "15.1 (24B83)";\n}\n',
      ),
    ).toEqual({
      AutomaticCheckEnabled: '0',
      LastAttemptSystemVersion: '15.1 (24B83)',
    });
  });

  it('knows ended releases, 14 at the edge of support after macOS 27, and newer ones', () => {
    const dec2026 = new Date('2026-12-04T00:00:00Z');
    expect(macosSupport('13.7.8', dec2026)).toEqual({ kind: 'ended', on: '2025-09-15' });
    expect(macosSupport('10.14.6', dec2026).kind).toBe('ended');
    expect(macosSupport('14.7', dec2026).kind).toBe('at-risk');
    expect(macosSupport('14.7', new Date('2026-03-01T00:00:00Z')).kind).toBe('supported');
    expect(macosSupport('26.1', dec2026).kind).toBe('supported');
  });

  it('an untouched Software Update domain counts as the automatic defaults; macOS updates by hand is low', async () => {
    const out = await run('host/os-updates', {
      'sw_vers -productVersion': ok('15.1.1\n'),
      'defaults read /Library/Preferences/com.apple.SoftwareUpdate': {
        code: 1,
        stdout: '',
        stderr: 'Domain /Library/Preferences/com.apple.SoftwareUpdate does not exist\n',
      },
    });
    expect(out.map((f) => f.severity)).toEqual(['low']);
    expect(out[0]?.message).toMatch(/not installed automatically/);
  });

  it('an ended macOS is high and names the last update', async () => {
    const out = await run('host/os-updates', {
      'sw_vers -productVersion': ok('12.7.6\n'),
      'defaults read /Library/Preferences/com.apple.SoftwareUpdate': ok(
        '{\n    AutomaticallyInstallMacOSUpdates = 1;\n}\n',
      ),
    });
    expect(out.map((f) => f.severity)).toEqual(['high']);
    expect(out[0]?.message).toContain('2024-07-29');
  });
});
