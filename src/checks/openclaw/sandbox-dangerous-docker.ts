import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { agentScopes, at, HARDENED_CONFIG, openclaw, openclawHome, show } from './_openclaw.js';

const SYSTEM = new Set([
  '/',
  '/etc',
  '/root',
  '/home',
  '/Users',
  '/var',
  '/usr',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
]);
const DOCKER_SOCKET = /(?:^|\/)docker\.sock$/;

export default defineCheck({
  id: 'openclaw/sandbox-dangerous-docker',
  severity: 'critical',
  seedRefs: ['CS-1', 'OC-H1'],
  frameworks: ['OWASP-LLM06'],
  title: 'The OpenClaw sandbox container can reach the host',
  docs: {
    why:
      'A sandbox is only as good as what it mounts. Binding /, your home directory (SSH keys, cloud ' +
      'credentials) or the Docker socket (root on the host) into the sandbox hands the host back to whatever ' +
      'runs inside; host networking and unconfined seccomp/AppArmor profiles remove the remaining walls. The ' +
      'seed mounts only the project folder.',
    fix: 'Bind only the project or workspace directory (read-only where possible), never /, $HOME or docker.sock; keep the default network and security profiles.',
  },
  examples: {
    bad: [
      {
        name: 'docker socket and home bound',
        ...openclawHome(
          "{ agents: { defaults: { sandbox: { mode: 'all', docker: { binds: ['/var/run/docker.sock:/var/run/docker.sock', '~:/home/agent'] } } } } }\n",
        ),
      },
      {
        name: 'relative bind source',
        ...openclawHome(
          "{ agents: { defaults: { sandbox: { mode: 'all', docker: { binds: ['./data:/data'] } } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'project only',
        ...openclawHome(
          "{ agents: { defaults: { sandbox: { mode: 'all', docker: { binds: ['/srv/project:/workspace:ro'] } } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const home = path.resolve(ctx.home);
    for (const agent of agentScopes(cfg)) {
      const docker = [...agent.path, 'sandbox', 'docker'];
      const binds = cfg.get([...docker, 'binds']);
      if (Array.isArray(binds))
        binds.forEach((b, i) => {
          if (typeof b !== 'string') return;
          const source = b.split(':')[0] ?? '';
          const expanded = source.replace(/^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/, home);
          const abs = path.posix.normalize(expanded.replace(/\/+$/, '') || '/');
          let why: string | undefined;
          if (DOCKER_SOCKET.test(abs)) why = 'the Docker socket (root on the host)';
          else if (SYSTEM.has(abs)) why = `the host's ${abs}`;
          else if (abs === home || home.startsWith(`${abs}/`)) why = 'your whole home directory';
          if (!why && !path.posix.isAbsolute(expanded)) {
            findings.push({
              message: `${show([...docker, 'binds'])}[${i}] mounts "${source}", not an absolute host path: Docker resolves it as a named volume or against the Gateway's working directory, so what it mounts cannot be checked here.`,
              ...at(cfg, [...docker, 'binds', i]),
              evidence: b,
              severity: 'low',
              fix: `Write the bind with an absolute host path (e.g. "/srv/project:/workspace:ro").`,
            });
            return;
          }
          if (why)
            findings.push({
              message: `${show([...docker, 'binds'])}[${i}] mounts ${why} into the sandbox ("${b}").`,
              ...at(cfg, [...docker, 'binds', i]),
              evidence: b,
            });
        });
      const network = cfg.get([...docker, 'network']);
      if (network === 'host' || (typeof network === 'string' && network.startsWith('container:')))
        findings.push({
          message: `${show([...docker, 'network'])} is "${network}": the sandbox shares the host's network stack.`,
          ...at(cfg, [...docker, 'network']),
        });
      for (const key of ['seccompProfile', 'apparmorProfile']) {
        const v = cfg.get([...docker, key]);
        if (v === 'unconfined')
          findings.push({
            message: `${show([...docker, key])} is "unconfined": the container runs without that kernel confinement.`,
            ...at(cfg, [...docker, key]),
            severity: 'high',
          });
      }
    }
    return findings;
  },
});
