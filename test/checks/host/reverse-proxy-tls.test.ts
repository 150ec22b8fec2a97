import { describe, expect, it } from 'vitest';
import { parseCaddyfile, plainHttpAddress } from '../../../src/checks/host/reverse-proxy-tls.js';

// Shaped like the Caddyfiles of Caddy's own docs (global options block, several sites, matchers, comments).
const CADDYFILE = `# global options
{
	email ops@example.com
	auto_https off
}

(common) {
	encode gzip
}

agent.example.com, www.agent.example.com {
	import common
	@api path /api/*
	reverse_proxy @api 127.0.0.1:18789 {
		header_up Host {host}
	}
}

http://status.example.com {
	reverse_proxy localhost:3001 # not an agent
}
`;

describe('parseCaddyfile', () => {
  it('reads site addresses, upstream ports with their lines, and the global auto_https', () => {
    const config = parseCaddyfile(CADDYFILE);
    expect(config.autoHttpsOff).toBe(true);
    const agent = config.sites.find((s) => s.addresses.includes('agent.example.com'));
    expect(agent?.addresses).toEqual(['agent.example.com', 'www.agent.example.com']);
    expect(agent?.line).toBe(11);
    expect(agent?.upstreams).toEqual([{ target: '127.0.0.1:18789', port: 18789, line: 14 }]);
    const status = config.sites.find((s) => s.addresses[0] === 'http://status.example.com');
    expect(status?.upstreams.map((u) => u.port)).toEqual([3001]);
  });

  it('does not take the global block or a nested block for a site', () => {
    const config = parseCaddyfile(
      '{\n\tdebug\n}\nexample.com {\n\thandle {\n\t\treverse_proxy a:1\n\t}\n}\n',
    );
    expect(config.sites.map((s) => s.addresses)).toEqual([['example.com']]);
    expect(config.sites[0]?.upstreams[0]?.port).toBe(1);
    expect(config.autoHttpsOff).toBe(false);
  });

  it('sees tls off (Caddy 1) inside a site', () => {
    expect(parseCaddyfile('gw.example.com {\n\ttls off\n\treverse_proxy :18789\n}\n').sites[0]?.tlsOff).toBe(
      true,
    );
  });
});

describe('plainHttpAddress', () => {
  it.each([
    ['http://agent.example.com', true],
    [':8080', true],
    ['agent.example.com:80', true],
    ['agent.example.com', false],
    ['https://agent.example.com', false],
    ['localhost', false],
    ['gw.tail1234.ts.net:443', false],
  ])('%s → %s', (address, plain) => {
    expect(plainHttpAddress(address)).toBe(plain);
  });
});
