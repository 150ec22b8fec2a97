import { describe, expect, it } from 'vitest';
import { compilePathPattern, matchablePath, normalizeAbsolute } from '../../src/policy/glob.js';

const m = (pattern: string, p: string, ci = false) =>
  compilePathPattern(pattern, ci).re.test(matchablePath(p, '/home/dev'));

describe('path patterns', () => {
  it('expands ~ and protects everything under a directory', () => {
    expect(m('~/.ssh', '/home/dev/.ssh')).toBe(true);
    expect(m('~/.ssh', '/home/dev/.ssh/id_rsa')).toBe(true);
    expect(m('~/.ssh', '/home/dev/.sshfoo')).toBe(false);
    expect(m('~/.ssh', '/home/other/.ssh/id_rsa')).toBe(false);
    expect(m('~/.ssh', '/home/dev/work/app/.ssh')).toBe(false);
  });

  it('matches a bare name at any depth', () => {
    expect(m('.env*', '/home/dev/work/app/.env')).toBe(true);
    expect(m('.env*', '/home/dev/work/app/config/.env.production')).toBe(true);
    expect(m('.env*', '/srv/app/.env')).toBe(true);
    expect(m('.env*', '/home/dev/work/app/src/env.ts')).toBe(false);
    expect(m('*.pem', '/home/dev/certs/server.pem')).toBe(true);
    expect(m('*.pem', '/home/dev/certs/server.pem.txt')).toBe(false);
    expect(m('id_rsa*', '/home/dev/backup/id_rsa.pub')).toBe(true);
  });

  it('keeps * inside one segment and lets ** span segments', () => {
    expect(m('/etc/*.conf', '/etc/app.conf')).toBe(true);
    expect(m('/etc/*.conf', '/etc/sub/app.conf')).toBe(false);
    expect(m('/etc/**/app.conf', '/etc/app.conf')).toBe(true);
    expect(m('/etc/**/app.conf', '/etc/a/b/app.conf')).toBe(true);
    expect(m('**/secrets', '/home/dev/work/app/config/secrets/x')).toBe(true);
    expect(m('~/work/**', '/home/dev/work/app/x')).toBe(true);
  });

  it('supports alternation, classes and escapes regex characters', () => {
    expect(m('*.{pem,key}', '/a/b.key')).toBe(true);
    expect(m('*.{pem,key}', '/a/b.crt')).toBe(false);
    expect(m('id_[rd]sa', '/a/id_dsa')).toBe(true);
    expect(m('a+b.txt', '/x/a+b.txt')).toBe(true);
    expect(m('a+b.txt', '/x/aab.txt')).toBe(false);
  });

  it('matches paths that name a parent with ..', () => {
    expect(m('~/.ssh', '/home/dev/work/app/../../.ssh/id_rsa')).toBe(true);
    expect(normalizeAbsolute('/a//b/./c/../d')).toBe('/a/b/d');
  });

  it('is case-insensitive only where the platform is', () => {
    expect(m('~/.ssh', '/home/dev/.SSH/id_rsa')).toBe(false);
    expect(m('~/.ssh', '/home/dev/.SSH/id_rsa', true)).toBe(true);
  });
});
