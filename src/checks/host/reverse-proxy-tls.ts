import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import { type AuditContext, systemPath } from '../../core/context.js';
import { parseDocument } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { agentPorts } from './facts/agent-ports.js';

const MAX_BYTES = 1024 * 1024;

/** One Caddyfile site block that proxies to an agent port. */
export interface CaddySite {
  addresses: string[];
  line: number;
  upstreams: { target: string; port: number; line: number }[];
  /** `tls off` (Caddy 1) inside the block. */
  tlsOff: boolean;
}

export interface CaddyConfig {
  sites: CaddySite[];
  /** `auto_https off` in the global options block: every site without a certificate of its own is plain HTTP. */
  autoHttpsOff: boolean;
}

function portOf(target: string): number | undefined {
  const m = /:(\d{1,5})(?:\/|$)/.exec(target.replace(/^[a-z+]+:\/\//i, ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * The parts of a Caddyfile that decide whether an agent is served over TLS: site addresses, the
 * `reverse_proxy` upstreams inside each, and the global `auto_https off`. Tokens are whitespace-separated;
 * quoted tokens and snippets are rare in front of agents and read as plain words.
 */
export function parseCaddyfile(text: string): CaddyConfig {
  const sites: CaddySite[] = [];
  let autoHttpsOff = false;
  let depth = 0;
  let site: CaddySite | undefined;
  let global = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const words = line.split(/\s+/);
    if (depth === 0 && line.endsWith('{')) {
      const addresses = words
        .slice(0, -1)
        .join(' ')
        .split(/[\s,]+/)
        .filter(Boolean);
      global = addresses.length === 0;
      site = global ? undefined : { addresses, line: i + 1, upstreams: [], tlsOff: false };
      if (site) sites.push(site);
    } else if (global && depth === 1 && words[0] === 'auto_https' && words[1] === 'off') {
      autoHttpsOff = true;
    } else if (site && words[0] === 'reverse_proxy') {
      for (const target of words.slice(1).filter((w) => w !== '{' && !w.startsWith('/'))) {
        const port = portOf(target);
        if (port !== undefined) site.upstreams.push({ target, port, line: i + 1 });
      }
    } else if (site && words[0] === 'tls' && words[1] === 'off') {
      site.tlsOff = true;
    }
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
    }
    if (depth === 0) {
      site = undefined;
      global = false;
    }
  });
  return { sites, autoHttpsOff };
}

/** Caddy serves an address over plain HTTP when it says http://, or names only a port (":8080"), or port 80. */
export function plainHttpAddress(address: string): boolean {
  if (/^http:\/\//i.test(address)) return true;
  if (/^https:\/\//i.test(address)) return false;
  return /^:\d+$/.test(address) || /:80$/.test(address);
}

interface ProxyFile {
  file: string;
  text: string;
}

function readAt(ctx: AuditContext, file: string): ProxyFile | undefined {
  const read = ctx.fs.readText(file, { maxBytes: MAX_BYTES });
  return read.ok ? { file, text: read.text } : undefined;
}

function caddyFiles(ctx: AuditContext): ProxyFile[] {
  const candidates = [systemPath(ctx, '/etc/caddy/Caddyfile')];
  if (ctx.project) candidates.push(path.join(ctx.project, 'Caddyfile'));
  return candidates.flatMap((f) => readAt(ctx, f) ?? []);
}

function caddyFindings(ctx: AuditContext, ports: Map<number, string>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { file, text } of caddyFiles(ctx)) {
    const config = parseCaddyfile(text);
    for (const site of config.sites) {
      const upstream = site.upstreams.find((u) => ports.has(u.port));
      if (!upstream) continue;
      const plain = site.addresses.filter(plainHttpAddress);
      const why = site.tlsOff
        ? '`tls off` switches TLS off for it'
        : plain.length > 0
          ? `it is served as plain HTTP (${plain.join(', ')})`
          : config.autoHttpsOff
            ? 'the global `auto_https off` leaves it without a certificate'
            : undefined;
      if (!why) continue;
      findings.push({
        message: `Caddy proxies ${upstream.target} (${ports.get(upstream.port)}) but ${why}: the gateway token and every message cross the network in clear text.`,
        file,
        line: site.line,
        evidence: `${site.addresses.join(', ')} → reverse_proxy ${upstream.target}`,
      });
    }
  }
  return findings;
}

/** Traefik's static configuration: the dashboard API served without authentication on its own entry point. */
function traefikFindings(ctx: AuditContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of [
    systemPath(ctx, '/etc/traefik/traefik.yml'),
    systemPath(ctx, '/etc/traefik/traefik.yaml'),
  ]) {
    const read = readAt(ctx, file);
    if (!read) continue;
    const doc = parseDocument(read.text, 'yaml');
    if (!doc.ok) continue;
    if (doc.doc.get(['api', 'insecure']) === true)
      findings.push({
        message:
          'Traefik serves its dashboard and API with `api.insecure: true`: anyone who reaches port 8080 sees and can probe every route to the agent, without authentication or TLS.',
        file,
        ...doc.doc.locate(['api', 'insecure']),
        evidence: 'api.insecure: true',
      });
  }
  return findings;
}

const CADDY_PLAIN = `:18789 {
\treverse_proxy 127.0.0.1:18789
}
`;

export default defineCheck({
  id: 'host/reverse-proxy-tls',
  severity: 'high',
  seedRefs: ['DA-1', 'CS-2'],
  title: 'The reverse proxy in front of the agent serves it without TLS',
  docs: {
    why:
      'The seed’s stack puts Caddy or Traefik with TLS in front of the agent. A proxy that forwards to the ' +
      'gateway over plain HTTP (an `http://` or port-only site address, `tls off`, a global `auto_https off`) ' +
      'sends the gateway token and every conversation in clear text, and Traefik’s `api.insecure` publishes ' +
      'its dashboard without authentication.',
    fix:
      'Give the Caddy site a host name (Caddy then gets a certificate on its own) or `tls internal` for a ' +
      'tailnet/LAN name; remove `tls off` and `auto_https off`; in Traefik drop `api.insecure` and put the ' +
      'dashboard behind a router with TLS and authentication. `agentwarden init` writes such a Caddyfile.',
  },
  examples: {
    bad: [
      {
        name: 'Caddy site on a bare port proxies the OpenClaw gateway',
        files: { '/etc/caddy/Caddyfile': CADDY_PLAIN },
      },
      {
        name: 'project Caddyfile with http:// and a global auto_https off',
        files: {
          Caddyfile: '{\n\tauto_https off\n}\n\nagent.example.com {\n\treverse_proxy agent:18789\n}\n',
        },
      },
      {
        name: 'Traefik dashboard with api.insecure',
        files: {
          '/etc/traefik/traefik.yml': 'api:\n  insecure: true\nentryPoints:\n  web:\n    address: ":80"\n',
        },
      },
    ],
    good: [
      {
        name: 'Caddy with a host name (automatic HTTPS) and tls internal for a tailnet name',
        files: {
          '/etc/caddy/Caddyfile':
            'agent.example.com {\n\treverse_proxy 127.0.0.1:18789\n}\n\ngw.tail1234.ts.net {\n\ttls internal\n\treverse_proxy localhost:18789\n}\n\n:8080 {\n\treverse_proxy localhost:3000\n}\n',
        },
      },
      { name: 'no reverse proxy configured', files: {} },
    ],
  },
  run(ctx) {
    if (ctx.platform === 'win32') return [];
    return [...caddyFindings(ctx, agentPorts(ctx)), ...traefikFindings(ctx)];
  },
});
