import { describe, expect, it } from 'vitest';
import { type ConfigDocument, type EditResult, parseDocument } from '../../src/core/document/index.js';

/** A compose file as people write them: comments, an anchor merged in, flow and block styles, blank lines. */
const COMPOSE = `# agent behind caddy
x-defaults: &defaults
  restart: unless-stopped   # keep it up
  logging:
    driver: json-file

services:
  agent:
    <<: *defaults
    image: "ghcr.io/openclaw/openclaw:latest"
    ports:
    - "0.0.0.0:18789:18789"   # gateway
    - 8080:80
    volumes: [~/:/home/node, './config:/config']
    environment:
      HOST: 0.0.0.0   # listen everywhere
    command: >
      node server.js
      --port 18789

  # the proxy in front
  proxy:
    image: caddy:2
`;

function doc(text = COMPOSE): ConfigDocument {
  const parsed = parseDocument(text, 'yaml');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

function textOf(result: EditResult): string {
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe('YAML documents', () => {
  it('parses merge keys and locates keys and items', () => {
    const d = doc();
    expect(d.get(['services', 'agent', 'restart'])).toBe('unless-stopped');
    expect(d.get(['services', 'agent', 'ports'])).toEqual(['0.0.0.0:18789:18789', '8080:80']);
    expect(d.locate(['services', 'agent', 'ports', 0])).toEqual({ line: 12, column: 7 });
    expect(d.locate(['services', 'proxy'])).toEqual({ line: 22, column: 3 });
    // Merged in from the anchor: no node of its own, so the service that merges it.
    expect(d.has(['services', 'agent', 'restart'])).toBe(true);
    expect(d.locate(['services', 'agent', 'restart'])).toEqual({ line: 8, column: 3 });
  });

  it('returns errors as values: syntax, and an alias bomb', () => {
    const bad = parseDocument('services:\n  agent:\n    image: [unclosed\n', 'yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatch(/^invalid YAML/);
      expect(bad.position.line).toBeGreaterThanOrEqual(3);
    }
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    expect(parseDocument(levels.join('\n'), 'yaml').ok).toBe(false);
  });

  it('replaces a scalar in place, keeping its quotes and comment, every other byte the same', () => {
    const out = textOf(doc().set(['services', 'agent', 'ports', 0], '127.0.0.1:18789:18789'));
    expect(out).toBe(COMPOSE.replace('"0.0.0.0:18789:18789"', '"127.0.0.1:18789:18789"'));
    const host = textOf(doc().set(['services', 'agent', 'environment', 'HOST'], '127.0.0.1'));
    expect(host).toBe(COMPOSE.replace('HOST: 0.0.0.0 ', 'HOST: 127.0.0.1 '));
  });

  it('adds a nested mapping after the last key, with the file indentation and its blank lines kept', () => {
    const out = textOf(
      doc().set(['services', 'agent', 'deploy', 'resources', 'limits'], { cpus: '1.0', memory: '2g' }),
    );
    expect(out).toBe(
      COMPOSE.replace(
        '      --port 18789\n',
        '      --port 18789\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 2g\n',
      ),
    );
  });

  it('appends to block and flow sequences in their own style', () => {
    expect(textOf(doc().append(['services', 'agent', 'ports'], '127.0.0.1:9000:9000'))).toBe(
      COMPOSE.replace('    - 8080:80\n', '    - 8080:80\n    - 127.0.0.1:9000:9000\n'),
    );
    expect(textOf(doc().append(['services', 'agent', 'volumes'], './cfg:/cfg:ro'))).toBe(
      COMPOSE.replace("'./config:/config']", "'./config:/config', ./cfg:/cfg:ro]"),
    );
    // A new sequence under a mapping follows the file's unindented `- ` style.
    expect(textOf(doc().set(['services', 'proxy', 'cap_drop'], ['ALL']))).toBe(
      `${COMPOSE}    cap_drop:\n    - ALL\n`,
    );
  });

  it('deletes a block entry with its comment, and keeps the rest', () => {
    expect(textOf(doc().delete(['services', 'agent', 'ports', 0]))).toBe(
      COMPOSE.replace('    - "0.0.0.0:18789:18789"   # gateway\n', ''),
    );
    expect(textOf(doc().delete(['services', 'agent', 'command']))).toBe(
      COMPOSE.replace('    command: >\n      node server.js\n      --port 18789\n', ''),
    );
  });

  it('edits through the Document when a splice cannot, keeping comments and anchors', () => {
    const out = textOf(doc().delete(['services', 'agent', 'environment', 'HOST']));
    expect(out).toContain('# agent behind caddy');
    expect(out).toContain('&defaults');
    expect(out).toContain('<<: *defaults');
    expect(out).toContain('# the proxy in front');
    expect(doc(out).get(['services', 'agent', 'environment'])).toEqual({});
  });

  it('refuses an edit through a scalar, and fills an empty file', () => {
    expect(doc().set(['services', 'agent', 'image', 'tag'], 'x')).toEqual({
      ok: false,
      error: 'services.agent.image is not an object',
    });
    expect(textOf(doc('').set(['services', 'agent', 'read_only'], true))).toBe(
      'services:\n  agent:\n    read_only: true\n',
    );
  });

  it('keeps CRLF line endings on inserted lines', () => {
    const crlf = 'services:\r\n  agent:\r\n    image: x\r\n';
    expect(textOf(doc(crlf).set(['services', 'agent', 'read_only'], true))).toBe(
      'services:\r\n  agent:\r\n    image: x\r\n    read_only: true\r\n',
    );
  });
});
