import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/core/redact.js';
import { findSecrets } from '../../src/scanners/secrets/detect.js';
import { maskSecret } from '../../src/scanners/secrets/mask.js';

const anthropic = `sk-ant-api03-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(3)}-AbCdEfAA`;

describe('redaction', () => {
  it('masks a secret keeping only a short prefix and the length', () => {
    const masked = maskSecret(anthropic);
    expect(masked).not.toContain(anthropic.slice(4, 20));
    expect(masked.startsWith('sk-a')).toBe(true);
    expect(masked).toContain(`${anthropic.length} chars`);
    expect(maskSecret('short')).not.toContain('short');
  });

  it('redacts every secret in free text and leaves the rest', () => {
    const text = `key=${anthropic} and AKIAZ3MGNQ7Q4RXBVW2A done`;
    const out = redactText(text);
    expect(out).not.toContain(anthropic);
    expect(out).not.toContain('AKIAZ3MGNQ7Q4RXBVW2A');
    expect(out.startsWith('key=')).toBe(true);
    expect(out.endsWith(' done')).toBe(true);
  });

  it('masks provider-shaped tokens even when they look like placeholders (defence in depth)', () => {
    const placeholderish = `sk-ant-api03-FAKEdemo${'X'.repeat(80)}-XXXXXXAA`;
    expect(redactText(`"ANTHROPIC_API_KEY": "${placeholderish}"`)).not.toContain(placeholderish);
  });

  it('masks the password of a URL even when the user name contains the same text', () => {
    const out = redactText('postgres://svc_Sup3rS3cretPassw0rd:Sup3rS3cretPassw0rd@db.internal/app');
    expect(out).not.toContain(':Sup3rS3cretPassw0rd@');
    expect(out).toContain('postgres://svc_Sup3rS3cretPassw0rd:');
    expect(out).toContain('@db.internal/app');
  });

  it('does not call a default password that repeats the user name a secret', () => {
    expect(findSecrets('DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app_dev')).toEqual([]);
  });

  it('masks a bearer token written as JSON', () => {
    const token = 'FAKEdemoBEARERtokenAGENTWARDEN1234567890abcdef';
    expect(redactText(`{"headers": {"Authorization": "Bearer ${token}"}}`)).not.toContain(token);
  });

  it('leaves text without secrets unchanged', () => {
    expect(redactText('npm test -- --runInBand')).toBe('npm test -- --runInBand');
  });
});
