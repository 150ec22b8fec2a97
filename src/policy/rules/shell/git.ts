import { defineShellEffects, type EffectsOf } from '../define.js';

export const gitEffects = defineShellEffects<EffectsOf<'git'>>({
  'git-push': {
    title: 'pushes commits to a remote (a named feature branch to origin is everyday work)',
    risk: ['low', 'high'],
    examples: {
      ask: ['git push', 'git push upstream feature', 'git push origin HEAD'],
      allow: ['git push origin feature/login', 'git push -u origin fix/typo'],
    },
  },
  'git-push-force': {
    title:
      'force-pushes, rewriting remote history (low for --force-with-lease alone to a feature branch on origin)',
    risk: ['low', 'high'],
    examples: {
      ask: ['git push -f origin feature', 'git push --force-with-lease origin main'],
      allow: ['git push --force-with-lease origin feature/parser'],
    },
  },
  'git-push-delete': {
    title: 'deletes or mirrors remote branches',
    risk: 'high',
    examples: { ask: ['git push origin --delete feature'] },
  },
  'git-push-protected': {
    title: 'pushes straight to a protected branch (main, master, release)',
    risk: 'high',
    examples: { ask: ['git push origin main'] },
  },
  'git-reset-hard': {
    title: 'discards uncommitted changes',
    risk: 'high',
    examples: { ask: ['git reset --hard'] },
  },
  'git-clean': {
    title: 'deletes untracked files',
    risk: 'high',
    examples: { ask: ['git clean -fd'] },
  },
  'git-checkout-discard': {
    title: 'overwrites uncommitted changes in the working tree',
    risk: 'high',
    examples: { ask: ['git checkout -- .'] },
  },
  'git-switch-discard': {
    title: 'git switch that discards uncommitted changes',
    risk: 'high',
    examples: {
      ask: ['git switch --discard-changes main', 'git switch -f main'],
    },
  },
  'git-worktree-remove': {
    title: 'git worktree remove --force drops a worktree with its uncommitted changes',
    risk: ['low', 'high'],
    examples: {
      ask: ['git worktree remove --force ../feature-x'],
      allow: ['git worktree prune'],
    },
  },
  'git-restore-discard': {
    title: 'discards uncommitted changes in the working tree',
    risk: 'high',
    examples: { ask: ['git restore .'] },
  },
  'git-stash-drop': {
    title: 'deletes stashed changes',
    risk: 'high',
    examples: { ask: ['git stash drop'] },
  },
  'git-branch-force-delete': {
    title: 'deletes a branch even if unmerged',
    risk: 'high',
    examples: { ask: ['git branch -D feature'] },
  },
  'git-branch-force': {
    title: 'moves a branch, dropping its commits',
    risk: 'high',
    examples: { ask: ['git branch -f feature'] },
  },
  'git-rewrite-history': {
    title: 'rewrites the repository history',
    risk: 'high',
    examples: { ask: ['git filter-branch --tree-filter x HEAD'] },
  },
  'git-reflog-expire': {
    title: 'drops reflog entries, losing recovery points',
    risk: 'high',
    examples: { ask: ['git reflog expire --expire=now --all'] },
  },
  'git-gc-prune': {
    title: 'prunes unreachable commits at once',
    risk: 'high',
    examples: { ask: ['git gc --prune=now'] },
  },
  'git-update-ref-delete': {
    title: 'deletes a ref',
    risk: 'high',
    examples: { ask: ['git update-ref -d refs/heads/x'] },
  },
  'git-tag-delete': {
    title: 'deletes a local tag',
    risk: 'low',
    examples: { allow: ['git tag -d v1'] },
  },
  'git-clone': {
    title: 'clones from a remote (judged by host)',
    risk: 'low',
    examples: { allow: ['git clone https://github.com/o/r'] },
  },
  'git-fetch': {
    title: 'fetches from a remote',
    risk: 'low',
    examples: { allow: ['git fetch'] },
  },
  'git-pull': {
    title: 'pulls from a remote',
    risk: 'low',
    examples: { allow: ['git pull'] },
  },
  'git-ls-remote': {
    title: "lists a remote's refs",
    risk: 'low',
    examples: { allow: ['git ls-remote origin'] },
  },
  'git-submodule': {
    title: 'fetches submodules',
    risk: 'low',
    examples: { allow: ['git submodule update --init'] },
  },
  'git-config-exec': {
    title: 'sets a git option that runs commands later (aliases, sshCommand, hooks path)',
    risk: 'high',
    examples: { ask: ['git config core.sshCommand "ssh -i key"'] },
  },
});
