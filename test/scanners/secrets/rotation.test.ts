import { describe, expect, it } from 'vitest';
import { ANCHORED_RULE_IDS } from '../../../src/scanners/secrets/anchored.js';
import { rotationAdvice } from '../../../src/scanners/secrets/rotation.js';
import { SECRET_RULES } from '../../../src/scanners/secrets/rules.js';

const RULE_IDS = [...new Set([...SECRET_RULES.map((r) => r.id), ...ANCHORED_RULE_IDS])];

describe('rotationAdvice', () => {
  it('covers every rule', () => {
    expect(RULE_IDS.length).toBeGreaterThan(250);
    for (const id of RULE_IDS) {
      const advice = rotationAdvice(id);
      expect(advice.length, id).toBeGreaterThan(40);
    }
  });

  it('names the provider in the generic advice for the long tail', () => {
    expect(rotationAdvice('cisco-meraki-api-key')).toContain('Cisco Meraki credential');
    expect(rotationAdvice('new-relic-user-api-key')).toContain('New Relic credential');
    expect(rotationAdvice('mailgun-private-api-token')).toContain('Mailgun credential');
    // A key recognised by its shape alone names no provider: the generic advice, not "the Sk Prefixed credential".
    expect(rotationAdvice('sk-prefixed-api-key')).toBe(rotationAdvice('generic-secret-assignment'));
    // Every rule id not covered by a provider-specific text gets its own first word named.
    const specific = new Set(['anthropic', 'openai', 'github', 'aws', 'slack', 'stripe', 'generic']);
    for (const id of RULE_IDS) {
      const first = id.split('-')[0] as string;
      const advice = rotationAdvice(id);
      if (advice.includes('credential in ')) expect(advice.toLowerCase(), id).toContain(first.toLowerCase());
      else expect(advice, id).not.toMatch(/credential in /);
      if (specific.has(first)) expect(advice, id).not.toContain('credential in ');
    }
  });

  it('gives provider-specific steps for the main providers and the context-only rules', () => {
    expect(rotationAdvice('github-fine-grained-token')).toContain('github.com');
    expect(rotationAdvice('aws-secret-access-key')).toContain('IAM');
    expect(rotationAdvice('azure-storage-account-key')).toContain('Azure portal');
    expect(rotationAdvice('docker-config-auth')).toContain('registry');
    expect(rotationAdvice('jenkins-credential')).toContain('Jenkins');
    expect(rotationAdvice('npmrc-auth')).toContain('.npmrc');
    expect(rotationAdvice('netrc-password')).toContain('netrc');
    expect(rotationAdvice('generic-secret-assignment')).toContain('update every consumer');
  });
});
