// What each Claude Code tool's `tool_input` must look like before the guard judges it (sdk-tools.d.ts of the
// client, REFERENCE.md §3); the checking itself is shared with the OpenClaw adapter (../input-schema.ts).
import {
  checkFields,
  checkInput,
  type FieldType,
  type InputCheck,
  type InputSchema,
} from '../input-schema.js';

const AGENT: InputSchema = {
  description: 'text',
  prompt: 'text',
  subagent_type: 'text?',
  model: 'text?',
  effort: 'text?',
  run_in_background: 'boolean?',
  name: 'text?',
  team_name: 'text?',
  mode: 'text?',
  isolation: 'text?',
};
const BASH_OUTPUT: InputSchema = { bash_id: 'text?', task_id: 'text?', shell_id: 'text?', filter: 'text?' };

/** The tools the guard maps to an action of their own kind; any other name is judged `unknown` (asked). */
const TOOL_SCHEMAS: Readonly<Record<string, InputSchema>> = {
  Bash: {
    command: 'line',
    timeout: 'number?',
    description: 'text?',
    run_in_background: 'boolean?',
    dangerouslyDisableSandbox: 'boolean?',
  },
  Read: { file_path: 'line', offset: 'number?', limit: 'number?', pages: 'text?', allow_large: 'boolean?' },
  Write: { file_path: 'line', content: 'text' },
  Edit: { file_path: 'line', old_string: 'text', new_string: 'text', replace_all: 'boolean?' },
  MultiEdit: { file_path: 'line', edits: 'objects' },
  NotebookEdit: {
    notebook_path: 'line',
    new_source: 'text',
    cell_id: 'text?',
    cell_type: 'text?',
    edit_mode: 'text?',
  },
  NotebookRead: { notebook_path: 'line', cell_id: 'text?' },
  Glob: { pattern: 'line', path: 'line?' },
  Grep: {
    pattern: 'text',
    path: 'line?',
    glob: 'line?',
    output_mode: 'text?',
    '-A': 'number?',
    '-B': 'number?',
    '-C': 'number?',
    context: 'number?',
    '-n': 'boolean?',
    '-i': 'boolean?',
    '-o': 'boolean?',
    type: 'text?',
    head_limit: 'number?',
    offset: 'number?',
    multiline: 'boolean?',
  },
  LS: { path: 'line', ignore: 'strings?' },
  WebFetch: { url: 'line', prompt: 'text', offset: 'number?' },
  WebSearch: { query: 'text', allowed_domains: 'strings?', blocked_domains: 'strings?' },
  Agent: AGENT,
  Task: AGENT,
  TodoWrite: { todos: 'objects' },
  TodoRead: {},
  ExitPlanMode: { plan: 'text?', allowedPrompts: 'objects?' },
  EnterPlanMode: {},
  AskUserQuestion: { questions: 'objects', answers: 'object?', annotations: 'object?', metadata: 'object?' },
  BashOutput: BASH_OUTPUT,
  TaskOutput: { ...BASH_OUTPUT, block: 'boolean?', timeout: 'number?' },
  TaskStop: BASH_OUTPUT,
  KillShell: BASH_OUTPUT,
  KillBash: BASH_OUTPUT,
  ListMcpResourcesTool: { server: 'text?' },
  ReadMcpResourceTool: { server: 'line', uri: 'line' },
  Skill: { skill: 'text?', command: 'text?', args: 'text?' },
  SlashCommand: { command: 'text' },
};

/** MultiEdit's `edits` entries: what each one replaces decides what the write does. */
const MULTI_EDIT_ENTRY: InputSchema = { old_string: 'text', new_string: 'text', replace_all: 'boolean?' };

/**
 * Checks a tool call's input against its tool's schema: required fields present, every listed field of its
 * type, and every key and string well-formed. MCP tools have no schema here (each server declares its own),
 * so only the text is checked; other unknown tools are not checked, as the policy asks about them anyway.
 */
export function checkToolInput(tool: string, input: Record<string, unknown>): InputCheck {
  const schema = Object.hasOwn(TOOL_SCHEMAS, tool) ? TOOL_SCHEMAS[tool] : undefined;
  if (!schema && !tool.startsWith('mcp__')) return { ok: true };
  const checked = checkInput(tool, input, schema);
  if (!checked.ok || tool !== 'MultiEdit') return checked;
  for (const [i, edit] of (input.edits as Record<string, unknown>[]).entries()) {
    const entry = checkFields(`MultiEdit edits[${i}]`, edit, MULTI_EDIT_ENTRY);
    if (!entry.ok) return entry;
  }
  return { ok: true };
}

const EMPTY: Record<FieldType, () => unknown> = {
  line: () => '',
  text: () => '',
  number: () => 0,
  boolean: () => false,
  strings: () => [],
  objects: () => [],
  object: () => ({}),
};

/**
 * `input` with every required field it lacks set to an empty value of its type: for `guard explain`, which
 * describes a call by its tool and path alone (a Write with no content is still a write of that file).
 */
export function withRequiredFields(tool: string, input: Record<string, unknown>): Record<string, unknown> {
  const schema = Object.hasOwn(TOOL_SCHEMAS, tool) ? TOOL_SCHEMAS[tool] : undefined;
  const filled = { ...input };
  for (const [field, spec] of Object.entries(schema ?? {}))
    if (!spec.endsWith('?') && filled[field] === undefined) filled[field] = EMPTY[spec as FieldType]();
  return filled;
}
