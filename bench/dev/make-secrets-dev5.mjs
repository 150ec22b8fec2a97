// Writes bench/dev/secrets-dev5.jsonl (dev5, 2026-12-06 second session): ~200 rows labelled by construction before
// any detector runs on them. Carriers the earlier dev sets did not use: systemd units, Kubernetes Secret data in
// base64, Terraform state JSON, Android gradle.properties / buildConfigField, iOS plists and xcconfig, .NET
// appsettings / user-secrets / Settings.settings, Rails credentials, Go / Rust / Kotlin / Swift / PowerShell /
// Elixir code, Ansible vars, CI logs (masked and not), crash dumps, chat pastes, SQL dumps, WireGuard and OpenVPN
// configs, JWKs; names in camel/snake/kebab case and in other languages (clave, schlüssel, mot_de_passe, пароль,
// 密钥, senha, パスワード, hasło …). Providers are a long tail not used by make-secrets-dev4.mjs. Look-alikes (label 0):
// UUIDs, commit SHAs, SRI and lockfile integrity, base64 images and binaries, public keys, encrypted blobs
// (Ansible vault, sops, PGP, KMS, Rails .enc), checksums, test vectors, documentation example keys, masked CI
// values, references to secret stores, and secret-named settings holding no secret. Values are FAKE (seeded).
// Rows are shuffled before numbering: odd id = train, even id = val. Usage: node bench/dev/make-secrets-dev5.mjs
import { writeFileSync } from 'node:fs';

import { ALNUM, B64, B64URL, b64, fakeValues, HEX, LOWER, UHEX, UPPER } from './_fake.mjs';

const { pick, one, int, uuid, rand } = fakeValues(5_20261206);
const pw = () =>
  `${pick(ALNUM, int(10, 16))}${one(['!', '#', '%', '_', '@', '^', '&', '*'])}${pick(ALNUM, int(2, 5))}`;
const b64blob = (n) => {
  const s = pick(B64, n);
  return s + '='.repeat((4 - (s.length % 4)) % 4);
};
const sha1 = () => pick(HEX, 40);
const sha256 = () => pick(HEX, 64);
const bytesB64 = (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))).toString('base64');
const mixed = (n) => pick(`${ALNUM}_-`, n);

/** Long-tail providers: [service, key name (snake_case), value]. */
const PROVIDERS = [
  ['klaviyo', 'private_api_key', () => `pk_${pick(HEX, 34)}`],
  ['intercom', 'access_token', () => `${pick(B64URL, 59)}=`],
  ['freshdesk', 'api_key', () => pick(ALNUM, 20)],
  ['pipedrive', 'api_token', () => pick(HEX, 40)],
  ['zoho', 'refresh_token', () => `1000.${pick(HEX, 32)}.${pick(HEX, 32)}`],
  ['braze', 'rest_api_key', () => uuid()],
  ['onesignal', 'rest_api_key', () => pick(ALNUM, 48)],
  ['bugsnag', 'api_key', () => pick(HEX, 32)],
  ['rollbar', 'access_token', () => pick(HEX, 32)],
  ['honeycomb', 'api_key', () => pick(ALNUM, 22)],
  ['buildkite', 'agent_token', () => pick(LOWER, 50)],
  ['vultr', 'api_key', () => pick(UPPER, 36)],
  ['hetzner', 'hcloud_token', () => pick(ALNUM, 64)],
  ['linode', 'token', () => pick(HEX, 64)],
  ['fastly', 'api_token', () => mixed(32)],
  ['algolia', 'admin_api_key', () => pick(HEX, 32)],
  ['meilisearch', 'master_key', () => mixed(40)],
  ['typesense', 'api_key', () => pick(ALNUM, 32)],
  ['razorpay', 'key_secret', () => pick(ALNUM, 24)],
  ['paystack', 'secret_key', () => `sk_live_${pick(HEX, 40)}`],
  ['mollie', 'api_key', () => `live_${pick(ALNUM, 30)}`],
  ['coinbase', 'api_secret', () => pick(ALNUM, 32)],
  ['plivo', 'auth_token', () => pick(ALNUM, 40)],
  ['vonage', 'api_secret', () => pick(ALNUM, 16)],
  ['messagebird', 'access_key', () => pick(ALNUM, 25)],
  ['sparkpost', 'api_key', () => pick(HEX, 40)],
  ['sendbird', 'api_token', () => pick(HEX, 40)],
  ['agora', 'app_certificate', () => pick(HEX, 32)],
  ['mux', 'token_secret', () => b64blob(76)],
  ['auth0', 'client_secret', () => mixed(64)],
  ['duo', 'secret_key', () => pick(ALNUM, 40)],
  ['browserstack', 'access_key', () => pick(ALNUM, 20)],
  ['saucelabs', 'access_key', () => uuid()],
  ['opsgenie', 'api_key', () => uuid()],
  ['pagerduty', 'integration_key', () => pick(HEX, 32)],
  ['neo4j', 'password', () => pw()],
  ['clickhouse', 'password', () => pw()],
  ['webflow', 'api_token', () => pick(HEX, 64)],
  ['trello', 'token', () => `ATTA${pick(HEX, 64)}${pick(UHEX, 8)}`],
  ['elevenlabs', 'api_key', () => pick(HEX, 32)],
  ['runpod', 'api_key', () => pick(UPPER, 40)],
  ['lemonsqueezy', 'signing_secret', () => pick(ALNUM, 32)],
  ['courier', 'auth_token', () => `pk_prod_${pick(UPPER, 28)}`],
  ['knock', 'secret_api_key', () => `sk_${mixed(43)}`],
  ['hasura', 'admin_secret', () => pick(ALNUM, 48)],
  ['rudderstack', 'write_key', () => pick(ALNUM, 27)],
  ['unleash', 'api_token', () => `*:production.${pick(HEX, 56)}`],
  ['imagekit', 'private_key', () => `private_${pick(`${ALNUM}+/`, 28)}=`],
];
const provider = () => one(PROVIDERS);
const camel = (s) => s.replace(/[_-]([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const upper = (s) => s.toUpperCase().replace(/-/g, '_');
const kebab = (s) => s.replace(/_/g, '-');

/** A secret's name in another language (the thing it names, then the word). */
const I18N = [
  ['clave_api', () => mixed(36)],
  ['contraseña', () => pw()],
  ['api_schlüssel', () => pick(HEX, 40)],
  ['geheimnis', () => pick(ALNUM, 32)],
  ['mot_de_passe', () => pw()],
  ['cle_secrete', () => b64blob(44)],
  ['пароль', () => pw()],
  ['токен', () => pick(ALNUM, 40)],
  ['密钥', () => pick(ALNUM, 32)],
  ['访问令牌', () => mixed(40)],
  ['senha', () => pw()],
  ['パスワード', () => pw()],
  ['hasło', () => pw()],
  ['wachtwoord', () => pw()],
  ['chiave_segreta', () => pick(HEX, 48)],
  ['şifre', () => pw()],
];

const positives = [
  // systemd units
  () => {
    const [p, k, v] = provider();
    return `# /etc/systemd/system/${p}-sync.service\n[Unit]\nDescription=${p} sync worker\nAfter=network-online.target\n\n[Service]\nUser=sync\nEnvironment="${upper(`${p}_${k}`)}=${v()}"\nExecStart=/usr/local/bin/${p}-sync --interval 60\nRestart=on-failure`;
  },
  () => {
    const [p, k, v] = provider();
    return `# systemctl edit ${p}-exporter  ->  override.conf\n[Service]\nEnvironment=LOG_LEVEL=info ${upper(k)}=${v()}`;
  },
  () =>
    `[Service]\nType=simple\nExecStart=/opt/relay/bin/relay --listen :9000 --upstream-password ${pw()}\nRestart=always`,
  // Kubernetes Secret data (base64 of the value)
  () => {
    const [p, k, v] = provider();
    return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${p}-creds\n  namespace: integrations\ntype: Opaque\ndata:\n  ${kebab(k)}: ${b64(v())}\n  region: ${b64('eu-central-1')}`;
  },
  () =>
    `$ kubectl get secret smtp-relay -o jsonpath='{.data}'\n{"password":"${b64(pw())}","username":"${b64('relay@mail.internal')}"}`,
  () => {
    const [p, k, v] = provider();
    return `$ kubectl create secret generic ${p} --from-literal=${kebab(k)}=${v()} -n prod\nsecret/${p} created`;
  },
  // Terraform state JSON
  () =>
    `{\n  "mode": "managed",\n  "type": "aws_iam_access_key",\n  "name": "ci",\n  "instances": [\n    {\n      "attributes": {\n        "id": "AKIA${pick(UPPER, 16)}",\n        "secret": "${pick(`${ALNUM}+/`, 40)}",\n        "status": "Active",\n        "user": "ci-deployer"\n      }\n    }\n  ]\n}`,
  () =>
    `"resources": [{\n  "type": "random_password",\n  "name": "db",\n  "instances": [{"attributes": {"id": "none", "length": 24, "result": "${pw()}", "special": true}}]\n}]`,
  () => {
    const [p, k, v] = provider();
    return `      "attributes": {\n        "name": "${p}-integration",\n        "${k}": "${v()}",\n        "created_at": "2026-10-04T09:12:44Z"\n      },\n      "sensitive_attributes": []`;
  },
  // Android
  () => {
    const [p, k, v] = provider();
    return `# gradle.properties (app)\norg.gradle.jvmargs=-Xmx2048m\nandroid.useAndroidX=true\n${camel(`${p}_${k}`)}=${v()}`;
  },
  () =>
    `# ~/.gradle/gradle.properties\nRELEASE_STORE_FILE=/home/ci/keys/release.jks\nRELEASE_STORE_PASSWORD=${pw()}\nRELEASE_KEY_ALIAS=upload\nRELEASE_KEY_PASSWORD=${pw()}`,
  () => {
    const [p, k, v] = provider();
    return `android {\n    defaultConfig {\n        buildConfigField("String", "${upper(`${p}_${k}`)}", "\\"${v()}\\"")\n    }\n}`;
  },
  () =>
    `signingConfigs {\n    release {\n        storeFile file("upload.keystore")\n        storePassword "${pw()}"\n        keyAlias "upload"\n        keyPassword "${pw()}"\n    }\n}`,
  // iOS
  () => {
    const [p, k, v] = provider();
    return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleName</key>\n\t<string>Shopfront</string>\n\t<key>${pascal(`${p}_${k}`)}</key>\n\t<string>${v()}</string>\n</dict>\n</plist>`;
  },
  () => {
    const [p, k, v] = provider();
    return `// Secrets.xcconfig\n${upper(`${p}_${k}`)} = ${v()}\nPRODUCT_BUNDLE_IDENTIFIER = com.acme.shopfront`;
  },
  () => {
    const [p, k, v] = provider();
    return `enum Secrets {\n    static let ${camel(`${p}_${k}`)}: String = "${v()}"\n}`;
  },
  () =>
    `var request = URLRequest(url: URL(string: "https://api.acme.io/v2/orders")!)\nrequest.setValue("${mixed(40)}", forHTTPHeaderField: "X-Api-Key")`,
  // .NET
  () => {
    const [p, k, v] = provider();
    return `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "${pascal(p)}": {\n    "BaseUrl": "https://api.${p}.com",\n    "${pascal(k)}": "${v()}"\n  }\n}`;
  },
  () =>
    `{\n  "ConnectionStrings": {\n    "Orders": "Server=sql-prod.internal,1433;Database=Orders;User Id=orders_app;Password=${pw()};Encrypt=True"\n  }\n}`,
  () => {
    const [p, k, v] = provider();
    return `PS> dotnet user-secrets set "${pascal(p)}:${pascal(k)}" "${v()}"\nSuccessfully saved ${pascal(p)}:${pascal(k)} = ${'*'.repeat(4)} to the secret store.`;
  },
  () => {
    const [p, k, v] = provider();
    return `// %APPDATA%\\Microsoft\\UserSecrets\\${uuid()}\\secrets.json\n{\n  "${pascal(p)}:${pascal(k)}": "${v()}"\n}`;
  },
  () => {
    const [p, k, v] = provider();
    return `<Setting Name="${pascal(`${p}_${k}`)}" Type="System.String" Scope="Application">\n  <Value Profile="(Default)">${v()}</Value>\n</Setting>`;
  },
  () =>
    `$securePassword = ConvertTo-SecureString "${pw()}" -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential ("svc-deploy", $securePassword)`,
  () => {
    const [p, k, v] = provider();
    return `PS C:\\src\\api> $env:${upper(`${p}_${k}`)} = "${v()}"\nPS C:\\src\\api> dotnet run`;
  },
  // Rails
  () =>
    `$ EDITOR=cat bin/rails credentials:show\nsecret_key_base: ${pick(HEX, 128)}\nstripe:\n  publishable_key: pk_live_${pick(ALNUM, 24)}`,
  () => {
    const [p, k, v] = provider();
    return `$ bin/rails credentials:edit --environment production\n# decrypted:\n${p}:\n  ${k}: ${v()}\nactive_record_encryption:\n  primary_key: ${pick(ALNUM, 32)}`;
  },
  () => `$ cat config/master.key\n${pick(HEX, 32)}`,
  // Go / Rust / Kotlin / Elixir code
  () => {
    const [p, k, v] = provider();
    return `client := ${p}.NewClient(${p}.Config{\n\tBaseURL: "https://api.${p}.com",\n\t${pascal(k)}: "${v()}",\n})`;
  },
  () => {
    const [p, k, v] = provider();
    return `const ${upper(`${p}_${k}`)}: &str = "${v()}";\n\nfn client() -> reqwest::Client { reqwest::Client::new() }`;
  },
  () =>
    `let resp = client\n    .post("https://hooks.acme.dev/ingest")\n    .header("X-Auth-Token", "${mixed(44)}")\n    .json(&event)\n    .send()\n    .await?;`,
  () => {
    const [p, k, v] = provider();
    return `object ${pascal(p)}Config {\n    private const val ${upper(k)} = "${v()}"\n}`;
  },
  () => {
    const [p, k, v] = provider();
    return `config :billing, Billing.${pascal(p)},\n  base_url: "https://api.${p}.com",\n  ${k}: "${v()}"`;
  },
  () => {
    const [p, k, v] = provider();
    return `${camel(p)}Client = ${pascal(p)}(${camel(k)}: "${v()}", timeout: 30)`;
  },
  // Ansible vars
  () => {
    const [p, k, v] = provider();
    return `# group_vars/prod/main.yml\n${p}_endpoint: https://api.${p}.com\n${p}_${k}: "${v()}"\nntp_servers:\n  - 0.pool.ntp.org`;
  },
  () =>
    `- name: create app database user\n  community.mysql.mysql_user:\n    name: shop\n    password: "${pw()}"\n    priv: "shop.*:ALL"`,
  // CI logs, unmasked
  () => {
    const [p, k, v] = provider();
    return `2026-12-01T10:14:03.112Z + export ${upper(`${p}_${k}`)}=${v()}\n2026-12-01T10:14:03.150Z + ./scripts/deploy.sh staging`;
  },
  () => `[build] Step 7/12 : ARG NPM_AUTH=${mixed(36)}\n[build]  ---> Running in ${pick(HEX, 12)}`,
  () => {
    const [p, k, v] = provider();
    return `#14 [ci 4/6] RUN curl -fsS -H "${pascal(p)}-${pascal(k).replace(/([a-z])([A-Z])/g, '$1-$2')}: ${v()}" https://api.${p}.com/v1/health\n#14 DONE 0.4s`;
  },
  () =>
    `Run docker run --rm -e REGISTRY_PASSWORD=${pw()} -e REGISTRY_USER=ci acme/publisher:3\nUnable to find image 'acme/publisher:3' locally`,
  // crash dumps
  () => {
    const [p, k, v] = provider();
    return `Traceback (most recent call last):\n  File "/app/sync.py", line 88, in push\n    resp = session.post(url, headers=hdrs)\nrequests.exceptions.HTTPError: 401 Client Error\nLocals at frame push:\n    url = 'https://api.${p}.com/v1/events'\n    ${k} = '${v()}'\n    retries = 3`;
  },
  () =>
    `panic: dial tcp 10.0.4.12:5432: connect: connection refused\n\ngoroutine 1 [running]:\nmain.mustConnect({0xc00001e0c0, 0x4b}, {0xc000012340, "host=10.0.4.12 user=ledger password=${pw()} dbname=ledger sslmode=require"})\n\t/src/cmd/ledger/main.go:41 +0x1a5`,
  () => {
    const [p, k, v] = provider();
    return `*** Terminating app due to uncaught exception\nProcess environment:\n  HOME=/var/mobile\n  ${upper(`${p}_${k}`)}=${v()}\n  TMPDIR=/private/var/tmp`;
  },
  // chat pastes
  () => {
    const [p, , v] = provider();
    return `[10:42] dana: can someone send me the ${p} key for staging?\n[10:43] omar: here ${v()}\n[10:43] omar: don't paste it anywhere pls`;
  },
  () => {
    const [p, k, v] = provider();
    return `> **mira** in #payments\n> new ${k.replace(/_/g, ' ')} for ${p} prod is \`${v()}\`, old one revoked`;
  },
  () => `@kai the wifi for the office guests is "Acme-Guest" and the password is ${pw()} (rotates monthly)`,
  // SQL dumps
  () => {
    const [p, k, v] = provider();
    return `INSERT INTO \`integration_settings\` (\`id\`, \`provider\`, \`name\`, \`value\`) VALUES\n(12, '${p}', '${k}', '${v()}'),\n(13, '${p}', 'region', 'eu');`;
  },
  () => {
    const [p, k, v] = provider();
    return `COPY public.api_clients (id, name, ${k}, created_at) FROM stdin;\n7\t${p}-sync\t${v()}\t2026-09-14 11:02:55\n\\.`;
  },
  () =>
    `-- Dump of table smtp_config\nINSERT INTO smtp_config (host, port, username, smtp_password) VALUES ('smtp.mail.internal', 587, 'noreply', '${pw()}');`,
  // i18n names
  () => {
    const [name, v] = one(I18N);
    return `# configuración\nservidor: api.interno\n${name}: ${v()}`;
  },
  () => {
    const [name, v] = one(I18N);
    return `${name} = "${v()}"`;
  },
  () => {
    const [name, v] = one(I18N);
    return `{"usuario": "admin", "${name}": "${v()}"}`;
  },
  () => {
    const [name, v] = one(I18N);
    return `<config ${name}="${v()}" host="10.1.2.3"/>`;
  },
  // other syntaxes of a secret name
  () => {
    const [p, k, v] = provider();
    return `<${camel(`${p}_${k}`)}>${v()}</${camel(`${p}_${k}`)}>`;
  },
  () => {
    const [p, k, v] = provider();
    return `[${p}]\n${kebab(k)} = ${v()}\nretries = 5`;
  },
  () => {
    const [p, k, v] = provider();
    return `integrations:\n  ${p}: { enabled: true, ${camel(k)}: "${v()}" }`;
  },
  () => {
    const [p, k, v] = provider();
    return `$ ${p}-cli login --${kebab(k)} ${v()}\nLogged in as ops@acme.dev`;
  },
  () => {
    const [p, k, v] = provider();
    return `${upper(`${p}_${k}`)} ?= ${v()}\n\ndeploy:\n\t./bin/deploy --env prod`;
  },
  () => {
    const [p, k, v] = provider();
    return `FROM node:20-alpine\nENV ${upper(`${p}_${k}`)} ${v()}\nCOPY . /app`;
  },
  () => `# /etc/redis/redis.conf\nbind 0.0.0.0\nport 6379\nrequirepass ${pw()}\nmaxmemory 2gb`,
  () => `# ~/.pgpass\ndb-prod.internal:5432:payments:payments_rw:${pw()}`,
  // keys in key formats
  () =>
    `[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ${bytesB64(32)}\nDNS = 1.1.1.1\n\n[Peer]\nPublicKey = ${bytesB64(32)}\nEndpoint = vpn.acme.dev:51820`,
  () =>
    `<tls-auth>\n-----BEGIN OpenVPN Static key V1-----\n${Array.from({ length: 8 }, () => pick(HEX, 32)).join('\n')}\n-----END OpenVPN Static key V1-----\n</tls-auth>`,
  () =>
    `{"keys": [{"kty": "EC", "crv": "P-256", "kid": "${pick(ALNUM, 8)}", "x": "${pick(B64URL, 43)}", "y": "${pick(B64URL, 43)}", "d": "${pick(B64URL, 43)}"}]}`,
  () =>
    `webpush:\n  vapid:\n    subject: mailto:ops@acme.dev\n    public_key: B${pick(B64URL, 86)}\n    private_key: ${pick(B64URL, 43)}`,
];

const negatives = [
  // UUIDs and commit SHAs
  () => `{"requestId": "${uuid()}", "traceId": "${pick(HEX, 32)}", "status": 502}`,
  () =>
    `[Unit]\nDescription=Acme agent\n[Service]\nEnvironment=AGENT_ID=${uuid()}\nEnvironmentFile=/etc/acme/agent.env\nLoadCredential=token:/etc/credstore/agent-token\nExecStart=/usr/bin/acme-agent`,
  () =>
    `commit ${sha1()}\nAuthor: Lee <lee@acme.dev>\nDate:   Tue Nov 3 10:02:11 2026\n\n    Rotate signing key id`,
  () =>
    `repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: ${sha1()}  # frozen: v4.6.0\n    hooks:\n      - id: detect-private-key`,
  () =>
    `Merge pull request #4412 from acme/fix-token-refresh\n\n${pick(HEX, 7)} Fix token refresh race\n${pick(HEX, 7)} Add test`,
  // integrity and checksums
  () =>
    `    "node_modules/undici": {\n      "version": "6.21.0",\n      "resolved": "https://registry.npmjs.org/undici/-/undici-6.21.0.tgz",\n      "integrity": "sha512-${b64blob(86)}"\n    }`,
  () =>
    `<script src="https://cdn.acme.dev/widget.min.js" integrity="sha384-${bytesB64(48)}" crossorigin="anonymous"></script>`,
  () =>
    `[[package]]\nname = "ring"\nversion = "0.17.8"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${sha256()}"`,
  () =>
    `golang.org/x/crypto v0.31.0 h1:${bytesB64(32)}\ngolang.org/x/crypto v0.31.0/go.mod h1:${bytesB64(32)}`,
  () => `${sha256()}  acme-cli_2.4.1_linux_amd64.tar.gz\n${sha256()}  acme-cli_2.4.1_darwin_arm64.tar.gz`,
  () =>
    `src = fetchFromGitHub {\n  owner = "acme";\n  repo = "tokenizer";\n  rev = "v${int(1, 3)}.${int(0, 9)}.0";\n  hash = "sha256-${bytesB64(32)}";\n};\nvendorHash = "sha256-${bytesB64(32)}";`,
  () => `pip install --require-hashes -r requirements.txt\n# requests==2.32.3 --hash=sha256:${sha256()}`,
  () => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256()}\nsize ${int(10000, 9999999)}`,
  () =>
    `provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.80.0"\n  hashes = [\n    "h1:${bytesB64(32)}",\n    "zh:${sha256()}",\n  ]\n}`,
  () => `$ md5sum backup-2026-11-30.sql.gz\n${pick(HEX, 32)}  backup-2026-11-30.sql.gz`,
  () =>
    `Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-${bytesB64(32)}' 'nonce-${bytesB64(16)}'`,
  // base64 of binary data
  () => `"icon": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ${b64blob(120)}"`,
  () => `{"name": "logo", "mime": "image/png", "content": "iVBORw0KGgoAAAANSUhEUgAAAEAAAABA${b64blob(160)}"}`,
  () => `thumbnail: /9j/4AAQSkZJRgABAQAAAQABAAD${b64blob(140)}`,
  () => `const spinner = 'R0lGODlhEAAQAPIAAP${b64blob(96)}';`,
  () => `attachment: {"filename": "invoice.pdf", "data": "JVBERi0xLjcKJeLjz9MK${b64blob(150)}"}`,
  () =>
    `@font-face { font-family: Inter; src: url(data:font/woff2;base64,d09GMgABAAAAA${b64blob(180)}) format("woff2"); }`,
  () => `payload: H4sIAAAAAAAAA${b64blob(120)}`,
  // public keys
  () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${pick(B64, 43)} deploy@ci`,
  () =>
    `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${pick(B64, 20)}\n${pick(B64, 64)}\n${pick(B64, 64)}\n${pick(B64, 40)}IDAQAB\n-----END PUBLIC KEY-----`,
  () => `[Peer]\n# laptop\nPublicKey = ${bytesB64(32)}\nAllowedIPs = 10.8.0.5/32`,
  () =>
    `{"keys": [{"kty": "RSA", "use": "sig", "kid": "${pick(ALNUM, 12)}", "alg": "RS256", "n": "${pick(B64URL, 342)}", "e": "AQAB"}]}`,
  () =>
    `recipients:\n  - age1${pick('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}\n  - age1${pick('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}`,
  () =>
    `<key>AppStorePublicKey</key>\n<string>MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${pick(B64, 52)}==</string>`,
  () => `vapid:\n  public_key: B${pick(B64URL, 86)}\n  private_key: \${VAPID_PRIVATE_KEY}`,
  () => `gpg --recv-keys ${pick(UHEX, 40)}\ngpg: key ${pick(UHEX, 16)}: public key "Acme Releases" imported`,
  // encrypted blobs
  () =>
    `db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${pick(HEX, 80)}\n  ${pick(HEX, 80)}\n  ${pick(HEX, 40)}`,
  () =>
    `api_token: ENC[AES256_GCM,data:${b64blob(40)},iv:${bytesB64(32)},tag:${bytesB64(16)},type:str]\nsops:\n  kms:\n    - arn: arn:aws:kms:eu-west-1:123456789012:key/${uuid()}`,
  () =>
    `-----BEGIN PGP MESSAGE-----\n\nhQIMA${pick(B64, 59)}\n${pick(B64, 64)}\n${pick(B64, 64)}\n=${pick(B64, 4)}\n-----END PGP MESSAGE-----`,
  () => `$ cat config/credentials/production.yml.enc\n${b64blob(180)}--${bytesB64(12)}--${bytesB64(16)}`,
  () =>
    `"CiphertextBlob": "AQICAHh${b64blob(180)}",\n"KeyId": "arn:aws:kms:us-east-1:123456789012:key/${uuid()}"`,
  () =>
    `-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB${pick(B64, 20)}\n${pick(B64, 64)}\n-----END AGE ENCRYPTED FILE-----`,
  // masked CI values and references
  () => `2026-12-01T10:14:03Z + export PIPEDRIVE_API_TOKEN=***\n2026-12-01T10:14:03Z + ./scripts/sync.sh`,
  () => `Run ./deploy.sh\n  env:\n    DEPLOY_TOKEN: ***\n    REGISTRY_PASSWORD: ***\n    REGION: eu-west-1`,
  () =>
    `$ heroku config\n=== acme-api Config Vars\nDATABASE_URL:     postgres://[REDACTED]\nSECRET_KEY_BASE:  [FILTERED]\nWEB_CONCURRENCY:  2`,
  () => `PS> dotnet user-secrets list\nStripe:SecretKey = ******\nJwt:Issuer = https://auth.acme.dev`,
  () => `buildConfigField("String", "MAPS_KEY", "\\"\${System.getenv("MAPS_KEY") ?: ""}\\"")`,
  () => `let apiKey = Bundle.main.object(forInfoDictionaryKey: "ApiKey") as? String ?? ""`,
  () =>
    `aws_secret_access_key: "{{ lookup('amazon.aws.aws_secret', 'prod/ci/aws', region='eu-west-1') }}"\nmysql_root_password: "{{ vault_mysql_root_password }}"`,
  () =>
    `"ConnectionStrings": {\n  "Default": "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/orders-db/)"\n}`,
  () =>
    `stripe:\n  secret_key: <%= ENV.fetch("STRIPE_SECRET_KEY") %>\nsecret_key_base: <%= Rails.application.credentials.secret_key_base %>`,
  () =>
    `env:\n  - name: HASURA_GRAPHQL_ADMIN_SECRET\n    valueFrom:\n      secretKeyRef:\n        name: hasura\n        key: admin-secret`,
  () =>
    `export OP_TOKEN=$(op read "op://Platform/buildkite/agent-token")\nexport VAULT_TOKEN=$(cat /run/secrets/vault_token)`,
  // secret-named settings holding no secret
  () =>
    `token_endpoint: https://auth.acme.dev/oauth2/token\napi_key_header: X-API-Key\npassword_min_length: 12\nsecret_rotation_days: 90`,
  () =>
    `<key>NSFaceIDUsageDescription</key>\n<string>Unlock your saved passwords</string>\n<key>KeychainAccessGroup</key>\n<string>$(AppIdentifierPrefix)com.acme.vault</string>`,
  () =>
    `{\n  "Jwt": {\n    "Issuer": "https://auth.acme.dev",\n    "Audience": "orders-api",\n    "SigningKeyId": "${uuid()}"\n  }\n}`,
  () =>
    `SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-key-AbC12d\nKMS_KEY_ID=alias/prod-secrets`,
  () => `public const string ApiKeyHeaderName = "X-Api-Key";\npublic const int TokenLifetimeMinutes = 60;`,
  () =>
    `var ErrInvalidToken = errors.New("auth: invalid or expired token")\nconst tokenHeader = "X-Auth-Token"`,
  () =>
    `private val passwordField = onView(withId(R.id.password_input))\npasswordField.perform(typeText(BuildConfig.TEST_PASSWORD_HINT))`,
  () =>
    `# gradle.properties\norg.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8\nandroid.useAndroidX=true\nkotlin.code.style=official\nVERSION_NAME=3.14.0\nVERSION_CODE=${int(300, 400)}`,
  () =>
    `# config/credentials.yml.enc is encrypted; edit with bin/rails credentials:edit\n# aws:\n#   access_key_id: 123\n#   secret_access_key: 345\n\n# Used as the base secret for all MessageVerifiers in Rails, including the one protecting cookies.`,
  () =>
    `[Service]\nEnvironment=NODE_ENV=production PORT=8080 TOKEN_CACHE_DIR=/var/cache/acme\nExecStart=/usr/bin/node /srv/app/server.js`,
  () =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  token-url: https://auth.acme.dev/token\n  key-rotation: weekly\n  cache-ttl: "3600"`,
  // hashes and ids with names that sound like a key
  () =>
    `Incident Identifier: ${uuid().toUpperCase()}\nCrashReporter Key:   ${pick(HEX, 40)}\nHardware Model:      MacBookPro18,3\nProcess:             Acme [${int(100, 9999)}]`,
  () =>
    `Thread 0 Crashed:\n0   libsystem_kernel.dylib  0x00000001${pick(HEX, 8)} __pthread_kill + 8\n1   Acme  0x0000000100${pick(HEX, 6)} ${'-'}[TokenStore refresh] + 212\nBinary Images:\n0x100000000 - 0x100fff000 Acme arm64 <${pick(HEX, 32)}>`,
  () =>
    `INSERT INTO users (id, email, password_hash) VALUES (1, 'ana@acme.dev', '$2b$12$${pick(`${ALNUM}./`, 53)}');`,
  () =>
    `INSERT INTO api_keys (id, prefix, key_sha256, created_at) VALUES (4, 'ak_live_7f', '${sha256()}', now());`,
  () =>
    `      "attributes": {\n        "arn": "arn:aws:iam::123456789012:user/ci",\n        "id": "AIDA${pick(UPPER, 17)}",\n        "unique_id": "AIDA${pick(UPPER, 17)}",\n        "tags": {}\n      }`,
  () =>
    `{\n  "version": 4,\n  "terraform_version": "1.9.8",\n  "serial": ${int(10, 300)},\n  "lineage": "${uuid()}",\n  "outputs": {\n    "bucket_etag": {"value": "${pick(HEX, 32)}", "type": "string"}\n  }\n}`,
  () =>
    `"source_code_hash": "${bytesB64(32)}",\n"output_base64sha256": "${bytesB64(32)}",\n"output_md5": "${pick(HEX, 32)}"`,
  () =>
    `docker pull ghcr.io/acme/api@sha256:${sha256()}\nDigest: sha256:${sha256()}\nStatus: Downloaded newer image`,
  () =>
    `Build ID: ${sha1()}\nModule: libtokenizer.so  version ${int(1, 4)}.${int(0, 20)}\nsignal 11 (SIGSEGV), fault addr 0x${pick(HEX, 12)}`,
  () => `"signature": "MEUCIQ${pick(B64, 42)}AiEA${pick(B64, 40)}",\n"keyid": "${sha256()}"`,
  () =>
    `<add key="ClientValidationEnabled" value="true" />\n<add key="webpages:Version" value="3.0.0.0" />\n<add key="MachineKeyValidation" value="HMACSHA256" />`,
  () => `session_id=${pick(HEX, 32)}; Path=/; HttpOnly\nX-Request-Id: ${uuid()}`,
  // test vectors and documentation examples
  () =>
    `# RFC 4231, test case 2\nKey  = 4a656665\nData = 7768617420646f2079612077616e7420666f72206e6f7468696e673f\nHMAC-SHA-256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843`,
  () =>
    `#[test]\nfn aes_gcm_vector() {\n    let key = hex!("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");\n    let nonce = hex!("000000000000000000000000");\n}`,
  () =>
    `To configure the CLI, run aws configure and enter your keys, for example:\nAWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE\nAWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
  () =>
    `The jwt.io debugger opens with this sample token:\neyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`,
  () => `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=`,
  () => `assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");`,
  // chat pastes without a secret
  () =>
    `[09:12] lee: rotated the ${one(PROVIDERS)[0]} token, new one is in 1Password under "Platform / prod"\n[09:13] sam: thx, redeploying`,
  () => `> the key fingerprint the vendor gave us is SHA256:${pick(B64, 43)}, matches what ssh shows`,
  () => `@ana which commit broke the token refresh? bisect says ${sha1()}`,
  () =>
    `Q: what does a ${one(PROVIDERS)[0]} api key look like?\nA: ${int(20, 64)} characters, letters and digits; never paste one here, use the vault link.`,
  // i18n look-alikes
  () => `clave_publica: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${pick(B64, 43)}\nusuario: despliegue`,
  () => `mot_de_passe_longueur_min: 12\nmot_de_passe_expiration_jours: 90`,
  () => `пароль: \${DB_PASSWORD}\nпользователь: app`,
  () => `密钥路径: /etc/ssl/private/server.key\n证书路径: /etc/ssl/certs/server.crt`,
  () => `senha: "{{ vault_senha_banco }}"\nusuario: app`,
  // SQL and logs with ids
  () =>
    `COPY public.orders (id, customer_id, external_ref, created_at) FROM stdin;\n${int(1000, 9999)}\t${uuid()}\t${pick(HEX, 24)}\t2026-10-02 08:11:45\n\\.`,
  () => `2026-12-02 11:40:21 INFO auth: token issued sub=${uuid()} jti=${pick(HEX, 32)} exp=3600`,
  () => `{"event": "password_reset_requested", "user_id": "${pick(ALNUM, 24)}", "reset_id": "${uuid()}"}`,
];

function build(templates, label, n) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const make = templates[i % templates.length];
    rows.push({ text: make(), label });
  }
  return rows;
}
const all = [...build(positives, 1, 100), ...build(negatives, 0, 100)];
// Shuffle (seeded) so that each template's rows fall into both splits.
for (let i = all.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [all[i], all[j]] = [all[j], all[i]];
}
const seen = new Set();
const rows = [];
for (const r of all) {
  if (seen.has(r.text)) continue;
  seen.add(r.text);
  const n = rows.length + 1;
  rows.push({
    id: `d5-sec-${String(n).padStart(3, '0')}`,
    text: r.text,
    label: r.label,
    split: n % 2 === 1 ? 'train' : 'val',
    source: 'generated for agentwarden (dev5, 2026-12-06): fake values, labelled by construction',
  });
}
const file = new URL('./secrets-dev5.jsonl', import.meta.url).pathname;
writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
const count = (split, label) => rows.filter((r) => r.split === split && r.label === label).length;
console.log(
  `wrote ${rows.length} rows to ${file}: train ${count('train', 1)}+/${count('train', 0)}-, val ${count('val', 1)}+/${count('val', 0)}-`,
);
