// The generated plugin entry, loaded as OpenClaw loads it and driven through a fake plugin API: its
// before_tool_call handler answers through agentwarden in-process, and blocks when agentwarden fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installOpenClawGuard } from '../../../src/adapters/openclaw/install.js';
import { pluginEntry } from '../../../src/adapters/openclaw/plugin-source.js';
import { openclawGuardStatus } from '../../../src/adapters/openclaw/status.js';
import { parseDocument } from '../../../src/core/document/index.js';
import { agentwardenPaths } from '../../../src/core/paths.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
type Handler = (event: unknown, ctx: unknown) => Promise<unknown>;

let home: string;
const saved = { HOME: process.env.HOME };
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-oc-plugin-'));
  fs.mkdirSync(path.join(home, '.openclaw', 'workspace'), { recursive: true });
  // answerOpenClaw decides for the process's own user: point it at the throwaway home.
  process.env.HOME = home;
});
afterEach(() => {
  process.env.HOME = saved.HOME;
  fs.rmSync(home, { recursive: true, force: true });
});

async function loadPlugin(hookModule: string, cli = '/nonexistent/cli.js') {
  const dir = fs.mkdtempSync(path.join(home, 'plugin-'));
  const entry = path.join(dir, 'index.js');
  fs.writeFileSync(entry, pluginEntry({ hookModule, node: process.execPath, cli, version: '0.0.0' }));
  const plugin = (await import(pathToFileURL(entry).href)).default;
  const hooks = new Map<string, Handler>();
  const middleware: Handler[] = [];
  const api = {
    config: { agents: { defaults: { workspace: path.join(home, '.openclaw', 'workspace') } } },
    logger: { warn: () => undefined },
    on: (name: string, handler: Handler) => hooks.set(name, handler),
    registerAgentToolResultMiddleware: (handler: Handler) => middleware.push(handler),
  };
  plugin.register(api);
  plugin.register(api); // OpenClaw calls register 2-3 times per process (§1)
  const before = hooks.get('before_tool_call');
  if (!before) throw new Error('no before_tool_call handler');
  const ctx = {
    toolName: 'exec',
    agentId: 'main',
    sessionKey: 'agent:main:main',
    requester: { senderIsOwner: true },
  };
  return {
    plugin,
    middleware,
    call: (toolName: string, params: Record<string, unknown>, over: Record<string, unknown> = {}) =>
      before({ toolName, params, toolCallId: 'call_1' }, { ...ctx, toolName, ...over }),
  };
}

describe('the OpenClaw plugin entry', () => {
  it('answers in-process: blocks rm -rf ~ and ~/.ssh, lets ls run, asks through requireApproval on a channel', async () => {
    const { plugin, call } = await loadPlugin(path.join(REPO, 'src/cli/hook.ts'));
    expect(plugin.id).toBe('agentwarden');
    expect(await call('exec', { command: 'rm -rf ~' })).toMatchObject({
      block: true,
      blockReason: expect.stringMatching(/^agentwarden: /),
    });
    expect(await call('read', { path: '~/.ssh/id_rsa' })).toMatchObject({ block: true });
    expect(await call('exec', { command: 'ls' })).toBeUndefined();
    const approval = (await call('message', { action: 'send', message: 'x' }, { channelId: 'telegram' })) as {
      requireApproval: Record<string, unknown>;
    };
    expect(Object.keys(approval)).toEqual(['requireApproval']);
    expect(approval.requireApproval).toMatchObject({
      title: expect.any(String),
      description: expect.any(String),
      severity: 'warning',
    });
  });

  it('blocks every call under the kill switch', async () => {
    const { call } = await loadPlugin(path.join(REPO, 'src/cli/hook.ts'));
    const lock = agentwardenPaths(home, process.env).lockfile;
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, '');
    expect(await call('exec', { command: 'ls' })).toMatchObject({ block: true });
    expect(await call('read', { path: 'README.md' })).toMatchObject({ block: true });
  });

  it('loads and warms agentwarden when OpenClaw registers it, before any tool call', async () => {
    // A stand-in bundle that records what the plugin did with it.
    const marks = path.join(home, 'marks.txt');
    const bundle = path.join(home, 'stand-in-hook.mjs');
    fs.writeFileSync(
      bundle,
      `import * as fs from 'node:fs';
fs.appendFileSync(${JSON.stringify(marks)}, 'imported\\n');
export async function warmOpenClaw() { fs.appendFileSync(${JSON.stringify(marks)}, 'warmed\\n'); }
export async function answerOpenClaw() { fs.appendFileSync(${JSON.stringify(marks)}, 'asked\\n'); return { allow: true }; }
`,
    );
    const { call } = await loadPlugin(bundle);
    await expect
      .poll(() => fs.existsSync(marks) && fs.readFileSync(marks, 'utf8'))
      .toBe('imported\nwarmed\n');
    expect(await call('exec', { command: 'ls' })).toBeUndefined();
    expect(fs.readFileSync(marks, 'utf8')).toBe('imported\nwarmed\nasked\n');
  });

  it.skipIf(!fs.existsSync(path.join(REPO, 'dist', 'hook.js')))(
    "imported from a built bundle inside OpenClaw's process, it protects that bundle from the agent",
    async () => {
      // OpenClaw's process runs openclaw.mjs, not agentwarden: the bundle is found from the module itself.
      const hook = path.join(REPO, 'dist', 'hook.js');
      const { call } = await loadPlugin(hook);
      await call('exec', { command: 'true' }); // warm: on a loaded machine the first call can take seconds
      expect(
        await call('write', { path: hook, content: 'export const answerOpenClaw = 1;\n' }),
      ).toMatchObject({
        block: true,
        blockReason: expect.stringContaining('[protected-path/write-self]'),
      });
      expect(await call('exec', { command: `rm -rf ${path.join(REPO, 'dist')}` })).toMatchObject({
        block: true,
      });
    },
  );

  it('fails closed when agentwarden can neither be imported nor run', async () => {
    const { call, middleware } = await loadPlugin('/nonexistent/hook.js');
    expect(await call('exec', { command: 'ls' })).toMatchObject({
      block: true,
      blockReason: expect.stringContaining('fail closed'),
    });
    const withheld = await middleware[0]?.({ toolName: 'exec', args: {}, result: { content: [] } }, {});
    expect(JSON.stringify(withheld)).toContain('withheld');
  });
});

describe('guard install openclaw', () => {
  it('writes the plugin and enables it in a JSON5 config, keeping comments, with a backup', () => {
    const config = path.join(home, '.openclaw', 'openclaw.json');
    fs.writeFileSync(
      config,
      '// my gateway\n{\n  gateway: { bind: "loopback" }, // keep\n  plugins: { allow: ["telegram"] },\n}\n',
    );
    const target = { hookModule: '/x/hook.js', node: process.execPath, cli: '/x/cli.js', version: '0.0.0' };
    const r = installOpenClawGuard({ home, env: { HOME: home } }, target, {
      dryRun: false,
      now: new Date(0),
    });
    if (!r.ok) throw new Error(r.error);
    const text = fs.readFileSync(config, 'utf8');
    expect(text).toContain('// my gateway');
    expect(text).toContain('// keep');
    const parsed = parseDocument(text, 'json5');
    if (!parsed.ok) throw new Error('config no longer parses');
    expect(parsed.doc.get(['plugins', 'allow'])).toEqual(['telegram', 'agentwarden']);
    expect(parsed.doc.get(['plugins', 'entries', 'agentwarden'])).toEqual({
      enabled: true,
      hooks: { timeoutMs: 10000 },
    });
    expect(r.backup && fs.existsSync(r.backup)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(r.pluginDir, 'openclaw.plugin.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: 'agentwarden', configSchema: { type: 'object' } });
    expect(
      JSON.parse(fs.readFileSync(path.join(r.pluginDir, 'package.json'), 'utf8')).openclaw.extensions,
    ).toEqual(['./index.js']);
    // Installed, but pointing at an agentwarden that is not there: status says so, and names the known gaps.
    const status = openclawGuardStatus({ home, env: { HOME: home } });
    expect(status.problems.join('\n')).toContain('no longer there');
    expect(status.gaps.join('\n')).toContain('agent exec');
    const again = installOpenClawGuard({ home, env: { HOME: home } }, target, {
      dryRun: false,
      now: new Date(0),
    });
    expect(again.ok && again.applied).toEqual([]);
  });

  it.skipIf(!fs.existsSync(path.join(REPO, 'dist', 'cli.js')))(
    'the built CLI points the plugin at its own versioned copy of agentwarden, not at the checkout',
    () => {
      const run = spawnSync(
        process.execPath,
        [path.join(REPO, 'dist', 'cli.js'), 'guard', 'install', 'openclaw'],
        {
          env: { PATH: process.env.PATH, HOME: home },
          cwd: home,
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr + run.stdout).toBe(0);
      const entry = fs.readFileSync(
        path.join(home, '.openclaw', 'extensions', 'agentwarden', 'index.js'),
        'utf8',
      );
      const hookModule = JSON.parse(/const HOOK_MODULE = ("[^"\n]*");/.exec(entry)?.[1] ?? '""') as string;
      const cli = JSON.parse(/const CLI = ("[^"\n]*");/.exec(entry)?.[1] ?? '""') as string;
      const bundles = path.join(home, '.local', 'share', 'agentwarden');
      expect(path.dirname(hookModule)).toBe(path.dirname(cli));
      expect(path.relative(bundles, hookModule)).toMatch(/^[^/]+-[0-9a-f]{12}\/dist\/hook\.js$/);
      expect(fs.existsSync(hookModule) && fs.existsSync(cli)).toBe(true);
      expect(run.stdout).toContain(`hook bundle: ${path.dirname(path.dirname(cli))} (copied)`);
      expect(openclawGuardStatus({ home, env: { HOME: home } }).installed).toBe(true);
      // OpenClaw's plugin loader refuses a package whose declared dependencies are missing (seen in the real
      // agent): the copied grammar package declares none, as its native binding is not copied.
      const grammar = JSON.parse(
        fs.readFileSync(
          path.join(path.dirname(cli), 'node_modules', 'tree-sitter-bash', 'package.json'),
          'utf8',
        ),
      );
      expect(grammar.name).toBe('tree-sitter-bash');
      expect(grammar.dependencies).toBeUndefined();
      expect(grammar.peerDependencies).toBeUndefined();
    },
  );

  it('reports a config that disables every plugin', () => {
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{ plugins: { enabled: false } }');
    const status = openclawGuardStatus({ home, env: { HOME: home } });
    expect(status.installed).toBe(false);
    expect(status.problems.join('\n')).toContain('plugins.enabled is false');
  });
});
