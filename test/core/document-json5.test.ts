import { describe, expect, it } from 'vitest';
import {
  type ConfigDocument,
  type EditResult,
  formatFor,
  parseDocument,
} from '../../src/core/document/index.js';

/** Shaped like a real ~/.openclaw/openclaw.json (REFERENCE.md): comments, bare keys, single quotes, trailing commas. */
const OPENCLAW = `// OpenClaw config, edited by hand
{
  $include: './channels.json5',
  gateway: {
    bind: 'lan', // reachable from the LAN
    port: 18789,
    auth: { mode: 'token', token: 'replace-me' },
  },
  channels: {
    whatsapp: {
      dmPolicy: 'open',
      allowFrom: ['*'],
    },
  },
  /* agents come later */
  agents: {},
}
`;

function doc(text = OPENCLAW): ConfigDocument {
  const parsed = parseDocument(text, 'json5');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

function textOf(result: EditResult): string {
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

/** The edited text parses again and holds what we meant. */
function reparsed(text: string): unknown {
  return doc(text).value;
}

describe('JSON5 documents', () => {
  it('parses comments, bare keys, single quotes and trailing commas, with positions', () => {
    const d = doc();
    expect(d.format).toBe('json5');
    expect(d.get(['gateway', 'bind'])).toBe('lan');
    expect(d.get(['$include'])).toBe('./channels.json5');
    expect(d.locate(['gateway', 'bind'])).toEqual({ line: 5, column: 5 });
    expect(d.locate(['channels', 'whatsapp', 'allowFrom', 0])).toEqual({ line: 12, column: 19 });
    // A missing path points at its nearest existing parent.
    expect(d.locate(['gateway', 'tls', 'cert'])).toEqual({ line: 4, column: 3 });
    expect(d.has(['agents'])).toBe(true);
    expect(d.has(['agents', 'defaults'])).toBe(false);
  });

  it('returns a syntax error as a value with its line, never throws', () => {
    const parsed = parseDocument('{\n  gateway: {\n    bind: ;\n  },\n}', 'json5');
    expect(parsed).toMatchObject({ ok: false, position: { line: 3, column: 11 } });
    if (!parsed.ok) expect(parsed.error).toMatch(/^invalid JSON5 \(Unexpected character ';'/);
    expect(parseDocument('', 'json5').ok).toBe(false);
    expect(parseDocument('['.repeat(100_000), 'json5')).toMatchObject({ ok: false });
  });

  it('replaces a value in place, keeping its comment and the quoting style', () => {
    const out = textOf(doc().set(['gateway', 'bind'], 'loopback'));
    expect(out).toBe(OPENCLAW.replace("bind: 'lan',", "bind: 'loopback',"));
  });

  it('adds a property before the closing brace with the file indentation and trailing-comma style', () => {
    const out = textOf(doc().set(['channels', 'whatsapp', 'requireMention'], true));
    expect(out).toBe(
      OPENCLAW.replace("allowFrom: ['*'],\n", "allowFrom: ['*'],\n      requireMention: true,\n"),
    );
  });

  it('creates missing parents, writing new keys bare like the file does', () => {
    const out = textOf(doc().set(['agents', 'defaults', 'sandbox', 'mode'], 'non-main'));
    expect(out).toContain(
      "  agents: {\n    defaults: {\n      sandbox: {\n        mode: 'non-main'\n      }\n    }\n  },",
    );
    expect(out).toContain('/* agents come later */');
    expect(reparsed(out)).toMatchObject({ agents: { defaults: { sandbox: { mode: 'non-main' } } } });
  });

  it('adds to an inline object on its line', () => {
    const out = textOf(doc().set(['gateway', 'auth', 'rateLimit'], { max: 5 }));
    expect(out).toContain("auth: { mode: 'token', token: 'replace-me', rateLimit: { max: 5 } },");
  });

  it('deletes a property with its trailing comma and its line comment', () => {
    const out = textOf(doc().delete(['gateway', 'bind']));
    expect(out).toBe(OPENCLAW.replace("    bind: 'lan', // reachable from the LAN\n", ''));
    expect(textOf(doc().delete(['gateway', 'missing']))).toBe(OPENCLAW);
  });

  it('deleting the last property without a trailing comma removes the comma before it', () => {
    const out = textOf(doc('{\n  "a": 1,\n  "b": 2\n}\n').delete(['b']));
    expect(out).toBe('{\n  "a": 1\n}\n');
    expect(textOf(doc('{"a": 1, "b": 2}').delete(['b']))).toBe('{"a": 1}');
    expect(textOf(doc('{"a": 1, "b": 2}').delete(['a']))).toBe('{"b": 2}');
  });

  it('appends to an array, inline or one item a line', () => {
    expect(textOf(doc().append(['channels', 'whatsapp', 'allowFrom'], '+15550100'))).toContain(
      "allowFrom: ['*', '+15550100'],",
    );
    const lines = doc('{\n  "deny": [\n    "a" // first\n  ]\n}\n');
    expect(textOf(lines.append(['deny'], 'b'))).toBe('{\n  "deny": [\n    "a", // first\n    "b"\n  ]\n}\n');
    expect(reparsed(textOf(doc().append(['agents', 'list'], { id: 'main' })))).toMatchObject({
      agents: { list: [{ id: 'main' }] },
    });
  });

  it('quotes keys in a file that quotes them or has none yet, and fills an empty object', () => {
    const out = textOf(doc('{}\n').set(['gateway', 'bind'], 'loopback'));
    expect(out).toBe('{\n  "gateway": {\n    "bind": "loopback"\n  }\n}\n');
    const quoted = textOf(doc('{\n    "a": 1\n}\n').set(['b'], 'x'));
    expect(quoted).toBe('{\n    "a": 1,\n    "b": "x"\n}\n');
  });

  it('refuses an edit through a value that is not an object', () => {
    expect(doc().set(['gateway', 'port', 'x'], 1)).toEqual({
      ok: false,
      error: 'gateway.port is not an object',
    });
    expect(doc().append(['gateway', 'bind'], 'x')).toMatchObject({ ok: false });
  });

  it('names formats by file extension', () => {
    expect(formatFor('/h/.openclaw/openclaw.json5')).toBe('json5');
    expect(formatFor('/p/compose.yaml')).toBe('yaml');
    expect(formatFor('/p/docker-compose.YML')).toBe('yaml');
    expect(formatFor('/h/.claude/settings.json')).toBe('jsonc');
  });
});
