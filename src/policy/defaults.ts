import { HOME_SECRETS } from '../scanners/shell/paths.js';
import type { Capability } from '../scanners/shell/types.js';
import type { Cell, ProtectKind, RoleName } from './vocabulary.js';

/**
 * The permission matrix (PR-1, CS-6). The seed defines read, write, shell (exec), network and credentials;
 * the other capabilities follow each role's intent: reader reads untrusted content and acts on nothing,
 * builder changes code in its project, operator touches production with a human confirming.
 * One deliberate departure from the seed: builder network is `approve`, not `deny`, because the allowlist
 * (package registries, docs) is already reachable and a hard deny would only push the agent towards curl.
 * Builder package installs are `sandbox`: install scripts run unreviewed code, fine in a container only.
 */
export const BUILT_IN_MATRIX: Record<RoleName, Record<Capability, Cell>> = {
  default: {
    read: 'allow',
    write: 'deny',
    delete: 'deny',
    exec: 'deny',
    network: 'deny',
    credentials: 'deny',
    'package-install': 'deny',
    'git-push': 'deny',
    infra: 'deny',
    mcp: 'deny',
  },
  reader: {
    read: 'allow',
    write: 'deny',
    delete: 'deny',
    exec: 'deny',
    network: 'deny',
    credentials: 'deny',
    'package-install': 'deny',
    'git-push': 'deny',
    infra: 'deny',
    mcp: 'deny',
  },
  builder: {
    read: 'allow',
    write: 'allow',
    delete: 'allow',
    exec: 'sandbox',
    network: 'approve',
    credentials: 'deny',
    'package-install': 'sandbox',
    // Only the low pushes (a feature branch to origin, everyday work reviewed where it lands) follow the cell;
    // force, the default branch, another remote ask by their risk, and taint escalates every push.
    'git-push': 'allow',
    infra: 'approve',
    mcp: 'approve',
  },
  operator: {
    read: 'allow',
    write: 'allow',
    delete: 'approve',
    exec: 'approve',
    network: 'approve',
    credentials: 'approve',
    'package-install': 'approve',
    'git-push': 'approve',
    infra: 'approve',
    mcp: 'approve',
  },
};

export const BUILT_IN_ROLE: RoleName = 'builder';

export interface ProtectEntry {
  pattern: string;
  kind: ProtectKind;
  except: string[];
}

const secret = (pattern: string, except: string[] = []): ProtectEntry => ({
  pattern,
  kind: 'secret',
  except,
});
const noWrite = (pattern: string): ProtectEntry => ({ pattern, kind: 'no-write', except: [] });

/** Credential stores (CC-M4, PR-3) and files that run code at every shell start. */
export const BUILT_IN_PROTECT: ProtectEntry[] = [
  // Public halves and host lists are not secret.
  secret('~/.ssh', ['~/.ssh/*.pub', '~/.ssh/known_hosts', '~/.ssh/known_hosts.old']),
  // Git's global ignore and attributes files are not secret (its XDG credential store is). The stores below it
  // are listed on their own too (HOME_SECRETS), so that unprotecting ~/.config keeps them.
  secret('~/.config', ['~/.config/git/ignore', '~/.config/git/attributes']),
  // The shell analysis's credential stores in home, so that a Read and a `cat` of one are judged alike.
  ...HOME_SECRETS.filter((dir) => dir !== '.ssh').map((dir) => secret(`~/${dir}`)),
  // Files the shell analysis knows by name wherever they are (.netrc, credentials, access-token, auth.json),
  // the whole Docker folder, and the agent's own account file.
  secret('~/.docker'),
  secret('~/.netrc'),
  secret('~/.npmrc'),
  secret('~/.pypirc'),
  secret('~/.git-credentials'),
  secret('~/.pgpass'),
  secret('~/.my.cnf'),
  secret('~/.gem/credentials'),
  secret('~/.supabase/access-token'),
  secret('~/.local/share/com.vercel.cli/auth.json'),
  secret('~/Library/Application Support/com.vercel.cli/auth.json'),
  secret('~/.claude.json'),
  // A process's environment: API keys handed to the agent live there.
  secret('/proc/*/environ'),
  // Machine-wide secrets: host keys, cluster admin configs, VPN and Wi-Fi keys.
  secret('/etc/ssh/ssh_host_*_key'),
  secret('/etc/kubernetes/*.conf'),
  secret('/etc/rancher/k3s/k3s.yaml'),
  secret('/etc/wireguard'),
  secret('/etc/NetworkManager/system-connections'),
  secret('/etc/mysql/debian.cnf'),
  secret('/etc/gitlab/gitlab-secrets.json'),
  secret('/etc/gitlab/initial_root_password'),
  // Secrets mounted into containers and pods.
  secret('/run/secrets'),
  secret('/var/run/secrets'),
  // Templates and defaults committed beside it hold placeholders, not secrets.
  secret('.env*', [
    '.env.example',
    '.env.sample',
    '.env.template',
    '.env.dist',
    '.env.default',
    '.env.defaults',
    '.env.*.example',
    '.env.*.sample',
    '.env.*.template',
  ]),
  secret('*.pem'),
  secret('*.key'),
  secret('*.p12'),
  secret('*.pfx'),
  secret('id_rsa*', ['*.pub']),
  secret('id_ed25519*', ['*.pub']),
  secret('id_ecdsa*', ['*.pub']),
  secret('id_dsa*', ['*.pub']),
  noWrite('~/.bashrc'),
  noWrite('~/.bash_profile'),
  noWrite('~/.bash_login'),
  noWrite('~/.profile'),
  noWrite('~/.zshrc'),
  noWrite('~/.zshenv'),
  noWrite('~/.zprofile'),
  noWrite('~/.zlogin'),
  noWrite('~/.config/fish/config.fish'),
  noWrite('~/.gitconfig'),
  // Git runs hooks and config-named programs (core.fsmonitor, core.sshCommand) on ordinary commands.
  noWrite('.git/hooks'),
  noWrite('.git/config'),
  // Claude Code starts the servers listed here as commands at the next session.
  noWrite('.mcp.json'),
];

/** Reachable without asking, for every role that has network at all (PR-2). */
export const BUILT_IN_ALLOW_DOMAINS: string[] = [
  // Package registries.
  'registry.npmjs.org',
  'registry.yarnpkg.com',
  'pypi.org',
  'files.pythonhosted.org',
  'crates.io',
  'static.crates.io',
  'index.crates.io',
  'proxy.golang.org',
  'sum.golang.org',
  'rubygems.org',
  'repo.maven.apache.org',
  'repo1.maven.org',
  // Source hosting. raw.githubusercontent.com and gist.githubusercontent.com are deliberately absent: they
  // serve anyone's files verbatim and are where `curl | sh` payloads and injected instructions live.
  'github.com',
  'api.github.com',
  'codeload.github.com',
  'gitlab.com',
  // Documentation.
  'nodejs.org',
  'developer.mozilla.org',
  'docs.anthropic.com',
  'docs.claude.com',
  'docs.python.org',
  'docs.rs',
  'doc.rust-lang.org',
  'go.dev',
  'pkg.go.dev',
  'www.typescriptlang.org',
  // Reserved for documentation (RFC 2606): never anyone's server.
  'example.com',
  'example.org',
  'example.net',
];

/** Never contacted: paste sites, request catchers and tunnels, the usual exfiltration endpoints. */
export const BUILT_IN_DENY_DOMAINS: string[] = [
  'pastebin.com',
  'paste.ee',
  'hastebin.com',
  'dpaste.org',
  'dpaste.com',
  'rentry.co',
  'paste.rs',
  'termbin.com',
  'ix.io',
  'sprunge.us',
  'ghostbin.co',
  '0x0.st',
  'transfer.sh',
  'file.io',
  'webhook.site',
  'requestbin.com',
  'requestbin.net',
  'pipedream.net',
  'hookbin.com',
  'beeceptor.com',
  'requestcatcher.com',
  'mockbin.org',
  'ngrok.io',
  'ngrok.app',
  'ngrok-free.app',
  'ngrok.dev',
  'trycloudflare.com',
  'serveo.net',
  'loca.lt',
  'localtunnel.me',
  'burpcollaborator.net',
  'oastify.com',
  'interact.sh',
  'interactsh.com',
  'oast.fun',
  'oast.live',
  'oast.me',
  'oast.online',
  'oast.pro',
  'oast.site',
  'canarytokens.com',
];

/** Reading from here taints the session (CS-5). */
export const BUILT_IN_UNTRUSTED_PATHS: string[] = [
  '~/Downloads',
  '~/Mail',
  '~/mail',
  '~/Maildir',
  '~/.thunderbird',
  '~/Library/Mail',
  '/tmp',
  '/var/tmp',
];
