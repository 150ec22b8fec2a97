// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose ${VAR} syntax is what these tests feed in
// Parsers of the deploy checks on the formats they read: compose port syntax (compose spec "ports"),
// compose interpolation rules, .env lines, docker run argv, docker inspect JSON, systemd units.
import { describe, expect, it } from 'vitest';
import { inspectToSpec } from '../../../src/checks/deploy/_docker-engine.js';
import { commandLinesOf, dockerRunSpec } from '../../../src/checks/deploy/_docker-run.js';
import { parseDotenv } from '../../../src/checks/deploy/_dotenv.js';
import { composeVariables, interpolate } from '../../../src/checks/deploy/_interpolate.js';
import { mountRisk, parseShortMount } from '../../../src/checks/deploy/_mounts.js';
import { loopbackPortText, parsePortEntry, reachOf } from '../../../src/checks/deploy/_ports.js';
import { serviceSection } from '../../../src/checks/deploy/agent-systemd-unit.js';

describe('compose ports', () => {
  const port = (e: unknown) => {
    const r = parsePortEntry(e);
    if (!r.ok) throw new Error(r.error);
    return r.port;
  };
  it('reads every short form', () => {
    expect(port('18789')).toEqual({ target: { from: 18789, to: 18789 }, protocol: 'tcp' });
    expect(port(18789).published).toBeUndefined();
    expect(port('0.0.0.0:18789:18789').hostIp).toBe('0.0.0.0');
    expect(port('127.0.0.1:8080:80')).toMatchObject({ hostIp: '127.0.0.1', published: { from: 8080 } });
    expect(port('[::]:80:80').hostIp).toBe('::');
    expect(port('::1:8080:80').hostIp).toBe('::1');
    expect(port('9000-9010:9000-9010')).toMatchObject({ target: { from: 9000, to: 9010 } });
    expect(port('53:53/udp').protocol).toBe('udp');
    expect(port('127.0.0.1::80').published).toBeUndefined();
  });
  it('reads the long form', () => {
    expect(port({ target: 18789, published: '18789', host_ip: '127.0.0.1', protocol: 'tcp' })).toMatchObject({
      hostIp: '127.0.0.1',
      published: { from: 18789 },
    });
  });
  it('refuses what is not a port', () => {
    expect(parsePortEntry('http').ok).toBe(false);
    expect(parsePortEntry('70000:80').ok).toBe(false);
    expect(parsePortEntry(['a']).ok).toBe(false);
  });
  it('classifies reach', () => {
    expect(reachOf(undefined)).toBe('all');
    expect(reachOf('[::]')).toBe('all');
    expect(reachOf('127.0.0.1')).toBe('loopback');
    expect(reachOf('::1')).toBe('loopback');
    expect(reachOf('192.168.1.10')).toBe('address');
  });
  it('rewrites the written text to loopback, variables kept', () => {
    expect(loopbackPortText('18789:18789')).toBe('127.0.0.1:18789:18789');
    expect(loopbackPortText('0.0.0.0:18789:18789')).toBe('127.0.0.1:18789:18789');
    expect(loopbackPortText('[::]:80:80')).toBe('127.0.0.1:80:80');
    expect(loopbackPortText('18789')).toBe('127.0.0.1:18789:18789');
    expect(loopbackPortText('53/udp')).toBe('127.0.0.1:53:53/udp');
    expect(loopbackPortText('${OPENCLAW_GATEWAY_PORT:-18789}:18789')).toBe(
      '127.0.0.1:${OPENCLAW_GATEWAY_PORT:-18789}:18789',
    );
    expect(loopbackPortText('${BIND}:80:80')).toBeUndefined();
  });
});

describe('compose interpolation', () => {
  const vars = (env: Record<string, string>, dotenv: Record<string, string> = {}) =>
    composeVariables(env, new Map(Object.entries(dotenv)));
  it('applies defaults, alternatives, errors and $$', () => {
    const v = vars({ SET: 'x', EMPTY: '' });
    expect(interpolate('${SET:-d} ${UNSET:-d} ${EMPTY:-d} ${EMPTY-d}', v)).toEqual({
      ok: true,
      value: 'x d d ',
    });
    expect(interpolate('${SET:+alt}|${UNSET:+alt}|$SET|$$SET', v)).toEqual({
      ok: true,
      value: 'alt||x|$SET',
    });
    expect(interpolate('${UNSET:-${SET}-nested}', v)).toEqual({ ok: true, value: 'x-nested' });
    expect(interpolate('${UNSET:?set it}', v)).toEqual({
      ok: false,
      error: 'required variable UNSET is missing a value: set it',
    });
    expect(interpolate('${EMPTY?x}', v)).toEqual({ ok: true, value: '' });
    expect(interpolate('${broken', v).ok).toBe(false);
  });
  it('takes the process environment over .env, and .env values interpolate each other', () => {
    const v = vars({ PORT: '1' }, { PORT: '2', URL: 'http://h:${PORT}' });
    expect(interpolate('${URL}', v)).toEqual({ ok: true, value: 'http://h:1' });
  });
  it('stops loops between .env values', () => {
    const v = vars({}, { A: '${B}', B: 'x${A}' });
    const r = interpolate('${A}', v);
    expect(r).toEqual({ ok: false, error: 'interpolation loop: A -> B -> A' });
  });
});

describe('.env files', () => {
  it('reads export, quotes and comments with positions', () => {
    const entries = parseDotenv('# c\nexport HOST=0.0.0.0\nA=\'x # y\'\nB="q\\nz"\nC=v # note\nnot a line\n');
    expect(entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['HOST', '0.0.0.0', 2],
      ['A', 'x # y', 3],
      ['B', 'q\nz', 4],
      ['C', 'v', 5],
    ]);
    expect(entries[0]?.column).toBe(8);
  });
});

describe('mounts', () => {
  const where = { home: '/home/dev', base: '/home/dev/work/app' };
  const risk = (spec: string) => {
    const m = parseShortMount(spec, where);
    return m.ok ? mountRisk(m.mount, '/home/dev')?.severity : 'parse error';
  };
  it('rates home, /, credentials and the Docker socket', () => {
    expect(risk('~:/root')).toBe('critical');
    expect(risk('$HOME:/home/node:ro')).toBe('high');
    expect(risk('/:/host')).toBe('critical');
    expect(risk('~/.ssh:/root/.ssh:ro')).toBe('high');
    expect(risk('~/.aws:/root/.aws')).toBe('critical');
    expect(risk('/var/run/docker.sock:/var/run/docker.sock:ro')).toBe('critical');
    expect(risk('/home/alice:/data')).toBe('critical');
  });
  it('leaves narrow mounts alone', () => {
    expect(risk('./workspace:/workspace')).toBeUndefined();
    expect(risk('~/.openclaw:/home/node/.openclaw')).toBeUndefined();
    expect(risk('/etc/localtime:/etc/localtime:ro')).toBeUndefined();
    expect(risk('agent_state:/data')).toBeUndefined();
  });
});

describe('docker run lines', () => {
  it('finds commands in README shell blocks, Makefile recipes and unit Exec lines, with line numbers', () => {
    const readme =
      '# X\n\n```bash\n$ docker run -d \\\n  -p 18789:18789 \\\n  img\n```\n\n```js\ndocker run x\n```\n';
    expect(commandLinesOf('/p/README.md', readme)).toEqual([
      { file: '/p/README.md', line: 4, text: 'docker run -d    -p 18789:18789    img' },
    ]);
    expect(commandLinesOf('/p/Makefile', 'up:\n\t@docker run -p 80:80 web\nX = docker run y\n')).toEqual([
      { file: '/p/Makefile', line: 2, text: 'docker run -p 80:80 web' },
    ]);
    expect(
      commandLinesOf('/u/a.service', '[Service]\nExecStart=-/usr/bin/docker run --rm a\n')[0]?.text,
    ).toBe('/usr/bin/docker run --rm a');
  });
  it('reads the flags that matter, in every spelling', () => {
    const spec = dockerRunSpec(
      [
        '-d',
        '--name=clawdbot',
        '-p18789:18789',
        '--publish',
        '127.0.0.1:9222:9222',
        '-v',
        '~/.clawdbot:/root/.clawdbot',
        '--mount',
        'type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock,readonly',
        '-e',
        'ANTHROPIC_API_KEY=sk-ant-...',
        '--cap-add=sys_admin',
        '--net',
        'host',
        '--memory',
        '2g',
        'ghcr.io/clawdbot/clawdbot:latest',
        '-p',
        'not-a-docker-flag',
      ],
      { file: '/p/run.sh', line: 3, column: 1 },
      { home: '/home/dev', base: '/p' },
      'docker run',
    );
    expect(spec.ports.map((p) => p.text)).toEqual(['-p 18789:18789', '-p 127.0.0.1:9222:9222']);
    expect(spec.mounts.map((m) => m.value.ok && m.value.mount.readOnly)).toEqual([false, true]);
    expect(spec.capAdd.map((c) => c.value)).toEqual(['SYS_ADMIN']);
    expect(spec.networkMode?.value).toBe('host');
    expect(spec.limits).toEqual({ cpus: false, memory: true });
    expect(spec.agentLike).toBe(true);
    expect(spec.environment[0]?.value).toEqual({
      key: 'ANTHROPIC_API_KEY',
      value: 'sk-ant-...',
      literal: true,
    });
  });
});

describe('docker inspect', () => {
  // Shape of `docker inspect` (Docker Engine 27): HostConfig.PortBindings, Mounts, NanoCpus, SecurityOpt.
  const inspected = {
    Id: '3f2a',
    Name: '/openclaw-gateway-1',
    Config: { Image: 'ghcr.io/openclaw/openclaw:latest', Env: ['HOME=/home/node', 'HOST=0.0.0.0'] },
    HostConfig: {
      PortBindings: {
        '18789/tcp': [{ HostIp: '', HostPort: '18789' }],
        '18790/tcp': [{ HostIp: '127.0.0.1', HostPort: '18790' }],
      },
      Privileged: false,
      CapAdd: null,
      NetworkMode: 'openclaw_default',
      PidMode: '',
      SecurityOpt: null,
      Memory: 0,
      NanoCpus: 1000000000,
    },
    Mounts: [{ Type: 'bind', Source: '/home/dev', Destination: '/home/node', RW: true }],
  };
  it('turns bindings, mounts and limits into the common shape', () => {
    const spec = inspectToSpec(inspected);
    expect(spec.label).toBe('running container "openclaw-gateway-1" (ghcr.io/openclaw/openclaw:latest)');
    expect(spec.ports.map((p) => p.value.ok && p.value.port.hostIp)).toEqual([undefined, '127.0.0.1']);
    expect(spec.mounts[0]?.value).toEqual({
      ok: true,
      mount: { source: '/home/dev', target: '/home/node', readOnly: false, type: 'bind' },
    });
    expect(spec.limits).toEqual({ cpus: true, memory: false });
    expect(spec.agentLike).toBe(true);
  });
});

describe('systemd units', () => {
  it('reads the [Service] section with line numbers, last assignment winning', () => {
    const keys = serviceSection('[Unit]\nUser=x\n[Service]\nUser=root\n# User=agent\nUser=agent\n');
    expect(keys.get('User')).toEqual({ value: 'agent', line: 6 });
  });
});
