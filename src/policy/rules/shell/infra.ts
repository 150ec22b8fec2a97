import { defineShellEffects, type EffectFamilies, type EffectsOf } from '../define.js';

const OPERATOR = 'role: operator\n';
const INFRA_CELL = {
  rule: 'role/builder/infra',
  why: "a low-risk effect is judged by the role's cell for its capability (builder: infra approve)",
} as const;

export const infraEffects = defineShellEffects<EffectsOf<'infra'> | EffectFamilies>({
  'destructive-cli': {
    title: 'a CLI subcommand that resets or deletes what it manages',
    risk: 'high',
    examples: { ask: ['deck reset'] },
  },
  'cloud-transfer': {
    title: 'a cloud storage copy (judged by its risk, as low)',
    risk: 'low',
    examples: { allow: ['aws s3 mb s3://new-bucket'] },
  },
  'cloud-mutation': {
    title: 'a cloud CLI call that changes resources',
    risk: 'high',
    examples: { ask: ['aws iam create-user --user-name x'] },
  },
  'terraform-destroy': {
    title: 'destroys or rewrites managed infrastructure',
    risk: 'critical',
    examples: { deny: ['terraform destroy'] },
  },
  'kubectl-<subcommand>': {
    title: 'changes a cluster (critical for whole namespaces, nodes, --all)',
    risk: ['high', 'critical'],
    examples: { deny: ['kubectl delete ns prod'], ask: ['kubectl apply -f deploy.yaml'] },
  },
  'helm-<subcommand>': {
    title: 'changes a cluster release',
    risk: 'high',
    examples: { ask: ['helm upgrade web ./chart'] },
  },
  'terraform-<subcommand>': {
    title: 'changes managed infrastructure',
    risk: 'high',
    examples: { ask: ['terraform apply -auto-approve'] },
  },
  'pulumi-<subcommand>': {
    title: 'changes managed infrastructure (critical for destroy)',
    risk: ['high', 'critical'],
    examples: { deny: ['pulumi destroy'], ask: ['pulumi up --yes'] },
  },
  'cdk-<subcommand>': {
    title: 'deploys or destroys a CDK stack',
    risk: 'high',
    examples: { ask: ['cdk deploy'] },
  },
  'serverless-<subcommand>': {
    title: 'deploys or removes a Serverless service',
    risk: 'high',
    examples: { ask: ['serverless deploy'] },
  },
  'sls-<subcommand>': {
    title: 'deploys or removes a Serverless service',
    risk: 'high',
    examples: { ask: ['sls deploy'] },
  },
  'sam-<subcommand>': {
    title: 'deploys or deletes a SAM application',
    risk: 'high',
    examples: { ask: ['sam deploy'] },
  },
  'docker-privileged': {
    title: 'a privileged container, which owns the host',
    risk: 'critical',
    examples: { deny: ['docker run --privileged alpine'] },
  },
  'docker-host-mount': {
    title: 'mounts home, / or the Docker socket into a container',
    risk: 'critical',
    examples: { deny: ['docker run -v ~:/h alpine'] },
  },
  'docker-credential-mount': {
    title: 'mounts a credential store into a container',
    risk: 'high',
    examples: { ask: [{ action: 'docker run -v ~/.aws:/root/.aws alpine', policy: OPERATOR }] },
  },
  'docker-host-namespace': {
    title: "shares the host's process, network or IPC namespace",
    risk: 'high',
    examples: { ask: ['docker run --pid=host alpine'] },
  },
  'docker-capability': {
    title: 'grants a container a kernel capability',
    risk: 'high',
    examples: { ask: ['docker run --cap-add=SYS_ADMIN alpine'] },
  },
  'docker-prune': {
    title: 'prunes images, containers or volumes',
    risk: ['low', 'high'],
    examples: {
      ask: ['docker system prune -af', { action: 'docker system prune', decidedBy: INFRA_CELL }],
    },
  },
  'docker-remove': {
    title: 'removes containers, images or volumes',
    risk: ['low', 'high'],
    examples: { ask: ['docker rm -f web'] },
  },
  'docker-stop': {
    title: 'stops running containers',
    risk: 'high',
    examples: { ask: ['docker kill web'] },
  },
  'docker-compose-down': {
    title: 'takes a compose project down (high with its volumes)',
    risk: ['low', 'high'],
    examples: { ask: ['docker compose down -v'] },
  },
  'docker-push': {
    title: 'publishes an image',
    risk: 'high',
    examples: { ask: ['docker push me/app'] },
  },
  shutdown: {
    title: 'stops or restarts the machine',
    risk: 'critical',
    examples: { deny: ['reboot'] },
  },
  'kill-all': {
    title: 'kills every process the user can signal',
    risk: 'critical',
    examples: { deny: ['kill -9 -1'] },
  },
  'kill-processes': {
    title: 'kills processes by name',
    risk: ['low', 'high'],
    examples: { ask: ['killall node'] },
  },
  'service-stop': {
    title: 'stops or restarts a running service',
    risk: 'high',
    examples: { ask: ['systemctl stop nginx'] },
  },
  'service-enable': {
    title: 'enables or starts a service',
    risk: ['low', 'high'],
    examples: { ask: ['systemctl enable nginx'] },
  },
  'read-keychain': {
    title: 'reads a secret from the keychain',
    risk: 'high',
    examples: { ask: [{ action: 'security find-generic-password -s github -w', policy: OPERATOR }] },
  },
  'ssh-agent-remove': {
    title: 'removes identities from the ssh agent',
    risk: 'high',
    examples: { ask: [{ action: 'ssh-add -D', policy: OPERATOR }] },
  },
  'known-hosts-remove': {
    title: 'removes host keys from known_hosts',
    risk: 'high',
    examples: { ask: ['ssh-keygen -R host.example'] },
  },
  'dns-zone-transfer': {
    title: 'requests a full DNS zone transfer',
    risk: 'high',
    examples: { ask: ['dig axfr example.com'] },
  },
  'dns-update': {
    title: 'changes DNS records',
    risk: 'high',
    examples: { ask: ['nsupdate -l'] },
  },
  'sql-destructive': {
    title: 'a destructive SQL statement (DROP, TRUNCATE, DELETE without WHERE)',
    risk: 'high',
    examples: { ask: ['psql -c "DROP TABLE users"'] },
  },
  'redis-destructive': {
    title: 'flushes or shuts down Redis',
    risk: 'high',
    examples: { ask: ['redis-cli FLUSHALL'] },
  },
  'admin-socket-destructive': {
    title: 'a destructive command sent to an admin socket or console',
    risk: 'high',
    examples: { ask: ['echo "disable server web/app1" | socat stdio /run/haproxy.sock'] },
  },
  'database-drop': {
    title: 'drops a database or stops the server',
    risk: 'high',
    examples: { ask: ['dropdb production'] },
  },
});
