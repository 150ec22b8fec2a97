import type { AuditContext } from '../../../core/context.js';
import { commandFailure, installedProgram, needsRoot, readSystemFile, runHostCommand } from './system.js';

/** What the firewall does to a new inbound TCP connection on one port. */
export type PortVerdict = 'denied' | 'allowed' | 'unknown';

export type FirewallState =
  | {
      kind: 'read';
      tool: 'ufw' | 'nftables' | 'iptables' | 'the macOS application firewall';
      active: boolean;
      verdict(port: number): PortVerdict;
    }
  | { kind: 'none' }
  | { kind: 'unreadable'; reason: string };

const covers = (spec: string, port: number): boolean =>
  spec.split(',').some((item) => {
    const [lo, hi] = item.split(/[:-]/).map(Number);
    if (lo === undefined || Number.isNaN(lo)) return false;
    return hi === undefined || Number.isNaN(hi) ? port === lo : port >= lo && port <= hi;
  });

const UFW_RULE = /^(.+?)\s{2,}(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?\s{2,}(.+)$/;

/** `ufw status verbose`: Status, `Default: deny (incoming), …`, then `To  Action  From` rules in order. */
export function parseUfwStatus(text: string): { active: boolean; verdict(port: number): PortVerdict } {
  const active = /^Status: active/m.test(text);
  const incoming = /^Default: (\w+) \(incoming\)/m.exec(text)?.[1];
  const rules = text
    .split('\n')
    .map((l) => UFW_RULE.exec(l.trim()))
    .flatMap((m) => (m ? [{ to: m[1] as string, action: m[2] as string, dir: m[3] ?? 'IN' }] : []))
    .filter((r) => r.dir === 'IN');
  return {
    active,
    verdict(port) {
      if (!active) return 'allowed';
      for (const r of rules) {
        const to = r.to.replace(/\s*\(v6\)/, '').split(/\s+/)[0] ?? '';
        const spec = to.replace(/\/(?:tcp|udp)$/, '');
        // "Anywhere" covers every port; an application profile name (OpenSSH) is opaque to us.
        if (to !== 'Anywhere' && !/^[\d,:]+$/.test(spec)) continue;
        if (to !== 'Anywhere' && (to.endsWith('/udp') || !covers(spec, port))) continue;
        return r.action === 'DENY' || r.action === 'REJECT' ? 'denied' : 'allowed';
      }
      if (incoming === 'deny' || incoming === 'reject') return 'denied';
      return incoming === 'allow' ? 'allowed' : 'unknown';
    },
  };
}

/** `nft list ruleset`: chains hooked on input, their policy, and the first rule naming the port. */
export function parseNftRuleset(text: string): { active: boolean; verdict(port: number): PortVerdict } {
  const chains: { policy: string; rules: string[] }[] = [];
  let current: { policy: string; rules: string[] } | undefined;
  let depth = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^chain\s/.test(line)) current = undefined;
    const hook = /type filter hook input\b.*policy (\w+)/.exec(line);
    if (hook) {
      current = { policy: hook[1] as string, rules: [] };
      chains.push(current);
      depth = 0;
      continue;
    }
    if (!current) continue;
    if (line.endsWith('{')) depth++;
    if (line === '}') {
      if (depth === 0) current = undefined;
      else depth--;
      continue;
    }
    if (line) current.rules.push(line);
  }
  const active = chains.some(
    (c) => c.policy === 'drop' || c.rules.some((r) => /\b(?:drop|reject)\b/.test(r)),
  );
  return {
    active,
    verdict(port) {
      if (chains.length === 0) return 'allowed';
      let verdict: PortVerdict = 'denied';
      for (const chain of chains) {
        let chainVerdict: PortVerdict | undefined;
        for (const rule of chain.rules) {
          const dport = /\bdport\s+(?:\{\s*([^}]+)\}|(\S+))/.exec(rule);
          const action = /\b(accept|drop|reject)\b/.exec(rule)?.[1];
          if (!action) continue;
          if (dport) {
            const spec = (dport[1] ?? dport[2] ?? '').replace(/\s+/g, '');
            if (!covers(spec, port)) continue;
            chainVerdict = action === 'accept' ? 'allowed' : 'denied';
            break;
          }
          // Loopback, established traffic and ICMP do not open a port; any other unconditional accept might.
          if (action === 'accept' && !/ct state|iif(?:name)? "lo"|icmp|ipv6-icmp/.test(rule)) {
            chainVerdict = 'unknown';
            break;
          }
        }
        const v = chainVerdict ?? (chain.policy === 'drop' ? 'denied' : 'allowed');
        // Every input chain must let the packet through for it to arrive: one denial is enough.
        if (v === 'denied') return 'denied';
        if (v === 'unknown') verdict = 'unknown';
        else if (verdict !== 'unknown') verdict = 'allowed';
      }
      return verdict;
    },
  };
}

/** `iptables -S`: `-P INPUT DROP`, `-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`, multiport `--dports`. */
export function parseIptablesRules(text: string): { active: boolean; verdict(port: number): PortVerdict } {
  const policy = /^-P INPUT (\w+)/m.exec(text)?.[1] ?? 'ACCEPT';
  const rules = text.split('\n').filter((l) => l.startsWith('-A INPUT '));
  const active = policy !== 'ACCEPT' || rules.some((r) => /-j (?:DROP|REJECT)\b/.test(r));
  return {
    active,
    verdict(port) {
      for (const rule of rules) {
        const target = /-j (\S+)/.exec(rule)?.[1];
        const dport = /--dports? (\S+)/.exec(rule)?.[1];
        if (dport) {
          if (/-p udp/.test(rule) || !covers(dport, port)) continue;
          if (target === 'ACCEPT') return 'allowed';
          if (target === 'DROP' || target === 'REJECT') return 'denied';
          return 'unknown';
        }
        if (target === 'ACCEPT' && !/-i lo\b|--ctstate|--state|icmp/.test(rule)) return 'unknown';
        // A jump to another chain (ufw-before-input, f2b-sshd, …) may decide: we do not follow it.
        if (
          target &&
          !['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG'].includes(target) &&
          !/--ctstate|--state/.test(rule)
        )
          return 'unknown';
      }
      return policy === 'ACCEPT' ? 'allowed' : 'denied';
    },
  };
}

export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

/**
 * `socketfilterfw --getglobalstate`: `Firewall is enabled. (State = 1)`; State 2 is "block all incoming
 * connections". The application firewall filters by program, not by port: with State 1, signed programs
 * (node from nodejs.org or Homebrew's bottles) are let in by default, so a port's fate is unknown.
 */
export function parseSocketFilterState(
  text: string,
): { active: boolean; verdict(port: number): PortVerdict } | undefined {
  const state = /\(State = (\d)\)/.exec(text)?.[1];
  if (state === undefined) return undefined;
  return { active: state !== '0', verdict: () => (state === '2' ? 'denied' : 'unknown') };
}

async function readMacFirewall(ctx: AuditContext): Promise<FirewallState> {
  const r = await runHostCommand(ctx, SOCKETFILTERFW, ['--getglobalstate']);
  const parsed = r.code === 0 ? parseSocketFilterState(r.stdout) : undefined;
  if (parsed) return { kind: 'read', tool: 'the macOS application firewall', ...parsed };
  return {
    kind: 'unreadable',
    reason:
      r.code === 0
        ? `socketfilterfw said "${r.stdout.trim().slice(0, 80)}"`
        : commandFailure('socketfilterfw', r),
  };
}

/** Linux: ufw, then nftables, then iptables; the first one present and readable decides. macOS: socketfilterfw. */
export function readFirewall(ctx: AuditContext): Promise<FirewallState> {
  return ctx.memo('host-firewall', async (): Promise<FirewallState> => {
    if (ctx.platform === 'darwin') return readMacFirewall(ctx);
    const blocked: string[] = [];
    const ufw = await runHostCommand(ctx, 'ufw', ['status', 'verbose']);
    if (ufw.code === 0) return { kind: 'read', tool: 'ufw', ...parseUfwStatus(ufw.stdout) };
    if (ufw.code !== 127 || installedProgram(ctx, 'ufw')) {
      // ufw.conf is world-readable: it says whether ufw starts at boot even when the rules need root.
      const enabled = /^ENABLED=yes/m.test(readSystemFile(ctx, '/etc/ufw/ufw.conf') ?? '');
      blocked.push(
        `ufw is installed${enabled ? ' and enabled in /etc/ufw/ufw.conf' : ''} but ${needsRoot(ufw) ? 'its rules need root to read' : commandFailure('ufw', ufw)}`,
      );
    }
    const nft = await runHostCommand(ctx, 'nft', ['list', 'ruleset']);
    if (nft.code === 0 && nft.stdout.trim()) {
      const parsed = parseNftRuleset(nft.stdout);
      if (parsed.active || blocked.length === 0) return { kind: 'read', tool: 'nftables', ...parsed };
    } else if (nft.code !== 0 && (nft.code !== 127 || installedProgram(ctx, 'nft'))) {
      blocked.push(`nft ${needsRoot(nft) ? 'needs root' : `failed: ${commandFailure('nft', nft)}`}`);
    }
    const ipt = await runHostCommand(ctx, 'iptables', ['-S']);
    if (ipt.code === 0) {
      const parsed = parseIptablesRules(ipt.stdout);
      if (parsed.active || blocked.length === 0) return { kind: 'read', tool: 'iptables', ...parsed };
    } else if (ipt.code !== 127 || installedProgram(ctx, 'iptables')) {
      blocked.push(
        `iptables ${needsRoot(ipt) ? 'needs root' : `failed: ${commandFailure('iptables', ipt)}`}`,
      );
    }
    if (blocked.length > 0) return { kind: 'unreadable', reason: blocked.join('; ') };
    if (nft.code === 0 || ipt.code === 0)
      return {
        kind: 'read',
        tool: nft.code === 0 ? 'nftables' : 'iptables',
        active: false,
        verdict: () => 'allowed',
      };
    return { kind: 'none' };
  });
}
