import { findDomain, parseDestination } from '../../policy/domains.js';
import type { CodeLanguage } from './tokens.js';
import type { ScanOptions, SkillFinding } from './types.js';

/** Reads a program (code.ts's scanCode), handed in by scan.ts so the shell and code readers need not import each other. */
export type CodeReader = (
  state: ScanState,
  source: string,
  lang: CodeLanguage,
  file: string,
  firstLine?: number,
) => void;

/** Where a skill's code reaches the network: the facts declarations are checked against. */
export interface NetworkUse {
  host: string;
  file: string;
  line: number;
  /** Sends data (POST, upload, `--data`), not only fetches. */
  sends: boolean;
}

/**
 * What a send carries, as far as the code shows: `secrets` when the payload is built from secrets,
 * environment dumps, command output or standard input (what exfiltration looks like); `plain` otherwise.
 */
export type Payload = 'secrets' | 'plain';

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

/** Names reserved for documentation (RFC 2606): examples in a skill's docs use them. */
const DOCUMENTATION_HOST = /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid|localhost)$/i;

/** Words every secret's name has: they name no service. */
const SECRET_WORD =
  /^(?:api|key|keys|token|tokens|secret|secrets|access|auth|client|password|pass|private|bearer|app|url|id)$/;

/** Words of secret variables' names that name a service (`BRAVE_API_KEY`: brave; `APP_TOKEN`: none). */
export function serviceWords(secretNames: Iterable<string>): string[] {
  return [...secretNames]
    .flatMap((s) => s.toLowerCase().split('_'))
    .filter((w) => w.length >= 3 && !SECRET_WORD.test(w) && w !== 'user');
}

/** What one scan of one skill accumulates; the per-file scanners add to it. */
export class ScanState {
  readonly findings: SkillFinding[] = [];
  readonly network: NetworkUse[] = [];
  /** Lines (file:line) where code runs other programs, for the declaration checks. */
  readonly exec: { file: string; line: number }[] = [];
  /** Commands with effects a human should confirm (push, deploy, delete): fine if declared and user-invoked. */
  readonly sideEffects: { file: string; line: number; what: string }[] = [];
  /** Code that reads secrets (from the environment, a `.env`, a credential file), with their names: flows.ts follows them. */
  readonly secretReads: { file: string; line: number; names: string[] }[] = [];
  /** Plain sends to hosts off the allowlist: lowered when the skill names the service (see scan.ts). */
  readonly plainSends: { finding: SkillFinding; host: string }[] = [];
  /** Capabilities lowered as declared and unaccompanied (combinations.ts): the tier does not raise them. */
  readonly settled = new Set<SkillFinding>();
  /** Words of the skill's name (`uipath-governance`: uipath, governance): the tool it is for. */
  nameWords: string[] = [];

  /** rule, file and line of every finding added: one finding per rule and place (a doc mirror has thousands). */
  private readonly places = new Set<string>();

  constructor(
    readonly opts: ScanOptions,
    readonly readCode: CodeReader,
  ) {}

  add(finding: SkillFinding): void {
    const place = `${finding.rule}\0${finding.file}\0${finding.line ?? ''}`;
    if (this.places.has(place)) return;
    this.places.add(place);
    this.findings.push(finding);
  }

  /** Host of a URL or bare host that is on the internet (loopback, LAN and reserved names are not). */
  internetHost(target: string): string | undefined {
    const dest = parseDestination(target);
    return dest?.place === 'internet' ? dest.host : undefined;
  }

  isAllowedHost(host: string): boolean {
    return findDomain(host, [...DEFAULT_ALLOWED_DOMAINS, ...this.opts.config.allowedDomains]) !== undefined;
  }

  /**
   * The host is where these secrets belong: on the allowlist, or named by one of the variables
   * (`BRAVE_API_KEY` and api.search.brave.com). Sending a key there is calling the API it is for.
   */
  isOwnService(host: string, secretNames: Iterable<string>): boolean {
    if (this.isAllowedHost(host)) return true;
    const words = serviceWords(secretNames);
    // `CALCOM_API_KEY` names api.cal.com: a service's name can run over its labels.
    const squashed = host.toLowerCase().replace(/[.-]/g, '');
    return (
      host
        .split('.')
        .slice(0, -1)
        .flatMap((label) => label.split('-'))
        .some((part) => words.includes(part)) || words.some((w) => w.length >= 5 && squashed.includes(w))
    );
  }

  /**
   * A key passed as an API's log-in field (`token=$APP_TOKEN`) to `host`: its own service, or a key whose
   * name names no service at all (`APP_TOKEN`, `USER_KEY`), which is the log-in of whatever API it is sent to.
   * A key that names another service (`token=$AWS_SECRET_ACCESS_KEY` to a paste host) does not fit.
   */
  keyFits(host: string, variable: string): boolean {
    return serviceWords([variable]).length === 0 || this.isOwnService(host, [variable]);
  }

  /**
   * Code that reads the environment and sends data: its plain sends may carry what it read, so they are
   * judged as sends of secrets (high) unless they go to the service the variables name.
   */
  sendsAfterReadingEnv(file: string, from: number, to: number, variables: string[]): void {
    for (let i = this.plainSends.length - 1; i >= 0; i--) {
      const { finding, host } = this.plainSends[i] as { finding: SkillFinding; host: string };
      const line = finding.line ?? 0;
      if (finding.file !== file || line < from || line > to || this.isOwnService(host, variables)) continue;
      finding.severity = 'high';
      finding.message = `sends data to ${host}, a host not on the allowlist, from code that reads the environment`;
      this.plainSends.splice(i, 1);
    }
  }

  /**
   * Records a network contact and flags it when the host is not on the allowlist: a fetch is low, a send
   * built from secrets, command output or stdin is high, any other send medium (high for a skill of
   * unknown origin, unless the skill names the service it sends to).
   */
  contact(
    target: string,
    file: string,
    line: number,
    sends: boolean,
    evidence?: string,
    payload: Payload = 'plain',
  ): void {
    const internet = this.internetHost(target);
    const host = internet ?? reservedHost(target);
    if (host === undefined) return;
    this.network.push({ host, file, line, sends });
    if (this.isAllowedHost(host)) return;
    // Plain data to api.example.com is a documentation example: the placeholder reaches nobody.
    const placeholder = internet === undefined || DOCUMENTATION_HOST.test(host);
    const finding: SkillFinding = {
      rule: sends ? 'sends-data-to-unknown-host' : 'unknown-host',
      category: 'red-flag',
      severity:
        !sends || (placeholder && payload === 'plain') ? 'low' : payload === 'secrets' ? 'high' : 'medium',
      message: sends
        ? `sends ${payload === 'secrets' ? 'secrets, command output or piped input' : 'data'} to ${host}, a host not on the allowlist`
        : `contacts ${host}, a host not on the allowlist`,
      file,
      line,
      ...(evidence !== undefined ? { evidence } : {}),
    };
    const before = this.findings.length;
    this.add(finding);
    if (sends && payload === 'plain' && this.findings.length > before)
      this.plainSends.push({ finding, host });
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
