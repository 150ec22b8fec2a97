import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

/** Rules of 2026-12-05, round 2: each case written for the rule, values random unless a published sample. */
const ids = (text: string) => findSecrets(text).map((h) => h.ruleId);

describe('anchored provider keywords must be words of a camelCase name', () => {
  const okta = '00Qm7vXz2LpR9sKd4TnW8yBc3HfJ6gAe1UoZ5iNqYt';
  const sumo = 'k3f9q2m8x7v1c4b6n5z0a8s7d6f5g4h3j2k1l0p9o8i7u6y5t4r3e2w1q0m9n8b7';
  it('a keyword across a word boundary of a camelCase name is no keyword', () => {
    expect(ids(`lookTarget = ${okta}`)).not.toContain('okta-access-token');
    expect(ids(`sumOfWeights = ${sumo}`)).not.toContain('sumologic-access-token');
  });
  it('the keyword as a word of the name still anchors the value', () => {
    expect(ids(`oktaApiToken = ${okta}`)).toContain('okta-access-token');
    expect(ids(`OKTA_API_TOKEN=${okta}`)).toContain('okta-access-token');
    expect(ids(`mySumoAccessKey = ${sumo}`)).toContain('sumologic-access-token');
    expect(ids(`sumo_token: ${sumo}`)).toContain('sumologic-access-token');
  });
});

describe('provider shapes and published samples', () => {
  it('Databricks tokens are hex', () => {
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3d4c5e6 for the job')).toContain('databricks-token');
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3d4c5e6-2 for the job')).toContain('databricks-token');
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3dxyzq for the job')).not.toContain('databricks-token');
  });
  it("Firebase Android SDK's public sample API keys are not findings, other AIza keys are", () => {
    expect(findSecrets('apiKey: "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"')).toEqual([]);
    expect(ids('apiKey: "AIzaSyC7pQ2xLm9RvT4kWb8NfZ3dHj6uYe1sGa0"')).toContain('google-api-key');
  });
});
