import { defineCheck } from '../../core/check.js';
import type { CommandResult } from '../../core/context.js';
import { agentPorts } from './facts/agent-ports.js';
import { detectContainer } from './facts/container.js';
import { readFirewall, SOCKETFILTERFW } from './facts/firewall-rules.js';
import { undetermined } from './facts/system.js';

const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

// Real `ufw status verbose` output (ufw 0.36, Ubuntu 22.04/24.04).
const UFW_DENYING = `Status: active
Logging: on (low)
Default: deny (incoming), allow (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW IN    Anywhere
18789                      DENY IN     Anywhere
22/tcp (v6)                ALLOW IN    Anywhere (v6)
18789 (v6)                 DENY IN     Anywhere (v6)

`;
const UFW_ALLOWING = `Status: active
Logging: on (low)
Default: deny (incoming), allow (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW IN    Anywhere
18789/tcp                  ALLOW IN    Anywhere
22/tcp (v6)                ALLOW IN    Anywhere (v6)
18789/tcp (v6)             ALLOW IN    Anywhere (v6)

`;
// Real `nft list ruleset` of Debian's /etc/nftables.conf with an input policy of drop.
const NFT_DROP = `table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iif "lo" accept
		tcp dport 22 accept
	}

	chain forward {
		type filter hook forward priority filter; policy drop;
	}

	chain output {
		type filter hook output priority filter; policy accept;
	}
}
`;
// Real `iptables -S` of a host with no rules (policy ACCEPT everywhere).
const IPTABLES_OPEN = '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n';

export default defineCheck({
  id: 'host/firewall',
  severity: 'medium',
  seedRefs: ['OC-H2', 'DA-4'],
  title: 'No active firewall denies the agent ports',
  docs: {
    why:
      'The firewall is the layer that still holds when a service is bound to 0.0.0.0 by mistake (an env file, ' +
      'an upgrade that changes a default). The seed asks for UFW denying the agent ports (`ufw deny 18789`). ' +
      'Note that ports published by Docker bypass UFW (Docker writes its own iptables rules): publish them on ' +
      '127.0.0.1 instead. Reading ufw, nft or iptables rules needs root; without it the check says so.',
    fix:
      'sudo ufw default deny incoming && sudo ufw allow OpenSSH && sudo ufw deny 18789 && sudo ufw enable ' +
      '(macOS: `sudo /usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate on`, and ' +
      '`--setblockall on` on a machine that serves nothing; agentwarden never changes the firewall itself).',
  },
  examples: {
    bad: [
      {
        name: 'ufw active but allowing 18789 from anywhere',
        files: {},
        commands: { 'ufw status verbose': ok(UFW_ALLOWING) },
      },
      {
        name: 'ufw installed but inactive',
        files: {},
        commands: { 'ufw status verbose': ok('Status: inactive\n') },
      },
      {
        name: 'no ufw, nft empty, iptables accepting everything',
        files: {},
        commands: { 'nft list ruleset': ok(''), 'iptables -S': ok(IPTABLES_OPEN) },
      },
      { name: 'no firewall tool at all', files: {} },
      {
        name: 'macOS application firewall off',
        platform: 'darwin',
        files: {},
        commands: { [`${SOCKETFILTERFW} --getglobalstate`]: ok('Firewall is disabled. (State = 0)\n') },
      },
    ],
    good: [
      { name: 'ufw denying 18789', files: {}, commands: { 'ufw status verbose': ok(UFW_DENYING) } },
      { name: 'nftables input policy drop', files: {}, commands: { 'nft list ruleset': ok(NFT_DROP) } },
      { name: 'not applicable on Windows', platform: 'win32', files: {} },
      {
        name: 'macOS application firewall blocking all incoming connections',
        platform: 'darwin',
        files: {},
        commands: { [`${SOCKETFILTERFW} --getglobalstate`]: ok('Firewall is enabled. (State = 2)\n') },
      },
    ],
  },
  async run(ctx) {
    if (ctx.platform !== 'linux' && ctx.platform !== 'darwin') return [];
    if (detectContainer(ctx).inContainer)
      return [
        undetermined(
          'the host firewall',
          'agentwarden runs inside a container, where the host firewall is not visible',
        ),
      ];
    const state = await readFirewall(ctx);
    if (state.kind === 'unreadable')
      return [undetermined('whether the firewall denies the agent ports', state.reason)];
    if (state.kind === 'none')
      return [
        {
          message:
            'No firewall was found (ufw, nft and iptables are all missing): every listening port is reachable.',
        },
      ];
    if (!state.active)
      return [
        {
          message: `${state.tool[0]?.toUpperCase()}${state.tool.slice(1)} is present but not active: nothing filters inbound connections.`,
        },
      ];
    const ports = [...agentPorts(ctx).keys()];
    const allowed = ports.filter((p) => state.verdict(p) === 'allowed');
    const unknown = ports.filter((p) => state.verdict(p) === 'unknown');
    if (allowed.length > 0)
      return [
        {
          severity: 'high',
          message: `${state.tool} is active but lets inbound connections reach agent port${allowed.length > 1 ? 's' : ''} ${allowed.join(', ')}.`,
          fix: allowed.map((p) => `sudo ufw deny ${p}`).join(' && '),
        },
      ];
    if (unknown.length > 0)
      return [
        undetermined(
          `whether ${state.tool} denies agent ports ${unknown.join(', ')}`,
          state.tool === 'the macOS application firewall'
            ? 'it filters by program, not by port, and lets signed programs such as node accept connections unless "Block all incoming connections" is on; keep agent ports on 127.0.0.1'
            : 'a rule jumps to another chain or accepts by source address',
        ),
      ];
    return [];
  },
});
