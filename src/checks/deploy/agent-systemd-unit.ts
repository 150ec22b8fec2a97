import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { unitFiles } from './_containers.js';

interface UnitKey {
  value: string;
  line: number;
}

/** The [Service] section's keys (last assignment wins, as systemd reads them). */
export function serviceSection(text: string): Map<string, UnitKey> {
  const keys = new Map<string, UnitKey>();
  let section = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const head = /^\[(.+)\]$/.exec(line);
    if (head) section = head[1] as string;
    else if (section === 'Service' && !/^[#;]/.test(line)) {
      const m = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(line);
      if (m) keys.set(m[1] as string, { value: (m[2] as string).trim(), line: i + 1 });
    }
  });
  return keys;
}

const AGENT_EXEC = /openclaw|clawdbot|moltbot|\bclaude\b|claude-code|\bcodex\b|\bagents?\b/i;

/** A unit runs an agent when its command, its description or its environment names one. */
function runsAgent(text: string, keys: Map<string, UnitKey>): boolean {
  const description = /^\s*Description\s*=(.*)$/m.exec(text)?.[1] ?? '';
  const env = text.split(/\r?\n/).filter((l) => /^\s*Environment\s*=/.test(l));
  return [keys.get('ExecStart')?.value ?? '', description, ...env].some((t) => AGENT_EXEC.test(t));
}

export default defineCheck({
  id: 'deploy/agent-systemd-unit',
  severity: 'high',
  seedRefs: ['OC-M1'],
  title: 'A systemd unit runs an agent as root or without hardening',
  docs: {
    why:
      'A system unit without `User=` runs as root: everything the agent is talked into doing, it does as root. ' +
      'Without `NoNewPrivileges=yes` and `ProtectHome=` the service can gain privileges and read every home ' +
      'directory on the machine.',
    fix:
      'Run it as a dedicated account with no sudo (`sudo useradd --system --create-home agent`, then ' +
      '`User=agent`), and add `NoNewPrivileges=yes`, `ProtectHome=read-only` (or `tmpfs`), `ProtectSystem=strict`, ' +
      '`PrivateTmp=yes`. agentwarden prints these commands; it never changes units itself.',
  },
  examples: {
    bad: [
      {
        // Mirrors the systemd unit in an agent project's README (no User=, so root).
        name: '/etc/systemd/system/openclaw.service without User=',
        files: {
          '/etc/systemd/system/openclaw.service':
            '[Unit]\nDescription=OpenClaw gateway\nAfter=network.target\n\n[Service]\nExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway --port 18789\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n',
        },
      },
      {
        // As ruh-ai/openclaw-ruh ships deploy/hermes-backend.service: an agent orchestrator in the docker group.
        name: 'a unit the project ships: agent runner (codex/claude) with SupplementaryGroups=docker',
        files: {
          'deploy/runner.service':
            '[Unit]\nDescription=Autonomous Agent Orchestrator\n\n[Service]\nUser=deploy\nEnvironment=AGENT_RUNNER=codex\nExecStart=/usr/local/bin/bun run src/index.ts\nNoNewPrivileges=false\nSupplementaryGroups=docker\n',
        },
      },
    ],
    good: [
      {
        name: 'dedicated user and hardening',
        files: {
          '/etc/systemd/system/openclaw.service':
            '[Service]\nUser=openclaw\nExecStart=/usr/bin/openclaw gateway\nNoNewPrivileges=yes\nProtectHome=read-only\nProtectSystem=strict\n',
        },
      },
      {
        name: 'a unit that runs no agent',
        files: { '/etc/systemd/system/backup.service': '[Service]\nExecStart=/usr/local/bin/backup.sh\n' },
      },
    ],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    for (const { file, scope } of unitFiles(ctx)) {
      const read = ctx.fs.readText(file, { maxBytes: 256 * 1024 });
      if (!read.ok) continue;
      const keys = serviceSection(read.text);
      const exec = keys.get('ExecStart');
      if (!exec || !runsAgent(read.text, keys)) continue;
      const name = path.basename(file);
      const user = keys.get('User');
      const installed = scope === 'project' ? ' once installed as a system unit' : '';
      if (scope !== 'user' && (!user || user.value === 'root' || user.value === '0'))
        findings.push({
          file,
          line: user?.line ?? exec.line,
          message: `${name} runs an agent as root${installed} (${user ? `User=${user.value}` : 'no User='}).`,
          fix: 'sudo useradd --system --create-home --shell /usr/sbin/nologin agent; then set User=agent in the unit and `sudo systemctl daemon-reload`.',
        });
      const docker = ['Group', 'SupplementaryGroups']
        .map((k) => keys.get(k))
        .find((k) => k && /(?:^|\s)docker(?:\s|$)/.test(k.value));
      if (docker)
        findings.push({
          file,
          line: docker.line,
          message: `${name} gives the agent the docker group${installed}: whoever can talk to the Docker daemon is root on the host (\`docker run -v /:/host\`).`,
          fix: 'Remove docker from Group=/SupplementaryGroups=; let a separate, narrow service (a socket proxy allowing only the calls the agent needs, or rootless Docker/Podman) start sandboxes.',
        });
      const missing = [
        keys.get('NoNewPrivileges')?.value.match(/^(?:yes|true|1|on)$/i) ? undefined : 'NoNewPrivileges=yes',
        keys.get('ProtectHome')?.value.match(/^(?:yes|true|read-only|tmpfs)$/i)
          ? undefined
          : 'ProtectHome=read-only',
      ].filter((m): m is string => m !== undefined);
      if (missing.length > 0)
        findings.push({
          file,
          line: exec.line,
          severity: 'medium',
          message: `${name} runs an agent without ${missing.join(' and ')}${installed}.`,
          fix: `Add under [Service]: ${missing.join(', ')}; then \`systemctl${scope === 'user' ? ' --user' : ''} daemon-reload\`.`,
        });
    }
    return findings;
  },
});
