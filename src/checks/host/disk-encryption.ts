import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { detectContainer } from './facts/container.js';
import {
  commandFailure,
  listSystemDir,
  readSystemFile,
  runHostCommand,
  undetermined,
} from './facts/system.js';

interface BlockDevice {
  name: string;
  type: string;
  fstype: string | null;
  mountpoint: string | null;
  children?: BlockDevice[];
}

/** Mount points with the chain of devices under each, from `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT`. */
export function mountChainsFromLsblk(json: string): Map<string, BlockDevice[]> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  const roots = (data as { blockdevices?: unknown })?.blockdevices;
  if (!Array.isArray(roots)) return undefined;
  const out = new Map<string, BlockDevice[]>();
  const walk = (dev: BlockDevice, chain: BlockDevice[]) => {
    const here = [...chain, dev];
    if (dev.mountpoint) out.set(dev.mountpoint, here);
    for (const child of dev.children ?? []) walk(child, here);
  };
  for (const dev of roots as BlockDevice[]) walk(dev, []);
  return out;
}

const encryptedChain = (chain: BlockDevice[]) =>
  chain.some((d) => d.type === 'crypt' || d.fstype === 'crypto_LUKS');

/** The mount point holding dir: the longest mount point that is a prefix of it. */
function mountFor(mounts: Iterable<string>, dir: string): string | undefined {
  let best: string | undefined;
  for (const m of mounts) {
    const inside = m === '/' || dir === m || dir.startsWith(`${m}/`);
    if (inside && (best === undefined || m.length > best.length)) best = m;
  }
  return best;
}

/** dm-N devices whose dm/uuid starts with CRYPT- (dm-crypt / LUKS), followed through slaves/. */
function dmEncrypted(ctx: AuditContext, dm: string, depth = 0): boolean {
  if (depth > 8) return false;
  if (readSystemFile(ctx, `/sys/block/${dm}/dm/uuid`)?.startsWith('CRYPT-')) return true;
  return listSystemDir(ctx, `/sys/block/${dm}/slaves`).some(
    (s) => s.startsWith('dm-') && dmEncrypted(ctx, s, depth + 1),
  );
}

/** Fallback without lsblk: /proc/mounts gives the device; /sys/block/dm-* says whether it is dm-crypt. */
function encryptedFromProc(
  ctx: AuditContext,
  dir: string,
): { mount: string | undefined; encrypted: boolean | undefined } {
  const mounts = new Map<string, string>();
  for (const line of (readSystemFile(ctx, '/proc/mounts') ?? '').split('\n')) {
    const [dev, mnt] = line.split(' ');
    if (dev && mnt) mounts.set(mnt.replace(/\\040/g, ' '), dev);
  }
  const mnt = mountFor(mounts.keys(), dir);
  const dev = mnt ? mounts.get(mnt) : undefined;
  if (!dev?.startsWith('/dev/')) return { mount: mnt, encrypted: undefined };
  let dm = /^\/dev\/(dm-\d+)$/.exec(dev)?.[1];
  const mapper = /^\/dev\/mapper\/(.+)$/.exec(dev)?.[1];
  if (mapper)
    dm = listSystemDir(ctx, '/sys/block').find(
      (d) => d.startsWith('dm-') && readSystemFile(ctx, `/sys/block/${d}/dm/name`)?.trim() === mapper,
    );
  return { mount: mnt, encrypted: dm ? dmEncrypted(ctx, dm) : false };
}

const LSBLK_LUKS = JSON.stringify(
  {
    blockdevices: [
      {
        name: 'nvme0n1',
        type: 'disk',
        fstype: null,
        mountpoint: null,
        children: [
          { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoint: '/boot/efi' },
          { name: 'nvme0n1p2', type: 'part', fstype: 'ext4', mountpoint: '/boot' },
          {
            name: 'nvme0n1p3',
            type: 'part',
            fstype: 'crypto_LUKS',
            mountpoint: null,
            children: [
              {
                name: 'dm_crypt-0',
                type: 'crypt',
                fstype: 'LVM2_member',
                mountpoint: null,
                children: [{ name: 'ubuntu--vg-ubuntu--lv', type: 'lvm', fstype: 'ext4', mountpoint: '/' }],
              },
            ],
          },
        ],
      },
    ],
  },
  null,
  3,
);
const LSBLK_PLAIN = JSON.stringify(
  {
    blockdevices: [
      {
        name: 'vda',
        type: 'disk',
        fstype: null,
        mountpoint: null,
        children: [
          { name: 'vda1', type: 'part', fstype: 'ext4', mountpoint: '/' },
          { name: 'vda15', type: 'part', fstype: 'vfat', mountpoint: '/boot/efi' },
        ],
      },
    ],
  },
  null,
  3,
);
const LSBLK = 'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT';

export default defineCheck({
  id: 'host/disk-encryption',
  severity: 'medium',
  seedRefs: ['OC-M3', 'DA-4'],
  title: 'The disk holding the agent’s files is not encrypted',
  docs: {
    why:
      'An agent’s home holds tokens, transcripts and memory (MEMORY.md, session logs) in plaintext. A stolen ' +
      'laptop, a discarded disk or a VPS snapshot gives all of it away unless the filesystem is encrypted ' +
      '(LUKS / dm-crypt on Linux, FileVault on macOS).',
    fix:
      'macOS: `sudo fdesetup enable` (or System Settings → Privacy & Security → FileVault). Linux: reinstall ' +
      'with "Encrypt the new installation" (LUKS), or put the agent’s data on an encrypted volume ' +
      '(`cryptsetup luksFormat`) and point its home there.',
  },
  examples: {
    bad: [
      {
        name: 'VPS with a plain ext4 root (lsblk)',
        files: {},
        commands: { [LSBLK]: { code: 0, stdout: LSBLK_PLAIN, stderr: '' } },
      },
      {
        name: 'macOS with FileVault off',
        platform: 'darwin',
        files: {},
        commands: { 'fdesetup status': { code: 0, stdout: 'FileVault is Off.\n', stderr: '' } },
      },
      {
        name: 'no lsblk: /proc/mounts root on /dev/vda1',
        files: {
          '/proc/mounts':
            '/dev/vda1 / ext4 rw,relatime,discard,errors=remount-ro 0 0\nproc /proc proc rw 0 0\n',
        },
      },
    ],
    good: [
      {
        name: 'Ubuntu LVM on LUKS (lsblk)',
        files: {},
        commands: { [LSBLK]: { code: 0, stdout: LSBLK_LUKS, stderr: '' } },
      },
      {
        name: 'macOS with FileVault on',
        platform: 'darwin',
        files: {},
        commands: { 'fdesetup status': { code: 0, stdout: 'FileVault is On.\n', stderr: '' } },
      },
      {
        name: 'no lsblk: root on /dev/mapper/vg-root over dm-crypt (sysfs)',
        files: {
          '/proc/mounts': '/dev/mapper/vg-root / ext4 rw,relatime 0 0\n',
          '/sys/block/dm-1/dm/name': 'vg-root\n',
          '/sys/block/dm-1/dm/uuid': 'LVM-Xk2uQ0c7bT3yD9fLr1mN8pA4sW6hJ5eGv0ZqY7tR2iO3uP9lK1jH4gF6dS8aQ2w\n',
          '/sys/block/dm-1/slaves/dm-0': { dir: true },
          '/sys/block/dm-0/dm/name': 'nvme0n1p3_crypt\n',
          '/sys/block/dm-0/dm/uuid': 'CRYPT-LUKS2-5f1e0c8a2b7d4e6f9a3c1b2d4e6f8a0c-nvme0n1p3_crypt\n',
        },
      },
    ],
  },
  async run(ctx) {
    if (ctx.platform === 'darwin') {
      const r = await runHostCommand(ctx, 'fdesetup', ['status']);
      if (r.code !== 0) return [undetermined('whether FileVault is on', commandFailure('fdesetup', r))];
      if (/FileVault is On/.test(r.stdout)) return [];
      if (/FileVault is Off/.test(r.stdout))
        return [{ message: 'FileVault is off: the disk is not encrypted.' }];
      return [undetermined('whether FileVault is on', `fdesetup said "${r.stdout.trim().slice(0, 80)}"`)];
    }
    if (ctx.platform !== 'linux') return [];
    if (detectContainer(ctx).inContainer)
      return [
        undetermined(
          'whether the host disk is encrypted',
          'agentwarden runs inside a container, which does not see the host’s block devices',
        ),
      ];
    const targets = [
      { label: 'the root filesystem', dir: '/' },
      { label: `the home directory ${ctx.home}`, dir: ctx.home },
    ];
    const r = await runHostCommand(ctx, 'lsblk', ['-J', '-o', 'NAME,TYPE,FSTYPE,MOUNTPOINT']);
    const chains = r.code === 0 ? mountChainsFromLsblk(r.stdout) : undefined;
    const findings: RawFinding[] = [];
    const seen = new Set<string>();
    for (const t of targets) {
      let encrypted: boolean | undefined;
      let where: string | undefined;
      if (chains) {
        where = mountFor(chains.keys(), t.dir);
        encrypted = where ? encryptedChain(chains.get(where) ?? []) : undefined;
      } else {
        ({ mount: where, encrypted } = encryptedFromProc(ctx, t.dir));
      }
      if (where && seen.has(where)) continue;
      if (where) seen.add(where);
      if (encrypted === undefined)
        findings.push(
          undetermined(
            `whether ${t.label} is encrypted`,
            chains
              ? 'lsblk does not list its mount'
              : r.code === 0
                ? 'lsblk output was not JSON'
                : `${commandFailure('lsblk', r)} and /proc/mounts names no block device`,
          ),
        );
      else if (!encrypted)
        findings.push({
          message: `${t.label[0]?.toUpperCase()}${t.label.slice(1)} (mounted at ${where}) is not on a LUKS / dm-crypt device.`,
        });
    }
    return findings;
  },
});
