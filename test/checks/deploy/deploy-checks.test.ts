// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose ${VAR} syntax is what these tests feed in
// Behaviour the generic examples test cannot see: merge rules across compose files, extends and anchors,
// positions, severities, --fix on compose files (comments kept, idempotent), git and docker through
// recorded command output, and bad input that must never crash.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployChecks } from '../../../src/checks/deploy/index.js';
import type { CheckExample } from '../../../src/core/check.js';
import type { AuditContext, CommandResult, CommandRunner } from '../../../src/core/context.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit } from '../../../src/core/run-audit.js';
import { applyFixes } from '../../../src/fix/apply.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

function setup(
  example: Omit<CheckExample, 'name'>,
  run?: (cmd: string, args: string[]) => CommandResult | undefined,
) {
  const fx = materialize(example);
  fixtures.push(fx);
  const runner: CommandRunner = async (cmd, args) =>
    run?.(cmd, args) ?? { code: 127, stdout: '', stderr: `${cmd}: not found` };
  const ctx: AuditContext = { ...fx.ctx, run: runner };
  return { fx, ctx };
}

async function audit(ctx: AuditContext) {
  return (await runAudit(ctx, deployChecks)).findings;
}

// Modelled on the official openclaw/openclaw docker-compose.yml, plus an override file as users add one.
const BASE = `services:
  openclaw-gateway:
    image: \${OPENCLAW_IMAGE:-openclaw:local}
    environment:
      HOME: /home/node
      OPENCLAW_GATEWAY_TOKEN: \${OPENCLAW_GATEWAY_TOKEN}
    volumes:
      - \${OPENCLAW_CONFIG_DIR}:/home/node/.openclaw
      - ./config:/config   # settings the gateway reads
    ports:
      - "\${OPENCLAW_GATEWAY_PORT:-18789}:18789"
      - "127.0.0.1:\${OPENCLAW_BRIDGE_PORT:-18790}:18790"
    init: true
`;
const OVERRIDE = `services:
  openclaw-gateway:
    volumes:
      - ./config:/config:ro
    deploy:
      resources:
        limits:
          memory: 2G
`;

describe('compose merge rules', () => {
  it('merges the override onto the base: volumes by target, limits from either file', async () => {
    const { ctx } = setup({
      files: {
        'docker-compose.yml': BASE,
        'docker-compose.override.yml': OVERRIDE,
        '.env': 'OPENCLAW_CONFIG_DIR=~/.openclaw\n',
      },
    });
    const findings = await audit(ctx);
    const ids = findings.map((f) => f.checkId);
    expect(ids).not.toContain('deploy/config-mount-writable');
    const port = findings.filter((f) => f.checkId === 'deploy/port-published');
    expect(port).toHaveLength(1);
    expect(port[0]).toMatchObject({
      severity: 'critical',
      line: 11,
      evidence: '${OPENCLAW_GATEWAY_PORT:-18789}:18789',
    });
    expect(port[0]?.file).toMatch(/docker-compose\.yml$/);
    const limits = findings.find((f) => f.checkId === 'deploy/no-resource-limits');
    expect(limits?.message).toMatch(/no CPU limit/);
    expect(limits?.severity).toBe('medium');
  });

  it('interpolates the published port from .env and the process environment', async () => {
    const { ctx } = setup({
      files: {
        'compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["${BIND:-0.0.0.0}:${P}:80"]\n',
        '.env': 'P=8080\n',
      },
      env: { BIND: '127.0.0.1' },
    });
    expect((await audit(ctx)).filter((f) => f.checkId === 'deploy/port-published')).toEqual([]);
  });

  it('follows extends (same file and another file) and anchors with merge keys', async () => {
    const { ctx } = setup({
      files: {
        'compose.yaml':
          'x-hardening: &hardening\n  security_opt: [no-new-privileges:true]\n  cap_add: [NET_ADMIN]\nservices:\n  base:\n    image: agent\n    privileged: true\n  agent:\n    <<: *hardening\n    extends: base\n  worker:\n    extends:\n      file: common.yaml\n      service: shared\n',
        'common.yaml': 'services:\n  shared:\n    image: w\n    network_mode: host\n',
      },
    });
    const findings = (await audit(ctx)).filter((f) => f.checkId === 'deploy/container-privileged');
    const agent = findings.filter((f) => f.message.startsWith('service "agent"'));
    expect(agent.map((f) => f.severity).sort()).toEqual(['critical', 'high']);
    expect(
      findings.some((f) => f.message.startsWith('service "worker"') && /network namespace/.test(f.message)),
    ).toBe(true);
  });

  it('a variant that only patches services is read over the base; the base is still read once', async () => {
    const { ctx } = setup({
      files: {
        'compose.yaml':
          'services:\n  gw:\n    image: openclaw\n    colour: blue\n    ports: ["127.0.0.1:18789:18789"]\n',
        'docker-compose.prod.yml': 'services:\n  gw:\n    ports: ["18789:18789"]\n',
      },
    });
    const findings = await audit(ctx);
    const published = findings.filter((f) => f.checkId === 'deploy/port-published');
    expect(published.map((f) => f.message)).toEqual([
      expect.stringContaining('service "gw" (compose.yaml + docker-compose.prod.yml)'),
    ]);
    expect(findings.filter((f) => /unknown key "colour"/.test(f.message))).toHaveLength(1);
  });

  it('--compose FILE (AGENTWARDEN_COMPOSE) adds a file outside the project', async () => {
    const { fx, ctx } = setup({
      files: { '~/deploy/stack.yml': 'services:\n  gw:\n    image: openclaw\n    ports: ["18789:18789"]\n' },
    });
    const file = path.join(fx.home, 'deploy', 'stack.yml');
    const findings = await audit({
      ...ctx,
      env: { ...ctx.env, AGENTWARDEN_COMPOSE: file },
      memo: materialize({ files: {} }).ctx.memo,
    });
    expect(findings.find((f) => f.checkId === 'deploy/port-published')?.file).toBe(file);
  });
});

describe('--fix on compose files', () => {
  it('binds ports to 127.0.0.1, adds :ro and limits, chmods .env; comments kept; second run changes nothing', async () => {
    const { fx, ctx } = setup({
      files: {
        'stack/docker-compose.yml': BASE,
        'stack/.env': { content: 'OPENCLAW_CONFIG_DIR=./state\n', mode: 0o644 },
      },
    });
    const findings = await audit(ctx);
    const now = new Date('2026-11-26T12:00:00Z');
    const result = applyFixes(findings, { dryRun: false, now });
    expect(result.backups).toHaveLength(1);
    const text = fs.readFileSync(path.join(fx.project, 'stack', 'docker-compose.yml'), 'utf8');
    expect(text).toContain('- "127.0.0.1:${OPENCLAW_GATEWAY_PORT:-18789}:18789"');
    expect(text).toContain('- ./config:/config:ro   # settings the gateway reads');
    expect(text).toMatch(/deploy:\n {6}resources:\n {8}limits:\n {10}cpus: "1.0"\n {10}memory: 2G/);
    expect(fs.statSync(path.join(fx.project, 'stack', '.env')).mode & 0o777).toBe(0o600);
    const again = await audit({ ...ctx, memo: materialize({ files: {} }).ctx.memo });
    const fixable = again.filter((f) => f.fixable);
    expect(fixable).toEqual([]);
    expect(again.filter((f) => f.severity === 'critical')).toEqual([]);
  });
});

describe('git and docker through recorded output', () => {
  it('.env tracked by git is high; not ignored is medium; not a repository says nothing', async () => {
    const git =
      (tracked: string, ignored: string, code = 0) =>
      (cmd: string, args: string[]) => {
        if (cmd !== 'git') return undefined;
        if (code !== 0) return { code, stdout: '', stderr: 'fatal: not a git repository' };
        return args.includes('ls-files')
          ? { code: 0, stdout: tracked, stderr: '' }
          : { code: ignored ? 0 : 1, stdout: ignored, stderr: '' };
      };
    const files = {
      '.env': { content: 'K=v\n', mode: 0o600 },
      '.env.local': { content: 'K=v\n', mode: 0o600 },
    };
    const tracked = await audit(setup({ files }, git('.env\n', '.env.local\n')).ctx);
    expect(tracked.map((f) => [f.severity, path.basename(f.file ?? '')])).toEqual([['high', '.env']]);
    const loose = await audit(setup({ files }, git('', '')).ctx);
    expect(loose.map((f) => f.message)).toEqual([
      '.env is not ignored by git: the next `git add .` commits it.',
      '.env.local is not ignored by git: the next `git add .` commits it.',
    ]);
    expect(await audit(setup({ files }, git('', '', 128)).ctx)).toEqual([]);
  });

  it('reads running containers from docker ps + inspect, and says when the engine cannot be asked', async () => {
    const inspect = JSON.stringify([
      {
        Name: '/openclaw',
        Config: { Image: 'ghcr.io/openclaw/openclaw:latest', Env: [] },
        HostConfig: {
          PortBindings: { '18789/tcp': [{ HostIp: '0.0.0.0', HostPort: '18789' }] },
          Memory: 2147483648,
          NanoCpus: 1e9,
          SecurityOpt: ['no-new-privileges'],
        },
        Mounts: [
          { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: true },
        ],
      },
    ]);
    const up = await audit(
      setup({ files: {} }, (cmd, args) =>
        cmd !== 'docker'
          ? undefined
          : args[0] === 'ps'
            ? { code: 0, stdout: 'abc123\n', stderr: '' }
            : { code: 0, stdout: inspect, stderr: '' },
      ).ctx,
    );
    expect(up.map((f) => [f.checkId, f.severity])).toEqual([
      ['deploy/port-published', 'critical'],
      ['deploy/sensitive-mount', 'critical'],
    ]);
    expect(up[0]?.message).toMatch(/^running container "openclaw"/);
    const noDaemon = (cmd: string) =>
      cmd === 'docker'
        ? {
            code: 1,
            stdout: '',
            stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.',
          }
        : undefined;
    const hardened =
      'services:\n  agent:\n    image: a\n    security_opt: [no-new-privileges:true]\n    cpus: 1\n    mem_limit: 1g\n';
    const down = await audit(setup({ files: { 'compose.yaml': hardened } }, noDaemon).ctx);
    expect(down.map((f) => [f.severity, f.message])).toEqual([
      [
        'info',
        'Could not determine which ports running containers publish: `docker ps` exited 1 (Cannot connect to the Docker daemon at unix:///var/run/docker.sock.).',
      ],
    ]);
    // No deployment in the project: the engine is this machine's business, not the project's.
    expect(await audit(setup({ files: {} }, noDaemon).ctx)).toEqual([]);
  });
});

describe('bad input', () => {
  it('never crashes: broken YAML, wrong types, unknown keys, extends loops, odd ports', async () => {
    const { ctx } = setup({
      files: {
        'compose.yaml':
          'services:\n  a:\n    extends: b\n    image: x\n    imgae: typo\n    ports: [{published: 1}, "http", 80]\n    volumes: [7, {type: bind}]\n    environment: 12\n  b:\n    extends: a\n  c: "not a mapping"\n',
        'deploy/compose.yml': 'services: [1, 2]\n',
        'other/docker-compose.yml': 'services:\n  x: {image: y\n',
      },
    });
    const findings = await audit(ctx);
    expect(findings.every((f) => !/could not complete/.test(f.message))).toBe(true);
    const problems = findings.filter((f) => f.checkId === 'deploy/compose-unreadable').map((f) => f.message);
    expect(problems.some((m) => /extends loop/.test(m))).toBe(true);
    expect(problems.some((m) => /unknown key "imgae"/.test(m))).toBe(true);
    expect(problems.some((m) => /`services` is not a mapping/.test(m))).toBe(true);
    expect(problems.some((m) => /invalid YAML/.test(m) || /YAML/.test(m))).toBe(true);
    expect(problems.some((m) => /service "c" is not a mapping/.test(m))).toBe(true);
  });
});
