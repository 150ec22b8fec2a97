import { defineShellEffects, type EffectsOf } from '../define.js';

const ALSO_PROTECTED = 'the path is also a protected path, whose rule denies before the effect would ask';

export const fileEffects = defineShellEffects<EffectsOf<'files'>>({
  rm: {
    title: 'deletes files (high outside the project, critical for system trees)',
    risk: ['low', 'high', 'critical'],
    examples: {
      deny: ["find / -name '*.log' -exec rm -f {} \\;"],
      ask: ['rm /etc/hosts'],
      allow: ['rm file.txt'],
    },
  },
  'rm-recursive': {
    title: 'deletes trees (critical for ~, /, the project and system paths)',
    risk: ['low', 'high', 'critical'],
    examples: { deny: ['rm -rf ~', 'rm -rf /'], ask: ['rm -rf *'], allow: ['rm -rf dist'] },
  },
  shred: {
    title: 'overwrites files so they cannot be recovered (low for scratch files in a temp folder)',
    risk: ['low', 'high', 'critical'],
    examples: {
      deny: ['shred -u ~/.bash_history'],
      ask: ['shred -u notes.txt'],
      allow: ['shred -u /tmp/scratch.txt'],
    },
  },
  'find-delete': {
    title: 'find -delete under a root',
    risk: ['low', 'high', 'critical'],
    examples: { deny: ['find ~ -delete'], allow: ["find . -name '*.pyc' -delete"] },
  },
  truncate: {
    title: 'empties files',
    risk: ['low', 'high'],
    examples: { ask: ['truncate -s 0 /var/log/syslog'], allow: ['truncate -s 0 log.txt'] },
  },
  'sync-delete': {
    title: 'a sync that deletes what the source lacks',
    risk: 'high',
    examples: { ask: ['rclone sync src: dest:'] },
  },
  mkfs: {
    title: 'formats a filesystem',
    risk: 'critical',
    examples: { deny: ['mkfs.ext4 /dev/sdb1'] },
  },
  partition: {
    title: 'rewrites disk partitions or signatures',
    risk: 'critical',
    examples: { deny: ['wipefs -a /dev/sdb'] },
  },
  'dd-device': {
    title: 'dd writing raw data to a device',
    risk: 'critical',
    examples: { deny: ['dd if=/dev/zero of=/dev/sda bs=1M'] },
  },
  'dd-write': {
    title: 'dd overwriting a file outside the project',
    risk: 'high',
    examples: { ask: ['dd if=/dev/zero of=~/disk.img bs=1M count=1'] },
  },
  'write-device': {
    title: 'a redirection onto a disk device',
    risk: 'critical',
    examples: { deny: ['echo x > /dev/sda'] },
  },
  chmod: {
    title: 'changes file permissions in the project',
    risk: ['harmless', 'low'],
    examples: { allow: ['chmod +x run.sh'] },
  },
  'chmod-outside': {
    title: 'changes permissions of system paths or credentials',
    risk: 'high',
    examples: { ask: ['chmod 644 /etc/hosts'] },
  },
  'chmod-setuid': {
    title: 'sets the setuid or setgid bit',
    risk: 'high',
    examples: { ask: ['chmod u+s ./tool'] },
  },
  'chmod-system': {
    title: 'world-writable, recursive or setuid modes on system paths',
    risk: 'critical',
    examples: { deny: ['chmod 777 /etc/passwd'] },
  },
  'chmod-world-writable': {
    title: 'makes files writable by everyone',
    risk: 'high',
    examples: { ask: ['chmod -R 777 .'] },
  },
  chown: {
    title: 'changes file ownership in the project',
    risk: 'low',
    examples: { allow: ['chown dev file.txt'] },
  },
  'chown-outside': {
    title: 'changes ownership recursively outside the project, or of system paths',
    risk: ['high', 'critical'],
    examples: { deny: ['chown -R dev /etc'], ask: ['chown -R dev ~/other'] },
  },
  chgrp: {
    title: 'changes file groups in the project',
    risk: 'low',
    examples: { allow: ['chgrp staff file.txt'] },
  },
  'chgrp-outside': {
    title: 'changes groups recursively outside the project, or of system paths',
    risk: ['high', 'critical'],
    examples: { ask: ['chgrp -R staff ~/other'] },
  },
  write: {
    title: 'writes a file in the project',
    risk: 'low',
    examples: { allow: ['ls > out.txt'] },
  },
  'write-outside': {
    title: 'writes outside the project (under home it also asks as a boundary write)',
    risk: 'low',
    examples: { allow: ['rsync -a /src/ /dest/'] },
  },
  'write-unknown': {
    title: 'writes to a path only known at run time',
    risk: 'low',
    examples: { allow: ['echo x > "$OUT"'] },
  },
  'write-system': {
    title: 'writes a system path',
    risk: 'high',
    examples: { ask: ['echo x > /etc/hosts'] },
  },
  'write-credentials': {
    title: 'overwrites a credential file',
    risk: 'high',
    examples: {
      deny: [
        {
          action: 'echo key > ~/.aws/credentials',
          decidedBy: { rule: 'protected-path/write-secret', why: ALSO_PROTECTED },
        },
      ],
    },
  },
  'write-new-key': {
    title:
      'generates a new key or certificate into the project (openssl -out/-keyout); outside the project it is a credential store write',
    risk: 'low',
    examples: { allow: ['openssl genrsa -out certs/dev.key 2048'] },
  },
  'write-persistence': {
    title: 'writes a file that runs later: shell start-up, authorized_keys, autostart',
    risk: ['high', 'critical'],
    examples: {
      deny: [
        'cp key.pub ~/.ssh/authorized_keys',
        {
          action: 'echo ls >> ~/.bashrc',
          decidedBy: { rule: 'protected-path/write-startup-file', why: ALSO_PROTECTED },
        },
      ],
    },
  },
  'at-schedule': {
    title: 'schedules commands to run later (at, batch)',
    risk: 'high',
    examples: { ask: ['echo make | at midnight'] },
  },
  'crontab-install': {
    title: 'installs a crontab',
    risk: 'high',
    examples: { ask: ['echo "0 * * * * make" | crontab -'] },
  },
  'crontab-remove': {
    title: 'removes the crontab',
    risk: 'high',
    examples: { ask: ['crontab -r'] },
  },
  'mv-source': {
    title: 'moves files away (high outside the project)',
    risk: ['low', 'high', 'critical'],
    examples: { ask: ['mv /etc/hosts /tmp/hosts'], allow: ['mv notes.md docs/'] },
  },
  'read-credentials': {
    title: 'reads a credential file',
    risk: 'high',
    examples: {
      deny: [
        {
          action: 'cat ~/.ssh/id_rsa',
          decidedBy: { rule: 'protected-path/read-secret', why: ALSO_PROTECTED },
        },
      ],
    },
  },
  'guard-tamper': {
    title:
      "changes, moves or deletes the guard's own program (by path, or looked up with which / command -v)",
    risk: 'critical',
    examples: { deny: ['chmod 000 /usr/local/bin/agentwarden', 'mv "$(command -v agentwarden)" /tmp/aw'] },
  },
});
