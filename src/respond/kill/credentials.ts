import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRecord, parseDocument } from '../../core/document/index.js';
import { claudeConfigDir } from '../../core/paths.js';
import { isSecretName } from '../../scanners/secrets/names.js';
import { openclawConfigFile, openclawStateDir } from '../../discover/openclaw.js';

/** A credential the agent could reach: where it is (never its value) and how to revoke and replace it. */
export interface ReachableCredential {
  where: 'env' | 'file' | 'mcp' | 'openclaw';
  /** An environment variable name, a file, or `file: key path`. */
  name: string;
  provider: string;
  revoke: string;
  rotate: string;
}

interface Provider {
  provider: string;
  match: RegExp;
  revoke: string;
  rotate: string;
}

// Matched against the variable name, file path or config key; the first match wins.
const PROVIDERS: Provider[] = [
  {
    provider: 'Anthropic',
    match: /ANTHROPIC|CLAUDE_CODE_OAUTH|\.credentials\.json$/i,
    revoke:
      'console.anthropic.com → Settings → API keys: delete the key (for a Claude login: run `claude`, then /logout)',
    rotate: 'create a new key and put it where the old one was (secret manager, not a dotfile)',
  },
  {
    provider: 'OpenAI',
    match: /OPENAI/i,
    revoke: 'platform.openai.com/api-keys: revoke the key',
    rotate: 'create a new project key with the fewest permissions',
  },
  {
    provider: 'Google',
    match: /GOOGLE|GEMINI|GCLOUD/i,
    revoke:
      'console.cloud.google.com → APIs & Services → Credentials (or aistudio.google.com/apikey): delete the key',
    rotate: 'create a new restricted key',
  },
  {
    provider: 'GitHub',
    match: /GITHUB|GH_TOKEN|GH_ENTERPRISE|gh\/hosts\.yml$/i,
    revoke:
      'github.com/settings/tokens (and Settings → Applications): revoke the token; `gh auth logout` for the gh CLI',
    rotate: 'create a fine-grained token limited to the repositories needed; `gh auth login`',
  },
  {
    provider: 'AWS',
    match: /AWS|\.aws\/credentials$/i,
    revoke:
      '`aws iam update-access-key --status Inactive --access-key-id <id>`, then delete it in IAM; check CloudTrail for its use',
    rotate: '`aws iam create-access-key`, or better short-lived credentials (SSO / roles)',
  },
  {
    provider: 'npm',
    match: /NPM|\.npmrc$/i,
    revoke: '`npm token list`, then `npm token revoke <id>`',
    rotate: '`npm token create --read-only` (or a granular token) and update ~/.npmrc',
  },
  {
    provider: 'Docker registry',
    match: /DOCKER|\.docker\/config\.json$/i,
    revoke:
      '`docker logout <registry>` and revoke the access token in the registry (hub.docker.com → Account settings → Personal access tokens)',
    rotate: 'create a new scoped access token; `docker login`',
  },
  {
    provider: 'Kubernetes',
    match: /KUBE|\.kube\/config$/i,
    revoke:
      'have the cluster admin revoke the user/service-account token or client certificate in the kubeconfig',
    rotate: 'issue a new, narrowly bound credential and kubeconfig',
  },
  {
    provider: 'SSH',
    match: /\.ssh\//,
    revoke: 'remove the public key from every authorized_keys and from GitHub/GitLab SSH keys',
    rotate: '`ssh-keygen -t ed25519` with a passphrase; install the new public key',
  },
  {
    provider: 'netrc hosts',
    match: /\.netrc$/,
    revoke: 'change the password or token of every machine listed in ~/.netrc',
    rotate: 'prefer a credential helper over a plaintext ~/.netrc',
  },
  {
    provider: 'Telegram',
    match: /TELEGRAM|telegram/,
    revoke: 'in @BotFather: /revoke for the bot',
    rotate: 'put the new token in the config as an env SecretRef, not a literal',
  },
  {
    provider: 'Slack',
    match: /SLACK|slack/,
    revoke: 'api.slack.com/apps → the app → OAuth & Permissions / Basic Information: revoke and regenerate',
    rotate: 'reinstall the app with the fewest scopes',
  },
  {
    provider: 'Discord',
    match: /DISCORD|discord/,
    revoke: 'discord.com/developers/applications → the bot → Reset Token',
    rotate: 'store the new token as an env SecretRef',
  },
  {
    provider: 'WhatsApp',
    match: /whatsapp/i,
    revoke: 'on the phone: WhatsApp → Linked devices → log out the OpenClaw device',
    rotate: 'pair again once the machine is clean',
  },
  {
    provider: 'OpenClaw gateway',
    match: /OPENCLAW_GATEWAY|gateway\.auth|hooks\.token/i,
    revoke:
      'replace gateway.auth.token / OPENCLAW_GATEWAY_TOKEN (it is a root password, OC-M5); restart the gateway',
    rotate: '`openssl rand -hex 32`; give it to clients again',
  },
  {
    provider: 'OpenClaw',
    match: /openclaw|clawdbot/i,
    revoke: 'revoke each provider login stored there (OAuth at the provider, API keys at their consoles)',
    rotate: 'log in again once the machine is clean',
  },
];

const GENERIC = {
  provider: 'unknown issuer',
  revoke: 'revoke it where it was issued',
  rotate: 'issue a new one with the fewest permissions and store it outside the agent’s reach',
};

function classify(where: ReachableCredential['where'], name: string): ReachableCredential {
  const p = PROVIDERS.find((x) => x.match.test(name)) ?? GENERIC;
  return { where, name, provider: p.provider, revoke: p.revoke, rotate: p.rotate };
}

const HOME_FILES = [
  '.aws/credentials',
  '.config/gh/hosts.yml',
  '.npmrc',
  '.netrc',
  '.docker/config.json',
  '.kube/config',
  '.git-credentials',
  '.pgpass',
];

function exists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function filesUnder(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const full = path.join(d, e.name);
      if (e.isDirectory() && depth < 4) walk(full, depth + 1);
      else if (e.isFile()) out.push(full);
    }
  };
  walk(dir, 0);
  return out.sort();
}

/** Private keys in ~/.ssh: every file that is not a public key, known_hosts or config. */
function sshKeys(home: string): string[] {
  const dir = path.join(home, '.ssh');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !/\.pub$|^known_hosts|^config$|^authorized_keys|^agent/.test(n))
    .map((n) => path.join(dir, n))
    .filter(exists);
}

function parseFile(file: string, format: 'jsonc' | 'json5') {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseDocument(text, format);
    return parsed.ok ? parsed.doc.value : undefined;
  } catch {
    return undefined;
  }
}

/** Secret-named env and header keys of each MCP server in a `mcpServers` map. */
function mcpSecrets(servers: unknown, file: string, label: string): ReachableCredential[] {
  if (!isRecord(servers)) return [];
  const out: ReachableCredential[] = [];
  for (const [name, config] of Object.entries(servers)) {
    if (!isRecord(config)) continue;
    for (const field of ['env', 'headers'] as const) {
      const map = config[field];
      if (!isRecord(map)) continue;
      for (const key of Object.keys(map)) {
        if (isSecretName(key)) out.push(classify('mcp', `${file}: ${label}${name}.${field}.${key}`));
      }
    }
  }
  return out;
}

function claudeMcp(
  home: string,
  project: string,
  env: Readonly<Record<string, string | undefined>>,
): ReachableCredential[] {
  const out: ReachableCredential[] = [];
  const global = path.join(env.CLAUDE_CONFIG_DIR ? claudeConfigDir(home, env) : home, '.claude.json');
  const g = parseFile(global, 'jsonc');
  if (isRecord(g)) {
    out.push(...mcpSecrets(g.mcpServers, global, 'mcpServers.'));
    if (isRecord(g.projects))
      for (const [dir, p] of Object.entries(g.projects))
        if (isRecord(p)) out.push(...mcpSecrets(p.mcpServers, global, `projects[${dir}].mcpServers.`));
  }
  const projectFile = path.join(project, '.mcp.json');
  const m = parseFile(projectFile, 'jsonc');
  if (isRecord(m)) out.push(...mcpSecrets(m.mcpServers, projectFile, 'mcpServers.'));
  return out;
}

function openclawSecrets(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): ReachableCredential[] {
  const state = openclawStateDir(home, env);
  const out: ReachableCredential[] = [];
  const credDir = env.OPENCLAW_OAUTH_DIR
    ? path.resolve(env.OPENCLAW_OAUTH_DIR)
    : path.join(state, 'credentials');
  for (const f of filesUnder(credDir, 200)) out.push(classify('openclaw', f));
  for (const f of ['.env', 'secrets.json', 'state/openclaw.sqlite'].map((n) => path.join(state, n)))
    if (exists(f)) out.push(classify('openclaw', f));
  let agents: string[] = [];
  try {
    agents = fs.readdirSync(path.join(state, 'agents'));
  } catch {
    // no agents yet
  }
  for (const id of agents)
    for (const n of ['auth-profiles.json', 'auth.json', 'openclaw-agent.sqlite']) {
      const f = path.join(state, 'agents', id, 'agent', n);
      if (exists(f)) out.push(classify('openclaw', f));
    }
  const config = openclawConfigFile(home, env);
  const value = config ? parseFile(config, 'json5') : undefined;
  if (config && isRecord(value)) {
    const walk = (v: unknown, keys: string[]) => {
      if (!isRecord(v) || keys.length > 6) return;
      for (const [k, child] of Object.entries(v)) {
        const at = [...keys, k];
        // A SecretRef ({source, id}) points elsewhere; a literal string is the secret itself.
        if (typeof child === 'string' && child && isSecretName(k))
          out.push(classify('openclaw', `${config}: ${at.join('.')}`));
        else walk(child, at);
      }
    };
    walk(value, []);
  }
  return out;
}

/** Every credential an agent on this machine could reach, for the incident report and `kill` output. */
export function reachableCredentials(opts: {
  home: string;
  project: string;
  env: Readonly<Record<string, string | undefined>>;
}): ReachableCredential[] {
  const { home, project, env } = opts;
  const fromEnv = Object.keys(env)
    .filter((k) => env[k] && isSecretName(k))
    .sort()
    .map((k) => classify('env', k));
  const files = [
    ...HOME_FILES.map((f) => path.join(home, f)).filter(exists),
    ...sshKeys(home),
    ...[path.join(claudeConfigDir(home, env), '.credentials.json')].filter(exists),
  ].map((f) => classify('file', f));
  return [...fromEnv, ...files, ...claudeMcp(home, project, env), ...openclawSecrets(home, env)];
}
