// Property: no malformed tool call of any tool is allowed (issue 16, "Slipping past the guard"), while the
// same calls well-formed are still allowed, so the check is not a deny-all. In-process through the real
// engine and the hook handler; a sample also goes through the built CLI (test/guard/hook-malformed-cli.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { handleHook } from '../../src/adapters/claude-code/handle.js';
import { handleOpenClaw } from '../../src/adapters/openclaw/handle.js';
import { defaultGuardContext } from '../../src/guard/context.js';
import { realGuardEngine } from '../../src/guard/real-engine.js';
import { fuzzParams, fuzzTestTimeout } from './_budget.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-fuzz-payloads-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const home = path.join(root, 'home');
const project = path.join(home, 'work', 'app');
fs.mkdirSync(path.join(project, 'src'), { recursive: true });
const env = { HOME: home, CLAUDE_PROJECT_DIR: project };
const engine = realGuardEngine();

async function verdictOf(tool: string, input: unknown): Promise<string> {
  const ctx = { ...defaultGuardContext({ engine, home, env, record: false }), cwd: project };
  const text = JSON.stringify({
    session_id: 'fuzz',
    cwd: project,
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: 'toolu_fuzz',
  });
  const { output } = await handleHook(text, ctx);
  const decision = (output as { hookSpecificOutput?: { permissionDecision?: string } } | null)
    ?.hookSpecificOutput?.permissionDecision;
  // No output is no objection: Claude Code goes on as if allowed.
  return decision ?? 'allow';
}

const file = path.join(project, 'src', 'app.ts');
/**
 * One harmless, well-formed call per tool the guard knows, with the fields that are required (`required`)
 * and those that name what is acted on and must hold no NUL (`named`). Written from the client's tool
 * schemas (sdk-tools.d.ts), independently of the adapter's table.
 */
const TOOLS: { tool: string; input: Record<string, unknown>; required: string[]; named: string[] }[] = [
  {
    tool: 'Bash',
    input: { command: 'ls -la', description: 'list' },
    required: ['command'],
    named: ['command'],
  },
  { tool: 'Read', input: { file_path: file, limit: 20 }, required: ['file_path'], named: ['file_path'] },
  {
    tool: 'Write',
    input: { file_path: file, content: 'x' },
    required: ['file_path', 'content'],
    named: ['file_path'],
  },
  {
    tool: 'Edit',
    input: { file_path: file, old_string: 'a', new_string: 'b', replace_all: false },
    required: ['file_path', 'old_string', 'new_string'],
    named: ['file_path'],
  },
  {
    tool: 'MultiEdit',
    input: { file_path: file, edits: [{ old_string: 'a', new_string: 'b' }] },
    required: ['file_path', 'edits'],
    named: ['file_path'],
  },
  {
    tool: 'NotebookEdit',
    input: { notebook_path: path.join(project, 'n.ipynb'), new_source: 'print(1)' },
    required: ['notebook_path', 'new_source'],
    named: ['notebook_path'],
  },
  {
    tool: 'Glob',
    input: { pattern: 'src/**/*.ts', path: project },
    required: ['pattern'],
    named: ['pattern', 'path'],
  },
  {
    tool: 'Grep',
    input: { pattern: 'TODO', path: project, '-n': true },
    required: ['pattern'],
    named: ['path'],
  },
  { tool: 'LS', input: { path: project }, required: ['path'], named: ['path'] },
  {
    tool: 'Agent',
    input: { description: 'review', prompt: 'Review src for bugs', subagent_type: 'general-purpose' },
    required: ['description', 'prompt'],
    named: [],
  },
  {
    tool: 'Task',
    input: { description: 'review', prompt: 'Review src' },
    required: ['description', 'prompt'],
    named: [],
  },
  {
    tool: 'TodoWrite',
    input: { todos: [{ content: 'test', status: 'pending', activeForm: 'Testing' }] },
    required: ['todos'],
    named: [],
  },
  {
    tool: 'AskUserQuestion',
    input: { questions: [{ question: 'Which?', header: 'Pick', options: [], multiSelect: false }] },
    required: ['questions'],
    named: [],
  },
];
/** Tools whose input the guard cannot know: only the text can be malformed. */
const OPEN_TOOLS = [{ tool: 'mcp__docs__search', input: { query: 'hooks', limit: 3 } }];

const notString = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Puts `bad` somewhere into a string: keeps the rest, so the value still reads as intended. */
const spliceInto = (text: string, bad: string, at: number) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + bad + text.slice(i);
};

/** A deep copy of `input` with one of its keys (`keys`) or string values, chosen by `pick`, rewritten. */
function withString(
  input: Record<string, unknown>,
  change: (s: string) => string,
  pick: number,
  keys: boolean,
) {
  const copy = structuredClone(input);
  const slots: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      for (const [i, x] of v.entries()) {
        if (typeof x === 'string') slots.push({ holder: v, key: i });
        else walk(x);
      }
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (keys || typeof x === 'string') slots.push({ holder: v as Record<string, unknown>, key: k });
        if (typeof x !== 'string') walk(x);
      }
  };
  walk(copy);
  const slot = slots[pick % slots.length];
  if (!slot) return copy;
  if (keys && typeof slot.key === 'string') {
    const holder = slot.holder as Record<string, unknown>;
    holder[change(slot.key)] = holder[slot.key];
    delete holder[slot.key];
  } else
    (slot.holder as Record<string | number, unknown>)[slot.key] = change(
      String((slot.holder as never)[slot.key]),
    );
  return copy;
}

const known = fc.constantFrom(...TOOLS);
const malformed = fc.oneof(
  // A required field of the wrong type, or gone.
  fc.tuple(known, fc.nat(), notString).map(([t, i, v]) => {
    const field = t.required[i % t.required.length] as string;
    return { tool: t.tool, input: { ...t.input, [field]: v }, why: `${field} = ${JSON.stringify(v)}` };
  }),
  fc.tuple(known, fc.nat()).map(([t, i]) => {
    const field = t.required[i % t.required.length] as string;
    const { [field]: _gone, ...rest } = t.input;
    return { tool: t.tool, input: rest, why: `no ${field}` };
  }),
  // A lone surrogate in any key or string, of any tool the guard knows or lets through unchecked.
  fc
    .tuple(fc.constantFrom(...TOOLS, ...OPEN_TOOLS), loneSurrogate, fc.nat(), fc.nat(), fc.boolean())
    .map(([t, bad, pick, at, inKey]) => ({
      tool: t.tool,
      input: withString(t.input, (s) => spliceInto(s, bad, at), pick, inKey),
      why: `lone surrogate in a ${inKey ? 'key' : 'value'}`,
    })),
  // NUL in what names the command or path: the OS would act on the part before it.
  fc
    .tuple(
      known.filter((t) => t.named.length > 0),
      fc.nat(),
      fc.nat(),
    )
    .map(([t, i, at]) => {
      const field = t.named[i % t.named.length] as string;
      return {
        tool: t.tool,
        input: { ...t.input, [field]: spliceInto(String(t.input[field]), '\u0000', at) },
        why: `NUL in ${field}`,
      };
    }),
);

describe('malformed tool calls (property)', () => {
  it('well-formed harmless calls of every tool are allowed (the check is not a deny-all)', async () => {
    for (const { tool, input } of TOOLS)
      expect([tool, await verdictOf(tool, input)]).toEqual([tool, 'allow']);
  });

  it(
    'no malformed tool call of any tool is allowed',
    async () => {
      await fc.assert(
        fc.asyncProperty(malformed, async ({ tool, input }) => {
          expect(await verdictOf(tool, input)).not.toBe('allow');
        }),
        // The 1,000 mutated payloads under `npm run fuzz`.
        fuzzParams(300, 1000),
      );
    },
    fuzzTestTimeout(),
  );

  it('well-formed calls with extra unknown fields stay allowed', async () => {
    await fc.assert(
      fc.asyncProperty(
        known,
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue()),
        async (t, extra) => {
          // Fields the client may add later; those the schema lists are not "extra".
          const added = Object.fromEntries(
            Object.entries(extra).filter(([k]) => !(k in t.input) && !/^[a-z_-]+$/i.test(k)),
          );
          expect(await verdictOf(t.tool, { ...added, ...t.input })).toBe('allow');
        },
      ),
      fuzzParams(100),
    );
  });
});

/** OpenClaw's plugin: the same property over its tools' params (PLUGINS.md §7). */
async function openclawAnswer(toolName: string, params: unknown): Promise<string> {
  const ctx = defaultGuardContext({ engine, home, env, record: false });
  const text = JSON.stringify({ event: 'before_tool_call', toolName, params, ctx: { sessionId: 'fuzz' } });
  const { answer } = await handleOpenClaw(text, ctx);
  return 'allow' in answer ? 'allow' : 'block' in answer ? 'deny' : 'ask';
}

const OPENCLAW_TOOLS: { tool: string; params: Record<string, unknown>; required: string[] }[] = [
  { tool: 'exec', params: { command: 'ls', workdir: '.' }, required: ['command'] },
  { tool: 'read', params: { path: 'notes.md' }, required: ['path'] },
  { tool: 'ls', params: { path: '.' }, required: [] },
  { tool: 'memory_search', params: { query: 'x' }, required: [] },
];

describe('malformed OpenClaw tool calls (property)', () => {
  it('well-formed harmless calls are allowed', async () => {
    for (const { tool, params } of OPENCLAW_TOOLS)
      expect([tool, await openclawAnswer(tool, params)]).toEqual([tool, 'allow']);
  });

  it(
    'a wrong-typed or missing required field, a wrong-typed workdir, or a lone surrogate is never allowed',
    async () => {
      const tool = fc.constantFrom(...OPENCLAW_TOOLS);
      const broken = fc.oneof(
        fc
          .tuple(
            tool.filter((t) => t.required.length > 0),
            fc.nat(),
            fc.option(notString),
          )
          .map(([t, i, v]) => {
            const field = t.required[i % t.required.length] as string;
            const { [field]: _gone, ...rest } = t.params;
            return { tool: t.tool, params: v === null ? rest : { ...rest, [field]: v } };
          }),
        fc
          .tuple(
            tool,
            notString.filter((v) => v !== null),
          )
          .map(([t, v]) => ({ tool: t.tool, params: { ...t.params, workdir: v } })),
        fc.tuple(tool, loneSurrogate, fc.nat(), fc.nat(), fc.boolean()).map(([t, bad, pick, at, inKey]) => ({
          tool: t.tool,
          params: withString(t.params, (x) => spliceInto(x, bad, at), pick, inKey),
        })),
      );
      await fc.assert(
        fc.asyncProperty(broken, async ({ tool: name, params }) => {
          expect(await openclawAnswer(name, params)).not.toBe('allow');
        }),
        fuzzParams(150),
      );
    },
    fuzzTestTimeout(),
  );
});
