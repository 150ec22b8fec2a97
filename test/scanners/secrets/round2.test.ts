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

describe('long-tail forms', () => {
  const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));
  it('an otpauth secret ends before the next query parameter', () => {
    const seed = 'MZXW6YTBOI4GQ2LMNRSWG5DFON2B';
    expect(spans(`otpauth://totp/Acme:bo@acme.io?secret=${seed}&issuer=Acme&digits=6`)).toEqual([seed]);
    expect(spans(`otpauth://totp/Acme:bo?issuer=Acme&secret=${seed}&period=30`)).toEqual([seed]);
  });
  it('a bytes literal of escapes under a secret name is a secret, under another name it is data', () => {
    const bytes = '\\x1f\\x93\\xc2\\x0b\\x4e\\xa1\\x7d\\xd9\\x06\\x5b\\xfa\\x32\\x9e\\x41\\xc7\\x18';
    expect(spans(`app.secret_key = b'${bytes}'`)).toEqual([bytes]);
    expect(spans(`SECRET_KEY = b"${bytes}"`)).toEqual([bytes]);
    expect(findSecrets(`header = b'${bytes}'`)).toEqual([]);
  });
  it("a line's closing comment naming the value a key", () => {
    const v = 'Zr8Kq2VmT5xW9pLc3NdY7bHf1GjA6sEu';
    expect(spans(`analytics.load("${v}") // segment write key`)).toEqual([v]);
    expect(spans(`client.init('${v}')  # deploy token`)).toEqual([v]);
    expect(findSecrets(`digest = "${v}"  # sha1 of the rendered secret, for change detection`)).toEqual([]);
    expect(findSecrets(`const id = "${v}" // request id`)).toEqual([]);
  });
  it('curl -u with a key as the user and an empty password', () => {
    expect(spans('curl -u rk9Xq2LmR7vT4kWb8NfZ3dHj: https://api.example.net/v1')).toEqual([
      'rk9Xq2LmR7vT4kWb8NfZ3dHj',
    ]);
    expect(findSecrets('curl -u admin: https://localhost:9200')).toEqual([]);
  });
  it('Facebook app tokens (app id | secret) and GitHub installation tokens carrying a JWT', () => {
    expect(ids('FB_APP_TOKEN=1836502947715208|Qx7RbN2kP9mWc4TzL6vYh3GdJ8sFa1e')).toContain(
      'facebook-access-token-app',
    );
    expect(findSecrets('| 1836502947715208 | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa |')).toEqual([]);
    const jwt =
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiI4ODI3MSIsImlhdCI6MTc2NDkwMDAwMH0.Vq3n8Kd0xPz7WmL2cR5tYb9HfJ4sGa1eU6oNi';
    expect(ids(`token: ghs_88271_${jwt}`)).toContain('github-token-installation-jwt');
  });
  it('Shopify tokens in the longer alphanumeric form', () => {
    expect(ids('SHOPIFY_SECRET=shpss_Vn3Kq8ZxR2mTc7LbW5pYd9HfJ4sGa1eQ')).toContain('shopify-token');
  });
});

describe('provider shapes and published samples', () => {
  it('Databricks tokens are hex', () => {
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3d4c5e6 for the job')).toContain('databricks-token');
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3d4c5e6-2 for the job')).toContain('databricks-token');
    expect(ids('using dapi3f9a0c7e12b4d5968a7c0e1f2b3dxyzq for the job')).not.toContain('databricks-token');
  });
  it("a short or counted value under a provider's prefix that breaks its format is no generic secret", () => {
    expect(findSecrets('"slack_token": "xoxb-2048-77ab"')).toEqual([]);
    expect(findSecrets('SETTLEMINT_TOKEN=sm_aat_Kd82mQx1')).toEqual([]);
    expect(findSecrets('DATABRICKS_TOKEN=dapi1234567890abcdef12345678zzzz9')).toEqual([]);
    // A long random value under a prefix whose newer format the provider pattern does not know stays a finding.
    expect(ids('SLACK_REFRESH_TOKEN=xoxe-1-Qm9vS3hKZ1RxWm5MbVd4YjJjUjd0VnlIcDNzRjhkSmEwZVB1')).toContain(
      'generic-secret-assignment',
    );
  });
  it("Firebase Android SDK's public sample API keys are not findings, other AIza keys are", () => {
    expect(findSecrets('apiKey: "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"')).toEqual([]);
    expect(ids('apiKey: "AIzaSyC7pQ2xLm9RvT4kWb8NfZ3dHj6uYe1sGa0"')).toContain('google-api-key');
  });
});
