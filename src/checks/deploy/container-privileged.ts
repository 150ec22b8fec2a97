import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { findingAt } from './_report.js';

/** Capabilities that break out of, or see past, the container. */
const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'SYS_RAWIO',
  'BPF',
]);

export default defineCheck({
  id: 'deploy/container-privileged',
  severity: 'high',
  seedRefs: ['CS-1', 'OC-H1'],
  frameworks: ['OWASP-LLM06'],
  title: 'A container runs privileged, shares host namespaces or can gain privileges',
  docs: {
    why:
      '`privileged: true`, `cap_add: [SYS_ADMIN]` or `ALL`, `network_mode: host`, `pid: host` and an unconfined ' +
      'seccomp/AppArmor profile each remove part of the isolation the container was for (host networking also ' +
      'puts every port the agent opens on the host interfaces). Without `no-new-privileges` a setuid binary in ' +
      'the image can still raise privileges (low).',
    fix:
      'Remove `privileged`, host namespaces and added capabilities; add `cap_drop: [ALL]` and ' +
      '`security_opt: ["no-new-privileges:true"]` (`docker run --cap-drop ALL --security-opt no-new-privileges`).',
  },
  examples: {
    bad: [
      {
        // Mirrors a community OpenClaw desktop image's compose file (privileged for its VNC desktop).
        name: 'compose: privileged: true',
        files: {
          'docker-compose.yml':
            "services:\n  openclaw-gateway:\n    image: ddong8/openclaw-kasmvnc:latest\n    privileged: true\n    shm_size: '2gb'\n    security_opt:\n      - no-new-privileges:true\n",
        },
      },
      {
        name: 'docker run --network host --cap-add SYS_ADMIN',
        files: {
          'run.sh':
            'docker run --network host --cap-add SYS_ADMIN --security-opt no-new-privileges my-agent\n',
        },
      },
    ],
    good: [
      {
        name: 'compose: cap_drop ALL and no-new-privileges',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: your-agent:latest\n    cap_drop: [ALL]\n    security_opt:\n      - no-new-privileges:true\n    read_only: true\n',
        },
      },
    ],
  },
  async run(ctx) {
    const { specs } = await allContainers(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs) {
      if (spec.privileged)
        findings.push(
          findingAt(spec, spec.privileged, 'runs privileged: every device and capability of the host.', {
            severity: 'critical',
            evidence: 'privileged',
          }),
        );
      for (const cap of spec.capAdd)
        if (DANGEROUS_CAPS.has(cap.value))
          findings.push(
            findingAt(spec, cap.site, `adds the ${cap.value} capability.`, { evidence: cap.text }),
          );
      for (const ns of [spec.networkMode, spec.pid])
        if (ns?.value === 'host')
          findings.push(
            findingAt(
              spec,
              ns.site,
              `shares the host's ${ns === spec.pid ? 'process' : 'network'} namespace.`,
              { evidence: ns.text },
            ),
          );
      for (const opt of spec.securityOpt)
        if (/^(?:seccomp|apparmor)[:=]unconfined$/.test(opt.value))
          findings.push(
            findingAt(
              spec,
              opt.site,
              `runs with ${opt.value}: the kernel filter that blocks escapes is off.`,
              { evidence: opt.text },
            ),
          );
      if (!spec.noNewPrivileges && !spec.privileged)
        findings.push(
          findingAt(
            spec,
            spec.site,
            'does not set no-new-privileges: setuid binaries in the image can raise privileges.',
            { severity: 'low' },
          ),
        );
    }
    return findings;
  },
});
