import type { ShellEffectId } from './effect-ids.js';
import { NETWORK_TOOLS } from './network-tools.js';
import { globToRegExp } from './paths.js';
import type { Capability, Risk } from './types.js';

/**
 * What a command can do, whatever its arguments: the guard's model of a command beyond its destructive
 * patterns. A command the table does not know is judged by what its arguments show (see rules/capabilities.ts).
 * - code: runs programs or code it is given;
 * - credentials: can print or hand out secrets (tokens, keys, passwords);
 * - network: talks to other hosts;
 * - expose: makes something on this machine reachable from outside;
 * - persist: leaves something that runs or redirects later (schedules, services, registries, hooks);
 * - system: changes the machine's configuration (firewall, kernel, users, disks);
 * - privilege: runs something as another, more powerful user;
 * - delete: can destroy data;
 * - agent: starts another AI agent.
 */
export type Power =
  | 'code'
  | 'credentials'
  | 'network'
  | 'expose'
  | 'persist'
  | 'system'
  | 'privilege'
  | 'delete'
  | 'agent';

/** An argument shape that turns what a command can do into what it does now. */
export interface UsePattern {
  /** Tested against the arguments joined by single spaces. */
  args: RegExp;
  /** Arguments that make the use harmless (a dry run, a listing, a help page). */
  unless?: RegExp;
  id: ShellEffectId;
  capability: Capability;
  risk: Risk;
  reason: string;
}

export interface CommandProfile {
  can: readonly Power[];
  uses?: readonly UsePattern[];
}

const credentialUse = (args: RegExp, reason: string, unless?: RegExp): UsePattern => ({
  args,
  id: 'credential-cli',
  capability: 'credentials',
  risk: 'high',
  reason,
  ...(unless ? { unless } : {}),
});
const exposeUse = (args: RegExp, reason: string): UsePattern => ({
  args,
  id: 'expose-service',
  capability: 'network',
  risk: 'high',
  reason,
});
const publicUse = (args: RegExp, reason: string): UsePattern => ({
  args,
  id: 'public-share',
  capability: 'network',
  risk: 'high',
  reason,
});
const systemUse = (args: RegExp, reason: string, risk: Risk = 'high'): UsePattern => ({
  args,
  id: 'system-change',
  capability: 'infra',
  risk,
  reason,
});
const registryUse = (args: RegExp, reason: string): UsePattern => ({
  args,
  id: 'registry-redirect',
  capability: 'package-install',
  risk: 'high',
  reason,
});
const agentUse = (args: RegExp, reason: string): UsePattern => ({
  args,
  id: 'agent-unguarded',
  capability: 'exec',
  risk: 'high',
  reason,
});
const privilegeUse = (args: RegExp, reason: string): UsePattern => ({
  args,
  id: 'privilege',
  capability: 'infra',
  risk: 'high',
  reason,
});

/** A Nix tool given a flake or expression from outside nixpkgs: code fetched from there runs or installs. */
function remoteNixUse(args: RegExp, tool: string): UsePattern {
  return {
    args,
    id: 'npx-remote-package',
    capability: 'package-install',
    risk: 'high',
    reason: `${tool} fetches and runs code from a flake or URL outside nixpkgs`,
  };
}

/** `docker exec web printenv`, `docker inspect -f '{{.Config.Env}}' api`: a container's environment printed. */
function containerEnv(tool: string): UsePattern {
  return credentialUse(
    /(^|\s)exec\s(.*\s)?(env|printenv|export\s+-p|declare\s+-x|set)\s*$|(^|\s)(container\s+)?inspect\b.*\.(Config\.)?Env\b|(^|\s)exec\s.*\/proc\/[\w$]+\/environ/,
    `${tool} prints a container's environment, with the secrets it was given`,
  );
}

/** `docker compose config` prints the compose file resolved, with the values of .env filled in. */
function composeConfig(tool: string, prefix: string): UsePattern {
  return credentialUse(
    new RegExp(
      `^${prefix}config(?!\\s+--?(services|volumes|profiles|images|networks|hash|quiet|q)\\b)(\\s|$)`,
    ),
    `${tool} config prints the compose file with the values of .env filled in`,
  );
}

/**
 * A package lifecycle script (install, prepare, publish …) set from the command line runs on the next
 * install by anyone: `npm set-script postinstall …`, `npm pkg set scripts.prepare=…`.
 */
const lifecycleScript: UsePattern = {
  args: /^(set-script\s+|pkg\s+set\s+(\S+\s+)*scripts\.)(pre|post)?(install|prepare|publish|prepublishOnly|pack|uninstall|ci)\b/,
  id: 'persistence',
  capability: 'write',
  risk: 'high',
  reason: 'npm sets a lifecycle script that runs on the next install',
};

/** Arguments that only ask for help or a version. */
const HELP = /(^|\s)(-h|--help|help|--version|-V|version)(\s|$)/;

const npmRegistry = registryUse(
  /^(config\s+set|set)\s+(\S*registry|@[\w-]+:registry|script-shell|shell|node-options|proxy|https-proxy|git|cafile|strict-ssl)(\s|=)/,
  'points the package manager at another registry, proxy or program',
);

const AGENT_BYPASS = {
  // Allowing every Bash command up front (`--allowedTools 'Bash(*)'`) is the same bypass spelled as a rule, and
  // so is a `--settings` whose default mode is bypassPermissions.
  claude:
    /--dangerously-skip-permissions|--permission-mode[ =](bypassPermissions|acceptEdits)\b|--allowed-?tools[ =](\S*,)?Bash(\(\*?\))?(,|\s|$)|--settings[ =].*bypassPermissions/i,
  // `-c approval_policy=never` and `-c sandbox_mode=danger-full-access` are --full-auto's parts as config.
  codex:
    /--full-auto|--dangerously-bypass-approvals-and-sandbox|--yolo\b|(-a|--ask-for-approval)[ =]never|(-s|--sandbox)[ =]danger-full-access|(^|\s)(-c|--config)[ =]['"]?(approval_policy|ask_for_approval)\s*=\s*['"]?never|(^|\s)(-c|--config)[ =]['"]?sandbox_mode\s*=\s*['"]?danger-full-access/,
  gemini: /(^|\s)(-y|--yolo)(\s|$)|--approval-mode[ =](yolo|auto_edit)/,
  qwen: /(^|\s)(-y|--yolo)(\s|$)|--approval-mode[ =](yolo|auto[-_]edit)/,
  aider: /--yes-always|(^|\s)--yes(\s|$)/,
  'cursor-agent': /(^|\s)(-f|--force|--yolo)(\s|$)/,
  // Cursor's CLI is also installed as `agent`, a name other tools use with `-f <file>`: its short -f counts only
  // in Cursor's print mode (`agent -p -f "…"`), the long flags always.
  agent: /(^|\s)(--force|--yolo)(\s|$)|^(?=(.*\s)?(-p|--print)(\s|$)).*(^|\s)-f(\s|$)/,
  amp: /--dangerously-allow-all/,
  opencode: /--dangerously-skip-permissions|(^|\s)--auto(\s|$)/,
  goose: /GOOSE_MODE=auto/,
  // `--allow-all` (alias `--yolo`) is --allow-all-tools, --allow-all-paths and --allow-all-urls at once.
  copilot: /--allow-all(-tools|-paths|-urls)?(\s|=|$)|--yolo\b/,
  crush: /(^|\s)(-y|--yolo)(\s|$)/,
  droid: /--skip-permissions-unsafe|--auto[ =]high\b/,
  'kiro-cli': /--trust-all-tools\b/,
  agy: /--dangerously-skip-permissions/,
  kilocode: /(^|\s)--yolo(\s|$)/,
  cline: /(^|\s)--yolo(\s|$)/,
} satisfies Record<string, RegExp>;

/** Other names the same CLIs are installed under: Amazon Q's `q` became `kiro-cli`, Kilo Code's CLI is `kilo`. */
const AGENT_ALIASES: Readonly<Record<string, keyof typeof AGENT_BYPASS>> = {
  q: 'kiro-cli',
  kilo: 'kilocode',
};

/**
 * Variables that switch an agent's approvals off for every later start: `GOOSE_MODE=auto`, aider's
 * `AIDER_YES_ALWAYS`, opencode's `OPENCODE_PERMISSION` allowing everything and its forks' `*_YOLO`.
 */
export const AGENT_BYPASS_VARIABLES: Readonly<Record<string, RegExp>> = {
  GOOSE_MODE: /^auto$/i,
  AIDER_YES_ALWAYS: /^(1|true|yes|on)$/i,
  AIDER_YES: /^(1|true|yes|on)$/i,
  OPENCODE_YOLO: /^(1|true|yes|on)$/i,
  OPENCODE_PERMISSION: /"allow"|^allow$/,
  OPENCODE_CONFIG_CONTENT: /"permission"\s*:\s*("allow"|\{[^}]*"(\*|bash)"\s*:\s*"allow")/,
};

/** npm packages of the agents above: `npx @anthropic-ai/claude-code --dangerously-skip-permissions`. */
export const AGENT_PACKAGES: Readonly<Record<string, string>> = {
  '@anthropic-ai/claude-code': 'claude',
  '@openai/codex': 'codex',
  '@google/gemini-cli': 'gemini',
  '@qwen-code/qwen-code': 'qwen',
  '@github/copilot': 'copilot',
  '@charmland/crush': 'crush',
  'opencode-ai': 'opencode',
};

/**
 * Commands by name. Only what they can do; everyday commands that read, build or edit in place are here too,
 * with no powers, so that a globbed name (`/bin/c?t`) resolves to them.
 */
export const COMMANDS: Readonly<Record<string, CommandProfile>> = {
  // Credential CLIs and secret stores: each prints live secrets into the transcript when asked.
  gh: {
    can: ['network', 'credentials', 'code'],
    uses: [
      credentialUse(/^auth\s+(token|status\b.*(-t|--show-token))/, 'gh prints the GitHub token'),
      // `gh secret list` shows names and dates only; variables are not secrets but may hold some.
      credentialUse(/^variable\s+get/, 'gh prints a repository variable'),
      publicUse(/^gist\s+create\b/, 'gh uploads files to a gist, readable by anyone with the link'),
      {
        args: /^(release\s+(create|upload|edit|delete)|pr\s+(create|merge)|repo\s+(create|delete|edit|rename|archive))\b/,
        id: 'package-publish',
        capability: 'infra',
        risk: 'high',
        reason: 'gh publishes to GitHub (a release, a pull request, repository settings)',
      },
    ],
  },
  glab: {
    can: ['network', 'credentials', 'code'],
    uses: [
      credentialUse(
        /^auth\s+status\b.*(-t|--show-token)|^config\s+get\s+token\b/,
        'glab prints the GitLab token',
      ),
    ],
  },
  gpg: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /--export-secret-(sub)?keys\b|(^|\s)(-d|--decrypt)(\s|$)/,
        'gpg prints private keys or decrypted secrets',
      ),
    ],
  },
  // File encryption tools: decrypting prints the plain secrets.
  age: {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)(-d|--decrypt)(\s|$)/, 'age prints decrypted secrets')],
  },
  rage: {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)(-d|--decrypt)(\s|$)/, 'rage prints decrypted secrets')],
  },
  ejson: { can: ['credentials'], uses: [credentialUse(/^decrypt\b/, 'ejson prints decrypted secrets')] },
  dotenvx: {
    can: ['credentials', 'code'],
    uses: [credentialUse(/^(get|decrypt|keypair)\b/, 'dotenvx prints decrypted environment secrets')],
  },
  'git-crypt': {
    can: ['credentials'],
    uses: [credentialUse(/^export-key\b/, "git-crypt exports the repository's secret key")],
  },
  kubeseal: {
    can: ['credentials'],
    uses: [credentialUse(/--recovery-unseal\b/, 'kubeseal decrypts sealed secrets')],
  },
  // Secret managers of clouds and SaaS: reading or exporting prints values.
  infisical: {
    can: ['credentials', 'code'],
    uses: [credentialUse(/^(export|secrets(\s+get)?(\s|$)|user\s+get\s+token)/, 'infisical prints secrets')],
  },
  chamber: {
    can: ['credentials', 'code'],
    uses: [credentialUse(/^(read|export|env)\b|^list\b.*(-e|--expand)/, 'chamber prints secrets')],
  },
  berglas: { can: ['credentials'], uses: [credentialUse(/^access\b/, 'berglas prints a secret')] },
  teller: {
    can: ['credentials', 'code'],
    uses: [credentialUse(/^(show|export|env|yaml|json)\b/, 'teller prints secrets')],
  },
  akeyless: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /^get-(secret-value|dynamic-secret-value|rotated-secret-value)\b/,
        'akeyless prints a secret',
      ),
    ],
  },
  conjur: { can: ['credentials'], uses: [credentialUse(/^variable\s+get\b/, 'conjur prints a secret')] },
  'kwallet-query': {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)(-r|--read-password)\b/, 'kwallet-query prints a stored password')],
  },
  'keepassxc-cli': {
    can: ['credentials'],
    uses: [credentialUse(/^(show|export|clip)\b/, 'KeePassXC CLI prints or exports passwords')],
  },
  flyctl: {
    can: ['network', 'credentials', 'system'],
    uses: [credentialUse(/^(auth\s+token|tokens\s+create)\b/, 'flyctl prints an access token')],
  },
  fly: {
    can: ['network', 'credentials', 'system'],
    uses: [credentialUse(/^(auth\s+token|tokens\s+create)\b/, 'fly prints an access token')],
  },
  supabase: {
    can: ['network', 'credentials', 'system'],
    uses: [credentialUse(/^(projects\s+api-keys|status\b.*-o\s*env)/, 'supabase prints API keys')],
  },
  pulumi: {
    can: ['credentials', 'delete', 'system'],
    uses: [credentialUse(/--show-secrets\b|^config\s+get\b/, 'pulumi prints secret configuration')],
  },
  helm: {
    can: ['network', 'credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /^get\s+(values\b.*(-a|--all)|manifest|all)\b/,
        "helm prints a release's values or manifests, secrets included",
      ),
    ],
  },
  'aws-vault': {
    can: ['credentials', 'code'],
    uses: [credentialUse(/^(export|login\b.*--stdout)\b/, 'aws-vault prints AWS credentials')],
  },
  ibmcloud: {
    can: ['network', 'credentials', 'system'],
    uses: [credentialUse(/^iam\s+(oauth-tokens|api-key-create)\b/, 'ibmcloud prints a token or an API key')],
  },
  firebase: {
    can: ['network', 'credentials', 'system'],
    uses: [
      credentialUse(
        /^(login:ci|functions:config:(get|export)|functions:secrets:access)\b/,
        'firebase prints a CI token or configuration secrets',
      ),
    ],
  },
  stripe: {
    can: ['network', 'credentials'],
    uses: [credentialUse(/^config\b.*--list\b/, 'stripe prints its API keys')],
  },
  consul: {
    can: ['network', 'credentials'],
    uses: [
      credentialUse(/^acl\s+(token\s+(read|list|create)|bootstrap)\b/, 'consul prints ACL tokens'),
      credentialUse(
        /^kv\s+(get|export)\b.*\b(secrets?|passwords?|credentials?|tokens?)\b/i,
        'consul prints secrets kept in its KV store',
      ),
    ],
  },
  etcdctl: {
    can: ['network', 'credentials', 'delete'],
    uses: [credentialUse(/^get\b.*\/registry\/secrets/, "etcdctl prints the cluster's secrets")],
  },
  journalctl: {
    can: ['delete'],
    uses: [
      {
        args: /--vacuum-(time|size|files)\b/,
        id: 'history-tamper',
        capability: 'delete',
        risk: 'high',
        reason: 'journalctl deletes the system logs',
      },
    ],
  },
  tcpdump: {
    can: ['network', 'credentials'],
    uses: [
      {
        args: /^(?!.*(^|\s)(-D|--list-interfaces|-r)\b)/,
        id: 'offensive-tool',
        capability: 'network',
        risk: 'high',
        reason: 'tcpdump captures network traffic, with what it carries',
      },
    ],
  },
  // Terminal sharing and tunnels of other vendors: a shell or a port reachable from outside.
  ttyd: { can: ['expose', 'code'], uses: [exposeUse(/./, 'ttyd serves a terminal over the web')] },
  gotty: { can: ['expose', 'code'], uses: [exposeUse(/./, 'gotty serves a terminal over the web')] },
  tmate: {
    can: ['expose', 'code'],
    uses: [exposeUse(/^(?!-V\b)/, 'tmate shares this terminal through a public relay')],
  },
  upterm: {
    can: ['expose', 'code'],
    uses: [exposeUse(/^host\b/, 'upterm shares this terminal through a public relay')],
  },
  sshx: {
    can: ['expose', 'code'],
    uses: [exposeUse(/^(?!--version)/, 'sshx shares this terminal on the web')],
  },
  zrok: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^share\b/, 'zrok shares a local service on the internet')],
  },
  devtunnel: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^host\b/, 'devtunnel exposes a local port on the internet')],
  },
  tunnelmole: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^\d+/, 'tunnelmole exposes a local port on the internet')],
  },
  tmole: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^\d+/, 'tunnelmole exposes a local port on the internet')],
  },
  inlets: {
    can: ['expose', 'network'],
    uses: [exposeUse(/\bclient\b/, 'inlets exposes local ports through a public server')],
  },
  loophole: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^(http|https|webdav|path)\b/, 'loophole exposes a local service on the internet')],
  },
  code: {
    can: ['expose', 'code'],
    uses: [
      exposeUse(/^tunnel\b(?!\s+(status|user\s+show))/, 'code tunnel gives remote access to this machine'),
    ],
  },
  sshd: { can: ['expose', 'system'], uses: [exposeUse(/./, 'sshd starts an SSH server on this machine')] },
  dropbear: {
    can: ['expose', 'system'],
    uses: [exposeUse(/./, 'dropbear starts an SSH server on this machine')],
  },
  x11vnc: { can: ['expose', 'system'], uses: [exposeUse(/./, 'x11vnc shares the screen over VNC')] },
  vncserver: {
    can: ['expose', 'system'],
    uses: [exposeUse(/^(?!.*-kill)/, 'vncserver shares a desktop over VNC')],
  },
  systemsetup: {
    can: ['expose', 'system'],
    uses: [
      exposeUse(/-setremote(login|appleevents)\s+on\b/i, 'systemsetup turns on remote login to this Mac'),
    ],
  },
  // Package sources of more ecosystems.
  conda: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^config\b.*--(add|append|prepend|set)\s+(channels|default_channels|channel_alias|custom_channels)\b/,
        'adds a conda channel',
      ),
    ],
  },
  mamba: {
    can: ['code', 'network', 'persist'],
    uses: [registryUse(/^config\b.*--(add|append|prepend|set)\s+channels\b/, 'adds a conda channel')],
  },
  composer: {
    can: ['code', 'network', 'persist'],
    uses: [registryUse(/^config\b.*\brepos(itories)?[.\s]/, 'points composer at another repository')],
  },
  dotnet: {
    can: ['code', 'network', 'persist'],
    uses: [registryUse(/^nuget\s+(add|update)\s+source\b/, 'adds a NuGet package source')],
  },
  nuget: {
    can: ['network', 'persist'],
    uses: [registryUse(/^sources?\s+(add|update)\b/i, 'adds a NuGet package source')],
  },
  go: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^env\s+(-w\s+)(.*\s)?(GOPROXY|GONOSUMDB|GONOSUMCHECK|GOSUMDB|GOINSECURE|GOFLAGS|GONOPROXY|GOPRIVATE|GOTOOLCHAIN)=/,
        'points the Go toolchain at another module proxy, or turns off its checks',
      ),
    ],
  },
  bundle: {
    can: ['code', 'network', 'persist'],
    uses: [registryUse(/^config\b.*\bmirror\./, 'points bundler at a gem mirror')],
  },
  // Accounts and the login shell (macOS directory services too).
  chsh: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/(^|\s)(-s|--shell)\b/, 'chsh changes the login shell')],
  },
  dseditgroup: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/-o\s+edit\b/, 'dseditgroup changes group membership')],
  },
  dscl: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/-(create|append|delete|passwd|merge)\b/, 'dscl changes accounts or groups')],
  },
  sysadminctl: {
    can: ['system', 'privilege'],
    uses: [
      privilegeUse(/-(addUser|deleteUser|resetPasswordFor|adminUser)\b/, 'sysadminctl changes accounts'),
    ],
  },
  nsenter: {
    can: ['privilege', 'code'],
    uses: [privilegeUse(/./, "nsenter enters another process's namespaces (the host's, from a container)")],
  },
  // Machine-wide protections and load.
  xattr: {
    can: ['system'],
    uses: [
      systemUse(
        /com\.apple\.quarantine/,
        'xattr removes the quarantine that makes Gatekeeper check a download',
      ),
    ],
  },
  tccutil: { can: ['system'], uses: [systemUse(/^reset\b/, 'tccutil resets privacy permissions')] },
  socketfilterfw: {
    can: ['system'],
    uses: [
      systemUse(
        /--setglobalstate\s+off|--setblockall\s+off|--add\b|--unblockapp\b/,
        'socketfilterfw changes the application firewall',
      ),
    ],
  },
  stress: {
    can: ['system'],
    uses: [systemUse(/--(cpu|vm|io|hdd)\b|(^|\s)-[cmid]\s/, 'stress exhausts CPU, memory or disk')],
  },
  'stress-ng': { can: ['system'], uses: [systemUse(/--\w+/, 'stress-ng exhausts CPU, memory or disk')] },
  aws: {
    can: ['network', 'credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /(^|\s)configure\s+(get\s+\S*(secret|key|token)|export-credentials)|(^|\s)sts\s+get-session-token|(^|\s)ecr\s+get-login-password|(^|\s)secretsmanager\s+get-secret-value|(^|\s)ssm\s+get-parameters?\b.*--with-decryption|(^|\s)codeartifact\s+get-authorization-token|(^|\s)sts\s+assume-role(-with-\w+)?\b|(^|\s)sso\s+get-role-credentials|(^|\s)iam\s+create-(access-key|login-profile|service-specific-credential)|(^|\s)rds\s+generate-db-auth-token|(^|\s)lightsail\s+(get-instance-access-details|download-default-key-pair)|(^|\s)ecr-public\s+get-login-password|(^|\s)kms\s+decrypt\b/,
        'aws prints credentials or secrets',
      ),
      publicUse(
        /--acl[ =]public-read(-write)?\b|--grant-(read|full-control)[ =]\S*(AllUsers|AuthenticatedUsers)|(^|\s)put-public-access-block\b.*=false/,
        'aws makes storage readable by anyone',
      ),
    ],
  },
  gcloud: {
    can: ['network', 'credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /(^|\s)auth\s+(application-default\s+)?print-(access|identity)-token|(^|\s)secrets\s+versions\s+access|(^|\s)config\s+config-helper|(^|\s)iam\s+service-accounts\s+keys\s+create|(^|\s)sql\s+generate-login-token|(^|\s)kms\s+decrypt\b/,
        'gcloud prints an access token or a secret',
      ),
      publicUse(
        /add-iam-policy-binding\b.*all(Authenticated)?Users|--source-ranges[ =]0\.0\.0\.0\/0/,
        'gcloud opens a resource to anyone on the internet',
      ),
    ],
  },
  gsutil: {
    can: ['network', 'delete'],
    uses: [
      publicUse(
        /^(iam\s+ch|acl\s+ch|defacl\s+ch)\b.*all(Authenticated)?Users|(^|\s)-a\s+public-read|^acl\s+set\s+public-read/i,
        'gsutil makes a bucket or objects readable by anyone',
      ),
    ],
  },
  az: {
    can: ['network', 'credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /(^|\s)account\s+get-access-token|(^|\s)keyvault\s+secret\s+(show|download)|(^|\s)storage\s+account\s+(keys\s+list|show-connection-string)|(^|\s)ad\s+(sp\s+(create-for-rbac|credential\s+reset)|app\s+credential\s+reset)|(^|\s)acr\s+(login\b.*--expose-token|credential\s+show)|(^|\s)(cosmosdb|redis)\s+(keys\s+list|list-keys)|(^|\s)keyvault\s+key\s+decrypt\b/,
        'az prints an access token or a secret',
      ),
      publicUse(
        /--public-access[ =](blob|container)\b|--allow-blob-public-access[ =]true/,
        'az makes storage readable by anyone',
      ),
    ],
  },
  kubectl: {
    can: ['network', 'credentials', 'delete', 'system', 'code'],
    uses: [
      credentialUse(/(^|\s)config\s+view\b.*(--raw|--flatten)/, 'kubectl prints cluster credentials'),
      credentialUse(
        /(^|\s)get\s+(\S+,)?secrets?\b.*(-o|--output)[ =]?(yaml|json|jsonpath|go-template)|(^|\s)(describe|get)\s+secret\/\S+.*(-o|--output)/,
        'kubectl prints secret values',
      ),
      credentialUse(/(^|\s)create\s+token\b/, 'kubectl creates and prints a service account token'),
      credentialUse(/(^|\s)view-secret\b/, 'kubectl view-secret prints secret values'),
      privilegeUse(/(^|\s)--as(-group|-uid)?[ =]/, 'kubectl acts as another user or service account'),
      privilegeUse(
        /(^|\s)debug\s+(\S+\s+)*node\//,
        "kubectl debug opens a shell with the node's root filesystem",
      ),
      containerEnv('kubectl'),
    ],
  },
  // Containers hold the app's secrets in their environment. (Their network, code and deletes are judged by
  // the infra rules; 'network' is left out here so Bash allow rules for docker are not read as egress.)
  docker: {
    can: ['code', 'credentials', 'delete', 'system'],
    uses: [containerEnv('docker'), composeConfig('docker compose', 'compose\\s+')],
  },
  podman: {
    can: ['code', 'credentials', 'delete', 'system'],
    uses: [containerEnv('podman'), composeConfig('podman compose', 'compose\\s+')],
  },
  // The v1 compose binaries: `docker-compose exec app env` prints the environment as `docker compose …` does.
  'docker-compose': {
    can: ['code', 'credentials', 'delete', 'system'],
    uses: [containerEnv('docker-compose'), composeConfig('docker-compose', '')],
  },
  'podman-compose': {
    can: ['code', 'credentials', 'delete', 'system'],
    uses: [containerEnv('podman-compose'), composeConfig('podman-compose', '')],
  },
  // Sensitive outputs are masked in the plain listing and printed in full by -raw and -json. ('network' is
  // left out, as for docker: Bash allow rules for terraform are judged by the infra rules, not as egress.)
  terraform: {
    can: ['credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /^output\b.*(-raw|-json)\b|^state\s+pull\b/,
        'terraform prints outputs or state in full, secrets included',
      ),
    ],
  },
  tofu: {
    can: ['credentials', 'delete', 'system'],
    uses: [
      credentialUse(
        /^output\b.*(-raw|-json)\b|^state\s+pull\b/,
        'tofu prints outputs or state in full, secrets included',
      ),
    ],
  },
  op: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /^(read|inject)\b|^item\s+get\b.*(--reveal|--fields|--format)|^signin\b.*--raw|^document\s+get/,
        '1Password CLI prints secrets',
      ),
    ],
  },
  pass: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /^(show\s+|-c\s+)?[\w@.-]+\/?[\w@./-]*$|^(show|otp)\b/,
        'pass prints a password',
        /^(ls|list|find|search|init|git|--help|help|version)\b|^$/,
      ),
    ],
  },
  gopass: { can: ['credentials'], uses: [credentialUse(/^(show|cat|otp)\b/, 'gopass prints a password')] },
  'secret-tool': {
    can: ['credentials'],
    uses: [credentialUse(/^(lookup|search)\b/, 'secret-tool prints secrets from the keyring')],
  },
  security: {
    can: ['credentials', 'system'],
    uses: [
      systemUse(
        /^(add-trusted-cert|delete-keychain|set-keychain-settings|authorizationdb\s+write)\b/,
        'security changes trust or keychain settings',
      ),
    ],
  },
  bw: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /^(get|export|list\s+items|unlock\b.*--raw|send\s+receive)\b/,
        'Bitwarden CLI prints secrets',
      ),
    ],
  },
  lpass: { can: ['credentials'], uses: [credentialUse(/^(show|export)\b/, 'LastPass CLI prints secrets')] },
  keyring: { can: ['credentials'], uses: [credentialUse(/^get\b/, 'keyring prints a stored password')] },
  vault: {
    can: ['credentials', 'network'],
    uses: [
      credentialUse(
        /^(read|kv\s+get|token\s+create|print\s+token|login\b.*-token-only)/,
        'vault prints secrets or tokens',
      ),
    ],
  },
  doppler: {
    can: ['credentials'],
    uses: [credentialUse(/^secrets(\s+(get|download)|\s*$|\s+--)/, 'doppler prints secrets')],
  },
  sops: {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)(-d|--decrypt|decrypt)(\s|$)/, 'sops prints decrypted secrets')],
  },
  'ansible-vault': {
    can: ['credentials'],
    uses: [credentialUse(/^(view|decrypt)\b/, 'ansible-vault prints decrypted secrets')],
  },
  doctl: {
    can: ['network', 'credentials', 'system'],
    uses: [
      credentialUse(
        /^auth\s+token\b|(^|\s)registry\s+(docker-config|login\b.*--expiry)/,
        'doctl prints an access token',
      ),
    ],
  },
  // Core dumps and debugger attaches read a process's memory, with the keys and tokens it holds.
  gdb: {
    can: ['code', 'credentials'],
    uses: [
      credentialUse(
        /(^|\s)(-p|--pid)(\s|=)|(^|\s)attach\s/,
        'gdb attaches to a running process and can read its memory',
      ),
    ],
  },
  lldb: {
    can: ['code', 'credentials'],
    uses: [
      credentialUse(
        /(^|\s)(-p|--attach-pid|-n|--attach-name)(\s|=)/,
        'lldb attaches to a running process and can read its memory',
      ),
    ],
  },
  // Lingering keeps the user's services running after logout and starts them at boot.
  loginctl: {
    can: ['persist', 'system'],
    uses: [
      {
        args: /^enable-linger\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: "loginctl keeps the user's services running at boot, without a login",
      },
    ],
  },
  strace: {
    can: ['code', 'credentials'],
    uses: [
      credentialUse(
        /(^|\s)(-p|--attach)(\s|=)/,
        'strace attaches to a running process and reads what it reads',
      ),
    ],
  },
  ltrace: {
    can: ['code', 'credentials'],
    uses: [credentialUse(/(^|\s)-p\s/, 'ltrace attaches to a running process and reads its calls')],
  },
  'ansible-playbook': {
    can: ['code', 'system', 'privilege'],
    uses: [
      {
        args: /^(?!.*(^|\s)(--check|-C|--syntax-check|--list-hosts|--list-tasks|--list-tags)(\s|$))/,
        id: 'cloud-mutation',
        capability: 'infra',
        risk: 'high',
        reason: 'ansible-playbook changes the machines of an inventory',
      },
    ],
  },
  ansible: {
    can: ['code', 'system', 'privilege'],
    uses: [
      privilegeUse(
        /(^|\s)(-b|--become)(\s|$)/,
        'ansible runs modules as root on the machines of an inventory',
      ),
    ],
  },
  gcore: {
    can: ['credentials'],
    uses: [credentialUse(/./, "gcore dumps a process's memory, with the secrets it holds")],
  },
  heroku: {
    can: ['network', 'credentials', 'system'],
    uses: [
      credentialUse(
        /^(auth:token|config(\s|$)|config:get|authorizations:(create|info)|pg:credentials(:url)?|redis:credentials)/,
        'heroku prints a token or config secrets',
      ),
    ],
  },
  vercel: {
    can: ['network', 'credentials'],
    uses: [credentialUse(/^env\s+pull\b/, 'vercel downloads environment secrets')],
  },
  railway: {
    can: ['network', 'credentials', 'code'],
    uses: [
      credentialUse(
        /^(variables|vars)\b/,
        "railway prints the service's variables, secrets included",
        /(^|\s)(--set|--set-from-stdin)\b/,
      ),
    ],
  },
  netlify: {
    can: ['network', 'credentials'],
    uses: [credentialUse(/^env:(list|get)\b.*--plain|^env:get\b/, 'netlify prints environment secrets')],
  },
  npm: {
    can: ['code', 'network', 'credentials', 'persist'],
    uses: [
      npmRegistry,
      credentialUse(/^(token\s+(create|list|ls)|config\s+get\s+\S*_auth)/, 'npm prints or lists auth tokens'),
      credentialUse(
        /^(config\s+set|set)\s+\S*:?_(authToken|auth|password)\b/,
        'npm stores a registry token in ~/.npmrc',
      ),
      lifecycleScript,
    ],
  },
  pnpm: {
    can: ['code', 'network', 'persist'],
    uses: [npmRegistry, credentialUse(/^config\s+get\s+\S*_auth/, 'pnpm prints a registry token')],
  },
  yarn: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^config\s+set\s+(\S*registry|npmRegistryServer|npmScopes)/,
        'points yarn at another registry',
      ),
      credentialUse(/^config\s+get\s+\S*(AuthToken|AuthIdent|_auth)/i, 'yarn prints a registry token'),
    ],
  },
  pip: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^config\s+set\s+\S*(index-url|extra-index-url|trusted-host)/,
        'points pip at another package index',
      ),
    ],
  },
  pip3: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^config\s+set\s+\S*(index-url|extra-index-url|trusted-host)/,
        'points pip at another package index',
      ),
    ],
  },
  poetry: {
    can: ['code', 'network', 'persist'],
    uses: [
      registryUse(
        /^source\s+add\b.*--priority[ =](primary|default)|^config\s+repositories\./,
        'points poetry at another package index',
      ),
    ],
  },
  gem: {
    can: ['code', 'network', 'persist'],
    uses: [registryUse(/^sources\s+(-a|--add)\b/, 'adds a gem source')],
  },
  git: {
    can: ['network', 'delete', 'code', 'persist', 'credentials'],
    uses: [
      credentialUse(
        /^(credential\s+fill|credential-[\w-]+\s+get)\b/,
        'git credential fill (or a credential helper asked to get) prints a stored password or token',
      ),
      // `git log -p --all -S 'api_key'`: every change that added or removed a secret-named string, printed.
      credentialUse(
        /^(log|whatchanged)\b(?=.*\s(-p|--patch|-u|--all)(\s|$))(?=.*\s(-[SG]|--grep)[= ]?\s*['"]?[^'"\s]*(passw|secret|api[_-]?key|token|private[_ -]?key|credential))/i,
        'git log searches the whole history for secret-named strings and prints the changes',
      ),
    ],
  },
  'git-credential': { can: ['credentials'] },
  'docker-credential-desktop': {
    can: ['credentials'],
    uses: [credentialUse(/^(get|list)\b/, 'prints registry credentials')],
  },
  'docker-credential-osxkeychain': {
    can: ['credentials'],
    uses: [credentialUse(/^(get|list)\b/, 'prints registry credentials')],
  },
  'docker-credential-pass': {
    can: ['credentials'],
    uses: [credentialUse(/^(get|list)\b/, 'prints registry credentials')],
  },
  ...Object.fromEntries(
    ['secretservice', 'wincred', 'ecr-login', 'gcloud', 'gcr', 'acr-env', 'helper'].map((helper) => [
      `docker-credential-${helper}`,
      { can: ['credentials'], uses: [credentialUse(/^(get|list)\b/, 'prints registry credentials')] },
    ]),
  ),
  // git's credential helpers run on their own: `git credential-store get`, `git-credential-libsecret get`.
  ...Object.fromEntries(
    ['store', 'cache', 'libsecret', 'osxkeychain', 'manager', 'manager-core', 'wincred', 'gnome-keyring'].map(
      (helper) => [
        `git-credential-${helper}`,
        {
          can: ['credentials'],
          uses: [credentialUse(/^get\b/, 'a git credential helper prints a stored password or token')],
        },
      ],
    ),
  ),
  // Environment dumps are judged in rules/capabilities.ts (a name argument makes them a single lookup).
  env: { can: ['credentials', 'code'] },
  printenv: { can: ['credentials'] },
  ps: {
    can: ['credentials'],
    uses: [
      credentialUse(
        /(^|\s)(-\w*e\w*\s+-\w*w|[a-z]*e[a-z]*ww?|eww?[a-z]*)(\s|$)/,
        "ps prints other processes' environments",
        /^-e(f|F)?$|^-ef\b|^-eo\b|^-e\s/,
      ),
      // BSD-style `e` (`ps e`, `ps -ef e`, `ps axe`): the environment after each command; without a terminal
      // the lines are not cut. Option values (`-o etime`) are not option letters.
      credentialUse(
        /(?<!(^|\s)(-[oOpqtuUCgG]|--\w+))\s[aAcfhjlmrSTuvwxX]*e[aAcfhjlmrSTuvwxX]*(\s|$)|^[aAcfhjlmrSTuvwxX]*e[aAcfhjlmrSTuvwxX]*(\s|$)/,
        "ps prints other processes' environments",
      ),
    ],
  },
  // Exposure and tunnels: something on this machine becomes reachable from the internet.
  // Nix and Guix run and install code from a flake or expression wherever it is published; nixpkgs and the
  // official channels are their default registries.
  // (`nix run`, `nix profile install` and `nix-env -i` are package launches and installs: rules/packages.ts.)
  nix: {
    can: ['code', 'network'],
    uses: [
      remoteNixUse(
        /^(shell|develop)\b.*?(^|\s)['"]?(github|gitlab|sourcehut|git\+\w+|https?|tarball\+\w+):/,
        'nix',
      ),
    ],
  },
  'nix-shell': { can: ['code', 'network'], uses: [remoteNixUse(/(^|\s)['"]?https?:\/\//, 'nix-shell')] },
  'nix-build': { can: ['code', 'network'], uses: [remoteNixUse(/(^|\s)['"]?https?:\/\//, 'nix-build')] },
  'nix-channel': {
    can: ['network'],
    uses: [
      registryUse(
        /^--add\s+(?!https:\/\/(channels\.)?nixos\.org\/)\S/,
        'nix-channel subscribes to another channel',
      ),
    ],
  },
  guix: {
    can: ['code', 'network'],
    uses: [
      registryUse(/^(pull|time-machine)\b.*--url[= ]/, 'guix pulls its channel from another repository'),
    ],
  },
  telnetd: {
    can: ['expose'],
    uses: [exposeUse(/^(?!(-h|--help)$)/, 'telnetd serves a login shell to anyone on the network')],
  },
  ngrok: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^(http|tcp|tls|start|tunnel)\b|^\d+$/, 'ngrok exposes a local port on the internet')],
  },
  cloudflared: {
    can: ['expose', 'network'],
    uses: [exposeUse(/(^|\s)tunnel\b/, 'cloudflared opens a tunnel from the internet to this machine')],
  },
  tailscale: {
    can: ['expose', 'network', 'system'],
    uses: [
      exposeUse(/^(funnel|serve)\b/, 'tailscale serves a local port to other machines'),
      systemUse(
        /^(up\b.*--(advertise-exit-node|ssh)|set\b.*--ssh)/,
        'tailscale opens this machine to the tailnet',
      ),
    ],
  },
  lt: {
    can: ['expose', 'network'],
    uses: [exposeUse(/(^|\s)--port\b|(^|\s)-p\s/, 'localtunnel exposes a local port on the internet')],
  },
  localtunnel: {
    can: ['expose', 'network'],
    uses: [exposeUse(/./, 'localtunnel exposes a local port on the internet')],
  },
  bore: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^local\b/, 'bore exposes a local port on a public server')],
  },
  frpc: {
    can: ['expose', 'network'],
    uses: [exposeUse(/./, 'frpc exposes local ports through a remote server')],
  },
  chisel: {
    can: ['expose', 'network'],
    uses: [exposeUse(/^(client|server)\b/, 'chisel tunnels ports through a remote server')],
  },
  // System and privilege.
  iptables: {
    can: ['system'],
    uses: [
      systemUse(
        /(^|\s)(-F|--flush|-X|--delete-chain|-P\s+\w+\s+ACCEPT|-D|-I|-A)\b/,
        'iptables changes the firewall',
      ),
    ],
  },
  ip6tables: {
    can: ['system'],
    uses: [systemUse(/(^|\s)(-F|--flush|-X|-P\s+\w+\s+ACCEPT|-D|-I|-A)\b/, 'ip6tables changes the firewall')],
  },
  // Interface and route settings: a network range given to them is configuration, not a scan.
  ip: { can: ['system'] },
  route: { can: ['system'] },
  nft: { can: ['system'], uses: [systemUse(/^(flush|delete|add|insert|-f)\b/, 'nft changes the firewall')] },
  ufw: {
    can: ['system'],
    uses: [systemUse(/^(disable|reset|allow|delete|default\s+allow)\b/, 'ufw changes the firewall')],
  },
  pfctl: {
    can: ['system'],
    uses: [systemUse(/(^|\s)(-d|-F\s*\w*)(\s|$)/, 'pfctl disables or flushes the firewall')],
  },
  'firewall-cmd': {
    can: ['system'],
    uses: [systemUse(/--(add|remove)-|--panic-off|--set-default-zone/, 'firewall-cmd changes the firewall')],
  },
  sysctl: {
    can: ['system'],
    uses: [systemUse(/(^|\s)(-w|--write|-p|--load)\b|^\S+=\S*/, 'sysctl changes kernel settings')],
  },
  spctl: {
    can: ['system'],
    uses: [
      systemUse(/--master-disable|--global-disable|--disable|--add\b/, 'spctl turns off Gatekeeper checks'),
    ],
  },
  csrutil: {
    can: ['system'],
    uses: [
      systemUse(
        /^(disable|authenticated-root\s+disable)/,
        'csrutil turns off System Integrity Protection',
        'critical',
      ),
    ],
  },
  setenforce: {
    can: ['system'],
    uses: [systemUse(/^(0|permissive)/i, 'setenforce turns off SELinux enforcement')],
  },
  diskutil: {
    can: ['system', 'delete'],
    uses: [
      {
        args: /^(erase\w*|zeroDisk|randomDisk|secureErase|partitionDisk|reformat|apfs\s+(deleteContainer|deleteVolume|eraseVolume))\b/i,
        id: 'disk-erase',
        capability: 'delete',
        risk: 'critical',
        reason: 'diskutil erases a disk or volume',
      },
    ],
  },
  chpasswd: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/.*/, 'chpasswd changes account passwords')],
  },
  passwd: { can: ['system', 'privilege'], uses: [privilegeUse(/.*/, 'passwd changes an account password')] },
  useradd: { can: ['system', 'privilege'], uses: [privilegeUse(/.*/, 'useradd creates an account')] },
  adduser: { can: ['system', 'privilege'], uses: [privilegeUse(/.*/, 'adduser creates an account')] },
  usermod: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/.*/, 'usermod changes an account or its groups')],
  },
  userdel: { can: ['system', 'delete'], uses: [privilegeUse(/.*/, 'userdel deletes an account')] },
  gpasswd: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/(^|\s)-a\b/, 'gpasswd adds a user to a group')],
  },
  visudo: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/.*/, 'visudo edits who may run commands as root')],
  },
  setcap: {
    can: ['system', 'privilege'],
    uses: [privilegeUse(/.*/, 'setcap grants a program root capabilities')],
  },
  pkexec: { can: ['privilege', 'code'] },
  sudo: { can: ['privilege', 'code'] },
  doas: { can: ['privilege', 'code'] },
  su: { can: ['privilege', 'code'] },
  runas: { can: ['privilege', 'code'] },
  chattr: {
    can: ['system'],
    uses: [systemUse(/(^|\s)[+-]i\b/, 'chattr makes files immutable or mutable again')],
  },
  modprobe: { can: ['system'], uses: [systemUse(/.*/, 'modprobe loads or unloads kernel modules')] },
  insmod: { can: ['system'], uses: [systemUse(/.*/, 'insmod loads a kernel module')] },
  rmmod: { can: ['system'], uses: [systemUse(/.*/, 'rmmod unloads a kernel module')] },
  swapoff: { can: ['system'], uses: [systemUse(/.*/, 'swapoff turns off swap')] },
  auditctl: {
    can: ['system'],
    uses: [systemUse(/(^|\s)(-D|-e\s*0)\b/, 'auditctl deletes audit rules or turns auditing off')],
  },
  mount: { can: ['system'], uses: [systemUse(/\S/, 'mount attaches a file system', 'high')] },
  umount: { can: ['system'], uses: [systemUse(/\S/, 'umount detaches a file system')] },
  fallocate: {
    can: ['system'],
    uses: [
      {
        args: /(^|\s)(-l|--length)[ =]?\d+(\.\d+)?\s*[GTP]i?B?\b/i,
        id: 'disk-fill',
        capability: 'write',
        risk: 'high',
        reason: 'fallocate reserves gigabytes of disk',
      },
    ],
  },
  defaults: {
    can: ['persist', 'system'],
    uses: [
      {
        args: /^write\s+.*\b(LoginHook|LogoutHook|AutoLaunchedApplicationDictionary|LSEnvironment)\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'defaults write sets a program to run at login',
      },
    ],
  },
  osascript: {
    can: ['code', 'persist', 'system'],
    uses: [
      {
        args: /\blogin\s+items?\b/i,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'osascript adds a program that runs at every login',
      },
    ],
  },
  // Transient units with a timer run later, outside the session, like a crontab entry.
  'systemd-run': {
    can: ['persist', 'system', 'code'],
    uses: [
      {
        args: /(^|\s)--on-(calendar|active|boot|startup|unit-active|unit-inactive|clock-change|timezone-change)\b|(^|\s)--timer-property\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'systemd-run schedules a program to run later, outside the session',
      },
    ],
  },
  launchctl: {
    can: ['persist', 'system'],
    uses: [
      {
        args: /^(submit|setenv|asuser|bsexec|load|bootstrap|enable)\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'launchctl starts or schedules a program outside the session',
      },
    ],
  },
  // Windows services, firewall, boot settings, event logs, file ownership and WMI process creation.
  sc: {
    can: ['persist', 'system'],
    uses: [
      {
        args: /^(\\+\S+\s+)?(create|config)\b.*\bbinpath=/i,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'sc installs or repoints a service that starts a program',
      },
      systemUse(
        /^(\\+\S+\s+)?(delete|stop|config\s+\S+\s+start=\s*disabled)\b/i,
        'sc stops or removes a service',
      ),
    ],
  },
  netsh: {
    can: ['system', 'expose'],
    uses: [
      systemUse(
        /\b(state\s+off|firewall\s+(add|set|delete)|rule\s+(add|delete)|opmode\s+disable)\b/i,
        'netsh changes the firewall',
      ),
      exposeUse(/\bportproxy\s+add\b/i, 'netsh forwards a port of this machine elsewhere'),
    ],
  },
  bcdedit: {
    can: ['system'],
    uses: [systemUse(/(^|\s)\/(set|delete|deletevalue)\b/i, 'bcdedit changes boot settings')],
  },
  wevtutil: {
    can: ['delete'],
    uses: [
      {
        args: /^(cl|clear-log|sl|set-log)\b/i,
        id: 'history-tamper',
        capability: 'delete',
        risk: 'high',
        reason: 'wevtutil clears or turns off an event log',
      },
    ],
  },
  icacls: {
    can: ['system'],
    uses: [
      systemUse(
        /\/grant\b.*\b(Everyone|Users|Authenticated Users)\b|\/setowner\b/i,
        'icacls opens files to every user',
      ),
    ],
  },
  takeown: { can: ['privilege'], uses: [privilegeUse(/\/f\b/i, 'takeown takes ownership of files')] },
  wmic: {
    can: ['code', 'system'],
    uses: [
      systemUse(
        /\b(process\s+call\s+create|shadowcopy\s+delete|useraccount\b.*\bset\b)/i,
        'wmic starts a process or changes the system',
      ),
    ],
  },
  schtasks: {
    can: ['persist'],
    uses: [
      {
        args: /\/create\b/i,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'schtasks schedules a program',
      },
    ],
  },
  // Unquoted in bash, a registry path loses its backslashes (`HKCU\Software\…\Run` → `HKCUSoftware…Run`),
  // so the keys are matched with or without them.
  reg: {
    can: ['persist', 'system', 'credentials'],
    uses: [
      {
        args: /^add\b.*(\\|CurrentVersion)(Run|RunOnce|Winlogon|Image File Execution Options)\b/i,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'reg add sets a program to run at logon',
      },
      credentialUse(
        /^(save|export)\s+['"]?HK(LM|EY_LOCAL_MACHINE)\\?(SAM|SECURITY|SYSTEM)\b/i,
        'reg saves the hive that holds the password hashes or LSA secrets',
      ),
      systemUse(
        /^(add|delete)\b.*(Windows Defender|Policies\\?System|Terminal Server|SecurityProviders)/i,
        'reg changes Defender, UAC or remote-login settings',
      ),
    ],
  },
  // Windows Credential Manager: lists or prints the stored logins.
  cmdkey: {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)\/list\b/i, 'cmdkey lists stored Windows logins')],
  },
  vaultcmd: {
    can: ['credentials'],
    uses: [credentialUse(/(^|\s)\/list(creds|properties)\b/i, 'vaultcmd lists stored Windows credentials')],
  },
  // `net user x /add`, `net localgroup administrators x /add`: accounts and their groups on Windows.
  net: {
    can: ['system', 'privilege'],
    uses: [
      privilegeUse(
        /^(user|localgroup|group)\b.*\s\/(add|active:yes)\b/i,
        'net adds an account or group member',
      ),
    ],
  },
  'Set-MpPreference': {
    can: ['system'],
    uses: [
      systemUse(
        /(^|\s)-(Disable\w+|Exclusion\w+)\b/i,
        'Set-MpPreference turns off or exempts Defender scanning',
      ),
    ],
  },
  'Add-MpPreference': {
    can: ['system'],
    uses: [systemUse(/(^|\s)-Exclusion\w+\b/i, 'Add-MpPreference exempts paths or processes from Defender')],
  },
  'rc-update': {
    can: ['persist'],
    uses: [
      {
        args: /^add\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'rc-update starts a service at boot',
      },
    ],
  },
  'update-rc.d': {
    can: ['persist'],
    uses: [
      {
        args: /\b(defaults|enable)\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'update-rc.d starts a service at boot',
      },
    ],
  },
  chkconfig: {
    can: ['persist'],
    uses: [
      {
        args: /\bon\b/,
        id: 'persistence',
        capability: 'write',
        risk: 'high',
        reason: 'chkconfig starts a service at boot',
      },
    ],
  },
  history: {
    can: ['credentials', 'delete'],
    uses: [
      {
        args: /(^|\s)(-c|-d|-w)\b/,
        id: 'history-tamper',
        capability: 'delete',
        risk: 'high',
        reason: 'history clears or rewrites the shell history',
      },
    ],
  },
  // Agents launching agents without their own approvals.
  ...Object.fromEntries(
    [
      ...Object.entries(AGENT_BYPASS),
      ...Object.entries(AGENT_ALIASES).map(([alias, name]) => [alias, AGENT_BYPASS[name]] as const),
    ].map(([name, args]) => [
      name,
      {
        can: ['agent', 'code'],
        uses: [agentUse(args, `${name} starts an agent that runs commands without asking anyone`)],
      },
    ]),
  ),
  // Interpreters and shells run arbitrary code; their code is analysed where it is given.
  ...Object.fromEntries(
    [
      'sh',
      'bash',
      'zsh',
      'dash',
      'ksh',
      'fish',
      'python',
      'python3',
      'node',
      'deno',
      'bun',
      'perl',
      'ruby',
      'php',
      'lua',
      'pwsh',
      'powershell',
      'awk',
      'gawk',
      'eval',
      'source',
      'xargs',
      'parallel',
      'find',
      'make',
      'npx',
      'uvx',
      'pipx',
      'uv',
      'cargo',
      'java',
      'watch',
      'script',
      'expect',
      'tmux',
      'screen',
      'nohup',
      'timeout',
      'at',
      'batch',
      'crontab',
      'systemctl',
    ].map((name) => [name, { can: ['code'] } satisfies CommandProfile]),
  ),
  // Network tools (hosts are judged by the network rules); ssh also runs the remote command it is given.
  ...Object.fromEntries(
    [...NETWORK_TOOLS].map((name) => [
      name,
      { can: name === 'ssh' ? ['network', 'code'] : ['network'] } satisfies CommandProfile,
    ]),
  ),
  // Offensive tooling (after the network tools, whose plain profile it replaces for nmap and masscan): network scanners, brute-forcers, crackers, sniffers, exploitation frameworks.
  ...Object.fromEntries(
    [
      'nmap',
      'masscan',
      'zmap',
      'rustscan',
      'arp-scan',
      'netdiscover',
      'nikto',
      'gobuster',
      'dirb',
      'dirsearch',
      'ffuf',
      'wfuzz',
      'feroxbuster',
      'sqlmap',
      'hydra',
      'medusa',
      'ncrack',
      'john',
      'hashcat',
      'aircrack-ng',
      'tshark',
      'ettercap',
      'bettercap',
      'responder',
      'crackmapexec',
      'nxc',
      'netexec',
      'enum4linux',
      'smbmap',
      'kerbrute',
      'msfconsole',
      'msfvenom',
      'wpscan',
      'nuclei',
      'amass',
      'subfinder',
      'theHarvester',
      'linpeas.sh',
      'pspy',
      'mimikatz',
      'evil-winrm',
    ].map((name) => [
      name,
      {
        can: ['network', 'code'],
        uses: [
          {
            args: /^(?!(-h|--help|-V|--version)$)/,
            id: 'offensive-tool',
            capability: 'network',
            risk: 'high',
            reason: `${name} scans, brute-forces, cracks or attacks`,
          },
        ],
      } satisfies CommandProfile,
    ]),
  ),
  // Deleters (the deletion rules weigh their targets).
  ...Object.fromEntries(
    [
      'rm',
      'rmdir',
      'unlink',
      'shred',
      'srm',
      'wipe',
      'truncate',
      'dd',
      'mkfs',
      'wipefs',
      'fdisk',
      'parted',
      'rimraf',
      'trash',
      'del',
      'tar',
      'zip',
      'mv',
      'kill',
      'pkill',
      'killall',
    ].map((name) => [name, { can: ['delete'] } satisfies CommandProfile]),
  ),
  // Everyday commands with no power of their own beyond reading and writing where they are told.
  ...Object.fromEntries(
    [
      'cat',
      'ls',
      'cp',
      'ln',
      'ipcalc',
      'sipcalc',
      'prips',
      'grepcidr',
      'mkdir',
      'touch',
      'chmod',
      'chown',
      'echo',
      'printf',
      'head',
      'tail',
      'less',
      'more',
      'grep',
      'egrep',
      'rg',
      'sed',
      'cut',
      'sort',
      'uniq',
      'wc',
      'tee',
      'diff',
      'jq',
      'yq',
      'file',
      'stat',
      'du',
      'df',
      'pwd',
      'cd',
      'which',
      'true',
      'false',
      'test',
      'date',
      'sleep',
      'base64',
      'xxd',
      'od',
      'strings',
      'tr',
      'rev',
      'column',
      'basename',
      'dirname',
      'realpath',
      'readlink',
      'tac',
      'nl',
      'whoami',
      'id',
      'uname',
      'hostname',
      'vim',
      'nano',
      'open',
      'gzip',
      'gunzip',
      'unzip',
      'tsc',
      'pytest',
      'vitest',
      'jest',
      'eslint',
      'prettier',
      'biome',
      'ruff',
      'black',
      'mypy',
      'gcc',
      'clang',
      'rustc',
      'javac',
      'mvn',
      'gradle',
    ].map((name) => [name, { can: [] } satisfies CommandProfile]),
  ),
};

/** Every command name the table knows: a globbed name (`/bin/r?`) is resolved against these. */
export const KNOWN_COMMANDS: readonly string[] = Object.keys(COMMANDS);

/** What the named command can do; undefined for a command the table does not know. */
export function powersOf(base: string): readonly Power[] | undefined {
  return profileOf(base)?.can;
}

/** The command's profile; a Windows program may be named with its `.exe` (`sc.exe` is `sc`). */
function profileOf(base: string): CommandProfile | undefined {
  const name = Object.hasOwn(COMMANDS, base) ? base : base.replace(/\.exe$/i, '');
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** The uses of the command's capabilities its arguments show, the first matching pattern of each id. */
export function usesOf(base: string, args: readonly string[]): UsePattern[] {
  const profile = profileOf(base);
  if (!profile?.uses) return [];
  const line = args.join(' ');
  if (HELP.test(line) && args.length <= 2) return [];
  const out: UsePattern[] = [];
  for (const use of profile.uses) {
    if (out.some((u) => u.id === use.id)) continue;
    if (use.args.test(line) && !use.unless?.test(line)) out.push(use);
  }
  return out;
}

/** Names in KNOWN_COMMANDS that a glob pattern (`r?`, `[r]m`, `*sh`) matches. */
export function namesMatching(pattern: string): string[] {
  const re = globToRegExp(pattern);
  return KNOWN_COMMANDS.filter((name) => re.test(name));
}
