import { describe, expect, it } from 'vitest';
import { decide } from '../../src/policy/index.js';
import { HOME_SECRETS, isCredentialPath } from '../../src/scanners/shell/paths.js';
import { env, HOME, PROJECT, read } from './_helpers.js';

const ctx = { cwd: PROJECT, home: HOME, project: PROJECT };

describe('credential stores in home: one list for the Read tool and the shell', () => {
  it.each(HOME_SECRETS.filter((dir) => dir !== '.ssh'))('~/%s is a secret to both', (dir) => {
    expect(isCredentialPath(`${HOME}/${dir}`, ctx)).toBe(true);
    expect(decide(read(`${HOME}/${dir}`), env()).verdict).toBe('deny');
  });

  it('knows the desktop keyring and the snap browser profile in the shell too', () => {
    expect(isCredentialPath(`${HOME}/.local/share/keyrings/login.keyring`, ctx)).toBe(true);
    expect(isCredentialPath(`${HOME}/snap/firefox/common/.mozilla/firefox/x.default/logins.json`, ctx)).toBe(
      true,
    );
  });

  it('protects for Read what only the shell knew: a legacy Docker config, rclone and mongosh files', () => {
    for (const file of ['.dockercfg', '.rclone.conf', '.mongoshrc.js'])
      expect(decide(read(`${HOME}/${file}`), env()).verdict, file).toBe('deny');
  });
});
