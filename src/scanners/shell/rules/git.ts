import { type Cmd, flagSet, make, operands, type RuleContext, urlsIn } from '../command.js';
import type { ShellEffectId } from '../effect-ids.js';
import type { Word } from '../model.js';
import { isBuildOutput, resolveWord } from '../paths.js';
import { variableSettings } from './capabilities.js';

/** git's own options that take a value, before the subcommand. */
const GLOBAL_WITH_VALUE = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--exec-path',
  '--config-env',
]);

const PROTECTED_BRANCH =
  /^(\+)?(?:[^:]*:)?(?:refs\/heads\/)?(main|master|production|prod|release|trunk|develop)$/;

/** A branch name as typed (`feature/login`, `fix-1`, `wip:feature/x`), not HEAD, a tag, a pattern or a URL. */
const BRANCH_REFSPEC = /^(?:[\w][\w./-]*:)?(?:refs\/heads\/)?[\w][\w./-]*$/;
/** Push options that reach more than the named branches, or another repository. */
const WIDE_PUSH =
  /^(--all|--branches|--tags|--follow-tags|--prune|--mirror|--repo(=.*)?|--exec(=.*)?|--receive-pack(=.*)?)$/;

/**
 * `git push origin feature/x`: a named branch, other than the default and release ones, to origin, without
 * force. Everyday work, reviewed where it lands; anything else (no branch named, HEAD, another remote, tags,
 * another repository through -C, `-c`/`--config-env` or a GIT_* variable, which can point origin elsewhere)
 * stays a push to confirm.
 */
function featureBranchPush(cmd: Cmd, flags: Set<string>, ops: Word[]): boolean {
  if (ops[0]?.value !== 'origin' || ops.length < 2) return false;
  if (
    cmd.args.some(
      (w) => /^(-C|-c|--git-dir|--work-tree|--config-env)(=|$)/.test(w.value) || WIDE_PUSH.test(w.value),
    )
  )
    return false;
  if (variableSettings(cmd).some((v) => v.startsWith('GIT_'))) return false;
  if ([...flags].some((f) => WIDE_PUSH.test(f))) return false;
  return ops
    .slice(1)
    .every(
      (w) =>
        w.literal &&
        BRANCH_REFSPEC.test(w.value) &&
        !/(^|:)(HEAD|gh-pages)$/.test(w.value) &&
        !/(^|:)refs\/(?!heads\/)/.test(w.value) &&
        !w.value.includes('..'),
    );
}

/** The host of a push destination given as a URL or scp-style address (`git@host:path`), not a remote's name. */
function pushHost(remote: string): string | null {
  const url = /^(?:https?|ssh|git|git\+ssh):\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(remote);
  if (url) return url[1] as string;
  const scp = /^(?:[^@/:]+@([\w.-]+)|([\w-]+(?:\.[\w-]+)+)):(?!\/\/)/.exec(remote);
  return scp ? ((scp[1] ?? scp[2]) as string) : null;
}

function subcommand(args: Word[]): { sub: string; rest: Word[] } | null {
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (GLOBAL_WITH_VALUE.has(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    return { sub: v, rest: args.slice(i + 1) };
  }
  return null;
}

/**
 * `git clean -fdX -- build/`: pathspecs that all name build outputs of the project (dist, coverage, caches) delete
 * only what a build makes again, like `rm -rf build`. Not with `-C` (another work tree).
 */
function cleansBuildOutputsOnly(cmd: Cmd, paths: Word[], rc: RuleContext): boolean {
  if (paths.length === 0 || cmd.args.some((w) => w.value === '-C')) return false;
  return paths.every((w) => {
    const abs = resolveWord(w, rc.ctx).abs;
    return abs !== null && isBuildOutput(abs, rc.ctx.project);
  });
}

export function git(cmd: Cmd, rc: RuleContext): void {
  if (cmd.base !== 'git') return;
  const found = subcommand(cmd.args);
  if (!found) return;
  const { sub, rest } = found;
  const flags = flagSet(rest);
  const ops = operands(rest, new Set(['-m', '-F', '-C', '-c', '-b', '-B', '--source', '-o', '--repo']));
  const emit = (
    capability: 'delete' | 'git-push' | 'network' | 'write',
    id: ShellEffectId,
    risk: 'high' | 'critical' | 'low' | 'harmless',
    reason: string,
    urls: string[] = [],
  ) => rc.emit(make(capability, id, risk, reason, [], urls));
  switch (sub) {
    case 'push': {
      const force =
        flags.has('f') ||
        flags.has('--force') ||
        flags.has('--force-with-lease') ||
        flags.has('--force-if-includes') ||
        rest.some((w) => w.value.startsWith('--force')) ||
        ops.some((w) => w.value.startsWith('+'));
      const destructive =
        flags.has('--mirror') ||
        flags.has('--delete') ||
        flags.has('d') ||
        ops.some((w) => w.value.startsWith(':'));
      // `git push https://host/x.git`, `git push git@host:x.git`: a send to that host, named so its list applies.
      const host = pushHost(ops[0]?.value ?? '');
      const urls = host ? [host] : ops.flatMap((w) => urlsIn(w.value));
      const to = host ? ` to ${host}` : '';
      const toProtected = ops.some((w) => PROTECTED_BRANCH.test(w.value));
      // --force-with-lease alone refuses when the remote moved: on one's own feature branch, a rebase pushed.
      const leased =
        force &&
        rest.every((w) => !/^(-f|--force)$|^-[a-zA-Z]*f/.test(w.value) || w.value.startsWith('--force-')) &&
        !ops.some((w) => w.value.startsWith('+')) &&
        rest.some((w) => w.value.startsWith('--force-with-lease'));
      if (leased && !toProtected && featureBranchPush(cmd, flags, ops))
        emit(
          'git-push',
          'git-push-force',
          'low',
          `force-pushes ${ops
            .slice(1)
            .map((w) => w.value)
            .join(', ')} with --force-with-lease (refused if the remote moved)`,
        );
      else if (force)
        emit('git-push', 'git-push-force', 'high', `force-pushes${to}, rewriting remote history`, urls);
      else if (destructive)
        emit('git-push', 'git-push-delete', 'high', `deletes or mirrors remote branches${to}`, urls);
      else if (toProtected)
        emit('git-push', 'git-push-protected', 'high', `pushes directly to a protected branch${to}`, urls);
      else if (featureBranchPush(cmd, flags, ops))
        emit(
          'git-push',
          'git-push',
          'low',
          `pushes ${ops
            .slice(1)
            .map((w) => w.value)
            .join(', ')} to origin`,
        );
      else emit('git-push', 'git-push', 'high', `pushes commits${to || ' to a remote'}`, urls);
      return;
    }
    case 'reset':
      if (flags.has('--hard') || flags.has('--merge') || flags.has('--keep')) {
        emit('delete', 'git-reset-hard', 'high', 'discards uncommitted changes (git reset --hard)');
      }
      return;
    case 'clean':
      if (
        (flags.has('f') || flags.has('--force')) &&
        !flags.has('n') &&
        !flags.has('--dry-run') &&
        !cleansBuildOutputsOnly(cmd, ops, rc)
      ) {
        emit(
          'delete',
          'git-clean',
          'high',
          `deletes untracked files${flags.has('x') ? ', ignored ones too' : ''}`,
        );
      }
      return;
    case 'checkout': {
      const dashDash = rest.findIndex((w) => w.value === '--');
      const discards =
        flags.has('f') ||
        flags.has('--force') ||
        (dashDash >= 0 && dashDash < rest.length - 1) ||
        (!flags.has('b') && !flags.has('B') && !flags.has('--orphan') && ops.some((w) => w.value === '.'));
      if (discards)
        emit('delete', 'git-checkout-discard', 'high', 'overwrites uncommitted changes in the working tree');
      return;
    }
    case 'switch':
      if (flags.has('--discard-changes') || flags.has('f') || flags.has('--force'))
        emit('delete', 'git-switch-discard', 'high', 'switches branch, discarding uncommitted changes');
      return;
    case 'worktree':
      if (ops[0]?.value === 'remove' && (flags.has('f') || flags.has('--force')))
        emit('delete', 'git-worktree-remove', 'high', 'removes a worktree with its uncommitted changes');
      else if (ops[0]?.value === 'prune')
        emit('delete', 'git-worktree-remove', 'low', 'prunes stale worktrees');
      return;
    case 'restore': {
      const staged = flags.has('S') || flags.has('--staged');
      const worktree = flags.has('W') || flags.has('--worktree');
      if (!staged || worktree)
        emit('delete', 'git-restore-discard', 'high', 'discards uncommitted changes in the working tree');
      return;
    }
    case 'stash':
      if (ops[0]?.value === 'drop' || ops[0]?.value === 'clear')
        emit('delete', 'git-stash-drop', 'high', `deletes stashed changes (git stash ${ops[0].value})`);
      return;
    case 'branch':
      if (
        flags.has('D') ||
        (flags.has('d') && flags.has('f')) ||
        (flags.has('--delete') && flags.has('--force'))
      ) {
        emit('delete', 'git-branch-force-delete', 'high', 'deletes a branch even if unmerged');
      } else if ((flags.has('f') || flags.has('--force')) && ops.length > 0) {
        emit('delete', 'git-branch-force', 'high', 'moves a branch, dropping its commits');
      }
      return;
    case 'filter-branch':
    case 'filter-repo':
      emit('delete', 'git-rewrite-history', 'high', `rewrites the repository history (git ${sub})`);
      return;
    case 'reflog':
      if (ops[0]?.value === 'expire' || ops[0]?.value === 'delete')
        emit('delete', 'git-reflog-expire', 'high', 'drops reflog entries, losing recovery points');
      return;
    case 'gc':
      if (rest.some((w) => /^--prune=(now|all)/.test(w.value)))
        emit('delete', 'git-gc-prune', 'high', 'prunes unreachable commits immediately');
      return;
    case 'update-ref':
      if (flags.has('d')) emit('delete', 'git-update-ref-delete', 'high', 'deletes a ref');
      return;
    case 'tag':
      if (flags.has('d') || flags.has('--delete'))
        emit('delete', 'git-tag-delete', 'low', 'deletes a local tag');
      return;
    case 'clone':
    case 'fetch':
    case 'pull':
    case 'ls-remote':
    case 'submodule': {
      const urls = ops.flatMap((w) => (/^[\w.-]+@[\w.-]+:|:\/\//.test(w.value) ? [w.value] : []));
      emit('network', `git-${sub}`, 'low', `contacts a git remote (git ${sub})`, urls);
      return;
    }
    case 'config':
      if (
        ops.some((w) =>
          /^(core\.(hookspath|sshcommand|pager|editor|fsmonitor|gitproxy|askpass)|alias\.|url\..*insteadof|init\.templatedir|include(if\..+)?\.path|https?\.(.+\.)?(proxy|sslverify))/i.test(
            w.value,
          ),
        ) &&
        ops.length >= 2
      ) {
        emit('write', 'git-config-exec', 'high', 'sets a git option that runs commands later');
      } else if (
        cmd.args.some((w) => w.value === '--system') &&
        ops.length >= 2 &&
        !cmd.args.some((w) => /^(--get.*|--list|-l)$/.test(w.value))
      ) {
        rc.emit(
          make('write', 'write-system', 'high', 'changes git settings for every user', ['/etc/gitconfig']),
        );
      }
      return;
    default:
      return;
  }
}
