// Writes the secrets engine's development sets, labelled by construction before any detector runs:
//   secrets-context.jsonl  secrets with no distinctive prefix of their own, in the contexts the issue names
//                          (label 1), each row one file or paste as people write it;
//   secrets-benign.jsonl   benign high-entropy strings in their usual contexts (label 0).
// Formats come from the formats' own documentation (the `source` field of each row names the page); every
// value is generated here (seeded, so the files are reproducible): none is a real credential, none comes from
// a scanner's test files or from bench/holdout*. Usage: node bench/dev/make-secrets-dev.mjs
import { writeFileSync } from 'node:fs';

import { ALNUM, B64, B64URL, b64, fakeValues, HEX, LOWER } from './_fake.mjs';

const { rand, pick, one, uuid } = fakeValues(20261204);
const b64url = (s) => Buffer.from(s).toString('base64url');
const password = () =>
  `${pick(ALNUM, 10 + Math.floor(rand() * 8))}${one(['', '!', '#', '%', '_'])}${pick(ALNUM, 3)}`;
const host = () =>
  `${one(['db', 'pg', 'mysql', 'cache', 'mq', 'api', 'prod-db'])}${Math.floor(rand() * 9)}.${one(['internal', 'corp.acme.io', 'eu-west-1.rds.amazonaws.com', 'svc.cluster.local'])}`;
const user = () => one(['app', 'svc_api', 'deploy', 'ci-bot', 'admin', 'reporting', 'etl']);

const DOCS = {
  azureStorage:
    'https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/storage/common/storage-configure-connection-string.md',
  cosmos: 'https://learn.microsoft.com/en-us/azure/cosmos-db/ (AccountEndpoint=…;AccountKey=…;)',
  serviceBus:
    'https://learn.microsoft.com/en-us/azure/service-bus-messaging/ (Endpoint=sb://…;SharedAccessKey=…)',
  dockerAuth: 'https://man.cx/containers-auth.json(5) and docs.zarf.dev docker config tutorial',
  jenkins: 'https://www.jenkins.io/doc/book/using/using-credentials/ (credentials.xml)',
  npmrc: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc (auth-related configuration)',
  pypirc: 'https://packaging.python.org/specifications/pypirc/',
  netrc: 'https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html',
  gitCredentials: 'https://man7.org/linux/man-pages/man1/git-credential-store.1.html (STORAGE FORMAT)',
  kubeconfig:
    'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_config/kubectl_config_set-credentials/',
  dbUrl: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
  mongo: 'https://www.mongodb.com/docs/manual/reference/connection-string/',
  redis: 'https://www.iana.org/assignments/uri-schemes/prov/redis',
  amqp: 'https://www.rabbitmq.com/docs/uri-spec',
  written: 'written for agentwarden (a service name or key word beside a value with no prefix)',
  log: 'written for agentwarden (application and CLI log lines)',
};

const context = [
  // `<service> token = '…'`: services whose keys have no prefix.
  [
    'service-token',
    DOCS.written,
    () =>
      `${one(['pagerduty', 'rollbar', 'bugsnag', 'loggly', 'opsgenie', 'mixpanel', 'statuspage', 'honeybadger'])}_token = '${pick(ALNUM, 32)}'`,
  ],
  [
    'service-token',
    DOCS.written,
    () =>
      `${one(['PAGERDUTY', 'ROLLBAR', 'BUGSNAG', 'LOGGLY', 'OPSGENIE', 'SEGMENT', 'AMPLITUDE'])}_API_TOKEN="${pick(HEX, 32)}"`,
  ],
  [
    'service-token',
    DOCS.written,
    () => `rollbar:\n  access_token: ${pick(HEX, 32)}\n  environment: production`,
  ],
  [
    'service-token',
    DOCS.written,
    () => `const ${one(['bugsnag', 'mixpanel', 'pusher', 'iterable'])}ApiKey = "${pick(ALNUM, 32)}";`,
  ],
  [
    'service-token',
    DOCS.written,
    () => `{"service": "${one(['loggly', 'papertrail', 'logdna'])}", "token": "${pick(LOWER, 36)}"}`,
  ],
  [
    'service-token',
    DOCS.written,
    () => `${one(['sendinblue', 'mailjet', 'postmark', 'sparkpost'])} secret: ${pick(ALNUM, 40)}`,
  ],
  // Keys printed in logs.
  [
    'log-key',
    DOCS.log,
    () =>
      `${new Date(1_700_000_000_000 + Math.floor(rand() * 1e10)).toISOString()} INFO client: Using Key=${pick(HEX, 40)}`,
  ],
  ['log-key', DOCS.log, () => `[debug] auth ok, api key: ${pick(HEX, 32)} (expires in 3600s)`],
  ['log-key', DOCS.log, () => `DEBUG http: Authorization: Bearer ${pick(ALNUM, 40)}`],
  ['log-key', DOCS.log, () => `worker-3 | loaded secret_key=${pick(B64URL, 43)} from env`],
  // Connection strings.
  [
    'azure-storage',
    DOCS.azureStorage,
    () =>
      `DefaultEndpointsProtocol=https;AccountName=${pick(LOWER, 10)};AccountKey=${pick(B64, 86)}==;EndpointSuffix=core.windows.net`,
  ],
  [
    'azure-storage',
    DOCS.azureStorage,
    () =>
      `"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=st${pick(LOWER, 8)};AccountKey=${pick(B64, 86)}==;EndpointSuffix=core.windows.net",`,
  ],
  [
    'cosmos-db',
    DOCS.cosmos,
    () =>
      `COSMOS_CONNECTION_STRING="AccountEndpoint=https://${pick(LOWER, 8)}.documents.azure.com:443/;AccountKey=${pick(B64, 86)}==;"`,
  ],
  [
    'service-bus',
    DOCS.serviceBus,
    () =>
      `Endpoint=sb://${pick(LOWER, 9)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${pick(B64, 43)}=`,
  ],
  [
    'database-url',
    DOCS.dbUrl,
    () =>
      `DATABASE_URL=postgresql://${user()}:${password()}@${host()}:5432/${one(['app', 'prod', 'analytics'])}`,
  ],
  [
    'database-url',
    DOCS.dbUrl,
    () => `  url: mysql://${user()}:${password()}@${host()}:3306/shop?charset=utf8mb4`,
  ],
  [
    'database-url',
    DOCS.mongo,
    () =>
      `MONGO_URI="mongodb+srv://${user()}:${password()}@cluster0.${pick(LOWER, 5)}.mongodb.net/prod?retryWrites=true&w=majority"`,
  ],
  ['database-url', DOCS.redis, () => `REDIS_URL=redis://:${pick(ALNUM, 24)}@${host()}:6379/0`],
  [
    'database-url',
    DOCS.redis,
    () => `cache: rediss://default:${pick(ALNUM, 32)}@${pick(LOWER, 8)}.upstash.io:6379`,
  ],
  [
    'database-url',
    DOCS.amqp,
    () => `CELERY_BROKER_URL=amqp://${user()}:${password()}@${host()}:5672/${one(['', 'jobs', '%2F'])}`,
  ],
  [
    'database-url',
    DOCS.amqp,
    () =>
      `spring.rabbitmq.addresses=amqps://${user()}:${password()}@${pick(LOWER, 6)}.rmq.cloudamqp.com/${pick(LOWER, 8)}`,
  ],
  // Registry and tool credential files.
  [
    'docker-config',
    DOCS.dockerAuth,
    () =>
      `{\n\t"auths": {\n\t\t"${one(['https://index.docker.io/v1/', 'ghcr.io', 'registry.gitlab.com', `${pick(LOWER, 6)}.azurecr.io`])}": {\n\t\t\t"auth": "${b64(`${user()}:${password()}`)}"\n\t\t}\n\t}\n}`,
  ],
  [
    'docker-config',
    DOCS.dockerAuth,
    () =>
      `{"auths":{"quay.io":{"auth":"${b64(`${user()}+robot:${pick(ALNUM.toUpperCase(), 64)}`)}","email":""}}}`,
  ],
  [
    'jenkins-xml',
    DOCS.jenkins,
    () =>
      `<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <scope>GLOBAL</scope>\n  <id>deploy</id>\n  <username>${user()}</username>\n  <password>{AQAAABAAAAAQ${pick(B64, 42)}=}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>`,
  ],
  [
    'jenkins-xml',
    DOCS.jenkins,
    () =>
      `<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n  <id>slack</id>\n  <secret>${pick(ALNUM, 24)}</secret>\n</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>`,
  ],
  [
    'jenkins-xml',
    DOCS.jenkins,
    () =>
      `<hudson.tasks.Mailer_-DescriptorImpl>\n  <smtpAuthUsername>ci@acme.io</smtpAuthUsername>\n  <smtpAuthPassword>${password()}</smtpAuthPassword>\n</hudson.tasks.Mailer_-DescriptorImpl>`,
  ],
  [
    'npmrc',
    DOCS.npmrc,
    () => `registry=https://npm.${pick(LOWER, 5)}.io/\n//npm.${pick(LOWER, 5)}.io/:_authToken=${uuid()}`,
  ],
  [
    'npmrc',
    DOCS.npmrc,
    () =>
      `//${pick(LOWER, 6)}.jfrog.io/artifactory/api/npm/npm/:_auth=${b64(`${user()}:${password()}`)}\nalways-auth=true`,
  ],
  [
    'npmrc',
    DOCS.npmrc,
    () => `//npm.pkg.github.com/:_password=${b64(password())}\n//npm.pkg.github.com/:username=${user()}`,
  ],
  [
    'pypirc',
    DOCS.pypirc,
    () =>
      `[distutils]\nindex-servers = private\n\n[private]\nrepository = https://pypi.${pick(LOWER, 5)}.io/\nusername = ${user()}\npassword = ${password()}`,
  ],
  [
    'netrc',
    DOCS.netrc,
    () =>
      `machine ${one(['api.heroku.com', 'git.heroku.com', 'ftp.acme.io', 'urs.earthdata.nasa.gov'])}\n  login ${user()}@acme.io\n  password ${one([uuid(), password()])}`,
  ],
  ['netrc', DOCS.netrc, () => `machine ${host()} login ${user()} password ${password()}`],
  [
    'git-credentials',
    DOCS.gitCredentials,
    () => `https://${user()}:${password()}@${one(['bitbucket.org', 'git.acme.io', 'dev.azure.com'])}`,
  ],
  [
    'git-credentials',
    DOCS.gitCredentials,
    () =>
      `https://oauth2:${pick(ALNUM, 20)}@${one(['gitlab.acme.io', 'code.corp.example'.replace('example', 'internal')])}`,
  ],
  [
    'kubeconfig',
    DOCS.kubeconfig,
    () => `users:\n- name: admin\n  user:\n    token: ${pick(LOWER, 6)}.${pick(LOWER, 16)}`,
  ],
  [
    'kubeconfig',
    DOCS.kubeconfig,
    () =>
      `users:\n- name: ci\n  user:\n    token: ${b64url('{"alg":"RS256","kid":"k1"}')}.${b64url(`{"iss":"kubernetes/serviceaccount","sub":"system:serviceaccount:ci:deployer","n":"${pick(ALNUM, 8)}"}`)}.${pick(B64URL, 86)}`,
  ],
  [
    'kubeconfig',
    DOCS.kubeconfig,
    () => `- name: basic\n  user:\n    username: admin\n    password: ${password()}`,
  ],
  [
    'kubeconfig',
    DOCS.kubeconfig,
    () =>
      `    client-key-data: ${b64(`-----BEGIN RSA PRIVATE KEY-----\n${pick(B64, 64)}\n${pick(B64, 64)}\n-----END RSA PRIVATE KEY-----\n`)}`,
  ],
  // Keyword-anchored secrets near a service name, the way people paste them into prompts.
  [
    'near-service',
    DOCS.written,
    () =>
      `here is the ${one(['Algolia admin', 'Mapbox', 'Contentful', 'Datadog', 'Sentry'])} key: ${pick(HEX, 32)}`,
  ],
  [
    'near-service',
    DOCS.written,
    () => `${one(['twilio', 'plivo', 'vonage'])} auth token ${pick(HEX, 32)} for the sms test`,
  ],
  [
    'near-service',
    DOCS.written,
    () => `export ${one(['DATADOG', 'NEWRELIC', 'HONEYCOMB'])}_API_KEY=${pick(HEX, 32)}`,
  ],
];

const JWT_IO_SAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const benign = [
  ['uuid', () => `"requestId": "${uuid()}",`],
  ['uuid', () => `{"sessionId":"${uuid()}","type":"user","cwd":"/home/dev/app"}`],
  ['uuid', () => `trace_id=${uuid()} span_id=${pick(HEX, 16)} status=200`],
  ['git-sha', () => `commit ${pick(HEX, 40)}\nAuthor: Dev <dev@acme.io>`],
  ['git-sha', () => `"gitHead": "${pick(HEX, 40)}",`],
  [
    'git-sha',
    () => `${pick(HEX, 7)} Merge pull request #${Math.floor(rand() * 9000)} from acme/${pick(LOWER, 6)}`,
  ],
  ['git-sha', () => `uses: actions/checkout@${pick(HEX, 40)} # v4`],
  ['integrity', () => `      "integrity": "sha512-${pick(B64, 86)}==",`],
  [
    'integrity',
    () =>
      `<script src="https://cdn.jsdelivr.net/npm/x@1/dist/x.min.js" integrity="sha384-${pick(B64, 64)}" crossorigin="anonymous"></script>`,
  ],
  [
    'integrity',
    () => `${pick(HEX, 64)}  dist/app-${Math.floor(rand() * 9)}.${Math.floor(rand() * 9)}.0.tar.gz`,
  ],
  ['integrity', () => `sha256:${pick(HEX, 64)}`],
  [
    'lockfile',
    () => `  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#${pick(HEX, 40)}"`,
  ],
  ['lockfile', () => `  checksum: ${pick(HEX, 128)}`],
  ['lockfile', () => `    {file = "pkg-1.0-py3-none-any.whl", hash = "sha256:${pick(HEX, 64)}"},`],
  ['lockfile', () => `checksum = "${pick(HEX, 64)}"`],
  ['lockfile', () => `h1:${pick(B64, 43)}=`],
  ['base64-data', () => `data:image/png;base64,${b64(`\x89PNG ${pick(ALNUM, 40)}`)}`],
  [
    'base64-data',
    () =>
      `"content": "${b64(one(['hello world, this is a readme', 'export default function App() { return null; }', 'name: ci\non: push\n']))}"`,
  ],
  [
    'base64-data',
    () =>
      `Content-Transfer-Encoding: base64\n\n${b64('Dear team, the quarterly report is attached. Regards, Ops')}`,
  ],
  [
    'minified-js',
    () =>
      `!function(e,t){"object"==typeof exports?module.exports=t():e.${pick('abcdefghijklmnopqrstuvwxyz', 1)}${pick(ALNUM, 5)}=t()}(this,function(){var ${pick('abcdefghijklmnopqrstuvwxyz', 1)}=${Math.floor(rand() * 99)};return{}});`,
  ],
  [
    'minified-js',
    () =>
      `webpackChunk_N_E.push([[${Math.floor(rand() * 999)}],{${Math.floor(rand() * 9999)}:function(e,t,n){"use strict";n.d(t,{Z:function(){return ${pick('abcdefghijklmnopqrstuvwxyz', 1)}}})}}]);//# sourceMappingURL=${pick(HEX, 16)}.js.map`,
  ],
  ['css-hash', () => `<link rel="stylesheet" href="/static/css/main.${pick(HEX, 8)}.css">`],
  [
    'css-hash',
    () =>
      `.css-${pick(LOWER, 6)}{display:flex}.sc-${pick(ALNUM, 6)}.${pick(ALNUM, 6)}{color:#${pick(HEX, 6)}}`,
  ],
  ['css-hash', () => `<div class="_${pick(ALNUM, 5)}_${pick(LOWER, 5)} jsx-${Math.floor(rand() * 1e9)}">`],
  ['jwt-doc', () => `Example token from the JWT introduction: ${JWT_IO_SAMPLE}`],
  ['jwt-doc', () => `header: ${b64url('{"alg":"HS256","typ":"JWT"}')} (decode it to see the algorithm)`],
  ['id', () => `"objectId": "${pick(HEX, 24)}", "etag": "W/\\"${pick(HEX, 32)}\\""`],
  ['id', () => `ami-${pick(HEX, 17)} vpc-${pick(HEX, 17)} subnet-${pick(HEX, 17)}`],
  ['id', () => `"node_id": "${one(['MDQ6VXNlcj', 'R_kgDO', 'PR_kwDO'])}${pick(ALNUM, 12)}"`],
  ['template', () => `//registry.npmjs.org/:_authToken=\${NPM_TOKEN}`],
  ['template', () => `{"auths": {"ghcr.io": {}}, "credsStore": "desktop"}`],
  ['template', () => `    token: <service-account-token>`],
  [
    'template',
    () =>
      `DefaultEndpointsProtocol=https;AccountName=YOUR_ACCOUNT_NAME;AccountKey=YOUR_ACCOUNT_KEY;EndpointSuffix=core.windows.net`,
  ],
  ['template', () => `DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DB`],
];

const rows = (templates, label, prefix, count) => {
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    const [kind, source, make] = label === 1 ? t : [t[0], 'generated for agentwarden', t[1]];
    out.push({ id: `${prefix}-${kind}-${String(i).padStart(4, '0')}`, text: make(), label, source, kind });
  }
  return out;
};

const dir = new URL('.', import.meta.url).pathname;
const write = (file, list) =>
  writeFileSync(`${dir}${file}`, `${list.map((r) => JSON.stringify(r)).join('\n')}\n`);
write('secrets-context.jsonl', rows(context, 1, 'ctx', context.length * 6));
write('secrets-benign.jsonl', rows(benign, 0, 'benign', benign.length * 12));
console.log(`wrote ${context.length * 6} context rows and ${benign.length * 12} benign rows to ${dir}`);
