/** The seed's recommendations (seed/ITEMS.md ids), with our own short titles. */
export type SeedGroup = 'CS' | 'OC' | 'CC' | 'PR' | 'SK' | 'DA' | 'SP' | 'FW' | 'ON';

export interface SeedItem {
  id: string;
  title: string;
  /** A question a human answers when no machine can show it (`checklist attest`). */
  attest?: string;
}

export const SEED_ITEMS: readonly SeedItem[] = [
  { id: 'CS-1', title: 'Agents run in a container, never on bare metal; only the project is mounted' },
  {
    id: 'CS-2',
    title: 'Control planes listen on 127.0.0.1 only; remote access through a tunnel, no open ports',
  },
  {
    id: 'CS-3',
    title: 'Hard spend limits on every AI provider account, alert at 50 %',
    attest: 'Is a hard monthly spend cap set in every provider dashboard, with an alert at 50 %?',
  },
  { id: 'CS-4', title: 'Skills are untrusted code: reviewed, pinned, scanned, tested in a sandbox' },
  { id: 'CS-5', title: 'Untrusted content is isolated and marked untrusted in the system prompt' },
  { id: 'CS-6', title: 'Separation of duties: reader, builder and operator agents' },
  { id: 'CS-7', title: 'Tokens rotated and minimal; irreversible actions behind approval; logs redacted' },
  { id: 'CS-8', title: 'Monitoring and a one-minute kill switch' },
  { id: 'OC-H1', title: 'OpenClaw runs in Docker with only the project folder mounted' },
  { id: 'OC-H2', title: 'OpenClaw gateway bound to 127.0.0.1; port 18789 never public; firewall denies it' },
  {
    id: 'OC-H3',
    title: 'Billing kill switch and container CPU/memory limits',
    attest: 'Is there a hard billing cap (or prepaid credits) on the accounts this agent uses?',
  },
  { id: 'OC-H4', title: 'Direct messages need pairing (dmPolicy "pairing")' },
  { id: 'OC-H5', title: 'Group messages need an explicit mention' },
  {
    id: 'OC-H6',
    title: 'Nothing is executed because untrusted content asked; side effects need confirmation',
  },
  { id: 'OC-M1', title: 'The agent runs as a dedicated OS user without sudo' },
  {
    id: 'OC-M2',
    title: 'The agent machine sits on an isolated network (guest network / VLAN)',
    attest: 'Is the machine running the agent on a guest network or VLAN, apart from your other devices?',
  },
  { id: 'OC-M3', title: 'Full disk encryption (LUKS / FileVault) on the host' },
  { id: 'OC-M4', title: 'The agent that reads email has no browser' },
  { id: 'OC-M5', title: 'The gateway token is treated as a root password and rotated when leaked' },
  { id: 'OC-M6', title: 'Group and channel sessions are sandboxed (sandbox.mode "non-main")' },
  { id: 'OC-L1', title: 'The agent state directory is scanned for secrets regularly' },
  { id: 'OC-L2', title: 'CI asserts the agent config keeps auth on and DM pairing' },
  { id: 'OC-L3', title: 'Transcripts and history have retention limits and redaction' },
  { id: 'CC-H1', title: 'CLAUDE.md holds standards, never secrets' },
  { id: 'CC-H2', title: 'Project MCP servers are not auto-approved; MCP servers are allowlisted' },
  { id: 'CC-H3', title: 'A hook enforces policy; CLAUDE.md only suggests' },
  { id: 'CC-H4', title: 'Every SKILL.md and bundled script is audited before install' },
  { id: 'CC-H5', title: 'Dangerous commands are denied (curl to file, wget, cat .env, rm -rf)' },
  { id: 'CC-H6', title: 'Files in the codebase cannot inject instructions unnoticed; PRs are reviewed' },
  { id: 'CC-M1', title: 'Transcripts are kept 7 to 14 days at most' },
  { id: 'CC-M2', title: 'Dangerous skills set disable-model-invocation: true' },
  {
    id: 'CC-M3',
    title: 'CLAUDE.md and .claude/skills arriving from outside are checked for context poisoning',
  },
  { id: 'CC-M4', title: 'Claude cannot reach ~/.ssh, ~/.aws, ~/.config' },
  { id: 'CC-L1', title: 'Accumulated memory and context hold no sensitive data' },
  {
    id: 'CC-L2',
    title: 'Separate workspaces for personal, work and untrusted inbox',
    attest:
      'Do you use separate agent workspaces (accounts/homes) for personal, work and untrusted inbox tasks?',
  },
  { id: 'PR-1', title: 'Least privilege: a permission matrix of capabilities by role' },
  { id: 'PR-2', title: 'Defence in depth across prompts, tools, context, execution and network' },
  { id: 'PR-3', title: 'The credential chain is mapped and the blast radius kept small' },
  {
    id: 'PR-4',
    title: 'Deletion, side-effecting calls, credentials, payments, pushes and infra need a human',
  },
  { id: 'PR-5', title: 'An activity log of tools, files, calls and credentials, with alerts' },
  { id: 'PR-6', title: 'An incident response plan: stop, revoke, rotate, review, rebuild' },
  { id: 'SK-1', title: 'Skills are trusted by origin: official > organisation > community > unknown' },
  { id: 'SK-2', title: 'Skills are audited: scripts, domains, file access, dependencies, version pin' },
  { id: 'SK-3', title: 'Skill red flags: obfuscation, unknown domains, credential dirs, auto-update' },
  { id: 'SK-4', title: 'Installed skills and servers are pinned and checked against known-good hashes' },
  {
    id: 'DA-1',
    title: 'Deployment stack: container, TLS proxy, tunnel access, encrypted volume, prepaid credits',
  },
  { id: 'DA-2', title: 'Compose: expose not ports, config read-only, HOST=127.0.0.1, resource limits' },
  { id: 'DA-3', title: 'Exposure verified: agent ports closed from outside, no 0.0.0.0 bindings' },
  {
    id: 'DA-4',
    title: 'VPS baseline: current Ubuntu, disk encryption, UFW, Tailscale, auto-updates, monitoring',
  },
  { id: 'SP-1', title: 'SOUL.md carries the security directives' },
  { id: 'SP-2', title: 'The global CLAUDE.md carries the security rules' },
  { id: 'SP-3', title: 'Pre-session check: writable dirs, network, credentials in context, enabled tools' },
  { id: 'FW-1', title: 'Findings map to SAIF, OWASP and MITRE ATLAS' },
  { id: 'ON-1', title: 'Overnight: the agent does not have write access to all of $HOME' },
  { id: 'ON-2', title: 'Overnight: no API keys in plain text in reachable logs' },
  {
    id: 'ON-3',
    title: 'Overnight: nothing irreplaceable is lost if the agent runs rm -rf',
    attest: 'Is everything the agent can reach backed up, so a rogue rm -rf loses nothing irreplaceable?',
  },
  { id: 'ON-4', title: 'Overnight: the control plane is on localhost only' },
  {
    id: 'ON-5',
    title: 'Overnight: a hard cap on API costs',
    attest: 'Is there a hard cap on API costs for tonight’s run?',
  },
  {
    id: 'ON-6',
    title: 'Overnight: you can stop the agent in under a minute',
    attest: 'Do you know, and have you tried, how to stop this agent in under a minute?',
  },
];

export const SEED_IDS: ReadonlySet<string> = new Set(SEED_ITEMS.map((i) => i.id));
