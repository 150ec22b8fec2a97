// Claude Code ignores a settings file holding a comment or trailing comma: --fix makes it strict JSON first
// (keeping order and indentation) instead of writing fixes into a file that never applies.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strictJsonViolation } from '../../src/core/document/jsonc.js';
import type { AuditFinding } from '../../src/core/finding.js';
import { applyFixes } from '../../src/fix/apply.js';
import { toStrictJson } from '../../src/fix/strict-json.js';

const commented = [
  '// my settings',
  '{',
  '  "model": "opus", // pinned',
  '  /* downloads */',
  '  "permissions": {',
  '    "deny": [',
  '      "Bash(wget *)",',
  '    ],',
  '  },',
  '  "statusLine": {"type": "command", "command": "curl -s http://localhost:9/x"}',
  '}',
  '',
].join('\n');

describe('toStrictJson', () => {
  it('removes comments and trailing commas, keeping order, indentation and strings', () => {
    const r = toStrictJson(commented);
    expect(r).toBeDefined();
    expect(r?.comments).toBe(3);
    expect(r?.trailingCommas).toBe(2);
    expect(r?.text).toBe(
      [
        '{',
        '  "model": "opus",',
        '  "permissions": {',
        '    "deny": [',
        '      "Bash(wget *)"',
        '    ]',
        '  },',
        '  "statusLine": {"type": "command", "command": "curl -s http://localhost:9/x"}',
        '}',
        '',
      ].join('\n'),
    );
    expect(strictJsonViolation(r?.text ?? '')).toBeUndefined();
  });

  it('leaves strict JSON as it is and gives up on text that is not JSONC', () => {
    expect(toStrictJson('{"a": [1, 2]}\n')).toEqual({
      text: '{"a": [1, 2]}\n',
      comments: 0,
      trailingCommas: 0,
    });
    expect(toStrictJson('{"a": 1 "b": 2}')).toBeUndefined();
  });
});

describe('audit --fix on a settings file Claude Code ignores', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function finding(file: string): AuditFinding {
    return {
      checkId: 'claude/bypass-permissions',
      severity: 'high',
      title: 't',
      message: 'm',
      fixable: true,
      seedRefs: [],
      frameworks: [],
      fixPlans: [
        {
          kind: 'json-set',
          file,
          path: ['permissions', 'disableBypassPermissionsMode'],
          value: 'disable',
          description: 'disable bypassPermissions mode',
        },
      ],
    };
  }

  /** The commented file without its statusLine: deny rules and a model, nothing that grants. */
  const inert = commented.replace(/,\n {2}"statusLine".*\n/, '\n');

  it('backs up, rewrites as strict JSON, applies the fix and says why the comments went', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-strict-'));
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, inert);
    const r = applyFixes([finding(file)], { dryRun: false });
    const after = fs.readFileSync(file, 'utf8');
    expect(strictJsonViolation(after)).toBeUndefined();
    expect(JSON.parse(after).permissions).toEqual({
      deny: ['Bash(wget *)'],
      disableBypassPermissionsMode: 'disable',
    });
    expect(Object.keys(JSON.parse(after))).toEqual(['model', 'permissions']);
    expect(after).toMatch(/^ {4}"deny": \[\n {6}"Bash\(wget \*\)"\n {4}\],$/m);
    expect(r.backups).toHaveLength(1);
    expect(fs.readFileSync(r.backups[0] ?? '', 'utf8')).toBe(inert);
    expect(r.summary).toMatch(/removed 3 comments and 2 trailing commas, because Claude Code ignores/);
    expect(r.summary).toContain('nothing in it switches anything on');
  });

  it.each([
    ['a statusLine command', commented, 'statusLine'],
    [
      'a latent allow rule (trailing comma)',
      '{\n  "permissions": {\n    "allow": ["Bash(*)"],\n    "deny": ["Bash(wget *)",]\n  }\n}\n',
      'allow rules',
    ],
    [
      'a latent bypass mode and hooks (comment)',
      '{\n  // team\n  "permissions": {"defaultMode": "bypassPermissions"},\n  "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]}\n}\n',
      'defaultMode "bypassPermissions", hooks',
    ],
    [
      'project MCP servers and an unknown key',
      '{"enabledMcpjsonServers": ["db"], "somethingNew": {"a": 1},}',
      'project MCP servers, somethingNew',
    ],
  ])(
    'refuses when making the file load would switch on %s: not written, no backup, says why',
    (_, text, what) => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-strict-'));
      const file = path.join(dir, 'settings.json');
      fs.writeFileSync(file, text);
      for (const dryRun of [true, false]) {
        const r = applyFixes([finding(file)], { dryRun });
        expect(fs.readFileSync(file, 'utf8')).toBe(text);
        expect(fs.readdirSync(dir)).toEqual(['settings.json']);
        expect(r.changedFiles).toEqual([]);
        expect(r.summary).toContain(
          `so none of it is in force, and making it strict JSON would also switch on its ${what}.`,
        );
        expect(r.summary).toContain('then rerun `agentwarden audit --fix`; not modified');
      }
    },
  );

  it('rewrites when the fix itself turns off the only latent grant', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-strict-'));
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{\n  // team\n  "enableAllProjectMcpServers": true,\n}\n');
    const r = applyFixes(
      [
        {
          ...finding(file),
          fixPlans: [
            {
              kind: 'json-set',
              file,
              path: ['enableAllProjectMcpServers'],
              value: false,
              description: 'stop auto-approving project MCP servers',
            },
          ],
        },
      ],
      { dryRun: false },
    );
    expect(r.backups).toHaveLength(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "enableAllProjectMcpServers": false\n}\n');
  });

  it('makes the file loadable even when the fix itself is already there', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-strict-'));
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{\n  // keep\n  "permissions": {"disableBypassPermissionsMode": "disable"}\n}\n');
    const r = applyFixes([finding(file)], { dryRun: false });
    expect(r.changedFiles).toEqual([fs.realpathSync(file)]);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '{\n  "permissions": {"disableBypassPermissionsMode": "disable"}\n}\n',
    );
  });
});
