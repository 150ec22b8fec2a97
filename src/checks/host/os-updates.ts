import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { detectContainer } from './facts/container.js';
import { listSystemDir, readSystemFile, systemFileExists, undetermined } from './facts/system.js';
import { macosUpdateFindings } from './macos-updates.js';

/** KEY=value and KEY="value" lines of os-release(5). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1] as string] = (m[2] as string).replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

/**
 * End of security support (Debian: including LTS; Ubuntu: standard support, not paid ESM; RHEL-likes:
 * maintenance support), by ID and VERSION_ID (Alpine: major.minor). Versions newer than the table are
 * taken as supported; unknown distributions are reported as undetermined.
 */
const SUPPORT_ENDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ubuntu: {
    '16.04': '2021-04-30',
    '18.04': '2023-05-31',
    '20.04': '2025-05-31',
    '22.04': '2027-06-01',
    '23.10': '2024-07-11',
    '24.04': '2029-05-31',
    '24.10': '2025-07-10',
    '25.04': '2026-01-15',
    '25.10': '2026-07-09',
  },
  debian: {
    '9': '2022-06-30',
    '10': '2024-06-30',
    '11': '2026-08-31',
    '12': '2028-06-30',
    '13': '2030-06-30',
  },
  rhel: { '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31' },
  alpine: {
    '3.17': '2024-11-22',
    '3.18': '2025-05-09',
    '3.19': '2025-11-01',
    '3.20': '2026-04-01',
    '3.21': '2026-11-01',
    '3.22': '2027-05-01',
  },
};
const RHEL_LIKE = ['rhel', 'centos', 'rocky', 'almalinux', 'ol'];

const versionKey = (n: string) => n.split('.').map((x) => Number(x));
const newer = (a: string, b: string) => {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

export type ReleaseSupport =
  | { kind: 'supported'; until?: string }
  | { kind: 'ended'; on: string }
  | { kind: 'unknown'; reason: string };

export function releaseSupport(os: Record<string, string>, now: Date): ReleaseSupport {
  const id = RHEL_LIKE.includes(os.ID ?? '') ? 'rhel' : (os.ID ?? '');
  const table = SUPPORT_ENDS[id];
  const raw = os.VERSION_ID ?? '';
  const version =
    id === 'alpine' ? raw.split('.').slice(0, 2).join('.') : id === 'rhel' ? (raw.split('.')[0] ?? '') : raw;
  if (!table)
    return {
      kind: 'unknown',
      reason: `agentwarden does not know the support dates of "${os.PRETTY_NAME ?? (os.ID || 'this system')}"`,
    };
  const until = table[version];
  if (!until) {
    if (version && Object.keys(table).every((v) => newer(version, v))) return { kind: 'supported' };
    return {
      kind: 'unknown',
      reason: `agentwarden does not know the support dates of ${os.PRETTY_NAME ?? `${id} ${version}`}`,
    };
  }
  return new Date(`${until}T00:00:00Z`) <= now ? { kind: 'ended', on: until } : { kind: 'supported', until };
}

/** apt reads apt.conf.d in lexical order and a later file overrides an earlier one. */
function aptUnattendedValue(ctx: AuditContext): string | undefined {
  let value: string | undefined;
  for (const name of listSystemDir(ctx, '/etc/apt/apt.conf.d')) {
    const text = readSystemFile(ctx, `/etc/apt/apt.conf.d/${name}`) ?? '';
    for (const line of text.split('\n')) {
      const m = /^\s*APT::Periodic::Unattended-Upgrade\s+"([^"]*)"\s*;/.exec(line);
      if (m) value = m[1];
    }
  }
  return value;
}

const DNF_TIMERS = ['dnf-automatic.timer', 'dnf-automatic-install.timer', 'dnf5-automatic.timer'];

function autoUpdates(ctx: AuditContext, os: Record<string, string>): RawFinding | undefined {
  const family = `${os.ID ?? ''} ${os.ID_LIKE ?? ''}`;
  if (/\b(?:debian|ubuntu)\b/.test(family)) {
    const value = aptUnattendedValue(ctx);
    const installed = systemFileExists(ctx, '/usr/bin/unattended-upgrade');
    if (installed && value !== undefined && value !== '0' && value !== 'false') return undefined;
    return {
      severity: 'medium',
      message: installed
        ? `unattended-upgrades is installed but not switched on (APT::Periodic::Unattended-Upgrade is ${value === undefined ? 'not set' : `"${value}"`} in /etc/apt/apt.conf.d).`
        : 'unattended-upgrades is not installed: security updates wait for someone to run apt.',
      fix: 'sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades',
    };
  }
  if (/\b(?:fedora|rhel|centos)\b/.test(family)) {
    const wants = listSystemDir(ctx, '/etc/systemd/system/timers.target.wants');
    if (DNF_TIMERS.some((t) => wants.includes(t))) return undefined;
    return {
      severity: 'medium',
      message: 'No dnf-automatic timer is enabled: security updates wait for someone to run dnf.',
      fix: 'sudo dnf install dnf-automatic && sudo systemctl enable --now dnf-automatic-install.timer',
    };
  }
  return undetermined(
    'whether automatic security updates are on',
    `agentwarden knows apt and dnf, not ${os.ID ?? 'this system'}`,
  );
}

const UBUNTU_2404 = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;
const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;
const UBUNTU_1804 = `NAME="Ubuntu"
VERSION="18.04.6 LTS (Bionic Beaver)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 18.04.6 LTS"
VERSION_ID="18.04"
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
VERSION_CODENAME=bionic
UBUNTU_CODENAME=bionic
`;
// `defaults read /Library/Preferences/com.apple.SoftwareUpdate` on macOS 15 with every automatic option on.
const MACOS_PREFS_ON = `{
    AutomaticCheckEnabled = 1;
    AutomaticDownload = 1;
    AutomaticallyInstallMacOSUpdates = 1;
    ConfigDataInstall = 1;
    CriticalUpdateInstall = 1;
    LastAttemptSystemVersion = "15.1.1 (24B91)";
    LastUpdatesAvailable = 0;
}
`;
// What `dpkg-reconfigure -plow unattended-upgrades` writes.
const AUTO_UPGRADES_ON = 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n';

export default defineCheck({
  id: 'host/os-updates',
  severity: 'high',
  seedRefs: ['DA-4'],
  title: 'The OS is out of support or does not install security updates by itself',
  docs: {
    why:
      'An agent host exposed to the internet, or to content an attacker controls, needs its kernel, OpenSSH ' +
      'and libraries patched. A release past its end of security support gets no fixes at all, and without ' +
      'automatic updates fixes wait for someone to remember. The seed asks for Ubuntu 24.04 LTS or newer ' +
      'with automatic security updates.',
    fix:
      'Upgrade to a supported release (`sudo do-release-upgrade` on Ubuntu), and switch on automatic security ' +
      'updates: `sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow unattended-upgrades` ' +
      '(Fedora/RHEL: `sudo systemctl enable --now dnf-automatic-install.timer`; macOS: System Settings → General → ' +
      'Software Update → Automatic Updates, all on).',
  },
  examples: {
    bad: [
      {
        name: 'Ubuntu 18.04 (support ended 2023), unattended-upgrades on',
        files: {
          '/etc/os-release': UBUNTU_1804,
          '/etc/apt/apt.conf.d/20auto-upgrades': AUTO_UPGRADES_ON,
          '/usr/bin/unattended-upgrade': '#!/usr/bin/python3\n',
        },
      },
      {
        name: 'macOS 15 with automatic checking switched off',
        platform: 'darwin',
        files: {},
        commands: {
          'sw_vers -productVersion': { code: 0, stdout: '15.1.1\n', stderr: '' },
          'defaults read /Library/Preferences/com.apple.SoftwareUpdate': {
            code: 0,
            stdout: MACOS_PREFS_ON.replace('AutomaticCheckEnabled = 1', 'AutomaticCheckEnabled = 0'),
            stderr: '',
          },
        },
      },
      {
        name: 'Debian 12 with unattended-upgrades installed but switched off',
        files: {
          '/etc/os-release': DEBIAN_12,
          '/etc/apt/apt.conf.d/20auto-upgrades':
            'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "0";\n',
          '/usr/bin/unattended-upgrade': '#!/usr/bin/python3\n',
        },
      },
    ],
    good: [
      {
        name: 'Ubuntu 24.04 with unattended-upgrades on',
        files: {
          '/etc/os-release': UBUNTU_2404,
          '/etc/apt/apt.conf.d/20auto-upgrades': AUTO_UPGRADES_ON,
          '/usr/bin/unattended-upgrade': '#!/usr/bin/python3\n',
        },
      },
      {
        name: 'macOS 15 with Software Update left at its automatic defaults',
        platform: 'darwin',
        files: {},
        commands: {
          'sw_vers -productVersion': { code: 0, stdout: '15.1.1\n', stderr: '' },
          'defaults read /Library/Preferences/com.apple.SoftwareUpdate': {
            code: 0,
            stdout: MACOS_PREFS_ON,
            stderr: '',
          },
        },
      },
      {
        name: 'Debian 12 image inside a container (updates come from rebuilding the image)',
        files: { '/.dockerenv': '', '/etc/os-release': DEBIAN_12 },
      },
    ],
  },
  run(ctx) {
    if (ctx.platform === 'darwin') return macosUpdateFindings(ctx);
    if (ctx.platform !== 'linux') return [];
    const text = readSystemFile(ctx, '/etc/os-release') ?? readSystemFile(ctx, '/usr/lib/os-release');
    if (text === undefined)
      return [undetermined('the OS release', '/etc/os-release and /usr/lib/os-release are missing')];
    const os = parseOsRelease(text);
    const name = os.PRETTY_NAME ?? `${os.ID ?? 'unknown'} ${os.VERSION_ID ?? ''}`.trim();
    const findings: RawFinding[] = [];
    const support = releaseSupport(os, ctx.now);
    if (support.kind === 'ended')
      findings.push({
        message: `${name} reached the end of its security support on ${support.on}: it gets no more fixes.`,
      });
    else if (support.kind === 'unknown')
      findings.push(undetermined('whether this OS release is supported', support.reason));
    else if (os.ID === 'ubuntu' && newer('24.04', os.VERSION_ID ?? ''))
      findings.push({
        severity: 'low',
        message: `${name} is supported${support.until ? ` until ${support.until}` : ''}, but the seed asks for Ubuntu 24.04 LTS or newer.`,
        fix: 'Plan the upgrade: `sudo do-release-upgrade`.',
      });
    // Containers are patched by rebuilding their image, not by a package timer inside them.
    if (!detectContainer(ctx).inContainer) {
      const auto = autoUpdates(ctx, os);
      if (auto) findings.push(auto);
    }
    return findings;
  },
});
