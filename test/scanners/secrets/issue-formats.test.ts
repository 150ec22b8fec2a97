import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

// Every provider and format named by issue 11, each from text written for this test. All values are random
// characters made up here (no live credential); the base64 ones decode to made-up passwords.
const R40 = 'F4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f';
const R36 = 'F4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZ';
const R24 = 'KLzdocJ2isAjIhKtJ0RlgLKO';
const PW = 'KLzdocJ2isAjIhKt';
const PW_B64 = 'S0x6ZG9jSjJpc0FqSWhLdA==';
const B64_88 = 'tws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY+uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt==';
const B64_44 = '/PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGeb=';
const HEX32 = '8f506b40928b5b7a767c76fb008f86be';
const DOCKER_AUTH = 'ZGVwbG95OktMemRvY0oyaXNBakloS3Q='; // deploy:KLzdocJ2isAjIhKt
const DOCKERCONFIG_B64 =
  'eyJhdXRocyI6eyJnaGNyLmlvIjp7ImF1dGgiOiJaR1Z3Ykc5NU9rdE1lbVJ2WTBveWFYTkJha2xvUzNRPSJ9fX0=';
const CERT_B64 =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVRjR2VUNzTWVoR0FrV3ZqN0ZBYzlRZVdKS1k0d0NnWUlLb1pJemowRUF3SXcKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=';
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkY0dlVDc01laCJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmRlZmF1bHQ6Y2kifQ.F4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1fmxgJ';

const hits = (text: string) => findSecrets(text).map((h) => [h.ruleId, text.slice(h.start, h.end)]);
const values = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

describe('providers named by the issue', () => {
  it.each([
    ['anthropic-api-key', `sk-ant-api03-${R40}${R40}-AbCdEfAA`],
    ['openai-api-key', `sk-proj-${R40}${R24}`],
    ['openai-api-key-legacy', `sk-${R24}T3BlbkFJ${R24}`],
    ['github-token', `ghp_${R36}`],
    ['github-token', `gho_${R36}`],
    ['github-token', `ghu_${R36}`],
    ['github-token', `ghs_${R36}`],
    ['github-token', `ghr_${R36}`],
    ['github-fine-grained-token', `github_pat_11ABCDEFG0${R40}${R36}`],
    ['gitlab-token', `glpat-${R24}`],
    ['aws-access-key-id', 'AKIAEEARJ6ENXFWB4VFX'],
    ['azure-client-secret', `abc8Q~${R36.slice(0, 34)}`],
    ['slack-token', `xoxb-20042792593-280756560632-${R24}`],
    ['stripe-secret-key', `sk_live_${R24}`],
    ['telegram-bot-token', `7123456789:AA${R36.slice(0, 33)}`],
    ['twilio-api-key', `SK${HEX32}`],
    ['npm-token', `npm_${R36}`],
    ['pypi-token', `pypi-AgEIcHlwaS5vcmcCJGNmQkFlcGZKQmQwS2g4b09PTDhkS0x6ZG9jSjJpc0FqSWhLdEow`],
    ['huggingface-token', `hf_${R36.slice(0, 34)}`],
  ])('%s', (rule, token) => {
    expect(hits(`value: ${token}`)).toEqual([[rule, token]]);
  });

  it.each([
    ['discord-bot-token', `DISCORD_BOT_TOKEN=MTA4NzY1NDMyMTA5ODc2NTQzMg.GhXy7a.${R36.slice(0, 30)}`],
    ['twilio-auth-token', `twilio auth token ${HEX32}`],
    ['whatsapp-access-token', `whatsapp: EAA${R40}${R40}`],
    ['openclaw-gateway-token', `openclaw gateway --token ${R36}`],
    ['aws-secret-access-key', `AWS_SECRET_ACCESS_KEY=${R40}`],
  ])('%s (by its context)', (rule, text) => {
    expect(findSecrets(text).map((h) => h.ruleId)).toEqual([rule]);
  });

  it("a provider rule names a value the generic rules also found (its rotation advice is the provider's)", () => {
    expect(findSecrets(`TWILIO_AUTH_TOKEN=${HEX32}`).map((h) => h.ruleId)).toEqual(['twilio-auth-token']);
    expect(findSecrets(`OPENCLAW_GATEWAY_TOKEN=${R36}`).map((h) => h.ruleId)).toEqual([
      'openclaw-gateway-token',
    ]);
    expect(findSecrets(`WHATSAPP_TOKEN=EAA${R40}${R40}`).map((h) => h.ruleId)).toEqual([
      'whatsapp-access-token',
    ]);
  });

  it('a GCP service-account JSON private key (escaped newlines)', () => {
    const key = `-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n${R40}${R24}\\n-----END PRIVATE KEY-----`;
    expect(
      findSecrets(`{"type": "service_account", "private_key": "${key}\\n"}`).map((h) => h.ruleId),
    ).toEqual(['private-key']);
  });
});

describe('connection strings', () => {
  it.each([
    [
      'Azure Storage',
      `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${B64_88};EndpointSuffix=core.windows.net`,
      B64_88,
    ],
    [
      'Azure Service Bus',
      `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${B64_44}`,
      B64_44,
    ],
    ['Cosmos DB', `AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${B64_88};`, B64_88],
    [
      'JDBC SQL Server',
      `jdbc:sqlserver://db01:1433;databaseName=app;user=app;password=${PW};encrypt=true`,
      PW,
    ],
    ['JDBC PostgreSQL', `jdbc:postgresql://db01:5432/app?user=app&password=${PW}`, PW],
    ['JDBC MySQL URL', `jdbc:mysql://app:${PW}@db01:3306/app`, PW],
    [
      'SQL Server ADO.NET',
      `Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=app;Password=${PW};Encrypt=True;`,
      PW,
    ],
    ['database URL', `DATABASE_URL=postgres://app:${PW}@db.internal:5432/app`, PW],
  ])('%s', (_name, text, secret) => {
    expect(values(text)).toEqual([secret]);
  });
});

describe('config files', () => {
  it('docker config.json auths and identity tokens', () => {
    expect(values(`{"auths":{"https://index.docker.io/v1/":{"auth":"${DOCKER_AUTH}"}}}`)).toEqual([
      DOCKER_AUTH,
    ]);
    expect(values(`{"auths":{"ghcr.io":{"identitytoken":"${R40}"}}}`)).toEqual([R40]);
  });

  it('Jenkins credential XML: plain, encrypted, class-named tags and a bare encrypted blob', () => {
    const enc = `{AQAAABAAAAAQ${R36}=}`;
    expect(values(`<password>${PW}</password>`)).toEqual([PW]);
    expect(values(`<secret>${enc}</secret>`)).toEqual([enc]);
    expect(values(`<hudson.util.Secret>${enc}</hudson.util.Secret>`)).toEqual([enc]);
    expect(hits(`println(new String(${enc}))`)).toEqual([['jenkins-encrypted-secret', enc]]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Jenkins variable reference is the point
    expect(values('<maxTokens>4096</maxTokens><apiToken>${JENKINS_TOKEN}</apiToken>')).toEqual([]);
  });

  it('.npmrc _auth, _authToken, _password, and npm config set', () => {
    expect(values(`_auth=${DOCKER_AUTH}`)).toEqual([DOCKER_AUTH]);
    expect(values(`//npm.acme.io/:_authToken=${R24}`)).toEqual([R24]);
    expect(values(`//npm.acme.io/:_password=${PW_B64}`)).toEqual([PW_B64]);
    expect(hits(`npm config set //npm.acme.io/:_authToken ${R24}`)).toEqual([['npmrc-auth', R24]]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an env reference is the point
    expect(values('//npm.acme.io/:_authToken=${NPM_TOKEN}')).toEqual([]);
  });

  it('.pypirc and .netrc', () => {
    expect(values(`[pypi]\nusername = __token__\npassword = ${PW}\n`)).toEqual([PW]);
    expect(values(`machine api.acme.io login deploy password ${PW}`)).toEqual([PW]);
  });

  it('kubeconfig user tokens (JWT and opaque)', () => {
    const kubeconfig = `users:\n- name: ci\n  user:\n    token: ${JWT}\n- name: ops\n  user:\n    token: ${R24}\n`;
    expect(hits(kubeconfig)).toEqual([
      ['jwt', JWT],
      ['authorization-header', R24],
    ]);
  });
});

describe('Kubernetes Secret data (base64)', () => {
  const manifest = (kind: string, data: string) =>
    `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: db\n  namespace: prod\ntype: Opaque\ndata:\n${data}`;

  it('every credential value under data: of a kind: Secret, in YAML', () => {
    const text = manifest(
      'Secret',
      `  username: YWRtaW4=\n  password: ${PW_B64}\n  .dockerconfigjson: ${DOCKERCONFIG_B64}\n  ca.crt: ${CERT_B64}\n`,
    );
    expect(hits(text)).toEqual([
      ['kubernetes-secret-data', PW_B64],
      ['kubernetes-secret-data', DOCKERCONFIG_B64],
    ]);
  });

  it('kubectl -o yaml order (data before kind) and a manifest printed into a transcript line', () => {
    const yaml = `apiVersion: v1\ndata:\n  api-token: ${PW_B64}\nkind: Secret\nmetadata:\n  name: api\n`;
    expect(values(yaml)).toEqual([PW_B64]);
    const line = JSON.stringify({ type: 'tool_result', content: yaml });
    expect(values(line)).toEqual([PW_B64]);
  });

  it('kubectl -o json, also as an escaped string in a transcript', () => {
    const json = JSON.stringify(
      { apiVersion: 'v1', data: { 'api-token': PW_B64, username: 'YWRtaW4=' }, kind: 'Secret' },
      null,
      4,
    );
    expect(hits(json)).toEqual([['kubernetes-secret-data-json', PW_B64]]);
    expect(values(JSON.stringify({ content: json }))).toEqual([PW_B64]);
  });

  it('not a ConfigMap, not a placeholder, not metadata or labels of a Secret', () => {
    expect(values(manifest('ConfigMap', `  settings: ${PW_B64}\n`))).toEqual([]);
    expect(values(manifest('Secret', `  settings: ${PW_B64}\n`))).toEqual([PW_B64]);
    expect(values(manifest('Secret', '  settings: Y2hhbmdlbWU=\n'))).toEqual([]); // changeme
    const labels = `apiVersion: v1\nkind: Secret\nmetadata:\n  labels:\n    build: ${PW_B64}\n`;
    expect(values(labels)).toEqual([]);
  });
});

describe('HTTP headers and command-line password flags', () => {
  it('Basic and Bearer authorization headers', () => {
    expect(values(`curl -H "Authorization: Basic ${DOCKER_AUTH}" https://api.acme.io`)).toEqual([
      DOCKER_AUTH,
    ]);
    expect(values(`curl -H 'Authorization: Bearer ${R40}' https://api.acme.io`)).toEqual([R40]);
  });

  it.each([
    `mysql -u root -p${PW} app`,
    `mysqldump --user=root -p${PW} app > dump.sql`,
    `sshpass -p ${PW} ssh deploy@host`,
    `docker login -u deploy -p ${PW} registry.acme.io`,
    `docker login --username deploy --password ${PW} registry.acme.io`,
    `redis-cli -h cache -a ${PW} ping`,
    `some-cli --api-key ${PW}`,
    `some-cli --api-key=${PW}`,
    `vault login -method=userpass username=admin password=${PW}`,
    `curl -u deploy:${PW} https://ci.internal/api`,
  ])('%s', (cmd) => {
    expect(values(cmd)).toEqual([PW]);
  });

  it.each([
    'docker run -p 8080:80 nginx',
    'mkdir -p ~/.config/agentwarden && ssh -p 2222 host',
    'mysql -u root -p app',
    'echo "$PW" | docker login -u deploy --password-stdin registry.acme.io',
    'gh auth login --with-token < token.txt',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an env reference is the point
    'some-cli --token "${API_TOKEN}" --token-file ~/.config/cli/token',
    'some-cli --password changeme --api-key your-api-key-here',
  ])('not a secret: %s', (cmd) => {
    expect(values(cmd)).toEqual([]);
  });
});
