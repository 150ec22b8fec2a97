/**
 * Installers that tools' vendors publish on their own domains and document as `curl … | sh` (host, or host and
 * path prefix), each from the vendor's install page: rustup.rs, docs.astral.sh/uv, bun.sh/docs/installation,
 * docs.deno.com, docs.docker.com/engine/install (get.docker.com), brew.sh, github.com/nvm-sh/nvm,
 * pnpm.io/installation, python-poetry.org/docs, docs.anthropic.com (Claude Code), docs.openclaw.ai/install,
 * mise.jdx.dev, ollama.com/download, volta.sh, github.com/Schniz/fnm, starship.rs, tailscale.com/download,
 * moonrepo.dev/docs/proto, cloud.google.com/sdk/docs/install, metacpan.org/pod/App::cpanminus (cpanmin.us),
 * cli.oomol.com/install-guide.md (OOMOL's oo CLI).
 * Piping one of them to a shell runs the vendor's current release: a one-time setup step the user is shown,
 * not a payload. Another host (a lookalike, a raw IP, a paste site, someone's gist) is not on the list.
 */
const VENDOR_INSTALLERS = [
  'sh.rustup.rs',
  'astral.sh/uv/',
  'astral.sh/ruff/',
  'bun.sh/install',
  'bun.com/install',
  'deno.land/install.sh',
  'deno.land/install.ps1',
  'deno.land/x/install/',
  'get.docker.com',
  'raw.githubusercontent.com/Homebrew/install/',
  'raw.githubusercontent.com/nvm-sh/nvm/',
  'get.pnpm.io/install',
  'install.python-poetry.org',
  'claude.ai/install',
  'openclaw.ai/install',
  'mise.run',
  'ollama.com/install.sh',
  'get.volta.sh',
  'fnm.vercel.app/install',
  'starship.rs/install.sh',
  'tailscale.com/install.sh',
  'moonrepo.dev/install/',
  'sdk.cloud.google.com',
  'cpanmin.us',
  'cli.oomol.com/install',
];

/** `https://` URL of a vendor's own installer (exact host, then the listed path prefix). */
export function isVendorInstaller(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.port !== '') return false;
  const at = `${u.hostname}${u.pathname}`;
  return VENDOR_INSTALLERS.some((entry) => {
    const host = entry.split('/')[0] as string;
    return u.hostname === host && at.startsWith(entry);
  });
}

/** Every URL a line names is a vendor's installer (and it names one). */
export function namesOnlyVendorInstallers(text: string): boolean {
  const urls = [...text.matchAll(/https?:\/\/[^\s"'`|)<>]+/g)].map((m) => m[0]);
  return urls.length > 0 && urls.every(isVendorInstaller);
}

/**
 * Package indexes hardware and framework vendors publish for their own builds (CUDA wheels, PyTorch's
 * per-CUDA wheels, PyG's compiled extensions), documented by them as `--extra-index-url`: the vendor's
 * packages, not a stranger's. Exact hosts only.
 */
const VENDOR_INDEXES = new Set([
  'pypi.nvidia.com',
  'pypi.ngc.nvidia.com',
  'download.pytorch.org',
  'data.pyg.org',
]);

export function isVendorIndex(host: string): boolean {
  return VENDOR_INDEXES.has(host.toLowerCase());
}
