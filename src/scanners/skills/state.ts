import { findDomain, parseDestination } from '../../policy/domains.js';
import type { ScanOptions, SkillFinding } from './types.js';

/** Where a skill's code reaches the network: the facts declarations are checked against. */
export interface NetworkUse {
  host: string;
  file: string;
  line: number;
  /** Sends data (POST, upload, `--data`), not only fetches. */
  sends: boolean;
}

/** Hosts that package registries, code hosts and model vendors serve from: contacting them is ordinary. */
export const DEFAULT_ALLOWED_DOMAINS = [
  'github.com',
  'api.github.com',
  'raw.githubusercontent.com',
  'objects.githubusercontent.com',
  'gitlab.com',
  'pypi.org',
  'files.pythonhosted.org',
  'registry.npmjs.org',
  'npmjs.com',
  'nodejs.org',
  'crates.io',
  'rubygems.org',
  'anthropic.com',
  'claude.ai',
  'openclaw.ai',
  'docs.python.org',
  'developer.mozilla.org',
  'wikipedia.org',
  // Vendor APIs that skills exist to call.
  'openai.com',
  'googleapis.com',
  'slack.com',
  'notion.com',
  'atlassian.net',
  'linear.app',
  'graph.microsoft.com',
  'huggingface.co',
];

/** What one scan of one skill accumulates; the per-file scanners add to it. */
export class ScanState {
  readonly findings: SkillFinding[] = [];
  readonly network: NetworkUse[] = [];
  /** Lines (file:line) where code runs other programs, for the declaration checks. */
  readonly exec: { file: string; line: number }[] = [];
  /** Commands with effects a human should confirm (push, deploy, delete): fine if declared and user-invoked. */
  readonly sideEffects: { file: string; line: number; what: string }[] = [];

  constructor(readonly opts: ScanOptions) {}

  add(finding: SkillFinding): void {
    const same = this.findings.some(
      (f) => f.rule === finding.rule && f.file === finding.file && f.line === finding.line,
    );
    if (!same) this.findings.push(finding);
  }

  /** Host of a URL or bare host that is on the internet (loopback, LAN and reserved names are not). */
  internetHost(target: string): string | undefined {
    const dest = parseDestination(target);
    return dest?.place === 'internet' ? dest.host : undefined;
  }

  isAllowedHost(host: string): boolean {
    return findDomain(host, [...DEFAULT_ALLOWED_DOMAINS, ...this.opts.config.allowedDomains]) !== undefined;
  }

  /** Records a network contact and flags it when the host is not on the allowlist. */
  contact(target: string, file: string, line: number, sends: boolean, evidence?: string): void {
    const host = this.internetHost(target) ?? reservedHost(target);
    if (host === undefined) return;
    this.network.push({ host, file, line, sends });
    if (this.isAllowedHost(host)) return;
    this.add({
      rule: sends ? 'sends-data-to-unknown-host' : 'unknown-host',
      category: 'red-flag',
      severity: sends ? 'high' : 'low',
      message: sends
        ? `sends data to ${host}, a host not on the allowlist`
        : `contacts ${host}, a host not on the allowlist`,
      file,
      line,
      ...(evidence !== undefined ? { evidence } : {}),
    });
  }
}

/**
 * Documentation names (example.com, *.test, *.invalid) do not resolve, but a skill that calls one is
 * either a template or a stand-in for a real host: what it does with that host still matters.
 */
function reservedHost(target: string): string | undefined {
  const dest = parseDestination(target);
  if (dest?.place !== 'local-network' || !dest.host.includes('.')) return undefined;
  return /\.(?:example|test|invalid)$|(?:^|\.)example\.(?:com|org|net)$/.test(dest.host)
    ? dest.host
    : undefined;
}
