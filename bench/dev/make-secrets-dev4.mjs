// Writes bench/dev/secrets-dev4.jsonl (dev4, 2026-12-06): ~300 rows labelled by construction before any detector
// runs on them. Half are secrets (label 1) with FAKE values generated here (seeded, reproducible), in formats the
// earlier dev sets did not use (HCL/Terraform, TOML, INI, Java properties, Spring YAML, Helm values, GitHub Actions
// logs, Postman collections, HAR files, curl -v traces, Jupyter outputs, Claude Code transcript lines, crash dumps)
// and mostly for providers whose keys carry no distinctive prefix (only the context says "key"). The other half are
// look-alikes (label 0): hashes, ids, digests, integrity strings, public keys and certificates, placeholders in many
// languages, env/vault/secret-manager references, encrypted blobs, masked values, docs about token formats and code
// that generates keys. Written from general knowledge of these formats; nothing comes from a scanner's rule tests or
// from bench/holdout*. Usage: node bench/dev/make-secrets-dev4.mjs
import { writeFileSync } from 'node:fs';

import { ALNUM, B64, B64URL, b64, CROCKFORD, fakeValues, HEX, LOWER, UHEX, UPPER } from './_fake.mjs';

const { pick, one, int, uuid, reseed } = fakeValues(20261206);
const pw = () => `${pick(ALNUM, int(12, 18))}${one(['!', '#', '%', '_', '@', '^'])}${pick(ALNUM, 3)}`;
const b64blob = (n) => {
  const s = pick(B64, n);
  return s + '='.repeat((4 - (s.length % 4)) % 4);
};
const sha1 = () => pick(HEX, 40);
const sha256 = () => pick(HEX, 64);
const ulid = () => `01${one(['H', 'J'])}${pick(CROCKFORD, 23)}`;
const ksuid = () => `${one(['1', '2'])}${pick(ALNUM, 26)}`;
const ts = () =>
  `2026-${String(int(1, 11)).padStart(2, '0')}-${String(int(10, 28))}T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z`;
const transcript = (content, role = 'user') =>
  JSON.stringify({
    parentUuid: uuid(),
    isSidechain: false,
    userType: 'external',
    cwd: '/home/dev/app',
    sessionId: uuid(),
    version: '2.0.14',
    type: role,
    message: { role, content },
    uuid: uuid(),
    timestamp: ts(),
  });
const toolResult = (text) =>
  transcript([{ tool_use_id: `toolu_01${pick(ALNUM, 22)}`, type: 'tool_result', content: text }]);

// Providers whose keys have no distinctive prefix, with the shape of their keys.
const PROVIDERS = [
  ['datadog', 'api_key', () => pick(HEX, 32)],
  ['datadog', 'app_key', () => pick(HEX, 40)],
  ['algolia', 'admin_api_key', () => pick(HEX, 32)],
  ['cloudflare', 'api_token', () => pick(`${ALNUM}_-`, 40)],
  ['twilio', 'auth_token', () => pick(HEX, 32)],
  ['plaid', 'secret', () => pick(HEX, 30)],
  ['zendesk', 'api_token', () => pick(ALNUM, 40)],
  ['freshdesk', 'api_key', () => pick(ALNUM, 20)],
  ['trello', 'token', () => pick(HEX, 64)],
  ['fastly', 'api_token', () => pick(`${ALNUM}_-`, 32)],
  ['linode', 'token', () => pick(HEX, 64)],
  ['vultr', 'api_key', () => pick(UPPER, 36)],
  ['hetzner', 'token', () => pick(ALNUM, 64)],
  ['ovh', 'application_secret', () => pick(ALNUM, 32)],
  ['alibaba', 'access_key_secret', () => pick(ALNUM, 30)],
  ['tencentcloud', 'secret_key', () => pick(ALNUM, 32)],
  ['ibmcloud', 'api_key', () => pick(`${ALNUM}_-`, 44)],
  ['segment', 'write_key', () => pick(ALNUM, 32)],
  ['amplitude', 'api_key', () => pick(HEX, 32)],
  ['mixpanel', 'api_secret', () => pick(HEX, 32)],
  ['salesforce', 'consumer_secret', () => pick(UHEX, 64)],
  ['zoom', 'client_secret', () => pick(ALNUM, 32)],
  ['box', 'client_secret', () => pick(ALNUM, 32)],
  ['twitch', 'client_secret', () => pick('abcdefghijklmnopqrstuvwxyz0123456789', 30)],
  ['spotify', 'client_secret', () => pick(HEX, 32)],
  ['binance', 'api_secret', () => pick(ALNUM, 64)],
  ['kraken', 'private_key', () => b64blob(86)],
  ['etherscan', 'api_key', () => pick(UPPER, 34)],
  ['infura', 'project_secret', () => pick(HEX, 32)],
  ['alchemy', 'api_key', () => pick(`${ALNUM}_-`, 32)],
  ['cohere', 'api_key', () => pick(ALNUM, 40)],
  ['mistral', 'api_key', () => pick(ALNUM, 32)],
  ['together', 'api_key', () => pick(HEX, 64)],
  ['assemblyai', 'api_key', () => pick(HEX, 32)],
  ['deepgram', 'api_key', () => pick(HEX, 40)],
  ['wandb', 'api_key', () => pick(HEX, 40)],
  ['pusher', 'secret', () => pick(HEX, 20)],
  ['mailjet', 'secret_key', () => pick(HEX, 32)],
  ['sendinblue', 'smtp_password', () => pick(ALNUM, 16)],
  ['backblaze', 'application_key', () => `K00${pick(`${ALNUM}/+`, 28)}`],
  ['contentful', 'delivery_token', () => pick(`${ALNUM}_-`, 43)],
  ['cloudinary', 'api_secret', () => pick(`${ALNUM}_-`, 27)],
  ['bitly', 'access_token', () => pick(HEX, 40)],
  ['openweathermap', 'appid', () => pick(HEX, 32)],
  ['heroku', 'api_key', () => uuid()],
  ['snyk', 'token', () => uuid()],
  ['pinecone', 'api_key', () => uuid()],
  ['rapidapi', 'key', () => pick(ALNUM, 50)],
];
const provider = () => one(PROVIDERS);
const upper = (s) => s.toUpperCase().replace(/-/g, '_');
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

const positives = [
  // HCL / Terraform
  () => {
    const [p, k, v] = provider();
    return `provider "${p}" {\n  ${k} = "${v()}"\n  region = "eu-west-1"\n}`;
  },
  () => {
    const [p, k, v] = provider();
    return `variable "${p}_${k}" {\n  type      = string\n  sensitive = true\n  default   = "${v()}"\n}`;
  },
  () =>
    `resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n  password = "${pw()}"\n}`,
  () => {
    const [p, k, v] = provider();
    return `# terraform.tfvars\n${p}_${k} = "${v()}"\nenvironment = "prod"`;
  },
  () =>
    `resource "kubernetes_secret" "api" {\n  metadata { name = "api" }\n  data = {\n    token = "${pick(ALNUM, 36)}"\n  }\n}`,
  // TOML
  () => {
    const [p, k, v] = provider();
    return `[${p}]\n${k} = "${v()}"\ntimeout = 30`;
  },
  () => `[database]\nhost = "db.internal"\nuser = "svc"\npassword = "${pw()}"\nport = 5432`,
  () =>
    `# .streamlit/secrets.toml\n[connections.snowflake]\naccount = "acme-xy12345"\nuser = "loader"\npassword = "${pw()}"`,
  () => {
    const [p, k, v] = provider();
    return `[tool.${p}]\n${k} = '${v()}'`;
  },
  // INI
  () => {
    const [p, k, v] = provider();
    return `[${p}]\nendpoint = https://api.${p}.com\n${k} = ${v()}`;
  },
  () => `[client]\nuser=backup\npassword=${pw()}\nhost=mysql.internal`,
  () =>
    `; php.ini\n[mail function]\nSMTP = smtp.mailgun.org\nsmtp_password = ${pick(HEX, 32)}-${pick(HEX, 8)}-${pick(HEX, 8)}`,
  () =>
    `[default]\nregion = ap-southeast-1\nalibaba_access_key_id = LTAI${pick(ALNUM, 20)}\nalibaba_access_key_secret = ${pick(ALNUM, 30)}`,
  // Java properties
  () => {
    const [p, k, v] = provider();
    return `# application.properties\n${p}.${k.replace(/_/g, '-')}=${v()}\nserver.port=8080`;
  },
  () =>
    `spring.datasource.url=jdbc:postgresql://db:5432/orders\nspring.datasource.username=orders\nspring.datasource.password=${pw()}`,
  () =>
    `mail.smtp.host=smtp.sendgrid.net\nmail.smtp.user=apikey\nmail.smtp.password=${pick(ALNUM, 22)}.${pick(`${ALNUM}_-`, 43)}`,
  () => {
    const [p, k, v] = provider();
    return `${p}.${camel(k)}=${v()}`;
  },
  // Spring YAML
  () => {
    const [p, k, v] = provider();
    return `spring:\n  application:\n    name: billing\n${p}:\n  ${k.replace(/_/g, '-')}: ${v()}`;
  },
  () => `spring:\n  rabbitmq:\n    host: mq.internal\n    username: billing\n    password: ${pw()}`,
  () =>
    `spring:\n  security:\n    oauth2:\n      client:\n        registration:\n          okta:\n            client-id: 0oa${pick(ALNUM, 17)}\n            client-secret: ${pick(`${ALNUM}_-`, 40)}`,
  // Helm values
  () => {
    const [p, k, v] = provider();
    return `# values-prod.yaml\n${camel(p)}:\n  enabled: true\n  ${camel(k)}: "${v()}"`;
  },
  () => `postgresql:\n  auth:\n    username: app\n    postgresPassword: "${pw()}"\n    database: app`,
  () => `redis:\n  auth:\n    enabled: true\n    password: ${pw()}\nreplica:\n  replicaCount: 2`,
  () => {
    const [p, k, v] = provider();
    return `helm upgrade --install api ./chart --set ${camel(p)}.${camel(k)}=${v()} -n prod`;
  },
  // GitHub Actions logs: a secret that escaped masking (derived, or printed from a file).
  () => {
    const [p, k, v] = provider();
    return `2026-12-04T10:11:12.1234567Z ##[group]Run ./scripts/deploy.sh\n2026-12-04T10:11:12.5551234Z env:\n2026-12-04T10:11:12.5552345Z   ${upper(`${p}_${k}`)}: ***\n2026-12-04T10:11:13.0012345Z debug: using ${p} ${k.replace(/_/g, ' ')} ${v()}`;
  },
  () =>
    `2026-12-04T09:01:02.0000000Z cat .env\n2026-12-04T09:01:02.1000000Z DB_PASSWORD=${pw()}\n2026-12-04T09:01:02.1000001Z SENTRY_ENVIRONMENT=ci`,
  () => {
    const [p, k, v] = provider();
    return `Run echo "::add-mask::$TOKEN"\n  echo "::add-mask::$TOKEN"\n  shell: /usr/bin/bash -e {0}\nconfigured ${p}: ${k}=${v()}`;
  },
  // Postman collections / environments
  () => {
    const [p, k, v] = provider();
    return JSON.stringify(
      {
        id: uuid(),
        name: `${p} prod`,
        values: [{ key: `${p}_${k}`, value: v(), type: 'secret', enabled: true }],
      },
      null,
      2,
    );
  },
  () =>
    JSON.stringify(
      {
        info: {
          name: 'Billing API',
          schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
        },
        auth: {
          type: 'apikey',
          apikey: [
            { key: 'value', value: pick(ALNUM, 40), type: 'string' },
            { key: 'key', value: 'X-API-Key', type: 'string' },
          ],
        },
      },
      null,
      2,
    ),
  () =>
    JSON.stringify({
      request: {
        method: 'GET',
        header: [{ key: 'X-Auth-Token', value: pick(HEX, 48), type: 'text' }],
        url: { raw: 'https://api.example-crm.com/v2/contacts' },
      },
    }),
  () =>
    JSON.stringify({
      auth: {
        type: 'basic',
        basic: [
          { key: 'password', value: pw(), type: 'string' },
          { key: 'username', value: 'ops', type: 'string' },
        ],
      },
    }),
  // HAR files
  () =>
    JSON.stringify(
      {
        request: {
          method: 'POST',
          url: 'https://api.acme-payments.io/v1/charges',
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Authorization', value: `Bearer ${pick(`${ALNUM}_-`, 48)}` },
          ],
        },
      },
      null,
      1,
    ),
  () =>
    JSON.stringify({
      request: {
        method: 'GET',
        url: 'https://api.example-ops.net/alerts',
        headers: [{ name: 'X-Api-Key', value: pick(HEX, 32) }],
      },
    }),
  () =>
    JSON.stringify({
      request: {
        method: 'GET',
        url: `https://maps.example-geo.com/v1/route?from=a&to=b&api_key=${pick(ALNUM, 32)}`,
        queryString: [{ name: 'from', value: 'a' }],
      },
    }),
  () =>
    JSON.stringify({
      response: {
        status: 200,
        content: {
          mimeType: 'application/json',
          text: JSON.stringify({
            access_token: pick(`${ALNUM}_-`, 64),
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        },
      },
    }),
  // curl -v traces
  () =>
    `* Connected to api.acme-crm.com (203.0.113.7) port 443\n> GET /v3/deals HTTP/2\n> Host: api.acme-crm.com\n> user-agent: curl/8.5.0\n> authorization: Bearer ${pick(ALNUM, 40)}\n> accept: */*\n>\n< HTTP/2 200`,
  () =>
    `> POST /api/v1/events HTTP/1.1\n> Host: ingest.example-metrics.com\n> X-Api-Key: ${pick(HEX, 32)}\n> Content-Length: 212\n>\n< HTTP/1.1 202 Accepted`,
  () =>
    `> GET /rest/api/2/issue/OPS-12 HTTP/1.1\n> Host: acme.atlassian.net\n> Authorization: Basic ${b64(`ops@acme.dev:${pick(ALNUM, 24)}`)}\n> User-Agent: curl/7.88.1`,
  () =>
    `$ curl -v -H "X-Auth-Key: ${pick(HEX, 37)}" -H "X-Auth-Email: ops@acme.dev" https://api.cloudflare.com/client/v4/zones`,
  // Jupyter outputs
  () =>
    JSON.stringify({
      cell_type: 'code',
      execution_count: 3,
      outputs: [{ name: 'stdout', output_type: 'stream', text: [`api key loaded: ${pick(HEX, 40)}\n`] }],
      source: ["print('api key loaded:', os.environ['WANDB_API_KEY'])"],
    }),
  () => {
    const [p, k, v] = provider();
    return JSON.stringify({
      cell_type: 'code',
      execution_count: 1,
      outputs: [],
      source: [
        'import requests\n',
        `${upper(`${p}_${k}`)} = "${v()}"\n`,
        `resp = requests.get(URL, headers={"Authorization": ${upper(`${p}_${k}`)}})`,
      ],
    });
  },
  () =>
    JSON.stringify({
      output_type: 'execute_result',
      data: { 'text/plain': [`{'client_id': 'etl-job', 'client_secret': '${pick(ALNUM, 40)}'}`] },
      execution_count: 7,
    }),
  () =>
    JSON.stringify({
      cell_type: 'code',
      source: [`!huggingface-cli login --token ${pick(ALNUM, 34)}`],
      outputs: [],
    }),
  // Claude Code transcript lines
  () => {
    const [p, k, v] = provider();
    return transcript(`here is our ${p} ${k.replace(/_/g, ' ')}: ${v()} - please wire it into the worker`);
  },
  () => {
    const [p, k, v] = provider();
    return toolResult(`${upper(`${p}_${k}`)}=${v()}\nLOG_LEVEL=info\nPORT=3000`);
  },
  () => toolResult(`     1\t[production]\n     2\tdb_password = ${pw()}\n     3\tpool_size = 20`),
  () =>
    transcript(
      [
        {
          type: 'tool_use',
          id: `toolu_01${pick(ALNUM, 22)}`,
          name: 'Bash',
          input: { command: `export MISTRAL_API_KEY=${pick(ALNUM, 32)} && python eval.py` },
        },
      ],
      'assistant',
    ),
  () => {
    const [p, , v] = provider();
    return transcript(`the ${p} key is ${v()}, use it for staging only`);
  },
  // crash dumps / stack traces
  () => {
    const [p, k, v] = provider();
    return `Traceback (most recent call last):\n  File "/app/sync.py", line 88, in <module>\n    client = ${p}.Client(${k}="${v()}")\n  File "/usr/lib/python3.12/site-packages/${p}/client.py", line 41, in __init__\n    raise AuthError("invalid credentials")`;
  },
  () =>
    `panic: connect failed: pq: password authentication failed\n\ngoroutine 1 [running]:\nmain.connect({0xc000012345, 0x4a}, {0xc0000140a0, 0x12})\n\t/src/main.go:42 +0x1a5\nconfig: &{Host:db.internal User:svc Password:${pw()} Port:5432}`,
  () =>
    `Exception in thread "main" java.lang.IllegalStateException: Failed to load ApplicationContext\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating bean 'mailSender' with properties {host=smtp.internal, username=notify, password=${pw()}}\n\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:313)`,
  () =>
    `Unhandled rejection Error: 401 Unauthorized\n    at Client.request (/app/node_modules/acme-sdk/lib/client.js:77:11)\n  config: { baseURL: 'https://api.acme.dev', headers: { 'x-api-key': '${pick(ALNUM, 40)}' } }`,
  () =>
    `FATAL: dump of environment at crash\nHOME=/root\nPATH=/usr/local/bin:/usr/bin\nSTRIPE_WEBHOOK_SECRET=whsec_${pick(ALNUM, 32)}\nDD_API_KEY=${pick(HEX, 32)}`,
  // context-only service tokens in plain assignments and prose
  () => {
    const [p, k, v] = provider();
    return `${upper(`${p}_${k}`)}="${v()}"`;
  },
  () => {
    const [p, k, v] = provider();
    return `const ${camel(`${p}_${k}`)} = '${v()}';`;
  },
  () => {
    const [p, k, v] = provider();
    return `${p}:\n  ${k}: ${v()}`;
  },
  () => {
    const [p, k, v] = provider();
    return `os.environ.setdefault("${upper(`${p}_${k}`)}", "${v()}")`;
  },
  () => {
    const [p, , v] = provider();
    return `Your new ${p} API token is ${v()} (shown once, store it safely)`;
  },
  () => {
    const [p, k, v] = provider();
    return `${p.charAt(0).toUpperCase()}${p.slice(1)} credentials:\n  ${k.replace(/_/g, ' ')}: ${v()}`;
  },
  // connection strings and URIs
  () => `DATABASE_URL=mysql://app:${pw()}@mysql.internal:3306/shop`,
  () =>
    `Server=tcp:acme.database.windows.net,1433;Initial Catalog=orders;User ID=sqladmin;Password=${pw()};Encrypt=True;`,
  () => `amqp://svc:${pick(ALNUM, 20)}@rabbit.internal:5672/%2f`,
  () => `cloudinary://${int(100000000000000, 999999999999999)}:${pick(`${ALNUM}_-`, 27)}@acme-media`,
  () => `sentry_dsn = "https://${pick(HEX, 32)}:${pick(HEX, 32)}@o12345.ingest.sentry.io/678"`,
  () => `smtp://notify:${pw()}@smtp.mailhost.net:587`,
];

const negatives = [
  // hashes, digests, integrity
  () =>
    `<script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.1/dist/chart.umd.min.js" integrity="sha384-${b64blob(64)}" crossorigin="anonymous"></script>`,
  () =>
    `"node_modules/lodash": {\n  "version": "4.17.21",\n  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n  "integrity": "sha512-${b64blob(86)}"\n}`,
  () =>
    `github.com/${one(['spf13/cobra', 'stretchr/testify', 'rs/zerolog'])} v1.${int(1, 9)}.${int(0, 9)} h1:${b64blob(43)}\ngithub.com/${one(['spf13/cobra', 'stretchr/testify'])} v1.${int(1, 9)}.0/go.mod h1:${b64blob(43)}`,
  () => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256()}\nsize ${int(1000, 9999999)}`,
  () => `FROM python:3.12-slim@sha256:${sha256()}`,
  () => `$ docker push registry.acme.dev/api:1.4.2\n1.4.2: digest: sha256:${sha256()} size: 2417`,
  () =>
    `commit ${sha1()}\nMerge: ${pick(HEX, 7)} ${pick(HEX, 7)}\nAuthor: Ops Bot <ops@acme.dev>\n\n    Bump token refresh interval`,
  () =>
    `HEAD is now at ${pick(HEX, 7)} fix: rotate secret names in helm chart\n${sha1()} refs/remotes/origin/main`,
  () =>
    `- uses: actions/setup-node@${sha1()} # v4.1.0\n  with:\n    node-version: 20\n    registry-url: https://registry.npmjs.org`,
  () => `${sha256()}  terraform_1.9.8_linux_amd64.zip\n${sha256()}  terraform_1.9.8_darwin_arm64.zip`,
  () =>
    `[[package]]\nname = "serde"\nversion = "1.0.${int(100, 215)}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${sha256()}"`,
  () =>
    `provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.${int(10, 80)}.0"\n  hashes = [\n    "h1:${b64blob(43)}",\n    "zh:${sha256()}",\n  ]\n}`,
  () =>
    `Downloading model.safetensors: 100%|██████████| 548M/548M\nsha256: ${sha256()}  etag: "${pick(HEX, 32)}"`,
  () =>
    `{"ETag": "\\"${pick(HEX, 32)}\\"", "Key": "backups/2026-12-01.tar.gz", "Size": ${int(100000, 999999)}}`,
  () => `content_sha256 = "${sha256()}"\nsource_code_hash = filebase64sha256("lambda.zip")`,
  // ids
  () => `{"id": "${uuid()}", "tenant_id": "${uuid()}", "created_at": "${ts()}"}`,
  () => `order_id = "${ulid()}"\ntrace_id = "${ulid()}"`,
  () => `segment event id ${ksuid()} processed in ${int(2, 90)} ms`,
  () => `request_id=${uuid()} span_id=${pick(HEX, 16)} trace_id=${pick(HEX, 32)} status=200`,
  () =>
    transcript(
      `Done. The session id is ${uuid()} and the message id is msg_01${pick(ALNUM, 22)}.`,
      'assistant',
    ),
  () => `  "subscription_id": "${uuid()}",\n  "client_id": "${uuid()}",\n  "tenant_id": "${uuid()}"`,
  () => `Created instance i-${pick(HEX, 17)} in subnet-${pick(HEX, 17)} (sg-${pick(HEX, 17)})`,
  () => `"installation_id": ${int(10000000, 99999999)}, "node_id": "MDEyOkluc3RhbGxhdGlvbj${pick(ALNUM, 8)}"`,
  () =>
    `stripe customer cus_${pick(ALNUM, 14)} subscription sub_${pick(ALNUM, 24)} invoice in_${pick(ALNUM, 24)}`,
  () => `youtube video id ${pick(`${ALNUM}_-`, 11)}, playlist PL${pick(`${ALNUM}_-`, 32)}`,
  // base64 of ordinary data
  () =>
    `"content": "${b64(`# Project\n\nThis repository holds the billing service. Run npm install then npm test.\n`)}",\n"encoding": "base64"`,
  () =>
    `data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" width="${int(10, 64)}" height="16"><path d="M0 0h16v16H0z" fill="#${pick(HEX, 6)}"/></svg>`)}`,
  () =>
    `annotations:\n  kubectl.kubernetes.io/last-applied-configuration-b64: ${b64('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}')}`,
  () =>
    `user_data = "${b64('#!/bin/bash\napt-get update\napt-get install -y nginx\nsystemctl enable nginx\n')}"`,
  () => `cursor: "${b64(`{"last_id":${int(1000, 99999)},"sort":"created_at"}`)}"`,
  // public keys and certificates
  () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${pick(B64, 43)} deploy@ci`,
  () =>
    `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${pick(B64, 64)}\n${pick(B64, 64)}\n${pick(B64, 40)}IDAQAB\n-----END PUBLIC KEY-----`,
  () =>
    `-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE${pick(B64, 44)}\n${pick(B64, 64)}\n${pick(B64, 64)}\n-----END CERTIFICATE-----`,
  () =>
    `{"keys":[{"kty":"RSA","use":"sig","kid":"${pick(B64URL, 43)}","alg":"RS256","n":"${pick(B64URL, 342)}","e":"AQAB"}]}`,
  () => `[Peer]\nPublicKey = ${pick(B64, 43)}=\nAllowedIPs = 10.8.0.0/24\nEndpoint = vpn.acme.dev:51820`,
  () => `age recipient: age1${pick('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}`,
  () =>
    `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGN${pick(B64, 60)}\n${pick(B64, 64)}\n=${pick(B64, 4)}\n-----END PGP PUBLIC KEY BLOCK-----`,
  () => `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_${pick(ALNUM, 99)}`,
  () => `mapbox:\n  public_token: pk.eyJ1Ijoi${pick(B64URL, 30)}.${pick(B64URL, 22)}`,
  // placeholders in many languages and styles
  () =>
    `${one(['api_key', 'API_KEY', 'apiKey'])} = "${one(['votre-clé-api-ici', 'VOTRE_CLE_API', 'Ihr-API-Schlüssel', 'IHR_API_SCHLUESSEL', 'tu_clave_aqui', 'TU_CLAVE_API', 'sua-chave-aqui', 'la-tua-chiave-api', 'ваш_ключ_api', 'あなたのAPIキー', '你的API密钥'])}"`,
  () =>
    `[datadog]\napi_key = ${one(['<DD_API_KEY>', '<your-datadog-api-key>', 'CHANGE_ME', 'REPLACE_WITH_YOUR_KEY', '__DATADOG_API_KEY__', '{{ datadog_api_key }}'])}`,
  () =>
    `spring.datasource.password=${one(['${DB_PASSWORD}', '${DB_PASSWORD:changeit}', '#{environment.DB_PASSWORD}', '@db.password@'])}`,
  () =>
    `variable "cloudflare_api_token" {\n  type      = string\n  sensitive = true\n  # set via TF_VAR_cloudflare_api_token\n}\nprovider "cloudflare" {\n  api_token = var.cloudflare_api_token\n}`,
  () =>
    `twilio:\n  auth_token: ${one(['"{{ .Values.twilio.authToken }}"', '"${TWILIO_AUTH_TOKEN}"', '"%(TWILIO_AUTH_TOKEN)s"', '!ENV ${TWILIO_AUTH_TOKEN}'])}`,
  () =>
    `export ${one(['ZENDESK_API_TOKEN', 'FASTLY_API_TOKEN', 'LINODE_TOKEN'])}=${one(['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'XXXXXXXXXXXXXXXXXXXXXXXXXXXX', '************************', '<paste-token-here>', '...'])}`,
  () => JSON.stringify({ key: 'api_key', value: '{{apiKey}}', type: 'secret', enabled: true }),
  () =>
    `> authorization: Bearer ${one(['$TOKEN', '${ACCESS_TOKEN}', '<token>', 'YOUR_TOKEN_HERE', '{{token}}'])}`,
  () =>
    `password: ${one(['password', 'changeme', 'secret', 'example', 'test'])}  # local docker-compose only`,
  () =>
    `const apiKey = process.env.${one(['ALGOLIA_ADMIN_KEY', 'SEGMENT_WRITE_KEY', 'AMPLITUDE_API_KEY'])} ?? '';`,
  // env and vault / secret-manager references
  () =>
    `DB_PASSWORD=${one(['op://prod/postgres/password', 'vault:secret/data/prod/db#password', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf', 'projects/acme-prod/secrets/db-password/versions/latest', 'sm://acme-prod/db-password', 'doppler://prod/DB_PASSWORD'])}`,
  () =>
    `data "aws_secretsmanager_secret_version" "db" {\n  secret_id = "prod/db/password"\n}\nresource "aws_db_instance" "main" {\n  password = data.aws_secretsmanager_secret_version.db.secret_string\n}`,
  () =>
    `env:\n  - name: ALGOLIA_ADMIN_KEY\n    valueFrom:\n      secretKeyRef:\n        name: algolia\n        key: admin-key`,
  () =>
    `ApiKey: "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/ApiKey/${pick(HEX, 32)})"`,
  () =>
    `  - name: Deploy\n    env:\n      HETZNER_TOKEN: \${{ secrets.HETZNER_TOKEN }}\n      VULTR_API_KEY: \${{ secrets.VULTR_API_KEY }}`,
  () =>
    `export OPENAI_API_KEY=$(op read "op://Private/OpenAI/credential")\nexport DD_API_KEY=$(aws ssm get-parameter --name /prod/dd --with-decryption --query Parameter.Value --output text)`,
  () => `api_key = os.environ["COHERE_API_KEY"]\nsecret = get_secret("prod/binance/api-secret")`,
  // encrypted blobs
  () =>
    `db_password: ENC[AES256_GCM,data:${pick(B64, 24)},iv:${pick(B64, 43)}=,tag:${pick(B64, 22)}==,type:str]`,
  () =>
    `-----BEGIN AGE ENCRYPTED FILE-----\n${pick(B64, 64)}\n${pick(B64, 40)}\n-----END AGE ENCRYPTED FILE-----`,
  () => `api_token: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${pick(HEX, 64)}\n  ${pick(HEX, 64)}`,
  () =>
    `-----BEGIN PGP MESSAGE-----\n\nhQEMA${pick(B64, 59)}\n${pick(B64, 64)}\n=${pick(B64, 4)}\n-----END PGP MESSAGE-----`,
  () => `"CiphertextBlob": "AQICAHh${pick(B64, 120)}=="`,
  () =>
    `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    api-key: AgB${pick(B64, 120)}==`,
  // masked values
  () =>
    `2026-12-04T10:11:12.5552345Z   ${one(['DATADOG_API_KEY', 'ZENDESK_API_TOKEN', 'DB_PASSWORD'])}: ***\n2026-12-04T10:11:13.0012345Z Authenticating with token ***\n2026-12-04T10:11:14.0000000Z Deploy finished`,
  () =>
    `Using ${one(['Datadog', 'Algolia', 'Fastly'])} API key ${one(['****', '••••••••'])}${pick(HEX, 4)} (last four shown)`,
  () => `api_key: ${pick(HEX, 4)}************************${pick(HEX, 4)}`,
  () => `Token: sk-...${pick(ALNUM, 4)}   Created: ${ts()}   Last used: never`,
  () =>
    transcript(
      `I've set the ${one(['Cohere', 'Mistral', 'Together'])} key in .env (value redacted: [REDACTED]).`,
      'assistant',
    ),
  () => `password=<redacted> user=svc host=db.internal`,
  // docs about token formats
  () =>
    `Datadog API keys are 32 hexadecimal characters and application keys are 40; create them under Organization Settings > API Keys.`,
  () =>
    `## Authentication\n\nPass your Zendesk API token with basic auth: \`{email}/token:{api_token}\`. Tokens are 40 alphanumeric characters.`,
  () =>
    `Twilio's Auth Token is a 32-character hex string; treat it like a password and rotate it from the Console.`,
  () =>
    `| Field | Description |\n|---|---|\n| \`api_secret\` | Secret key, 64 characters, shown once |\n| \`api_key\` | Public key id |`,
  () =>
    `# How to get a token\n1. Open Settings → Developer → API tokens.\n2. Click **Create token**, copy the token and set \`HETZNER_TOKEN\` in your shell.`,
  // code that generates keys
  () => `import secrets\n\napi_key = secrets.token_urlsafe(32)\nprint(f"new key: {api_key}")`,
  () =>
    `const secret = crypto.randomBytes(32).toString('hex');\nawait db.apiKeys.insert({ userId, hash: sha256(secret) });`,
  () => `openssl rand -base64 32 > master.key\nchmod 600 master.key`,
  () =>
    `func newToken() string {\n\tb := make([]byte, 32)\n\t_, _ = rand.Read(b)\n\treturn hex.EncodeToString(b)\n}`,
  () => `SECRET_KEY = get_random_secret_key()  # django.core.management.utils`,
  // the listed formats with nothing secret in them
  () =>
    `[tool.poetry]\nname = "billing"\nversion = "0.${int(1, 9)}.0"\n[tool.poetry.dependencies]\npython = "^3.12"\nrequests = "^2.32"`,
  () => `[server]\nport = 8080\nsession_timeout = 3600\ntoken_ttl = 900\nmax_keys = 64`,
  () =>
    `server.port=8080\nspring.jpa.hibernate.ddl-auto=validate\nmanagement.endpoints.web.exposure.include=health,info\ntoken.expiry-seconds=3600`,
  () =>
    `image:\n  repository: ghcr.io/acme/web\n  tag: "sha-${pick(HEX, 7)}"\n  digest: sha256:${sha256()}\nresources:\n  limits:\n    memory: 512Mi`,
  () =>
    JSON.stringify({
      request: {
        method: 'GET',
        url: 'https://api.example.com/items?page=2',
        headers: [
          { name: 'If-None-Match', value: `W/"${pick(HEX, 40)}"` },
          { name: 'X-Request-Id', value: uuid() },
        ],
      },
    }),
  () =>
    `< HTTP/2 200\n< etag: "${pick(HEX, 32)}"\n< x-amz-request-id: ${pick(UPPER, 16)}\n< x-amz-id-2: ${pick(B64, 76)}\n< cf-ray: ${pick(HEX, 16)}-FRA`,
  () =>
    JSON.stringify({
      cell_type: 'code',
      outputs: [
        { output_type: 'stream', text: [`model checksum ${sha256()}\n`, `run id ${pick(LOWER, 8)}\n`] },
      ],
    }),
  () =>
    toolResult(
      `${pick(HEX, 7)} chore: bump deps\n${pick(HEX, 7)} feat: add token refresh\n${pick(HEX, 7)} fix: secret rotation job`,
    ),
  () =>
    `Thread 1 "api" received signal SIGSEGV, Segmentation fault.\n0x00007f${pick(HEX, 10)} in __memcpy_avx_unaligned () from /lib/x86_64-linux-gnu/libc.so.6\n#1  0x0000${pick(HEX, 12)} in parse_token (buf=0x${pick(HEX, 12)}) at token.c:88\nBuild ID: ${sha1()}`,
  () =>
    `Error: ENOENT: no such file or directory, open '/home/dev/.config/acme/credentials.json'\n    at Object.openSync (node:fs:573:18)\n  errno: -2, code: 'ENOENT', syscall: 'open'`,
  () =>
    `Sourcemap: main.${pick(HEX, 20)}.js.map\nchunk vendors-${pick(HEX, 8)}.js ${int(100, 900)} kB [emitted] [immutable] (id hint: vendors)`,
  () => `{"kid":"${uuid()}","x5t#S256":"${pick(B64URL, 43)}","use":"sig"}`,
];

// count rows, cycling through the templates (each template gives a new random value every time).
const build = (templates, label, prefix, count) =>
  Array.from({ length: count }, (_, i) => ({
    id: `d4-${prefix}${String(i + 1).padStart(3, '0')}`,
    text: templates[i % templates.length](),
    label,
    source: 'generated for agentwarden (dev4, 2026-12-06): fake values, labelled by construction',
  }));

const pos = build(positives, 1, 'p', 150);
const neg = build(negatives, 0, 'n', 150);
const dir = new URL('.', import.meta.url).pathname;
writeFileSync(`${dir}secrets-dev4.jsonl`, `${[...pos, ...neg].map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log(`wrote ${pos.length} positive and ${neg.length} negative rows to ${dir}secrets-dev4.jsonl`);

// dev4b (written after dev4 was measured, committed before the detector ran on it): look-alikes that sit under a
// secret's own name — password hashes, ciphertexts, template and IaC references, nulls — and app config formats
// not used above (appsettings.json, settings.py, docker-compose, serverless.yml, XML attributes, .htpasswd).
reseed(20261207);
const bcrypt = () => `$2${one(['a', 'b', 'y'])}$${one(['10', '12'])}$${pick(`${ALNUM}./`, 53)}`;
const positivesB = [
  () =>
    JSON.stringify(
      {
        AzureAd: {
          Instance: 'https://login.microsoftonline.com/',
          ClientId: uuid(),
          ClientSecret: `${pick(ALNUM, 3)}8Q~${pick(`${ALNUM}_.-`, 34)}`,
        },
      },
      null,
      2,
    ),
  () =>
    JSON.stringify(
      { ConnectionStrings: { Default: `Host=db;Database=shop;Username=shop;Password=${pw()}` } },
      null,
      2,
    ),
  () =>
    JSON.stringify(
      {
        IsEncrypted: false,
        Values: {
          AzureWebJobsStorage: 'UseDevelopmentStorage=true',
          SendGridApiKey: `SG.${pick(`${ALNUM}_-`, 22)}.${pick(`${ALNUM}_-`, 43)}`,
          PaymentsApiSecret: pick(ALNUM, 40),
        },
      },
      null,
      2,
    ),
  () =>
    `DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "shop",\n        "USER": "shop",\n        "PASSWORD": "${pw()}",\n        "HOST": "db",\n    }\n}`,
  () =>
    `services:\n  api:\n    image: acme/api:1.2\n    environment:\n      - MAILGUN_API_KEY=${pick(HEX, 32)}-${pick(HEX, 8)}-${pick(HEX, 8)}\n      - NODE_ENV=production`,
  () =>
    `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: ${pw()}`,
  () => {
    const [p, k, v] = provider();
    return `provider:\n  name: aws\n  environment:\n    ${upper(`${p}_${k}`)}: ${v()}\n    STAGE: prod`;
  },
  () => `<connection name="crm" user="sync" password="${pw()}" host="crm.internal" />`,
  () => `<smtp host="smtp.internal" port="587" username="alerts" secret="${pick(ALNUM, 32)}"/>`,
  () => `$ PGPASSWORD=${pw()} psql -h db.internal -U reporting -d analytics -c "select 1"`,
  () => `sqlcmd -S tcp:sql.internal,1433 -U sa -P "${pw()}" -Q "SELECT @@VERSION"`,
  () =>
    `knex({ client: 'pg', connection: { host: 'db', user: 'app', password: '${pw()}', database: 'app' } })`,
  () => {
    const [p, , v] = provider();
    return `# ${p}\nexport ${upper(p)}_KEY=${v()}`;
  },
  () => {
    const [p, k, v] = provider();
    return `${camel(p)}: &${p}\n  ${camel(k)}: ${v()}\nproduction:\n  <<: *${p}`;
  },
  () => `[mysqld]\n[client]\nuser = root\npassword = "${pw()}"`,
  () => `machine api.heroku.com\n  login ops@acme.dev\n  password ${uuid()}`,
  () =>
    JSON.stringify({
      type: 'service_account',
      project_id: 'acme-prod',
      private_key_id: sha1(),
      client_email: 'ci@acme-prod.iam.gserviceaccount.com',
      client_secret: pick(`${ALNUM}_-`, 24),
    }),
  () => `ftp://deploy:${pw()}@files.acme-hosting.net/public_html`,
  () => `REDIS_URL=rediss://default:${pick(ALNUM, 32)}@cache.upstash.io:6379`,
  () => {
    const [p, k, v] = provider();
    return transcript(
      `I found this in config/${p}.yml:\n\n${k}: "${v()}"\n\nShould I move it to the vault?`,
      'assistant',
    );
  },
];
const negativesB = [
  () => `users:\n  - name: admin\n    password: "${bcrypt()}"`,
  () => `admin:${bcrypt()}\ndeploy:{SHA}${b64blob(27)}`,
  () => `"password": "pbkdf2_sha256$600000$${pick(ALNUM, 22)}$${b64blob(43)}"`,
  () => `password = "$argon2id$v=19$m=65536,t=3,p=4$${pick(B64, 22)}$${pick(B64, 43)}"`,
  () => `userPassword: {SSHA}${b64blob(32)}`,
  () => `root:$6$${pick(`${ALNUM}./`, 16)}$${pick(`${ALNUM}./`, 86)}:19700:0:99999:7:::`,
  () => `encrypted_password: "${b64blob(64)}"  # KMS ciphertext, decrypted at boot`,
  () => `DB_PASSWORD: "{cipher}${pick(HEX, 96)}"`,
  () => `spring.datasource.password=ENC(${b64blob(44)})`,
  () => `Password: !Sub '{{resolve:secretsmanager:\${DbSecret}:SecretString:password}}'`,
  () => `MasterUserPassword: '{{resolve:ssm-secure:/prod/db/password:1}}'`,
  () => `api_key: "<%= ENV.fetch('STRIPE_API_KEY') %>"`,
  () => `secret_key_base: <%= Rails.application.credentials.secret_key_base %>`,
  () => `password: "{{ lookup('env', 'DB_PASSWORD') }}"\napi_token: "{{ vault_api_token }}"`,
  () => `token: "{{ .Values.global.token | default "" }}"`,
  () => `"password": null,\n"apiKey": "",\n"token": undefined`,
  () => `client_secret = data.azurerm_key_vault_secret.sp.value\ntoken = random_password.api.result`,
  () => `export GITHUB_TOKEN=$(gh auth token)\nexport VAULT_TOKEN=$(vault print token)`,
  () => `password: \${{ steps.generate.outputs.password }}\ntoken: \${{ github.token }}`,
  () => `"password_policy": {"min_length": 12, "require_symbols": true}, "token_lifetime": "PT1H"`,
  () =>
    `session_id=${pick(HEX, 32)}; csrftoken=${pick(ALNUM, 32)}; _ga=GA1.2.${int(100000000, 999999999)}.${int(1600000000, 1700000000)}`,
  () => `nonce = "${pick(B64URL, 22)}"\nstate = "${pick(HEX, 32)}"\ncode_challenge = "${pick(B64URL, 43)}"`,
  () => `"token": {"type": "Bearer", "expires_at": "${ts()}", "scopes": ["repo", "read:org"]}`,
  () => `passwordResetExpiry = 3600\ntokenBucketSize = 100\nsecretsManagerRegion = "eu-west-1"`,
  () =>
    `key_id = "${pick(UHEX, 16)}"\nfingerprint = "${Array.from({ length: 16 }, () => pick(HEX, 2)).join(':')}"`,
  () =>
    `"private_key_id": "${sha1()}",\n"client_id": "${pick('0123456789', 21)}",\n"client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/ci%40acme.iam.gserviceaccount.com"`,
  () => `tokenizer.pad_token = tokenizer.eos_token\nvocab["<|endoftext|>"] = ${int(10000, 99999)}`,
  () => `test_password = "correct horse battery staple"  # xkcd 936 example`,
  () =>
    `# The secret is derived: HMAC-SHA256(master, "api") → 64 hex chars\nderived = hmac.new(master, b"api", hashlib.sha256).hexdigest()`,
  () =>
    `secret:\n  name: ${one(['db-credentials', 'api-keys', 'tls-cert'])}\n  key: ${one(['password', 'token', 'tls.key'])}\n  optional: false`,
];
const posB = build(positivesB, 1, 'bp', 40);
const negB = build(negativesB, 0, 'bn', 60).map((r) => ({ ...r, source: r.source.replace('dev4', 'dev4b') }));
writeFileSync(
  `${dir}secrets-dev4b.jsonl`,
  `${[...posB.map((r) => ({ ...r, source: r.source.replace('dev4', 'dev4b') })), ...negB].map((r) => JSON.stringify(r)).join('\n')}\n`,
);
console.log(`wrote ${posB.length} positive and ${negB.length} negative rows to ${dir}secrets-dev4b.jsonl`);

// dev4c (written after dev4b was measured, committed before the detector ran on it): ops and tool formats not used
// above — Dockerfile, systemd, nginx, SQL, Redis/Mongo shells, Kafka JAAS, LDAP, Prometheus, rclone/s3cmd/boto,
// Ansible inventories, JetBrains/FileZilla/VS Code settings, `docker inspect`, `env` dumps, source in other languages.
reseed(20261208);
const positivesC = [
  () =>
    `FROM node:20-alpine\nENV NODE_ENV=production\nENV ${upper(provider()[0])}_API_KEY=${pick(ALNUM, 32)}\nCOPY . /app`,
  () => `[Service]\nExecStart=/usr/local/bin/worker\nEnvironment="QUEUE_PASSWORD=${pw()}"\nRestart=always`,
  () =>
    `location /api/ {\n    proxy_pass https://upstream.internal;\n    proxy_set_header Authorization "Bearer ${pick(`${ALNUM}_-`, 40)}";\n}`,
  () =>
    `CREATE USER 'reporting'@'%' IDENTIFIED BY '${pw()}';\nGRANT SELECT ON analytics.* TO 'reporting'@'%';`,
  () => `ALTER ROLE etl WITH LOGIN PASSWORD '${pw()}';`,
  () => `$ redis-cli -h cache.internal\ncache.internal:6379> AUTH ${pick(ALNUM, 32)}\nOK`,
  () => `> use admin\n> db.auth("root", "${pw()}")\n1`,
  () =>
    `sasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${pick(UPPER, 16)}" password="${pick(`${ALNUM}+/`, 64)}";`,
  () =>
    `ldap:\n  url: ldaps://ldap.internal:636\n  bindDn: cn=svc,ou=apps,dc=acme,dc=dev\n  bindPassword: ${pw()}`,
  () =>
    `remote_write:\n  - url: https://prometheus-prod.grafana.net/api/prom/push\n    basic_auth:\n      username: ${int(100000, 999999)}\n      password: glc_${pick(`${ALNUM}`, 80)}=`,
  () =>
    `[remote]\ntype = s3\nprovider = Wasabi\naccess_key_id = ${pick(UPPER, 20)}\nsecret_access_key = ${pick(`${ALNUM}`, 40)}`,
  () =>
    `[default]\naccess_key = ${pick(UPPER, 20)}\nsecret_key = ${pick(`${ALNUM}/+`, 40)}\nhost_base = s3.eu-central-1.wasabisys.com`,
  () =>
    `[prod]\nweb01 ansible_host=10.0.1.11 ansible_user=deploy ansible_password=${pw()}\nweb02 ansible_host=10.0.1.12`,
  () =>
    `<data-source source="LOCAL" name="prod" uuid="${uuid()}">\n  <jdbc-url>jdbc:postgresql://db:5432/prod</jdbc-url>\n  <user-name>app</user-name>\n  <password>${pw()}</password>\n</data-source>`,
  () =>
    `<Server>\n  <Host>ftp.acme-hosting.net</Host>\n  <User>deploy</User>\n  <Pass encoding="base64">${b64(pw())}</Pass>\n</Server>`,
  () =>
    JSON.stringify(
      {
        'sqltools.connections': [
          { name: 'prod', driver: 'PostgreSQL', server: 'db.internal', username: 'app', password: pw() },
        ],
      },
      null,
      2,
    ),
  () =>
    JSON.stringify(
      [
        {
          Id: sha256(),
          Config: {
            Env: [
              'PATH=/usr/local/bin:/usr/bin',
              `${upper(provider()[0])}_TOKEN=${pick(ALNUM, 40)}`,
              'NODE_VERSION=20.18.0',
            ],
          },
        },
      ],
      null,
      2,
    ),
  () => {
    const [p, k, v] = provider();
    return `$ env | sort\nHOME=/home/dev\nLANG=C.UTF-8\n${upper(`${p}_${k}`)}=${v()}\nPATH=/usr/bin`;
  },
  () => {
    const [p, k, v] = provider();
    return `val ${camel(`${p}_${k}`)} = "${v()}"`;
  },
  () => {
    const [p, k, v] = provider();
    return `let ${camel(`${p}_${k}`)} = "${v()}"`;
  },
  () => {
    const [p, k, v] = provider();
    return `private const string ${p.charAt(0).toUpperCase()}${camel(`${p.slice(1)}_${k}`)} = "${v()}";`;
  },
  () => {
    const [p, k, v] = provider();
    return `static ${upper(`${p}_${k}`)}: &str = "${v()}";`;
  },
  () => {
    const [p, k, v] = provider();
    return `$${camel(`${p}_${k}`)} = '${v()}'`;
  },
  () =>
    `Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Acme\\Sync]\n"ApiToken"="${pick(ALNUM, 40)}"`,
  () => `elasticsearch.username: "kibana_system"\nelasticsearch.password: "${pw()}"`,
];
const negativesC = [
  () =>
    `FROM node:20-alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nENV NODE_ENV=production`,
  () =>
    `[Service]\nEnvironmentFile=/etc/worker/secrets.env\nLoadCredential=db-password:/etc/credstore/db-password`,
  () => `proxy_set_header Authorization $http_authorization;\nproxy_set_header X-Api-Key $api_key;`,
  () => `CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password AS '*${pick(UHEX, 40)}';`,
  () => `mysql> SELECT user, authentication_string FROM mysql.user;\n| app  | *${pick(UHEX, 40)} |`,
  () => `    basic_auth:\n      username: admin\n      password_file: /etc/prometheus/remote_write_password`,
  () =>
    `$ kubectl describe secret db-creds\nName:         db-creds\nType:  Opaque\n\nData\n====\npassword:  24 bytes\nusername:  3 bytes`,
  () => `web01 ansible_host=10.0.1.11 ansible_user=deploy ansible_password="{{ vault_web_password }}"`,
  () =>
    JSON.stringify(
      [
        {
          Id: sha256(),
          Config: {
            Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_VERSION=20.18.0', `YARN_VERSION=1.22.22`],
            Image: `sha256:${sha256()}`,
          },
        },
      ],
      null,
      2,
    ),
  () =>
    `$ env | sort\nHOME=/home/dev\nHOSTNAME=${pick(HEX, 12)}\nGPG_KEY=${pick(UHEX, 40)}\nPYTHON_SHA256=${sha256()}`,
  () =>
    `<data-source source="LOCAL" name="dev" uuid="${uuid()}">\n  <jdbc-url>jdbc:h2:mem:test</jdbc-url>\n  <auth-provider>pgpass</auth-provider>\n</data-source>`,
  () => `val apiKey = BuildConfig.API_KEY\nval token = requireNotNull(System.getenv("SERVICE_TOKEN"))`,
  () => `let token = ProcessInfo.processInfo.environment["API_TOKEN"] ?? ""`,
  () => `private const string KeyVaultSecretName = "payments-api-key";`,
  () => `let key = Aes256Gcm::generate_key(&mut OsRng);\nlet nonce = Aes256Gcm::generate_nonce(&mut OsRng);`,
  () => `"ApiTokenLastRotated"="2026-11-02"\n"ApiTokenExpiryDays"=dword:0000005a`,
  () =>
    `gpg: key ${pick(UHEX, 16)}: public key "Release Signing <release@acme.dev>" imported\nPrimary key fingerprint: ${Array.from({ length: 10 }, () => pick(UHEX, 4)).join(' ')}`,
  () =>
    `Your identification has been saved in /home/dev/.ssh/id_ed25519\nThe key fingerprint is:\nSHA256:${pick(B64, 43)} dev@laptop\nThe key's randomart image is:`,
  () =>
    `Successfully built ${pick(HEX, 12)}\nSuccessfully tagged acme/api:${pick(HEX, 7)}\nwriting image sha256:${sha256()} done`,
];
const posC = build(positivesC, 1, 'cp', 50).map((r) => ({ ...r, source: r.source.replace('dev4', 'dev4c') }));
const negC = build(negativesC, 0, 'cn', 50).map((r) => ({ ...r, source: r.source.replace('dev4', 'dev4c') }));
writeFileSync(
  `${dir}secrets-dev4c.jsonl`,
  `${[...posC, ...negC].map((r) => JSON.stringify(r)).join('\n')}\n`,
);
console.log(`wrote ${posC.length} positive and ${negC.length} negative rows to ${dir}secrets-dev4c.jsonl`);
