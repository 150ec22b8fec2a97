/**
 * What to do about a leaked secret, by provider: where it is revoked. A rule id's first word names the
 * provider (`github-token`, `aws-secret-access-key`); the long tail gets the generic steps with the provider's
 * name read from the rule id (`cisco-meraki-api-key` → Cisco Meraki).
 */
const ADVICE: Record<string, string> = {
  anthropic: 'Revoke the key at console.anthropic.com → Settings → API keys, then create a new one.',
  openai: 'Revoke the key at platform.openai.com → API keys, then create a new one.',
  github:
    'Revoke the token at github.com → Settings → Developer settings (or the app/OAuth settings), then issue a new one.',
  gitlab: 'Revoke the token in GitLab → User settings → Access tokens (or the project/group token page).',
  aws: 'Deactivate and delete the access key in IAM (aws iam update-access-key / delete-access-key), create a new one, and review CloudTrail for its use.',
  azure:
    'Regenerate the key in the Azure portal (storage account → Access keys, or the app registration’s secrets).',
  google: 'Delete or restrict the key in Google Cloud console → APIs & Services → Credentials.',
  gcp: 'Delete the key in Google Cloud console → IAM → Service accounts → Keys, then create a new one.',
  slack: 'Revoke the token at api.slack.com/apps → your app → OAuth & Permissions (or rotate the webhook).',
  stripe: 'Roll the key at dashboard.stripe.com → Developers → API keys.',
  telegram: 'Send /revoke to @BotFather for this bot, then update the bot token where it is used.',
  discord: 'Reset the token at discord.com/developers → your application → Bot → Reset Token.',
  twilio: 'Rotate the auth token / delete the API key in the Twilio console.',
  whatsapp:
    'Invalidate the access token in Meta for Developers → WhatsApp → API setup (system user tokens in Business settings).',
  npm: 'Revoke the token with `npm token revoke <id>` or at npmjs.com → Access Tokens.',
  npmrc:
    'Revoke the registry token (npm token revoke, or the registry’s own UI), then use an env reference in .npmrc.',
  pypi: 'Remove the token at pypi.org → Account settings → API tokens.',
  huggingface: 'Invalidate the token at huggingface.co → Settings → Access Tokens.',
  private:
    'Treat the key pair as compromised: generate a new key, replace the public half everywhere it is trusted, revoke the old one.',
  jwt: 'Revoke the session or rotate the signing key that issued it; it stays valid until it expires otherwise.',
  url: 'Change the database/service password and update the connection string from a secret store.',
  connection: 'Change the database password and load the connection string from a secret store.',
  docker:
    'Change the registry password or revoke the access token, then `docker logout` and log in with a credential helper.',
  jenkins:
    'Update the credential in Jenkins → Manage credentials, and rotate it at the service it belongs to.',
  kubernetes:
    'Rotate the credential at the service it belongs to, then replace the Secret (base64 is an encoding, not encryption); keep manifests holding data out of transcripts and repositories.',
  openclaw: 'Regenerate the gateway token (openclaw config) and restart the gateway; re-pair clients.',
  age: 'Generate a new age identity (age-keygen), re-encrypt what the old recipient could read, and delete the old identity.',
  netrc:
    'Change the password for that machine at its service, then keep it in a credential helper instead of ~/.netrc.',
  ini: 'Change the password at the service this file configures (PyPI: use an API token), then remove it from the file.',
  cli: 'Change the password given on the command line: it is also in shell history and process listings.',
  authorization:
    'Revoke the token or key sent in that header at the service that issued it, and issue a new one.',
  hex: 'Rotate the key the log printed at the service it belongs to, and stop logging it.',
  generic:
    'Revoke or rotate this credential at the service that issued it, update every consumer, then remove it from the file.',
};

/** Words of a rule id that say what kind of credential it is, not whose: they end the provider's name. */
const KIND_WORDS = new Set(
  'api key keys token tokens secret access client id private personal pat auth bot webhook password user oauth app service organization integration legacy refresh encryption public pub signing insert browser delivery reference routable global authentication feed runner rrt sk prefixed'.split(
    ' ',
  ),
);

/** The provider a rule id names, for the generic advice: `cisco-meraki-api-key` → `Cisco Meraki`. */
function providerName(ruleId: string): string {
  const words: string[] = [];
  for (const w of ruleId.split('-')) {
    if (KIND_WORDS.has(w)) break;
    words.push(w.charAt(0).toUpperCase() + w.slice(1));
  }
  return words.join(' ');
}

export function rotationAdvice(ruleId: string): string {
  const specific = ADVICE[ruleId.split('-')[0] ?? ''];
  if (specific) return specific;
  const name = providerName(ruleId);
  if (!name) return ADVICE.generic as string;
  return `Revoke the ${name} credential in ${name}'s console or API, issue a new one and update every consumer, then remove it from the file.`;
}
