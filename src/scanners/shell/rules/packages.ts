import { type Cmd, flagSet, hasFlag, make, operands, type RuleContext } from '../command.js';
import type { Word } from '../model.js';

/** Tools a project normally has as dev dependencies: `npx <tool>` runs the local copy. */
const LOCAL_BINS = new Set([
  'vitest',
  'jest',
  'mocha',
  'ava',
  'tap',
  'c8',
  'nyc',
  'tsc',
  'tsx',
  'ts-node',
  'biome',
  '@biomejs/biome',
  'eslint',
  'prettier',
  'esbuild',
  'vite',
  'webpack',
  'rollup',
  'parcel',
  'turbo',
  'nx',
  'lerna',
  'next',
  'nuxt',
  'astro',
  'svelte-kit',
  'playwright',
  'cypress',
  'stylelint',
  'knip',
  'changeset',
  'husky',
  'lint-staged',
  'tailwindcss',
  'postcss',
  'babel',
  'swc',
  'tsup',
  'unbuild',
  'vue-tsc',
  'prisma',
  'drizzle-kit',
  'typeorm',
  'sequelize',
  'storybook',
  'rimraf',
  'concurrently',
  'nodemon',
  'cross-env',
  'dotenv',
  'serve',
  'http-server',
  'wrangler',
  'depcheck',
  'madge',
  'typedoc',
  'api-extractor',
  'oxlint',
  'rome',
  'semantic-release',
  'commitlint',
]);

/** `.`, `./pkg`, `../lib`, `.[dev]`: the project itself or a sibling checkout, not a package from a registry. */
const LOCAL_PATH = /^\.\.?(\/.*)?(\[[\w,.-]+\])?$/;
/** pip / uv / poetry options whose next word is their value, not a package. */
const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-C',
  '--directory',
  '--dir',
  '-w',
  '--workspace',
  '--filter',
  '--registry',
  '-c',
  '--constraint',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-t',
  '--target',
  '--group',
  '-G',
  // poetry's dependency groups and extras: still what the manifest declares.
  '--with',
  '--without',
  '--only',
  '-E',
  '--extras',
  '--python',
  '-p',
  '--prefix',
  '--root',
  '--only-binary',
  '--no-binary',
  '-f',
  '--find-links',
]);

/** pip and the build tools it bootstraps with, as `pip install -U` names them (a version pin allowed). */
const PIP_ITSELF = /^(pip|setuptools|wheel)([<>=!~]=?[\w.*]+)?$/;

const NODE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'cnpm']);
const SYSTEM_MANAGERS =
  /^(apt|apt-get|aptitude|yum|dnf|zypper|apk|pacman|brew|port|snap|flatpak|choco|winget|scoop|nix-env|pkg|pkgin|opkg|eopkg|swupd|guix)$/;
/** System package managers whose command itself installs or removes (OpenBSD, Void, Mageia, Gentoo). */
const SYSTEM_INSTALLERS = /^(pkg_add|xbps-install|urpmi|emerge)$/;
const SYSTEM_REMOVERS = /^(pkg_delete|xbps-remove|urpme)$/;

/** Installing what the project's own manifest or lockfile declares: everyday work, weighed only under taint. */
function declared(rc: RuleContext, what: string): void {
  rc.emit(
    make(
      'package-install',
      'package-install-lockfile',
      'harmless',
      `${what} installs the project's declared dependencies`,
    ),
  );
}

function install(rc: RuleContext, what: string, packages: Word[]): void {
  const names = packages
    .map((w) => w.value)
    .slice(0, 5)
    .join(' ');
  rc.emit(make('package-install', 'package-install', 'high', `${what} installs ${names || 'packages'}`));
}

export function packages(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  const ops = operands(
    cmd.args,
    new Set([
      '-C',
      '--prefix',
      '--dir',
      '--filter',
      '-w',
      '--workspace',
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '-i',
      '--index-url',
      '--registry',
      '-t',
      '--target',
    ]),
  );
  const sub = ops[0]?.value ?? '';
  const rest = ops.slice(1);
  if (NODE_MANAGERS.has(base)) {
    if (['install', 'i', 'add', 'isntall', 'in'].includes(sub)) {
      const named = rest.filter((w) => !/^(\.|\.\/.*|file:.*)$/.test(w.value));
      if (named.length > 0 || (base === 'yarn' && sub === 'add')) install(rc, `${base} ${sub}`, named);
      else declared(rc, `${base} ${sub}`);
    } else if (sub === 'ci' || (base === 'yarn' && sub === '')) {
      declared(rc, base === 'yarn' ? 'yarn' : `${base} ci`);
    } else if (['uninstall', 'remove', 'rm', 'un', 'unlink'].includes(sub)) {
      rc.emit(
        make(
          'package-install',
          'package-remove',
          'high',
          `${base} removes packages ${rest.map((w) => w.value).join(' ')}`,
        ),
      );
    } else if (
      sub === 'publish' ||
      sub === 'unpublish' ||
      sub === 'deprecate' ||
      (sub === 'dist-tag' && rest[0]?.value !== 'ls')
    ) {
      rc.emit(make('infra', 'package-publish', 'high', `${base} ${sub} changes a published package`));
    } else if (sub === 'exec' || sub === 'dlx' || (base === 'yarn' && sub === 'dlx')) {
      npxLike(rc, `${base} ${sub}`, rest);
    } else if (base === 'npm' && (sub === 'update' || sub === 'up') && !hasFlag(cmd.args, '-g', '--global')) {
      // Newer versions within the ranges package.json gives, of packages it lists: like `npm install` sans lockfile.
      declared(rc, `${base} ${sub}`);
    } else if ((base === 'npm' && (sub === 'link' || sub === 'update' || sub === 'up')) || sub === 'global') {
      rc.emit(make('package-install', 'package-update', 'low', `${base} ${sub} changes installed packages`));
    }
    return;
  }
  if (base === 'npx' || base === 'pnpx' || base === 'bunx') {
    npxLike(rc, base, ops);
    return;
  }
  if ((base === 'pipx' || base === 'uvx' || base === 'nix') && (sub === 'run' || base === 'uvx')) {
    // `pipx run tools/x.py` runs a project script; `pipx run black`, `nix run github:o/r` fetch and run a package.
    const target = base === 'uvx' ? ops[0] : rest[0];
    if (target && !LOCAL_PATH.test(target.value) && !/\.py$|^\.#|^\.$/.test(target.value))
      rc.emit(
        make(
          'package-install',
          'npx-remote-package',
          'high',
          `${base} ${sub} downloads and runs ${target.value}`,
        ),
      );
    return;
  }
  // `go run module@version` fetches that module and runs it; `deno run https://…` (and bun, `deno x`) runs
  // code from a URL. Project packages (`go run ./cmd/x`, `deno run main.ts`) are the project's own code.
  const remoteTarget =
    (base === 'go' && sub === 'run' && rest.find((w) => /^[\w.-]+\.[a-z]{2,}\/\S*@\S+$/i.test(w.value))) ||
    ((base === 'deno' || base === 'bun') &&
      /^(run|x|install|-A)?$/.test(sub) &&
      [...ops, ...rest].find((w) => /^(https?:|npm:|jsr:)/i.test(w.value)));
  if (remoteTarget) {
    rc.emit(
      make(
        'package-install',
        'npx-remote-package',
        'high',
        `${base} ${sub} downloads and runs ${remoteTarget.value}`,
      ),
    );
    return;
  }
  if (
    (base === 'mise' || base === 'asdf' || base === 'rtx') &&
    /^(use|install|plugin)$/.test(sub) &&
    (base !== 'mise' || sub !== 'use' || cmd.args.some((w) => w.value === '-g' || w.value === '--global'))
  ) {
    install(
      rc,
      `${base} ${sub}`,
      rest.filter((w) => !w.value.startsWith('-')),
    );
    return;
  }
  if (
    (base === 'nix-env' && cmd.args.some((w) => /^(-[A-Za-z]*i[A-Za-z]*|--install)$/.test(w.value))) ||
    (base === 'nix' && sub === 'profile' && rest[0]?.value === 'install')
  ) {
    install(
      rc,
      base,
      rest.filter((w) => !w.value.startsWith('-')),
    );
    return;
  }
  if (
    (base === 'python' || base === 'python3') &&
    cmd.args[0]?.value === '-m' &&
    cmd.args[1]?.value === 'twine' &&
    cmd.args[2]?.value === 'upload'
  ) {
    rc.emit(make('infra', 'package-publish', 'high', 'twine uploads a package'));
    return;
  }
  if (
    /^pip[0-9.]*$|^pipx$|^uv$|^poetry$|^pdm$|^conda$|^mamba$/.test(base) ||
    ((base === 'python' || base === 'python3') &&
      cmd.args[0]?.value === '-m' &&
      /^pip/.test(cmd.args[1]?.value ?? ''))
  ) {
    const args = operands(base.startsWith('python') ? cmd.args.slice(2) : cmd.args, PIP_VALUE_OPTIONS);
    const verb = args[0]?.value ?? '';
    const after = base === 'uv' && verb === 'pip' ? args.slice(2) : args.slice(1);
    const verb2 = base === 'uv' && verb === 'pip' ? (args[1]?.value ?? '') : verb;
    if (verb2 === 'install' || verb2 === 'add' || verb2 === 'inject') {
      const fromFiles =
        flagSet(cmd.args).has('r') ||
        cmd.args.some((w) => w.value === '-e' || w.value === '--editable' || w.value === '--requirement');
      // `pip install -U pip setuptools wheel`: the installer upgrading itself, from the index it already uses.
      const named = after.filter((w) => !LOCAL_PATH.test(w.value) && !PIP_ITSELF.test(w.value));
      if (named.length > 0 && !(fromFiles && named.every((w) => /\.(txt|in)$/.test(w.value))))
        install(rc, `${base} ${verb2}`, named);
      else declared(rc, `${base} ${verb2}`);
    } else if (verb2 === 'sync') {
      declared(rc, `${base} sync`);
    } else if (verb2 === 'uninstall' || verb2 === 'remove') {
      rc.emit(make('package-install', 'package-remove', 'high', `${base} ${verb2} removes packages`));
    } else if (verb2 === 'publish' || verb2 === 'upload') {
      rc.emit(make('infra', 'package-publish', 'high', `${base} ${verb2} publishes a package`));
    }
    return;
  }
  if (base === 'twine' && sub === 'upload')
    rc.emit(make('infra', 'package-publish', 'high', 'twine uploads a package'));
  if (
    (base === 'gem' ||
      base === 'cargo' ||
      base === 'go' ||
      base === 'composer' ||
      base === 'dotnet' ||
      base === 'mix' ||
      base === 'opam' ||
      base === 'cabal' ||
      base === 'stack') &&
    /^(install|add|get|require)$/.test(sub)
  ) {
    if (base === 'go' && sub === 'get' && rest.length === 0) return;
    // `go install` (the current module), `cargo install --path .`: the project builds and installs itself.
    const local =
      base === 'cargo' && cmd.args.some((w) => w.value === '--path' || w.value.startsWith('--path='));
    if ((base === 'go' && sub === 'install' && rest.length === 0) || local) {
      declared(rc, `${base} install`);
      return;
    }
    if ((base === 'composer' || base === 'gem') && sub === 'install' && rest.length === 0) {
      declared(rc, `${base} install`);
      return;
    }
    if (base === 'cargo' && sub === 'add') {
      rc.emit(make('package-install', 'package-add', 'low', 'cargo add adds a dependency to the manifest'));
      return;
    }
    install(rc, `${base} ${sub}`, rest);
    return;
  }
  if ((base === 'gem' && sub === 'push') || (base === 'cargo' && (sub === 'publish' || sub === 'yank'))) {
    rc.emit(make('infra', 'package-publish', 'high', `${base} ${sub} changes a published package`));
    return;
  }
  if (
    (base === 'mvn' || base === 'mvnw' || base === 'gradle' || base === 'gradlew') &&
    ops.some((w) => /^(deploy|publish\w*|release:perform|uploadArchives)$/.test(w.value))
  ) {
    rc.emit(make('infra', 'package-publish', 'high', `${base} publishes build artifacts`));
    return;
  }
  const queryOnly = cmd.args.some((w) =>
    /^(-h|--help|-s|--search|-p|--pretend|-n|-V|--version)$/.test(w.value),
  );
  if (SYSTEM_INSTALLERS.test(base) && !queryOnly) install(rc, base, ops);
  else if (SYSTEM_REMOVERS.test(base) && !queryOnly)
    rc.emit(make('package-install', 'package-remove', 'high', `${base} removes system packages`));
  else if (SYSTEM_MANAGERS.test(base)) {
    if (
      /^(install|add|reinstall|upgrade|dist-upgrade|full-upgrade|-S|-U|localinstall|bundle-add)$/.test(sub) ||
      cmd.args.some((w) => /^-S[a-z]*$/.test(w.value))
    ) {
      install(rc, `${base} ${sub}`, rest);
    } else if (
      /^(remove|purge|uninstall|erase|autoremove|del|delete|-R)$/.test(sub) ||
      cmd.args.some((w) => /^-R[a-z]*$/.test(w.value))
    ) {
      rc.emit(make('package-install', 'package-remove', 'high', `${base} removes system packages`));
    }
  }
}

function npxLike(rc: RuleContext, tool: string, args: Word[]): void {
  const pkg = args.find((w) => !w.value.startsWith('-'));
  if (!pkg) return;
  const name = pkg.value.replace(/@[^/@]*$/, '') || pkg.value;
  if (LOCAL_BINS.has(name)) {
    rc.emit(make('exec', 'local-bin', 'harmless', `${tool} runs the project's ${name}`));
    return;
  }
  rc.emit(make('package-install', 'npx-remote-package', 'high', `${tool} downloads and runs ${pkg.value}`));
}
