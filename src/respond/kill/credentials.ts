import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRecord, parseDocument } from '../../core/document/index.js';
import { nodeFileSystem, walkFiles } from '../../core/files.js';
import { claudeConfigDir } from '../../core/paths.js';
import { credentialFiles, secretEnvNames } from '../../discover/credentials.js';
import { openclawConfigFile } from '../../discover/openclaw.js';
import { isSecretName } from '../../scanners/secrets/names.js';

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

/** Literal secrets written in OpenClaw's config (its stores are in the credential files). */
function openclawConfigSecrets(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): ReachableCredential[] {
  const out: ReachableCredential[] = [];
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
  const fromEnv = secretEnvNames(env).map((k) => classify('env', k));
  const files = credentialFiles(home, env, nodeFileSystem);
  // One entry a login: OpenClaw keeps a file per channel account in its credentials dir.
  const openclawFiles = files
    .filter((f) => f.openclaw)
    .flatMap((f) =>
      f.kind === 'dir'
        ? walkFiles(nodeFileSystem, f.path, { maxDepth: 4, maxFiles: 200 })
            .map((rel) => path.join(f.path, rel))
            .sort()
        : [f.path],
    );
  return [
    ...fromEnv,
    ...files.filter((f) => !f.openclaw).map((f) => classify('file', f.path)),
    ...claudeMcp(home, project, env),
    ...openclawFiles.map((f) => classify('openclaw', f)),
    ...openclawConfigSecrets(home, env),
  ];
}
