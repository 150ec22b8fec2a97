import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { type ConfigDocument, isRecord, type JsonPath } from '../../core/document/index.js';
import type { FixPlan } from '../../core/finding.js';
import { loadConfigObject } from '../../discover/files.js';
import { dotenvMap, parseDotenv } from './_dotenv.js';
import { composeVariables, interpolateTree, type VariableLookup } from './_interpolate.js';
import { isConfigMount, parseMountEntry } from './_mounts.js';
import { loopbackPortText, parsePortEntry } from './_ports.js';
import { type ContainerSpec, type EnvEntry, type Item, looksLikeAgent, type Site, siteOf } from './_spec.js';

const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/;
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', 'target', '.venv']);
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Keys of a compose service (compose spec); others are reported, as `docker compose config` rejects them. */
const SERVICE_KEYS = new Set(
  `annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name
  cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec
  depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname driver_opts entrypoint
  env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init
  ipc isolation labels label_file links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit
  models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop
  privileged profiles provider pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open
  stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volumes
  volumes_from working_dir`.split(/\s+/),
);

export interface ComposeProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
  severity: 'low' | 'info';
}

interface ComposeFile {
  file: string;
  doc: ConfigDocument;
  /** The document's value with variables interpolated. */
  value: Record<string, unknown>;
}

/** One file's definition of a service; a service's layers are merged in order (extends, base, overrides). */
interface Layer {
  source: ComposeFile;
  path: JsonPath;
  value: Record<string, unknown>;
}

export interface ComposeLoad {
  files: string[];
  services: ContainerSpec[];
  problems: ComposeProblem[];
}

function findComposeFiles(ctx: AuditContext, dir: string, depth: number, out: string[]): void {
  for (const name of ctx.fs.list(dir)) {
    const full = path.join(dir, name);
    const info = ctx.fs.stat(full);
    if (info?.kind === 'file' && COMPOSE_NAME.test(name)) out.push(full);
    else if (info?.kind === 'dir' && depth > 0 && !info.isSymlink && !SKIP_DIRS.has(name))
      findComposeFiles(ctx, full, depth - 1, out);
  }
}

const isOverride = (f: string) => /\.override\.ya?ml$/.test(f);

/**
 * The projects compose runs from one folder: `docker compose up` reads the base file and its override
 * (`compose.override.yaml`); any other compose file there (`docker-compose.prod.yml`) is a variant run with
 * `-f`, alone when it defines each of its services fully (image, build or extends), over the base otherwise.
 */
function projectsInFolder(loader: ComposeLoader, files: string[]): string[][] {
  const base = BASE_NAMES.map((n) => files.find((f) => path.basename(f) === n)).find((f) => f !== undefined);
  const overrides = files.filter(isOverride).sort();
  const projects = base || overrides.length > 0 ? [[...(base ? [base] : []), ...overrides]] : [];
  for (const file of files.filter((f) => f !== base && !isOverride(f)).sort()) {
    const services = loader.load(file)?.value.services;
    const standalone =
      !base ||
      (isRecord(services) &&
        Object.values(services).every(
          (v) => isRecord(v) && ('image' in v || 'build' in v || 'extends' in v),
        ));
    projects.push(standalone ? [file] : [base, file]);
  }
  return projects;
}

function requestedFiles(ctx: AuditContext): string[] {
  return (ctx.env.AGENTWARDEN_COMPOSE ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((f) => path.resolve(ctx.project, f));
}

class ComposeLoader {
  private readonly files = new Map<string, ComposeFile | null>();
  readonly problems: ComposeProblem[] = [];

  constructor(
    private readonly ctx: AuditContext,
    private readonly vars: VariableLookup,
  ) {}

  load(file: string): ComposeFile | null {
    const cached = this.files.get(file);
    if (cached !== undefined) return cached;
    this.files.set(file, null);
    const loaded = loadConfigObject(this.ctx, file, { format: 'yaml', maxBytes: MAX_FILE_BYTES });
    if (loaded.status === 'missing') {
      this.problems.push({ file, message: `${file} does not exist`, severity: 'low' });
      return null;
    }
    if (loaded.status === 'problem') {
      const { message, line, column } = loaded.problem;
      this.problems.push({
        file,
        message: `${message}; its services were not audited`,
        severity: 'low',
        ...(line !== undefined && { line }),
        ...(column !== undefined && { column }),
      });
      return null;
    }
    const { doc } = loaded;
    const { value, problems } = interpolateTree(loaded.data, this.vars);
    const required = problems.filter((p) => p.error.startsWith('required variable'));
    for (const p of problems.filter((q) => !required.includes(q))) {
      const at = doc.locate(p.path);
      this.problems.push({
        file,
        line: at.line,
        column: at.column,
        message: `${p.path.join('.')}: ${p.error}; the value was audited as written`,
        severity: 'low',
      });
    }
    // A required variable unset here may well be set where the stack is deployed: a fact, not a defect,
    // said once per file.
    if (required[0]) {
      const at = doc.locate(required[0].path);
      const names = [...new Set(required.map((p) => /required variable (\w+)/.exec(p.error)?.[1] ?? '?'))];
      this.problems.push({
        file,
        line: at.line,
        column: at.column,
        message: `required variable${names.length > 1 ? 's' : ''} ${names.join(', ')} ${names.length > 1 ? 'have' : 'has'} no value here (no .env beside the file sets ${names.length > 1 ? 'them' : 'it'}); the values were audited as written`,
        severity: 'info',
      });
    }
    const composeFile: ComposeFile = { file, doc, value: value as Record<string, unknown> };
    const services = composeFile.value.services;
    if (services !== undefined && !isRecord(services)) {
      const at = doc.locate(['services']);
      this.problems.push({ file, ...at, message: '`services` is not a mapping', severity: 'low' });
    }
    this.files.set(file, composeFile);
    // Once per file, however many projects (base + variant) read it.
    unknownKeys(this, composeFile);
    return composeFile;
  }

  /** A service's layers with `extends` resolved (loops and missing targets reported, not followed). */
  layers(source: ComposeFile, name: string, seen: string[] = []): Layer[] {
    const services = isRecord(source.value.services) ? source.value.services : {};
    const value = services[name];
    const at = ['services', name];
    if (!isRecord(value)) return [];
    const key = `${source.file}#${name}`;
    if (seen.includes(key)) {
      const pos = source.doc.locate([...at, 'extends']);
      this.problems.push({
        file: source.file,
        ...pos,
        message: `extends loop: ${[...seen, key].map((k) => k.split('#')[1]).join(' -> ')}`,
        severity: 'low',
      });
      return [];
    }
    const own: Layer = { source, path: at, value };
    const ext = value.extends;
    if (ext === undefined) return [own];
    const target = typeof ext === 'string' ? { service: ext } : isRecord(ext) ? ext : {};
    const service = typeof target.service === 'string' ? target.service : undefined;
    const other =
      typeof target.file === 'string'
        ? this.load(path.resolve(path.dirname(source.file), target.file))
        : source;
    if (!service || !other) return [own];
    const base = this.layers(other, service, [...seen, key]);
    if (base.length === 0 && !seen.includes(`${other.file}#${service}`)) {
      const pos = source.doc.locate([...at, 'extends']);
      this.problems.push({
        file: source.file,
        ...pos,
        message: `service "${name}" extends "${service}", which is not defined`,
        severity: 'low',
      });
    }
    return [...base, own];
  }
}

function site(layer: Layer, sub: JsonPath): Site {
  return siteOf(layer.source.file, layer.source.doc.locate([...layer.path, ...sub]));
}

/** True when path is a node of this file (not merged in from an anchor), so an edit there is safe. */
function ownNode(doc: ConfigDocument, p: JsonPath): boolean {
  const here = doc.locate(p);
  const parent = doc.locate(p.slice(0, -1));
  return doc.has(p) && (here.line !== parent.line || here.column !== parent.column);
}

function rawAt(layer: Layer, sub: JsonPath): unknown {
  return layer.source.doc.get([...layer.path, ...sub]);
}

function textOf(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

function sequence(layers: Layer[], key: string): { layer: Layer; index: number; value: unknown }[] {
  return layers.flatMap((layer) => {
    const v = layer.value[key];
    if (typeof v === 'string' && (key === 'cap_add' || key === 'security_opt'))
      return [{ layer, index: -1, value: v }];
    return Array.isArray(v) ? v.map((value, index) => ({ layer, index, value })) : [];
  });
}

function lastScalar(layers: Layer[], key: string): { layer: Layer; value: unknown } | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as Layer;
    if (layer.value[key] !== undefined) return { layer, value: layer.value[key] };
  }
  return undefined;
}

function portItems(layers: Layer[]): Item<ReturnType<typeof parsePortEntry>>[] {
  return sequence(layers, 'ports').map(({ layer, index, value }) => {
    const sub = ['ports', index];
    const raw = rawAt(layer, sub);
    const file = layer.source.file;
    const p = [...layer.path, ...sub];
    const fixPlans: FixPlan[] = [];
    const description = `bind ${textOf(raw)} to 127.0.0.1`;
    if (ownNode(layer.source.doc, p)) {
      if (typeof raw === 'string' || typeof raw === 'number') {
        const fixed = loopbackPortText(String(raw));
        if (fixed) fixPlans.push({ kind: 'json-set', file, path: p, value: fixed, description });
      } else if (isRecord(raw))
        fixPlans.push({ kind: 'json-set', file, path: [...p, 'host_ip'], value: '127.0.0.1', description });
    }
    return {
      value: parsePortEntry(value),
      text: textOf(raw),
      site: site(layer, sub),
      ...(fixPlans.length > 0 && { fixPlans }),
    };
  });
}

function readOnlyText(raw: string): string {
  const parts = raw.split(':');
  if (parts.length === 2) return `${raw}:ro`;
  const opts = (parts[2] as string).split(',').filter((o) => o !== 'rw' && o !== 'ro');
  return [...parts.slice(0, 2), ['ro', ...opts].join(',')].join(':');
}

function mountItems(ctx: AuditContext, layers: Layer[]): ContainerSpec['mounts'] {
  // Compose merges volumes by container path: a later file's mount of the same target replaces the earlier.
  const byTarget = new Map<string, ContainerSpec['mounts'][number]>();
  const others: ContainerSpec['mounts'] = [];
  for (const { layer, index, value } of sequence(layers, 'volumes')) {
    const sub = ['volumes', index];
    const raw = rawAt(layer, sub);
    const parsed = parseMountEntry(value, { home: ctx.home, base: path.dirname(layer.source.file) });
    const file = layer.source.file;
    const p = [...layer.path, ...sub];
    const fixPlans: FixPlan[] = [];
    if (parsed.ok && isConfigMount(parsed.mount) && !parsed.mount.readOnly && ownNode(layer.source.doc, p)) {
      const description = `mount ${textOf(raw)} read-only`;
      if (typeof raw === 'string' && !raw.includes(`\${`))
        fixPlans.push({ kind: 'json-set', file, path: p, value: readOnlyText(raw), description });
      else if (isRecord(raw))
        fixPlans.push({ kind: 'json-set', file, path: [...p, 'read_only'], value: true, description });
    }
    const item = {
      value: parsed,
      text: textOf(raw),
      site: site(layer, sub),
      ...(fixPlans.length > 0 && { fixPlans }),
    };
    if (parsed.ok) byTarget.set(parsed.mount.target, item);
    else others.push(item);
  }
  return [...byTarget.values(), ...others];
}

function envItems(layers: Layer[]): Item<EnvEntry>[] {
  const byKey = new Map<string, Item<EnvEntry>>();
  for (const layer of layers) {
    const env = layer.value.environment;
    const entries: [string, unknown, JsonPath][] = Array.isArray(env)
      ? env.map((e, i) => {
          const [k, ...rest] = String(e).split('=');
          return [k as string, rest.length > 0 ? rest.join('=') : undefined, ['environment', i]];
        })
      : isRecord(env)
        ? Object.entries(env).map(([k, v]) => [k, v, ['environment', k]])
        : [];
    for (const [key, value, sub] of entries) {
      const raw = rawAt(layer, sub);
      const rawValue = Array.isArray(env) ? String(raw).split('=').slice(1).join('=') : raw;
      byKey.set(key, {
        value: {
          key,
          ...(value !== undefined && value !== null && { value: String(value) }),
          literal: !String(rawValue ?? '').includes('$'),
        },
        text: Array.isArray(env) ? String(raw) : `${key}: ${textOf(raw)}`,
        site: site(layer, sub),
      });
    }
  }
  return [...byKey.values()];
}

function hasLimit(layers: Layer[], direct: string, limit: string): boolean {
  return layers.some((l) => {
    const limits = (l.value.deploy as { resources?: { limits?: Record<string, unknown> } } | undefined)
      ?.resources?.limits;
    return l.value[direct] !== undefined || (isRecord(limits) && limits[limit] !== undefined);
  });
}

function toSpec(ctx: AuditContext, name: string, layers: Layer[]): ContainerSpec {
  const main = layers.at(-1) as Layer;
  const files = [...new Set(layers.map((l) => path.basename(l.source.file)))].join(' + ');
  const ports = portItems(layers);
  const securityOpt = sequence(layers, 'security_opt').map(({ layer, index, value }) => ({
    value: String(value),
    text: String(value),
    site: site(layer, index < 0 ? ['security_opt'] : ['security_opt', index]),
  }));
  const limits = { cpus: hasLimit(layers, 'cpus', 'cpus'), memory: hasLimit(layers, 'mem_limit', 'memory') };
  const base = layers.find((l) => ownNode(l.source.doc, l.path));
  const limitsFix: FixPlan[] = [];
  if (base) {
    const at = [...base.path, 'deploy', 'resources', 'limits'];
    const file = base.source.file;
    if (!limits.cpus)
      limitsFix.push({
        kind: 'json-set',
        file,
        path: [...at, 'cpus'],
        value: '1.0',
        description: 'limit cpus to 1.0',
      });
    if (!limits.memory)
      limitsFix.push({
        kind: 'json-set',
        file,
        path: [...at, 'memory'],
        value: '2G',
        description: 'limit memory to 2G',
      });
  }
  const restart = lastScalar(layers, 'restart');
  const privileged = lastScalar(layers, 'privileged');
  const network = lastScalar(layers, 'network_mode');
  const pid = lastScalar(layers, 'pid');
  const scalarItem = (s: { layer: Layer; value: unknown } | undefined, key: string) =>
    s && { value: String(s.value), text: `${key}: ${String(s.value)}`, site: site(s.layer, [key]) };
  const described = [
    name,
    main.value.image,
    main.value.container_name,
    main.value.command,
    main.value.entrypoint,
  ]
    .map((v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : ''))
    .join(' ');
  return {
    origin: 'compose',
    label: `service "${name}" (${files})`,
    site: site(main, []),
    agentLike:
      looksLikeAgent(described, typeof main.value.image === 'string' ? main.value.image : undefined) ||
      ports.some((p) => p.value.ok && [18789, 18790].includes(p.value.port.target.from)),
    ...(String(restart?.value) === 'no' &&
      (main.value.command !== undefined || main.value.entrypoint !== undefined) && { oneShot: true }),
    ports,
    mounts: mountItems(ctx, layers),
    environment: envItems(layers),
    ...(privileged?.value === true && { privileged: site(privileged.layer, ['privileged']) }),
    capAdd: sequence(layers, 'cap_add').map(({ layer, index, value }) => ({
      value: String(value).toUpperCase().replace(/^CAP_/, ''),
      text: String(value),
      site: site(layer, index < 0 ? ['cap_add'] : ['cap_add', index]),
    })),
    ...(network && { networkMode: scalarItem(network, 'network_mode') }),
    ...(pid && { pid: scalarItem(pid, 'pid') }),
    securityOpt,
    limits,
    ...(limitsFix.length > 0 && { limitsFix }),
    noNewPrivileges: securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o.value)),
  };
}

function unknownKeys(load: ComposeLoader, file: ComposeFile): void {
  const services = isRecord(file.value.services) ? file.value.services : {};
  for (const [name, svc] of Object.entries(services)) {
    if (!isRecord(svc)) {
      const at = file.doc.locate(['services', name]);
      load.problems.push({
        file: file.file,
        ...at,
        message: `service "${name}" is not a mapping`,
        severity: 'low',
      });
      continue;
    }
    for (const key of Object.keys(svc)) {
      if (SERVICE_KEYS.has(key) || key.startsWith('x-')) continue;
      const at = file.doc.locate(['services', name, key]);
      load.problems.push({
        file: file.file,
        ...at,
        message: `service "${name}" has an unknown key "${key}" (a typo, or a newer compose feature): docker compose refuses the file`,
        severity: 'info',
      });
    }
  }
}

/** Every compose project in the project folder (two levels down) and from --compose, merged as compose does. */
export function loadCompose(ctx: AuditContext): ComposeLoad {
  return ctx.memo('deploy:compose', () => {
    const found: string[] = [];
    findComposeFiles(ctx, ctx.project, 2, found);
    const requested = requestedFiles(ctx).filter((f) => !found.includes(f));
    const byDir = new Map<string, string[]>();
    for (const f of found) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
    const folders = [...byDir.values(), ...requested.map((f) => [f])];
    const services: ContainerSpec[] = [];
    const problems: ComposeProblem[] = [];
    for (const files of folders) {
      const dir = path.dirname(files[0] as string);
      const envFile = ctx.fs.readText(path.join(dir, '.env'), { maxBytes: 1024 * 1024 });
      const dotenv = envFile.ok ? dotenvMap(parseDotenv(envFile.text)) : new Map<string, string>();
      const loader = new ComposeLoader(ctx, composeVariables(ctx.env, dotenv));
      // A service a variant does not redefine is the base file's, already audited with the base project.
      const seen = new Set<string>();
      for (const project of requested.includes(files[0] as string)
        ? [files]
        : projectsInFolder(loader, files)) {
        const byName = new Map<string, Layer[]>();
        for (const file of project) {
          const loaded = loader.load(file);
          if (!loaded) continue;
          const names = isRecord(loaded.value.services) ? Object.keys(loaded.value.services) : [];
          for (const name of names)
            byName.set(name, [...(byName.get(name) ?? []), ...loader.layers(loaded, name)]);
        }
        for (const [name, layers] of byName) {
          const key = `${name}\0${[...new Set(layers.map((l) => l.source.file))].join('\0')}`;
          if (layers.length === 0 || seen.has(key)) continue;
          seen.add(key);
          services.push(toSpec(ctx, name, layers));
        }
      }
      problems.push(...loader.problems);
    }
    return { files: folders.flat(), services, problems };
  });
}
