import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

/** Rules of 2026-12-06, round 4 (tuned on the independent set's train split): each case written for the rule, values random. */
const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));
const ids = (text: string) => findSecrets(text).map((h) => h.ruleId);

describe('sk- keys of many AI APIs', () => {
  const v = 'sk-Rq8ZmT3vKx7LpW2nYc9BdH4fJs6GtA1eUo5Ni0Qk3VbX8rMw';
  it('a key of 32-64 letters and digits after sk-', () => {
    expect(spans(`my image API key, use it: ${v}\nthanks`)).toEqual([v]);
    expect(ids(`DEEPSEEK=sk-3f9a1c7e5b2d4086af1e9c3b7d5a2f64`)).toContain('sk-prefixed-api-key');
  });
  it('not a low-entropy or short sk- string, nor an OpenAI legacy key (its own rule)', () => {
    expect(findSecrets('sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual([]);
    expect(findSecrets('task-queue sk-12345 sk-abc')).toEqual([]);
    const legacy = 'sk-Zq8mT3vKx7LpW2nYc9BdT3BlbkFJs6GtA1eUo5Ni0Qk3VbX8rM';
    expect(ids(legacy)).toEqual(['openai-api-key-legacy']);
  });
});

describe('Nostr private keys', () => {
  it('nsec1 and 58 characters', () => {
    const v = 'nsec1q8zm3vkx7lpw2nyc9bdh4fjs6gta5eu0ni0qk3vbx8rmwq8zm3vkx7lpr4';
    expect(spans(`nsec: ${v}`)).toEqual([v]);
    expect(findSecrets('npub1q8zm3vkx7lpw2nyc9bdh4fjs6gta5eu0ni0qk3vbx8rmwq8zm3vkx7lpr4')).toEqual([]);
  });
});

describe('PuTTY key files', () => {
  it('the private lines of a .ppk', () => {
    const body = 'AAAAIGx7Qm3Zp9Tq2VbK8rWn4LcY6dHs1FjG5aEu0oNiXk3=';
    const ppk = `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops@jump\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIK9pQm3Zp9Tq2VbK8rWn4LcY6dHs1FjG5a\nEu0oNi\nPrivate-Lines: 1\n${body}\nPrivate-MAC: 4f1d`;
    expect(spans(ppk)).toEqual([body]);
  });
  it('not the words in prose', () => {
    expect(findSecrets('The Private-Lines: field counts the base64 lines that follow.')).toEqual([]);
  });
});

describe('a secret in prose: "the password is …"', () => {
  it('a random-looking value after "is"', () => {
    expect(spans('fyi the staging db password is Qz7vLm2XpT9k! rotate after the demo')).toEqual([
      'Qz7vLm2XpT9k!',
    ]);
    expect(spans('the api token is 9fK2vQx81LmZp3Tn7Wc')).toEqual(['9fK2vQx81LmZp3Tn7Wc']);
  });
  it('not words after "is"', () => {
    expect(findSecrets('the password is incorrect, please try again later')).toEqual([]);
    expect(findSecrets('Your access token is expired or malformed.')).toEqual([]);
    expect(findSecrets('the secret is stored in the keychain under com.acme.deploy')).toEqual([]);
  });
});

describe('a password with a scheme word (Twitch IRC oauth:)', () => {
  it('the token after oauth:', () => {
    expect(spans('password: "oauth:k3x9q7vz2m8w4t6r1y5p0n3b7c9d2f"')).toEqual([
      'k3x9q7vz2m8w4t6r1y5p0n3b7c9d2f',
    ]);
  });
});

describe('a command-line flag named as a secret', () => {
  const v = 'Hq4mZt8RvN2xLc6KpW9sBd3YfJ7gTa1EuQ5oVi0n';
  it('any flag whose name is a secret name', () => {
    expect(spans(`certbot register --eab-kid kid01 --eab-hmac-key ${v} --server x`)).toEqual([v]);
    expect(spans(`deploy --db-password=${v}`)).toEqual([v]);
    expect(spans(`tool --client-secret ${v}`)).toEqual([v]);
    expect(spans(`tool --api-key ${v}`)).toEqual([v]);
  });
  it('not flags that name no credential, files or other flags', () => {
    expect(findSecrets(`aws dynamodb query --sort-key ${v}`)).toEqual([]);
    expect(findSecrets(`gh ssh-key add --public-key ${v}`)).toEqual([]);
    expect(
      findSecrets('ssh-keygen --ssh-key ~/.ssh/deploy_ed25519_2024 --key ./certs/client-01.pem'),
    ).toEqual([]);
    expect(findSecrets('docker login --password-stdin --token-file /run/secrets/tok')).toEqual([]);
    expect(findSecrets('llm --max-tokens 4096 --page-token 8f3a9c1e5b7d2f4a6c8e0b1d3f5a7c9e')).toEqual([]);
  });
});

describe('look-alikes', () => {
  it('variable names standing for a URL credential', () => {
    expect(findSecrets('CLOUDINARY_URL=cloudinary://API_KEY:API_SECRET@CLOUD_NAME')).toEqual([]);
    expect(findSecrets('DATABASE_URL=postgres://DB_USER:DB_PASSWORD@DB_HOST:5432/app')).toEqual([]);
  });
  it('an Octopus / Azure Pipelines token-replacement variable', () => {
    expect(findSecrets('"Db": "Host=pg;Username=app;Password=#{AppDbPassword}#;SSL Mode=Require"')).toEqual(
      [],
    );
    expect(findSecrets('api_token: "#{DeployApiToken}"')).toEqual([]);
  });
  it("a browser SDK's client key or token, and a Mapbox public token", () => {
    expect(findSecrets('rum.init({ clientToken: "pubf3a9c1e5b7d2f4a6c8e0b1d3f5a7c9e1" })')).toEqual([]);
    expect(findSecrets('Checkout({ clientKey: "test_Q8ZMT3VKX7LPW2NYC9BDH4FJS6GTA1EU" })')).toEqual([]);
    expect(
      findSecrets('map.accessToken = "pk.eyJ1IjoicTh6bTN2a3giLCJhIjoiY2x6In0.Rq8ZmT3vKx7LpW2nYc9BdH"'),
    ).toEqual([]);
  });
  it('a client secret and a Mapbox secret token stay secrets', () => {
    const v = 'Hq4mZt8RvN2xLc6KpW9sBd3YfJ7gTa1EuQ5oVi0n';
    expect(spans(`clientSecret: "${v}"`)).toEqual([v]);
    const sk = 'sk.eyJ1IjoicTh6bTN2a3giLCJhIjoiY2x6In0.Rq8ZmT3vKx7LpW2nYc9BdH';
    expect(spans(`MAPBOX_ACCESS_TOKEN="${sk}"`)).toEqual([sk]);
  });
});
