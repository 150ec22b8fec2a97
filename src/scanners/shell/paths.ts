import { posix } from 'node:path';
import { shellGlob as globToRegExp } from '../../core/glob.js';
import type { Word } from './model.js';
import type { ShellContext } from './types.js';

/** A shell glob over a path, matched in linear time (no RegExp built from a command's pattern). */
export { globToRegExp };

/** Where a path argument points, as far as can be known before running the command. */
export interface ResolvedPath {
  /** Absolute, normalised path; null when it depends on run-time values. */
  abs: string | null;
  /** The word contains glob characters; `abs` is then the pattern. */
  glob: boolean;
}

const TEMP_VARS = /^(?:\$TMPDIR|\$\{TMPDIR\}|\$\{TMPDIR:-\/tmp\/?\})(?=\/|$)/;
const HOME_VARS = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/;
const PWD_VARS = /^(?:\$PWD|\$\{PWD\})(?=\/|$)/;
/**
 * The XDG base directories, taken at their defaults under home (`$XDG_CONFIG_HOME`, `${XDG_CONFIG_HOME:-~/.config}`):
 * autostart entries, systemd user units and tool configs live there.
 */
const XDG_VARS =
  /^(?:\$(XDG_(?:CONFIG|DATA|STATE|CACHE)_HOME)|\$\{(XDG_(?:CONFIG|DATA|STATE|CACHE)_HOME)(?::?-(?:~|\$HOME|\$\{HOME\})\/[\w./-]*)?\})(?=\/|$)/;
const XDG_DEFAULTS: Readonly<Record<string, string>> = {
  XDG_CONFIG_HOME: '.config',
  XDG_DATA_HOME: '.local/share',
  XDG_STATE_HOME: '.local/state',
  XDG_CACHE_HOME: '.cache',
};

/** Resolves a word against cwd, expanding `~`, `$HOME`, `${HOME}`, `$PWD` and `$TMPDIR`. */
export function resolveWord(word: Word, ctx: ShellContext): ResolvedPath {
  // A literal word with `$` in it was quoted: the `$` is a character, not an expansion.
  if (word.literal && word.value.includes('$') && !word.text.startsWith('~')) {
    return resolveText(`./${word.value}`.replace(/^\.\/(?=\/)/, ''), ctx, word.glob, false);
  }
  return resolveText(word.value, ctx, word.glob);
}

export function resolveText(
  value: string,
  ctx: ShellContext,
  glob = /[*?[]/.test(value),
  expand = true,
): ResolvedPath {
  let text = value;
  if (!expand) {
    if (!text.startsWith('/') && ctx.cwd === '') return { abs: null, glob };
    return { abs: posix.normalize(text.startsWith('/') ? text : posix.join(ctx.cwd, text)), glob };
  }
  if (HOME_VARS.test(text)) text = ctx.home + text.replace(HOME_VARS, '');
  else if (TEMP_VARS.test(text)) text = `/tmp${text.replace(TEMP_VARS, '')}`;
  else if (PWD_VARS.test(text)) text = ctx.cwd + text.replace(PWD_VARS, '');
  else if (XDG_VARS.test(text)) {
    const m = XDG_VARS.exec(text) as RegExpExecArray;
    text = `${ctx.home}/${XDG_DEFAULTS[(m[1] ?? m[2]) as string]}${text.slice(m[0].length)}`;
  } else if (text.startsWith('~')) {
    const user = /^~([A-Za-z_][A-Za-z0-9_.-]*)(?=\/|$)/.exec(text);
    if (!user) return { abs: null, glob };
    text = userHome(user[1] as string, ctx) + text.slice(user[0].length);
  }
  if (/[$`]/.test(text) || text === '') return { abs: null, glob };
  // An empty cwd means an earlier `cd` went somewhere only known at run time.
  if (!text.startsWith('/') && ctx.cwd === '') return { abs: null, glob };
  const abs = posix.normalize(text.startsWith('/') ? text : posix.join(ctx.cwd, text));
  return { abs: abs.length > 1 ? abs.replace(/\/+$/, '') : abs, glob };
}

/**
 * `~name`: the account's home. Only the user's own (`~dev` when home is /home/dev) and root's are certain;
 * other accounts are taken to live beside the user's home, which is where they are on almost every machine.
 */
function userHome(name: string, ctx: ShellContext): string {
  if (name === posix.basename(ctx.home)) return ctx.home;
  if (name === 'root') return '/root';
  return posix.join(posix.dirname(ctx.home), name);
}

export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** Directories whose loss breaks the machine or every account on it. */
const SYSTEM_DIRS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/opt',
  '/proc',
  '/root',
  '/sbin',
  '/srv',
  '/sys',
  '/usr',
  '/var',
  '/Applications',
  '/Library',
  '/System',
  '/private',
  '/snap',
];

export const TEMP_DIRS = ['/tmp', '/var/tmp', '/private/tmp', '/dev/shm'];

export function isTemp(path: string): boolean {
  return TEMP_DIRS.some((t) => isInside(path, t));
}

/** System locations: a top-level system directory or anything below one (temp dirs excepted). */
export function isSystemPath(path: string): boolean {
  if (isTemp(path)) return false;
  return SYSTEM_DIRS.some((dir) => isInside(path, dir));
}

/**
 * A temporary directory that is nobody's home or project: in containers and CI, HOME and the project often
 * live under /tmp, and they are then judged as home and project.
 */
export function isScratch(path: string, ctx: ShellContext): boolean {
  return isTemp(path) && !isInside(path, ctx.home) && !isInside(path, ctx.project);
}

/** A system location that is not the user's home or project (a VPS keeps projects in /srv, /opt, /var/www). */
export function isSystemPathFor(path: string, ctx: ShellContext): boolean {
  return isSystemPath(path) && !isInside(path, ctx.project) && !isInside(path, ctx.home);
}

/** `/`, a top-level system directory, the home directory or a parent of it. */
export function isCriticalRoot(path: string, ctx: ShellContext): boolean {
  if (path === '/' || path === ctx.home || isInside(ctx.home, path)) return true;
  // A project in /srv/app is one level below a system directory, but it is the project.
  if (isInside(path, ctx.project) || (isInside(path, ctx.home) && path !== ctx.home)) return false;
  if (SYSTEM_DIRS.includes(path) || USER_ROOTS.includes(path)) return true;
  // Someone's home, or one level below a system dir (/usr/lib, /var/log, /etc/ssh): still a whole tree.
  const parent = posix.dirname(path);
  return USER_ROOTS.includes(parent) || (SYSTEM_DIRS.includes(parent) && !isTemp(path));
}

/** Where home directories and mounted volumes live. */
const USER_ROOTS = ['/home', '/Users', '/mnt', '/media', '/Volumes'];

/** Generated directories a build or install recreates; deleting them inside the project loses nothing. */
const BUILD_OUTPUTS = new Set([
  'dist',
  'build',
  'out',
  'node_modules',
  'target',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.svelte-kit',
  'coverage',
  '.nyc_output',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.venv',
  'venv',
  '.gradle',
  'tmp',
  '.tmp',
  'temp',
  'log',
  'logs',
  'bin',
  'obj',
  '.eggs',
  'htmlcov',
  'storybook-static',
  '.vite',
  '.angular',
  '.expo',
  '.serverless',
  '.terraform',
  // Other ecosystems' dependency, build and cache folders (CocoaPods, Dart, Swift, Xcode, Android, Composer and
  // Go vendoring, Bower, Elm, Haskell, Elixir/Sphinx, site generators, hosting CLIs, test tools).
  'vendor',
  'Pods',
  '.dart_tool',
  '.build',
  'DerivedData',
  '.cxx',
  '.externalNativeBuild',
  'bower_components',
  'jspm_packages',
  'elm-stuff',
  '.stack-work',
  'dist-newstyle',
  '_build',
  '.docusaurus',
  '.astro',
  '.output',
  '.vercel',
  '.netlify',
  '.webpack',
  '.hypothesis',
  '.ipynb_checkpoints',
  '.pnpm-store',
  '.sass-cache',
  '.nox',
  '.pytype',
  'cache',
  '.expo',
  '.expo-shared',
  'dist-ssr',
  'test-results',
  'playwright-report',
  'blob-report',
  // Files tools write and rewrite: coverage data, lint and compiler caches.
  '.coverage',
  '.eslintcache',
  '.stylelintcache',
]);

/** The path is, or is inside, a build output directory of the project. */
export function isBuildOutput(path: string, project: string): boolean {
  if (!isInside(path, project) || path === project) return false;
  const segments = path.slice(project.length + 1).split('/');
  return segments.some(
    (s) =>
      BUILD_OUTPUTS.has(s) ||
      s.endsWith('.egg-info') ||
      s.endsWith('.tsbuildinfo') ||
      /^cmake-build-/.test(s),
  );
}

/**
 * Package managers' and tools' download caches in the home directory: what they hold is fetched again on
 * demand. For the shared folders (`~/.cache`, `~/Library/Caches`) only one program's folder below counts.
 */
const HOME_CACHES = [
  '.npm/_cacache',
  '.npm/_npx',
  '.yarn/cache',
  '.pnpm-store',
  '.bun/install/cache',
  '.gradle/caches',
  '.cargo/registry/cache',
  'go/pkg/mod/cache',
  '.m2/repository',
];
const SHARED_CACHES = ['.cache', 'Library/Caches'];

export function isHomeCache(path: string, ctx: ShellContext): boolean {
  if (HOME_CACHES.some((c) => isInside(path, `${ctx.home}/${c}`))) return true;
  return SHARED_CACHES.some((c) => path !== `${ctx.home}/${c}` && isInside(path, `${ctx.home}/${c}`));
}

/**
 * Credential stores in a home directory, relative to it: files, or folders made of them. The policy's built-in
 * protected paths (policy/defaults.ts) are made from this list, so the two agree.
 */
export const HOME_SECRETS: readonly string[] = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.config/gcloud',
  '.kube',
  '.docker/config.json',
  '.azure',
  '.config/gh',
  '.password-store',
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  'Library/Keychains',
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Firefox',
  'Library/Cookies',
  '.local/share/keyrings',
  'snap/firefox',
  '.claude/.credentials.json',
  '.vault-token',
  '.terraform.d/credentials.tfrc.json',
  // Tool configs that hold tokens or passwords in plain text.
  '.terraformrc',
  '.s3cfg',
  '.boto',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.m2/settings.xml',
  '.m2/settings-security.xml',
  '.gradle/gradle.properties',
  '.composer/auth.json',
  '.databrickscfg',
  '.kaggle/kaggle.json',
  '.huggingface/token',
  '.cache/huggingface/token',
  '.pulumi/credentials.json',
  '.oci',
  '.dockercfg',
  // Hosting, data and SaaS CLIs that keep a token or a password in their config.
  '.fly/config.yml',
  '.dbt/profiles.yml',
  '.wrangler/config',
  '.netlify/config.json',
  '.railway/config.json',
  '.snowsql/config',
  '.ngrok2/ngrok.yml',
  '.cloudflared',
  '.mc/config.json',
  '.tsh',
  '.rclone.conf',
  '.jfrog',
  '.bundle/config',
  '.config/git/credentials',
  '.config/rclone/rclone.conf',
  '.config/doctl/config.yaml',
  '.config/hub',
  '.config/netlify/config.json',
  '.config/stripe/config.toml',
  '.config/heroku',
  '.config/configstore',
  // Mail, chat, remote-desktop and file-share clients that store passwords, and macOS apps' sandboxes.
  '.thunderbird',
  '.remmina',
  '.purple',
  '.irssi/config',
  '.msmtprc',
  '.fetchmailrc',
  '.smbcredentials',
  '.mongoshrc.js',
  'Library/Group Containers',
  'Library/Containers',
];

/** Files whose contents are credentials, or directories made of them. */
export function isCredentialPath(path: string, ctx: ShellContext): boolean {
  const base = posix.basename(path);
  if (/^\.env(\..+)?$/.test(base) && !/\.(example|sample|template|dist|defaults?)$/.test(base)) return true;
  if (/\.(pem|key|p12|pfx|keystore|jks|kdbx|gpg|asc|ovpn)$/.test(base) && !/\.pub$/.test(base)) return true;
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(base)) return true;
  if (
    /^(\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.pgpass|\.my\.cnf|credentials(\.json|\.db)?|\.credentials\.json|terraform\.tfstate(\.backup)?|(key|keystore|signing)\.properties)$/.test(
      base,
    )
  ) {
    return true;
  }
  // Another user's home (`/home/alice`, `/root`) holds the same kinds of files as this one's.
  const home = isInside(path, ctx.home) ? ctx.home : (OTHER_HOME.exec(path)?.[1] ?? ctx.home);
  for (const dir of HOME_SECRETS) {
    const full = `${home}/${dir}`;
    if (path === home) return false;
    if (isInside(path, full) || (dir === '.ssh' && path === full)) {
      // Public halves and host lists are not secret.
      return !/\.pub$|known_hosts(\.old)?$/.test(base);
    }
  }
  // Shell and REPL histories hold tokens typed on command lines; a process's environment holds its keys.
  if (isInside(path, home) && HISTORY_FILE.test(base)) return true;
  // A tool's own folder in home (`~/.supabase/access-token`, `~/.local/share/com.vercel.cli/auth.json`): a file
  // named for a credential is one, whatever the tool.
  if (isInside(path, home) && path.charAt(home.length + 1) === '.' && CREDENTIAL_NAME.test(base)) return true;
  // A process's environment and memory hold its keys.
  if (/^\/proc\/[^/]+\/(environ|mem)$/.test(path)) return true;
  // Secrets mounted into containers and pods (Docker/Compose secrets, Kubernetes service account tokens).
  if (/^\/(var\/)?run\/secrets\/./.test(path)) return true;
  return SYSTEM_CREDENTIALS.test(path);
}

const OTHER_HOME = /^(\/home\/[^/]+|\/root|\/Users\/[^/]+|\/var\/root)(?:\/|$)/;

/** Machine-wide secrets: password hashes, host keys, cluster admin configs, VPN and Wi-Fi keys, service passwords. */
const SYSTEM_CREDENTIALS =
  /^\/etc\/((g?shadow|sudoers|security\/opasswd)-?$|ssh\/ssh_host_\w+_key$|kubernetes\/(admin|super-admin|controller-manager|scheduler|kubelet|bootstrap-kubelet)\.conf$|rancher\/k3s\/k3s\.yaml$|wireguard\/|NetworkManager\/system-connections\/|mysql\/debian\.cnf$|gitlab\/(gitlab-secrets\.json|initial_root_password)$|ppp\/(chap|pap)-secrets$|postfix\/sasl_passwd|pgbouncer\/userlist\.txt$|ipsec\.secrets$|openvpn\/.*\.(key|conf)$)|^\/var\/lib\/(rancher\/k3s\/server\/(token|node-token|cred\/)|kubelet\/kubeconfig$|jenkins\/secrets\/)/;

/** A data file named for a credential (`auth.json`, `access-token`, `msal_token_cache.json`); not source code (`auth.py`). */
const CREDENTIAL_NAME =
  /^(?:[\w.-]*[._-])?(?:credentials?|secrets?|tokens?|auth|passwords?|passwd|api[-_]?keys?|access[-_]?tokens?|private[-_]?keys?)(?:[-_][\w-]*)?(?:\.(?:json|ya?ml|toml|txt|conf|cfg|ini|db|sqlite|xml|properties|env|dat))?$/i;

const HISTORY_FILE =
  /^\.(bash|zsh|sh|ksh|fish|python|node_repl|psql|mysql|sqlite|rediscli|irb|lesshst|mongosh)_?history$|^\.history$|^fish_history$|^\.dbshell$/;

/** Credential files a globbed path (`~/.ss?/id_*`, `.env*`) could name: the pattern is judged by what it can match. */
export function globMayBeCredential(pattern: string, ctx: ShellContext): boolean {
  // `*` and `*.*` name whatever is there; only a pattern with a name in it (`id_*`, `.env*`) points at secrets.
  if (/^[*?.[\]]*$/.test(posix.basename(pattern))) return false;
  const re = globToRegExp(pattern);
  const literalDir = pattern.slice(0, pattern.search(/[*?[]/)).replace(/\/[^/]*$/, '');
  const candidates = [
    ...CREDENTIAL_FILES.map((f) => `${ctx.home}/${f}`),
    ...LOCAL_CREDENTIAL_NAMES.map((f) => `${literalDir}/${f}`),
  ];
  return candidates.some((c) => re.test(c) && isCredentialPath(c, ctx));
}

const CREDENTIAL_FILES = [
  '.ssh/id_rsa',
  '.ssh/id_ed25519',
  '.ssh/id_ecdsa',
  '.aws/credentials',
  '.aws/config',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.docker/config.json',
  '.kube/config',
  '.config/gh/hosts.yml',
  '.config/gcloud/credentials.db',
  '.config/gcloud/application_default_credentials.json',
  '.azure/accessTokens.json',
  '.claude/.credentials.json',
  '.vault-token',
  '.password-store/x.gpg',
  '.bash_history',
  '.zsh_history',
];
const LOCAL_CREDENTIAL_NAMES = [
  '.env',
  '.env.local',
  '.env.production',
  'id_rsa',
  'id_ed25519',
  'credentials',
  'server.key',
];

/** Files that run on their own later: shell start-up, ssh access, scheduled and service definitions. */
export function persistenceKind(path: string, ctx: ShellContext): 'critical' | 'high' | null {
  const home = ctx.home;
  const rel = isInside(path, home) ? path.slice(home.length + 1) : null;
  if (rel !== null) {
    if (/^\.ssh\/authorized_keys2?$/.test(rel)) return 'critical';
    if (
      /^\.(bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zshenv|zprofile|zlogin|inputrc|xinitrc|xprofile|xsessionrc|xsession|pam_environment|vimrc|gvimrc|exrc|tmux\.conf|screenrc|Rprofile|pythonrc(\.py)?|irbrc|pryrc|emacs|curlrc|wgetrc|gemrc)$/.test(
        rel,
      ) ||
      // Editors' and build tools' start-up code, and Python's user site (a .pth file runs at every start).
      /^\.(vim\/(plugin|autoload|ftplugin|after)|emacs\.d|gradle\/init\.d|config\/(nvim|environment\.d)|local\/lib\/python[^/]*\/site-packages)(\/|$)/.test(
        rel,
      ) ||
      /^\.(gradle\/init\.gradle(\.kts)?|cargo\/config(\.toml)?)$/.test(rel) ||
      /^\.config\/(fish\/|systemd\/user\/|autostart\/)/.test(rel) ||
      /^Library\/LaunchAgents\//.test(rel) ||
      /^\.ssh\//.test(rel) ||
      // Claude Code loads these into every later session: settings and hooks run code, the others instruct it.
      /^\.claude\/(settings(\.local)?\.json$|hooks\/|commands\/|agents\/|skills\/|CLAUDE\.md$)|^\.claude\.json$/.test(
        rel,
      ) ||
      /^\.gitconfig$/.test(rel)
    ) {
      return 'high';
    }
  }
  if (/^\/etc\/(sudoers|passwd|shadow|group)(\.d\/|$)/.test(path)) return 'critical';
  if (
    /^\/etc\/(cron|systemd|init\.d|rc\.local|profile|bash\.bashrc|zsh|ld\.so|environment$|pam\.d|update-motd\.d|apt\/(apt\.conf\.d|sources\.list)|yum\.repos\.d|ssh\/sshd_config|xdg\/autostart|udev\/rules\.d|NetworkManager\/dispatcher\.d)/.test(
      path,
    )
  )
    return 'high';
  if (/^\/(var\/spool\/cron|Library\/Launch(Agents|Daemons)|usr\/lib\/systemd|lib\/systemd)\//.test(path)) {
    return 'high';
  }
  if (/\/\.git\/hooks\//.test(path)) return 'high';
  if (/\/\.claude\/settings(\.local)?\.json$/.test(path)) return 'high';
  return null;
}

/** Shows a path relative to home for reasons (`~/x`), or as is. */
export function display(path: string, ctx: ShellContext): string {
  if (path === ctx.home) return '~';
  return isInside(path, ctx.home) ? `~/${path.slice(ctx.home.length + 1)}` : path;
}
