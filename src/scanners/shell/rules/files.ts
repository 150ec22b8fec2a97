import { posix } from 'node:path';
import { type Cmd, flagSet, hasFlag, make, operands, type RuleContext, values } from '../command.js';
import { findRoots, firstExpression } from '../find-args.js';
import { dynamicWord, literalWord, type Word } from '../model.js';
import {
  display,
  globMayBeCredential,
  isBuildOutput,
  isCredentialPath,
  isCriticalRoot,
  isHomeCache,
  isInside,
  isScratch,
  isSystemPathFor,
  persistenceKind,
  type ResolvedPath,
  resolveText,
  resolveWord,
} from '../paths.js';
import { searchPatternIndex } from '../search-pattern.js';
import type { Risk, ShellContext } from '../types.js';
import { producedText } from './network.js';

/**
 * Names of files, not folders: a stem and a common data, lock, log or archive extension (`yarn.lock`,
 * `*.log`, `npm-debug.log*`, `report.xml`). Source extensions are left out: deleting sources asks anyway.
 */
const FILE_NAME =
  /^[^/.][^/]*\.(json|lock|log|txt|xml|csv|html?|tmp|bak|old|orig|rej|out|pid|sqlite3?|db|zip|tgz|gz|tar|whl|jar|map|tsbuildinfo)(\.?\*|\.\d+)?$/i;

/** How bad deleting `target` is; `recursive` for whole trees. */
export function deletionRisk(
  target: ResolvedPath,
  recursive: boolean,
  ctx: ShellContext,
): { risk: Risk; why: string } {
  const { abs, glob } = target;
  if (abs === null) return { risk: 'high', why: 'a path only known at run time' };
  // `{}` stands for each file find matched under its root.
  const found = abs.endsWith('/{}');
  const dir = glob || found ? abs.replace(/\/[^/]*([*?[]|\{\})[^/]*$/, '') || '/' : abs;
  if (found && isCriticalRoot(dir, ctx))
    return { risk: 'critical', why: `files found under ${display(dir, ctx)}` };
  const shown = display(abs, ctx);
  if (
    recursive &&
    (isCriticalRoot(dir, ctx) || (glob && isCriticalRoot(abs.replace(/\/\*$/, '') || '/', ctx)))
  ) {
    return { risk: 'critical', why: `${shown}, a system or home directory` };
  }
  if (isScratch(abs, ctx)) return { risk: 'low', why: `${shown} in a temporary directory` };
  const project = ctx.project;
  if (isInside(abs, project)) {
    if (found)
      return {
        risk: recursive && !isBuildOutput(dir, project) ? 'high' : 'low',
        why: `files found under ${shown}`,
      };
    // `rm *.log` at the top matches some files; `rm -rf *` (or `.*`) matches them all.
    const narrowGlob = glob && dir === project && /[^*?]/.test(abs.slice(dir.length + 1).replace(/^\./, ''));
    if (narrowGlob)
      return recursive && !isBuildOutput(abs, project) && !FILE_NAME.test(abs.slice(dir.length + 1))
        ? { risk: 'high', why: `${shown}, project sources` }
        : { risk: 'low', why: `${shown} in the project` };
    if (dir === project || isInside(project, dir)) {
      return { risk: 'high', why: glob ? `everything in the project (${shown})` : 'the whole project' };
    }
    if (/\/\.git(\/|$)/.test(`${abs}/`) && isInside(abs, `${project}/.git`)) {
      return { risk: 'high', why: "the repository's history (.git)" };
    }
    if (isBuildOutput(dir, project)) return { risk: 'low', why: `${shown}, a build output` };
    // A top-level directory (src, lib, docs, data) is a whole part of the project and asks, as do the tools'
    // own folders (.claude, .github, .vscode); below that, removing a directory (examples/legacy, docs/_build,
    // packages/a/lib) is the same everyday edit as removing a file.
    const below = dir.slice(project.length + 1);
    if (recursive && below.includes('/') && !below.startsWith('.') && !/[*?[{$]/.test(below))
      return { risk: 'low', why: `${shown} in the project` };
    // `rm -rf package-lock.json`: a name with a file's extension is a file, and -r changes nothing for it.
    if (recursive && !glob && FILE_NAME.test(below)) return { risk: 'low', why: `${shown} in the project` };
    if (recursive) return { risk: 'high', why: `${shown}, project sources` };
    return { risk: 'low', why: `${shown} in the project` };
  }
  if (isInside(project, abs)) return { risk: 'critical', why: `${shown}, which contains the project` };
  // The user's cache folders hold only what programs download or compute again (XDG ~/.cache, macOS Caches).
  // One program's folder there goes; the whole folder (every cached model and download) asks.
  if (!glob && isHomeCache(abs, ctx)) return { risk: 'low', why: `${shown}, a cache` };
  if (isSystemPathFor(abs, ctx))
    return { risk: recursive ? 'critical' : 'high', why: `${shown}, a system path` };
  return { risk: 'high', why: `${shown}, outside the project` };
}

export function emitDeletion(
  rc: RuleContext,
  id: 'rm' | 'rm-recursive',
  verb: string,
  words: Word[],
  recursive: boolean,
): void {
  for (const word of words) {
    const target = resolveWord(word, rc.ctx);
    const { risk, why } = deletionRisk(target, recursive, rc.ctx);
    rc.emit(make('delete', id, risk, `${verb} ${why}`, target.abs ? [target.abs] : []));
  }
}

export function removal(cmd: Cmd, rc: RuleContext): void {
  if (cmd.base === 'rm') {
    const flags = flagSet(cmd.args);
    if (flags.has('--help') || flags.has('--version')) return;
    const recursive = flags.has('r') || flags.has('R') || flags.has('--recursive');
    const targets = operands(cmd.args);
    if (targets.length === 0 && !cmd.dynamicInput) return;
    emitDeletion(
      rc,
      recursive ? 'rm-recursive' : 'rm',
      recursive ? 'deletes recursively' : 'deletes',
      targets,
      recursive,
    );
    return;
  }
  if (cmd.base === 'rmdir' || cmd.base === 'unlink') {
    emitDeletion(rc, 'rm', 'deletes', operands(cmd.args), false);
    return;
  }
  if (cmd.base === 'shred' || cmd.base === 'srm' || cmd.base === 'wipe') {
    const targets = operands(cmd.args, new Set(['-n', '-s', '--iterations', '--size']));
    if (targets.length === 0) return;
    const paths = targets.map((w) => resolveWord(w, rc.ctx).abs).filter((p): p is string => p !== null);
    const all = paths.length === targets.length;
    const contained = all && paths.every((p) => isInside(p, rc.ctx.project) || isScratch(p, rc.ctx));
    // Scratch files (temp dirs outside home and project) are throw-away: shredding one loses nothing.
    const scratch = all && paths.every((p) => isScratch(p, rc.ctx));
    rc.emit(
      make(
        'delete',
        'shred',
        scratch ? 'low' : contained ? 'high' : 'critical',
        'overwrites files so they cannot be recovered',
        paths,
      ),
    );
    return;
  }
  if (cmd.base === 'find' && cmd.args.some((w) => w.value === '-delete')) {
    const roots = cmd.args.slice(0, firstExpression(cmd.args));
    // `-type f` alone still matches every file of the tree, and so does a negated test (`-not -path
    // '*/node_modules/*'`, `! -name '*.md'`): only a test that picks files narrows what is deleted.
    const filtered = cmd.args.some(
      (w, i) =>
        /^-(name|iname|path|ipath|regex|iregex|mtime|mmin|newer|size|empty)$/.test(w.value) &&
        !/^(-not|!)$/.test(cmd.args[i - 1]?.value ?? ''),
    );
    for (const root of roots.length > 0 ? roots : [{ ...(cmd.args[0] as Word), value: '.' }]) {
      const target = resolveWord(root, rc.ctx);
      let { risk, why } = deletionRisk(target, true, rc.ctx);
      // A filtered find inside the project deletes matching files, not the tree.
      if (filtered && risk === 'high' && target.abs && isInside(target.abs, rc.ctx.project)) risk = 'low';
      // Filtered, it removes some files found under the root (`root/{}`, as for -exec), not the root itself.
      const paths = target.abs ? [filtered ? `${target.abs.replace(/\/$/, '')}/{}` : target.abs] : [];
      rc.emit(make('delete', 'find-delete', risk, `find -delete removes files under ${why}`, paths));
    }
  }
  if (cmd.base === 'truncate' && hasFlag(cmd.args, '-s', '--size')) {
    const paths = operands(cmd.args, new Set(['-s', '--size', '-r', '--reference']))
      .map((w) => resolveWord(w, rc.ctx).abs)
      .filter((p): p is string => p !== null);
    const outside = paths.some((p) => !isInside(p, rc.ctx.project) && !isScratch(p, rc.ctx));
    rc.emit(make('write', 'truncate', outside ? 'high' : 'low', 'empties files', paths));
  }
}

/** Synchronising tools told to delete what the source lacks, or to remove the source after copying. */
export function syncDeletion(cmd: Cmd, rc: RuleContext): void {
  const args = cmd.args;
  if (
    args.some(
      (w) =>
        /^(-n|--dry-run|--list-only|--dryrun)$/.test(w.value) ||
        (/^-[a-zA-Z]*n[a-zA-Z]*$/.test(w.value) && cmd.base === 'rsync'),
    )
  )
    return;
  let reason: string | null = null;
  if (
    cmd.base === 'rsync' &&
    args.some((w) => /^--(delete|del|delete-\w+|remove-source-files)$/.test(w.value))
  ) {
    reason = 'rsync deletes files at the destination that the source lacks';
  } else if (cmd.base === 'rclone' && /^(sync|move|moveto|bisync)$/.test(operands(args)[0]?.value ?? '')) {
    reason = `rclone ${operands(args)[0]?.value} deletes files at the destination or source`;
  } else if (
    cmd.base === 'gsutil' &&
    operands(args)[0]?.value === 'rsync' &&
    args.some((w) => w.value === '-d')
  ) {
    reason = 'gsutil rsync -d deletes files at the destination that the source lacks';
  }
  if (reason) {
    const ops = operands(args, new Set(['-e', '--rsh', '--exclude', '--include', '--filter', '-f']));
    const dest = ops[ops.length - 1];
    const local = dest && !/^[\w.-]*@?[\w.-]+:/.test(dest.value);
    const abs = local ? resolveWord(dest, rc.ctx).abs : null;
    // Mirroring into a build output or scratch dir loses only what a build recreates.
    const disposable = abs !== null && (isBuildOutput(abs, rc.ctx.project) || isScratch(abs, rc.ctx));
    rc.emit(make('delete', 'sync-delete', disposable ? 'low' : 'high', reason, abs ? [abs] : []));
  }
}

/** Disk-level destruction: mkfs, dd to a device, partitioning, wiping signatures. */
export function disks(cmd: Cmd, rc: RuleContext): void {
  const base = cmd.base;
  if (/^mkfs(\..+)?$|^mke2fs$|^mkswap$|^newfs/.test(base)) {
    rc.emit(make('delete', 'mkfs', 'critical', `${base} formats a filesystem, erasing it`));
  } else if (
    base === 'wipefs' ||
    base === 'fdisk' ||
    base === 'sfdisk' ||
    base === 'gdisk' ||
    base === 'parted' ||
    base === 'sgdisk'
  ) {
    if (base === 'fdisk' && hasFlag(cmd.args, '-l', '--list')) return;
    if (base === 'parted' && cmd.args.some((w) => w.value === 'print' || w.value === '-l')) return;
    rc.emit(make('delete', 'partition', 'critical', `${base} rewrites disk partitions or signatures`));
  } else if (base === 'dd') {
    const of = cmd.args.find((w) => w.value.startsWith('of='));
    if (of && /^of=\/dev\/(?!null$|zero$|stdout$|stderr$)/.test(of.value)) {
      rc.emit(
        make('delete', 'dd-device', 'critical', `dd writes raw data to ${of.value.slice(3)}`, [
          of.value.slice(3),
        ]),
      );
    } else if (of) {
      const target = resolveWord({ ...of, value: of.value.slice(3) }, rc.ctx);
      if (
        target.abs &&
        (isSystemPathFor(target.abs, rc.ctx) || !isInside(target.abs, rc.ctx.project)) &&
        !isScratch(target.abs, rc.ctx)
      ) {
        rc.emit(
          make('write', 'dd-write', 'high', `dd overwrites ${display(target.abs, rc.ctx)}`, [target.abs]),
        );
      }
    }
  }
  for (const r of cmd.redirects) {
    if (
      /^>|^&>/.test(r.op) &&
      /^\/dev\/(sd|nvme|hd|disk|mmcblk|vd|xvd|md|dm-|mapper\/)/.test(r.target.value)
    ) {
      rc.emit(
        make('delete', 'write-device', 'critical', `writes raw data to ${r.target.value}`, [r.target.value]),
      );
    }
  }
}

/** A mode that leaves group and others no access: `600`, `0400`, `700`, `go-rwx`, `og=`. */
function closesToOthers(mode: string): boolean {
  if (/^0?[4-7]00$/.test(mode)) return true;
  return /^(go|og|g|o)(-[rwx]*|=)$/.test(mode) || /^(g-[rwx]+,o-[rwx]+|o-[rwx]+,g-[rwx]+)$/.test(mode);
}

/** chmod/chown: world-writable trees, system paths, setuid. */
export function permissions(cmd: Cmd, rc: RuleContext): void {
  if (cmd.base !== 'chmod' && cmd.base !== 'chown' && cmd.base !== 'chgrp') return;
  const recursive = hasFlag(cmd.args, '-R', '--recursive');
  const ops = operands(cmd.args, new Set(['--reference']));
  const [mode, ...targets] = ops;
  if (!mode) return;
  const paths = targets.map((w) => resolveWord(w, rc.ctx));
  const abs = paths.map((p) => p.abs).filter((p): p is string => p !== null);
  const unknown = paths.some((p) => p.abs === null);
  const system = abs.some((p) => isSystemPathFor(p, rc.ctx) || isCriticalRoot(p, rc.ctx));
  const outside = unknown || abs.some((p) => !isInside(p, rc.ctx.project) && !isScratch(p, rc.ctx));
  if (cmd.base === 'chmod') {
    const worldWritable =
      /^0?[0-7]?[0-7][0-7][2367]$/.test(mode.value) || /(^|,)(a|o|ugo)?\+[rwx]*w/.test(mode.value);
    const setuid = /^[4-7][0-7]{3}$/.test(mode.value) || /[ug]?\+[rwx]*s/.test(mode.value);
    if (system && (worldWritable || recursive || setuid)) {
      rc.emit(make('write', 'chmod-system', 'critical', `chmod ${mode.value} on system paths`, abs));
    } else if (worldWritable && (recursive || outside)) {
      rc.emit(
        make(
          'write',
          'chmod-world-writable',
          'high',
          `makes files writable by everyone (${mode.value})`,
          abs,
        ),
      );
    } else if (setuid) {
      rc.emit(make('write', 'chmod-setuid', 'high', 'sets the setuid/setgid bit', abs));
    } else if (!system && !recursive && closesToOthers(mode.value)) {
      // Taking access away from group and others (`chmod 600 ~/.ssh/id_ed25519`) is what ssh and gpg ask for:
      // the file's contents and its owner's access stay as they were.
      rc.emit(make('write', 'chmod', 'harmless', `restricts ${mode.value} permissions to the owner`));
    } else if (system || (outside && abs.some((p) => isCredentialPath(p, rc.ctx)))) {
      rc.emit(make('write', 'chmod-outside', 'high', 'changes permissions outside the project', abs));
    } else {
      rc.emit(make('write', 'chmod', outside ? 'low' : 'harmless', 'changes file permissions', abs));
    }
    return;
  }
  if (system || (recursive && outside)) {
    rc.emit(
      make(
        'write',
        `${cmd.base}-outside`,
        system ? 'critical' : 'high',
        `${cmd.base} outside the project`,
        abs,
      ),
    );
  } else {
    rc.emit(make('write', cmd.base, 'low', `changes file ownership`, abs));
  }
}

/** Options naming the file a download or patch is written to: short letters (also last in `-sSLo`), long names. */
const OUTPUT_OPTIONS: Record<string, { letters: string; long: readonly string[] }> = {
  curl: { letters: 'o', long: ['--output'] },
  wget: { letters: 'Ooa', long: ['--output-document', '--output-file', '--append-output'] },
  patch: { letters: 'or', long: ['--output', '--reject-file'] },
};

/** openssl's own (single-dash) options naming a file it writes: a new key, certificate or request. */
const OPENSSL_OUTPUTS = new Set(['-out', '-keyout']);
/** openssl options naming a key or file it reads to sign, convert or check. */
const OPENSSL_INPUTS = new Set(['-in', '-key', '-inkey', '-signkey', '-sign', '-CAkey', '-CAfile', '-CA']);
/** openssl subcommands whose output holds no private key, whatever files they are given. */
const OPENSSL_PUBLIC_COMMANDS = new Set(['x509', 'verify', 'crl', 'crl2pkcs7', 's_client', 'ocsp']);

/**
 * Indexes of openssl arguments that do not put a credential in the transcript: what it writes (`genrsa -out
 * x.key`), and a project's own key it uses while its result goes to a file, not the screen (`req -key
 * server.key -out server.csr`). Printing options (`-text`) or no `-out` leave the key's reads as they are.
 */
function opensslContained(cmd: Cmd, rc: RuleContext): Set<number> {
  const out = new Set<number>();
  const args = cmd.args;
  // These read certificates, requests and revocation lists, and print only those: a key they sign with
  // (`x509 -req -CAkey ca.key`) is used, never printed.
  const publicOnly = OPENSSL_PUBLIC_COMMANDS.has(args[0]?.value ?? '');
  const toFile = args.some((w) => OPENSSL_OUTPUTS.has(w.value)) && !args.some((w) => w.value === '-text');
  if (publicOnly) for (let i = 0; i < args.length; i++) out.add(i);
  for (let i = 0; i + 1 < args.length; i++) {
    const flag = (args[i] as Word).value;
    if (OPENSSL_OUTPUTS.has(flag)) out.add(i + 1);
    else if (toFile && OPENSSL_INPUTS.has(flag)) {
      const key = resolveWord(args[i + 1] as Word, rc.ctx).abs;
      if (key && (isInside(key, rc.ctx.project) || isScratch(key, rc.ctx))) out.add(i + 1);
    }
  }
  return out;
}

const PATCH_VALUE_FLAGS = new Set([
  '-i',
  '-o',
  '-d',
  '-r',
  '-B',
  '-D',
  '-F',
  '-V',
  '-z',
  '-p',
  '--input',
  '--output',
]);

/** Files written through an output option (`curl -o f`, `wget -O f`), `dd of=f`, `sponge f`, `patch f`. */
function outputFiles(cmd: Cmd): Word[] {
  const out: Word[] = [];
  const args = cmd.args;
  const named = (word: Word, value: string): Word => ({ ...word, text: value, value });
  const options = OUTPUT_OPTIONS[cmd.base];
  for (let i = 0; options && i < args.length; i++) {
    const word = args[i] as Word;
    const value = word.value;
    if (value === '--') break;
    const next = args[i + 1];
    const eq = value.indexOf('=');
    if (value.startsWith('--') && eq > 0) {
      if (options.long.includes(value.slice(0, eq))) out.push(named(word, value.slice(eq + 1)));
    } else if (value.startsWith('--')) {
      if (options.long.includes(value) && next) out.push(args[++i] as Word);
    } else if (/^-[A-Za-z]+$/.test(value) && options.letters.includes(value.slice(-1)) && next) {
      out.push(args[++i] as Word);
    }
  }
  if (cmd.base === 'openssl')
    for (let i = 0; i + 1 < args.length; i++)
      if (OPENSSL_OUTPUTS.has((args[i] as Word).value)) out.push(args[i + 1] as Word);
  if (cmd.base === 'dd') {
    for (const word of args) {
      // Devices are the disks rule's business.
      if (word.value.startsWith('of=') && !word.value.startsWith('of=/dev/'))
        out.push(named(word, word.value.slice(3)));
    }
  }
  if (cmd.base === 'sponge') out.push(...operands(args));
  if (cmd.base === 'patch') {
    const original = operands(args, PATCH_VALUE_FLAGS)[0];
    if (original) out.push(original);
  }
  return out.filter((w) => w.value !== '' && w.value !== '-');
}

/** Destinations written by redirections, tee, cp, mv, install, ln, sed -i, and what is at stake. */
export function writes(cmd: Cmd, rc: RuleContext): void {
  const targets: Word[] = outputFiles(cmd);
  // openssl writes what it generates: a new key in the project is the project's own (local TLS, test fixtures).
  const generated = cmd.base === 'openssl' ? new Set(targets) : undefined;
  for (const r of cmd.redirects) {
    if (/^(>|>>|>\||&>|&>>|>&)$/.test(r.op) && !/^\d+$|^-$/.test(r.target.value)) targets.push(r.target);
  }
  const base = cmd.base;
  if (base === 'tee') targets.push(...operands(cmd.args));
  // Creating a file or directory is a write there: `touch ~/.ssh/x` plants a file in a credential store.
  if (base === 'touch')
    targets.push(...operands(cmd.args, new Set(['-d', '--date', '-r', '--reference', '-t'])));
  if (base === 'mkdir') targets.push(...operands(cmd.args, new Set(['-m', '--mode', '--context'])));
  if (
    base === 'cp' ||
    base === 'mv' ||
    base === 'install' ||
    base === 'ln' ||
    base === 'rsync' ||
    base === 'scp'
  ) {
    const t = optionValueWord(cmd.args, '-t', '--target-directory');
    const ops = operands(
      cmd.args,
      new Set(['-t', '--target-directory', '-m', '--mode', '-o', '-g', '-S', '-e', '-i', '-P']),
    );
    const dest = t ?? ops[ops.length - 1];
    if (dest && ops.length >= (t ? 1 : 2) && !/^[\w.-]*@?[\w.-]+:/.test(dest.value)) {
      targets.push(dest);
      const sources = t ? ops : ops.slice(0, -1);
      // When the destination is a directory, each source lands as dest/<its name>: `cp x/settings.json
      // ~/.claude` writes ~/.claude/settings.json. Whether it is one is unknown here, so count both.
      for (const source of sources) {
        const name = posix.basename(source.value);
        if (source.literal && dest.literal && !source.glob && name !== '' && name !== '.' && name !== '..')
          targets.push(literalWord(`${dest.value.replace(/\/+$/, '')}/${name}`));
      }
      if (base === 'mv') movedAway(sources, rc);
    }
  }
  if (
    (base === 'sed' || base === 'perl') &&
    cmd.args.some((w) => /^-[a-zA-Z]*i/.test(w.value) || w.value.startsWith('--in-place'))
  ) {
    const ops = operands(cmd.args, new Set(['-e', '-f']));
    const files = cmd.args.some((w) => w.value === '-e' || w.value === '-f') ? ops : ops.slice(1);
    targets.push(...files);
  }
  for (const word of targets) {
    const target = resolveWord(word, rc.ctx);
    if (target.abs && /^\/dev\/(null|stdout|stderr|tty|fd\/\d+|tcp\/|udp\/)/.test(target.abs)) continue;
    if (target.abs === null) {
      // `> "$(python3 -m site --user-site)/usercustomize.py"`: the folder is computed, the name still says
      // the file runs at every start of its interpreter or shell.
      const name = posix.basename(word.value.replace(/["']/g, ''));
      if (START_UP_NAME.test(name))
        rc.emit(make('write', 'write-persistence', 'high', `writes ${name}, which runs at every start`));
      else rc.emit(make('write', 'write-unknown', 'low', 'writes to a path only known at run time'));
      continue;
    }
    const shown = display(target.abs, rc.ctx);
    const persistence = persistenceKind(target.abs, rc.ctx);
    if (persistence) {
      rc.emit(
        make(
          'write',
          'write-persistence',
          persistence,
          `writes ${shown}, which runs or grants access later`,
          [target.abs],
        ),
      );
      // `cat >> ~/.bashrc <<'EOF'`, `echo '…' >> .git/hooks/pre-commit`: what is written there runs later.
      const text = writtenText(cmd);
      if (text !== null) rc.nested(text, `${base} > ${shown}`, true);
    } else if (isSystemPathFor(target.abs, rc.ctx) && !target.abs.startsWith('/dev/')) {
      rc.emit(make('write', 'write-system', 'high', `writes ${shown}, a system path`, [target.abs]));
    } else if (
      generated?.has(word) &&
      isCredentialPath(target.abs, rc.ctx) &&
      isInside(target.abs, rc.ctx.project)
    ) {
      rc.emit(
        make('write', 'write-new-key', 'low', `writes a new key or certificate ${shown}`, [target.abs]),
      );
    } else if (isCredentialPath(target.abs, rc.ctx) && !isInside(target.abs, rc.ctx.project)) {
      rc.emit(make('write', 'write-credentials', 'high', `overwrites credentials in ${shown}`, [target.abs]));
    } else if (isInside(target.abs, rc.ctx.project) || isScratch(target.abs, rc.ctx)) {
      rc.emit(make('write', 'write', 'low', `writes ${shown}`, [target.abs]));
    } else {
      rc.emit(make('write', 'write-outside', 'low', `writes ${shown}, outside the project`, [target.abs]));
    }
  }
  if ((base === 'at' || base === 'batch') && !cmd.args.some((w) => /^-[lrdcV]$/.test(w.value))) {
    rc.emit(make('write', 'at-schedule', 'high', `schedules commands to run later (${base})`));
  }
  if (base === 'crontab') {
    const listing = cmd.args.some((w) => w.value === '-l');
    if (!listing) {
      const removes = cmd.args.some((w) => w.value === '-r');
      rc.emit(
        make(
          'write',
          removes ? 'crontab-remove' : 'crontab-install',
          'high',
          removes ? 'removes the crontab' : 'installs scheduled commands',
        ),
      );
    }
  }
}

/** Literal text a command writes: what it prints, or what tee copies from a heredoc or herestring. */
function writtenText(cmd: Cmd): string | null {
  if (cmd.base !== 'tee') return producedText(cmd);
  return cmd.redirects.find((r) => r.body !== undefined)?.body ?? null;
}

/** mv removes its sources from where they were: a delete there, weighed as one (not a whole tree). */
function movedAway(sources: Word[], rc: RuleContext): void {
  for (const word of sources) {
    const target = resolveWord(word, rc.ctx);
    const paths = target.abs ? [target.abs] : [];
    // Renaming inside the project or a temp dir is everyday work; the path is still checked by the policy.
    if (target.abs && (isInside(target.abs, rc.ctx.project) || isScratch(target.abs, rc.ctx))) {
      rc.emit(make('delete', 'mv-source', 'low', `moves away ${display(target.abs, rc.ctx)}`, paths));
      continue;
    }
    const { risk, why } = deletionRisk(target, false, rc.ctx);
    rc.emit(make('delete', 'mv-source', risk, `moves away ${why}`, paths));
  }
}

function optionValueWord(args: Word[], short: string, long: string): Word | null {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (v === short || v === long) return args[i + 1] ?? null;
    if (v.startsWith(`${long}=`)) return { ...(args[i] as Word), value: v.slice(long.length + 1) };
  }
  return null;
}

/**
 * The guard's own program, named by path (`/usr/local/bin/agentwarden`, `$(npm root -g)/agentwarden`) or looked up
 * (`$(which agentwarden)`, `$(command -v agentwarden)`): changing, moving or deleting it turns the guard off.
 */
const GUARD_PROGRAM =
  /(^|\/)agentwarden(-hook)?(\/|$)|\b(which|command\s+-v|type\s+-[pP]|whereis)\s+agentwarden\b/;
const FILE_CHANGERS = /^(chmod|chown|chgrp|chattr|mv|rm|unlink|ln|cp|install|truncate|shred|tee)$/;

export function guardTamper(cmd: Cmd, rc: RuleContext): void {
  // `kill $(pgrep agentwarden)`, `pkill -f agentwarden`, `taskkill /im agentwarden.exe`: the guard's process.
  const killed = /^(kill|pkill|killall|taskkill)(\.exe)?$/i.test(cmd.base)
    ? cmd.args.find((w) => /\bagentwarden\b/.test(w.text))
    : undefined;
  if (killed)
    rc.emit(make('delete', 'guard-tamper', 'critical', `${cmd.base} stops the guard (${killed.text})`));
  const words = [
    ...(FILE_CHANGERS.test(cmd.base) ? cmd.args : []),
    ...cmd.redirects.filter((r) => r.op.includes('>')).map((r) => r.target),
  ];
  const hit = words.find((w) => {
    if (!GUARD_PROGRAM.test(w.text) && !GUARD_PROGRAM.test(w.value)) return false;
    // A project file of that name (`./bin/agentwarden` while building it) is not the installed program.
    const abs = resolveWord(w, rc.ctx).abs;
    return /[$`]/.test(w.text) || abs === null || !isInside(abs, rc.ctx.project);
  });
  if (hit)
    rc.emit(
      make('delete', 'guard-tamper', 'critical', `${cmd.base} changes the guard's own program (${hit.text})`),
    );
}

/** Files that run at every start of Python or a shell, whatever folder holds them. */
const START_UP_NAME =
  /^((user|site)customize\.py|[\w.-]+\.pth|\.(bashrc|bash_profile|zshrc|zshenv|profile))$/;

/** Commands whose arguments name files without reading their contents. */
const NON_READERS = new Set([
  'echo',
  'printf',
  'touch',
  'mkdir',
  'ls',
  'test',
  '[',
  'stat',
  'file',
  'which',
  'type',
  'chmod',
  'chown',
  'rm',
  'git',
  'cd',
  'export',
  'unset',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'du',
  'wc',
  'ssh-keygen',
  'ssh-add',
  // Overwriting or cutting a file shows none of it.
  'shred',
  'srm',
  'wipe',
  'truncate',
  'unlink',
]);

/** Commands that print or copy a file: reading a credential file with any of them exposes it. */
export function credentialReads(cmd: Cmd, rc: RuleContext): void {
  // `git diff --no-index a b` compares (and prints) any two files, like diff.
  const gitFiles = cmd.base === 'git' && cmd.args.some((w) => w.value === '--no-index');
  if (NON_READERS.has(cmd.base) && !gitFiles) return;
  if (inPlaceEdit(cmd)) return;
  const candidates: Word[] = [];
  const skipNext =
    cmd.base === 'ssh' ||
    cmd.base === 'scp' ||
    cmd.base === 'sftp' ||
    cmd.base === 'ssh-add' ||
    cmd.base === 'ssh-keygen' ||
    cmd.base === 'git';
  const contained = cmd.base === 'openssl' ? opensslContained(cmd, rc) : undefined;
  const pattern = searchPatternIndex(cmd.base, values(cmd.args));
  for (let i = 0; i < cmd.args.length; i++) {
    const arg = cmd.args[i] as Word;
    if (contained?.has(i) || i === pattern) continue;
    // Keys passed to ssh -i / git -c are used, not read out.
    if (skipNext && (arg.value === '-i' || arg.value === '-f' || arg.value === '-F' || arg.value === '-c')) {
      i++;
      continue;
    }
    if (cmd.base === 'ssh-keygen' || cmd.base === 'ssh-add') continue;
    candidates.push(arg.value.startsWith('@') ? { ...arg, value: arg.value.slice(1) } : arg);
    // socat's file addresses (`FILE:~/.kube/config`, `OPEN:x,rdonly`) and file:// URLs name the file read.
    const address = /^(?:(?:FILE|OPEN|GOPEN|CREATE):|file:\/\/)([^,]+)/i.exec(arg.value)?.[1];
    if (address) candidates.push({ ...arg, value: address });
    const eq = arg.value.indexOf('=');
    // `--key-file=PATH`, and dd's operands (`if=PATH`).
    if (eq > 0 && (arg.value.startsWith('-') || (cmd.base === 'dd' && /^if=/.test(arg.value))))
      candidates.push({ ...arg, value: arg.value.slice(eq + 1).replace(/^@/, '') });
  }
  if (/^(cp|mv|install|ln|rsync|scp)$/.test(cmd.base)) {
    // The last operand is where the copy goes, not something read.
    const last = operands(cmd.args).pop();
    const index = last ? candidates.lastIndexOf(last) : -1;
    if (index >= 0) candidates.splice(index, 1);
  }
  if (cmd.base === 'find') candidates.push(...findPatternReads(cmd));
  for (const r of cmd.redirects) if (r.op === '<' || r.op === '<>') candidates.push(r.target);
  const hits: string[] = [];
  for (const word of candidates) {
    if (word.value.startsWith('-') && !word.value.includes('/')) continue;
    const target = withUnknownsAsGlob(word, rc);
    if (
      target.abs &&
      (isCredentialPath(target.abs, rc.ctx) || (target.glob && globMayBeCredential(target.abs, rc.ctx)))
    )
      hits.push(target.abs);
  }
  if (hits.length > 0) {
    rc.emit(
      make(
        'credentials',
        'read-credentials',
        'high',
        `reads credentials: ${hits.map((h) => display(h, rc.ctx)).join(', ')}`,
        hits,
      ),
    );
  }
}

/**
 * `find ~ -name '.env*' -exec cat {} +`: find matches the name pattern itself (quoted or not), so a reading
 * command run on each match reads the files the pattern names below each root.
 */
function findPatternReads(cmd: Cmd): Word[] {
  const exec = cmd.args.findIndex((w) => /^-(exec|execdir|ok|okdir)$/.test(w.value));
  const runs = cmd.args[exec + 1]?.value;
  if (exec < 0 || runs === undefined || NON_READERS.has(posix.basename(runs))) return [];
  const patterns = cmd.args
    .slice(0, exec)
    .flatMap((w, i, a) => (/^-i?name$/.test(w.value) && a[i + 1] ? [(a[i + 1] as Word).value] : []));
  return findRoots(cmd.args).flatMap((root) =>
    patterns.map((p) => dynamicWord(p, `${root.replace(/\/$/, '')}/${p}`, true)),
  );
}

/**
 * `sed -i 's/a/b/' .env` edits the file where it is and prints nothing of it: not a read-out. A script that
 * writes elsewhere (`w /dev/stdout`) or runs commands (`e`) is not counted as in place.
 */
function inPlaceEdit(cmd: Cmd): boolean {
  if (cmd.base !== 'sed' && cmd.base !== 'gsed') return false;
  const inPlace = cmd.args.some(
    (w) => /^(-[a-zA-Z]*i|--in-place)/.test(w.value) && !w.value.startsWith('--i'),
  );
  if (!inPlace && !cmd.args.some((w) => w.value.startsWith('--in-place'))) return false;
  return !cmd.args.some((w) => /(^|[;\s}])[wWe](\s|$)|\/dev\/|\/proc\//.test(w.value));
}

/**
 * A path with a run-time value inside it (`/proc/$PPID/environ`, `~/.ssh/$KEY`) can be any file its fixed
 * parts allow: judged as the glob with each unknown value as `*`.
 */
function withUnknownsAsGlob(word: Word, rc: RuleContext): ResolvedPath {
  const target = resolveWord(word, rc.ctx);
  if (target.abs !== null || word.literal || !/^(\/|~\/|\$HOME\/|\$\{HOME\}\/)/.test(word.value))
    return target;
  const pattern = word.value.replace(/^\$\{?HOME\}?/, '~').replace(/\$(\{[^}]*\}|\w+|\([^)]*\))/g, '*');
  return pattern.includes('$') ? target : resolveText(pattern, rc.ctx, true);
}
