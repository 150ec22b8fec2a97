import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

/**
 * Mechanisms of 2026-12-06 round 5 (misses of the retired independent sets, grouped by cause): each case written
 * for the mechanism, not taken from a row; values are random characters.
 */
const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

describe('URL credentials at a documentation host', () => {
  it('reports a random password of 16+ characters even at an example host', () => {
    expect(spans('MQ_URL=amqp://worker:Hq7ZtW2mKc9RvXb4Lp@queue.staging.example:5672/jobs')).toEqual([
      'Hq7ZtW2mKc9RvXb4Lp',
    ]);
    expect(spans('git clone https://bot:u4NcX9qTz2WmLr8KvB3s@git.example.com/team/app.git')).toHaveLength(1);
  });
  it('keeps sample passwords at example hosts quiet', () => {
    expect(spans('redis://default:s3cret99@cache.example.com:6379')).toEqual([]);
  });
});

describe('a secret a few words after its name in prose', () => {
  it('reports the value after "is" / "was" / ":" several words on', () => {
    expect(spans('fyi the mailgun password for the eu relay is Rt8vQz2LmX9wKc4N, rotate monthly')).toEqual([
      'Rt8vQz2LmX9wKc4N',
    ]);
    expect(spans('Deploy token of the mirror job was: gT5hW2qLz8Xc4VnR7mKb')).toEqual([
      'gT5hW2qLz8Xc4VnR7mKb',
    ]);
    expect(spans('new secret for webhook signing: Pz4Kq9Wm2Xv7Lt3Rb8Nc.')).toEqual(['Pz4Kq9Wm2Xv7Lt3Rb8Nc']);
  });
  it('stays quiet for keys of something else, words about the secret, and non-random values', () => {
    expect(spans('the public key for this release is Rt8vQz2LmX9wKc4N')).toEqual([]);
    expect(spans('the token id for the runner is Rt8vQz2LmX9wKc4N')).toEqual([]);
    expect(spans('the cache key of the build is node-modules-linux-x64')).toEqual([]);
    expect(spans('the password for the demo account is changeme-please')).toEqual([]);
  });
});

describe('a hex key named by its algorithm', () => {
  it('reads `<algorithm> key <hex>` as a fingerprint', () => {
    expect(spans('Good signature, using RSA key 5C1D8E2F9A03B74E61D2C8F0A9B3E7D4C6F1A2B8')).toEqual([]);
    expect(spans('connecting with api key 5c1d8e2f9a03b74e61d2c8f0a9b3e7d4')).toHaveLength(1);
  });
});

describe('token shapes read more widely', () => {
  it('reports a Discord bot token passed to a client run/login call without the word discord', () => {
    expect(
      spans("bot.run('OTk4MjE3NjU0MzIxMDk4NzY1.Gq7Xbz.Lp3Vn8Rk2Wm5Tc9Yh4Jd6Fs1Qa0Ze7Ux3Ib2Nc')"),
    ).toHaveLength(1);
    expect(
      spans('await shard.login("MzA4NzY1NDMyMTA5ODc2NTQz.Yt6Rpl.Wz8Kq2Xm5Nb7Vc3Lh9Gd4Fs6Ja1Pe0Tr")'),
    ).toHaveLength(1);
  });
  it('reports an age secret key whatever letters its body uses', () => {
    expect(
      spans('AGE-SECRET-KEY-1K7Q2ZP9XWD4M8RT3VJ5NB6LHC0GFSEYA2UQ7KP9XWD4M8RT3VJ5NB6LHC0GF'),
    ).toHaveLength(1);
  });
});

describe('CSV and TSV exports with a header row', () => {
  it('reports the cells under a column the header names as a secret', () => {
    const csv =
      'login,email,password,created\nops,ops@corp.test,Vb7Qz2Lm9Xw4,2025-01-02\nci,ci@corp.test,hK3tR8pW1zN6,2025-02-03';
    expect(spans(csv)).toEqual(['Vb7Qz2Lm9Xw4', 'hK3tR8pW1zN6']);
    expect(spans('name\tapi_key\nbilling\tZ8kQ2vW7mL4xT9bR3nC6')).toEqual(['Z8kQ2vW7mL4xT9bR3nC6']);
  });
  it('stays quiet for other columns, ragged rows and non-secret values', () => {
    expect(spans('login,password_hint,notes\nops,Vb7Qz2Lm9Xw4Kt,first pet')).toEqual([]);
    expect(spans('login,password\nops,Vb7Qz2Lm9Xw4,extra,cells')).toEqual([]);
    expect(spans('login,password\nops,changeme')).toEqual([]);
  });
});

describe('application passwords in groups of four', () => {
  it('reports six space-separated groups under a password name', () => {
    expect(spans('NEXTCLOUD_APP_PASSWORD="Qk7w Zr2N tY9p Lm4X bV8c Hs3J"')).toEqual([
      'Qk7w Zr2N tY9p Lm4X bV8c Hs3J',
    ]);
  });
  it('stays quiet for masked groups and plain words', () => {
    expect(spans('app_password: "xxxx xxxx xxxx xxxx xxxx xxxx"')).toEqual([]);
    expect(spans('password: this will be sent over mail soon')).toEqual([]);
  });
});

describe('public values under key and token names', () => {
  it('reads a WebSocket handshake key and an anon key as public', () => {
    expect(spans('Sec-WebSocket-Key: Q2x7Vb9LmK4tR8wZ3nYp1A==')).toEqual([]);
    const anon = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from('{"iss":"supabase","ref":"qzlmvtkrwpxn","role":"anon","iat":1700000000}').toString('base64url')}.Hk4Tz9Wq2Lx7Vm3Rb8Nc5Yp1Gd6Fs0Ja4Ue2Kt7Zq9W`;
    expect(spans(`VITE_SUPABASE_ANON_KEY=${anon}`)).toEqual([]);
    expect(spans(`supabase.createClient(url, "${anon}")`)).toEqual([]);
    const service = anon.replace(
      anon.split('.')[1] ?? '',
      Buffer.from('{"iss":"supabase","ref":"qzlmvtkrwpxn","role":"service_role","iat":1700000000}').toString(
        'base64url',
      ),
    );
    expect(spans(`supabase.createClient(url, "${service}")`)).toHaveLength(1);
  });
});

describe('a line comment saying the value is public', () => {
  it('drops the report but still redacts', () => {
    const text = 'analytics_token: "Wq8Zt3Lp7Xv2Km9Rb4Nc" # client-side, shipped in the bundle';
    expect(spans(text)).toEqual([]);
    expect(findSecrets(text, { includePlaceholders: true }).length).toBeGreaterThan(0);
  });
  it('keeps a comment that says nothing of the kind', () => {
    expect(spans('analytics_token: "Wq8Zt3Lp7Xv2Km9Rb4Nc" # rotate before the public launch')).toHaveLength(
      1,
    );
  });
});

describe('URL credentials at a documentation host (sample passwords)', () => {
  it('keeps sample passwords at example hosts quiet', () => {
    expect(spans('redis://default:s3cret99@cache.example.com:6379')).toEqual([]);
    expect(spans('postgres://app:hunter2hunter2@db.example.org/app')).toEqual([]);
  });
});
