/**
 * The credential chain of PR-3: the files an agent running as this user can read that hold credentials, and
 * the environment variables that hold a secret. Paths and names only, never a value. The pre-flight's
 * third question and the kill switch's revoke/rotate list both take them from here.
 */
import * as path from 'node:path';
import type { FileSystem } from '../core/files.js';
import { claudeConfigDir } from '../core/paths.js';
import { plaintextSecret } from '../scanners/secrets/key-values.js';
import { isSecretName } from '../scanners/secrets/names.js';
import { openclawStateDir } from './openclaw.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CredentialFile {
  /** A file, or a directory of credential files (gcloud, Azure, OpenClaw's `credentials/`). */
  path: string;
  kind: 'file' | 'dir';
  holds: string;
  /** An OpenClaw store: its files are per-provider logins. */
  openclaw: boolean;
}

const HOME_FILES: { rel: string; holds: string }[] = [
  { rel: '.aws/credentials', holds: 'AWS access keys' },
  { rel: '.config/gh/hosts.yml', holds: 'GitHub CLI token' },
  { rel: '.git-credentials', holds: 'git HTTPS passwords/tokens' },
  { rel: '.npmrc', holds: 'npm registry token' },
  { rel: '.netrc', holds: 'machine passwords (curl, git, ftp)' },
  { rel: '.pgpass', holds: 'PostgreSQL passwords' },
  { rel: '.docker/config.json', holds: 'registry credentials' },
  { rel: '.kube/config', holds: 'Kubernetes cluster credentials' },
  { rel: '.config/gcloud', holds: 'Google Cloud credentials' },
  { rel: '.azure', holds: 'Azure CLI tokens' },
];

const OPENCLAW_AGENT_FILES: { name: string; holds: string }[] = [
  { name: 'auth-profiles.json', holds: 'OpenClaw agent provider logins' },
  { name: 'auth.json', holds: 'OpenClaw agent provider logins (legacy)' },
  { name: 'openclaw-agent.sqlite', holds: 'OpenClaw agent auth profiles and transcripts' },
];

/** Names of the environment variables that hold a secret: a secret-like name with a value, or a value a detector knows. */
export function secretEnvNames(env: Env): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && (isSecretName(k) || plaintextSecret(k, v) !== undefined))
    .map(([k]) => k)
    .sort();
}

/**
 * Every credential file of the chain that exists: the home's CLI credentials, SSH private keys (every file
 * in ~/.ssh but public keys, known_hosts, config, authorized_keys and agent sockets), Claude Code's OAuth
 * file, and OpenClaw's stores under its state dir.
 */
export function credentialFiles(
  home: string,
  env: Env,
  fsys: Pick<FileSystem, 'stat' | 'list'>,
): CredentialFile[] {
  const out: CredentialFile[] = [];
  const add = (file: string, holds: string, openclaw = false) => {
    const kind = fsys.stat(file)?.kind;
    if (kind === 'file' || kind === 'dir') out.push({ path: file, kind, holds, openclaw });
  };
  for (const c of HOME_FILES) add(path.join(home, c.rel), c.holds);
  const sshDir = path.join(home, '.ssh');
  for (const name of [...fsys.list(sshDir)].sort()) {
    const file = path.join(sshDir, name);
    if (
      !/\.pub$|^known_hosts|^config$|^authorized_keys|^agent/.test(name) &&
      fsys.stat(file)?.kind === 'file'
    )
      out.push({ path: file, kind: 'file', holds: 'SSH private key', openclaw: false });
  }
  add(path.join(claudeConfigDir(home, env), '.credentials.json'), 'Claude Code OAuth tokens');
  const state = openclawStateDir(home, env, fsys);
  const oauthDir = env.OPENCLAW_OAUTH_DIR
    ? path.resolve(env.OPENCLAW_OAUTH_DIR)
    : path.join(state, 'credentials');
  add(oauthDir, 'OpenClaw channel credentials', true);
  add(path.join(state, '.env'), 'OpenClaw provider keys', true);
  add(path.join(state, 'secrets.json'), 'OpenClaw secrets', true);
  add(path.join(state, 'state', 'openclaw.sqlite'), 'OpenClaw MCP OAuth tokens', true);
  for (const id of [...fsys.list(path.join(state, 'agents'))].sort())
    for (const f of OPENCLAW_AGENT_FILES) add(path.join(state, 'agents', id, 'agent', f.name), f.holds, true);
  return out;
}
