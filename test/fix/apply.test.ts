import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditFinding, FixPlan } from '../../src/core/finding.js';
import { applyFixes } from '../../src/fix/apply.js';

const NOW = new Date('2026-11-26T12:00:00Z');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentwarden-fix-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function finding(...fixPlans: FixPlan[]): AuditFinding {
  return {
    checkId: 'claude/test',
    severity: 'medium',
    title: 't',
    message: 'm',
    fixable: true,
    seedRefs: ['CC-H5'],
    frameworks: [],
    fixPlans,
  };
}

const ORIGINAL = `{
    // my settings, keep this comment
    "model": "opus", /* inline */
    "permissions": {
        "deny": [
            "Bash(wget *)" // no downloads
        ]
    }
}
`;

function write(name: string, text: string, mode = 0o644): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.chmodSync(file, mode);
  return file;
}

const plansFor = (file: string): FixPlan[] => [
  {
    kind: 'json-append',
    file,
    path: ['permissions', 'deny'],
    values: ['Bash(wget *)', 'Read(./.env)'],
    description: 'deny .env',
  },
  { kind: 'json-set', file, path: ['cleanupPeriodDays'], value: 14, description: 'retention 14 days' },
];

describe('applyFixes', () => {
  it('edits a commented settings.json as strict JSON (Claude Code ignores it otherwise), keeping indentation, appending only missing items', () => {
    const file = write('settings.json', ORIGINAL);
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    const text = fs.readFileSync(file, 'utf8');
    expect(result.changedFiles).toEqual([file]);
    expect(text).not.toContain('//');
    expect(text).not.toContain('/* inline */');
    expect(result.summary).toMatch(/removed 3 comments, because Claude Code ignores a settings file/);
    expect(text).toContain('    "cleanupPeriodDays": 14');
    expect(text).toMatch(/\n {12}"Read\(\.\/\.env\)"/);
    expect(text.match(/Bash\(wget \*\)/g)).toHaveLength(1);
  });

  it('backs up the original byte for byte, with its mode, and preserves the file mode', () => {
    const file = write('settings.json', ORIGINAL, 0o640);
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(result.backups).toHaveLength(1);
    const backup = result.backups[0] as string;
    expect(backup).toBe(`${file}.agentwarden-bak-2026-11-26T12-00-00-000Z`);
    expect(fs.readFileSync(backup, 'utf8')).toBe(ORIGINAL);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o640);
    expect(result.summary).toContain(`backup: ${backup}`);
  });

  it('gives the backup the restricted mode when the same run chmods the file', () => {
    const file = write('.claude.json', '{\n  "projects": {}\n}\n', 0o644);
    const result = applyFixes(
      [
        finding({
          kind: 'json-set',
          file,
          path: ['enableAllProjectMcpServers'],
          value: false,
          description: 'e',
        }),
        finding({ kind: 'chmod', file, mode: 0o600, description: 'chmod 600' }),
      ],
      { dryRun: false, now: NOW },
    );
    const backup = result.backups[0] as string;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
  });

  it('is idempotent: a second run changes nothing and makes no backup', () => {
    const file = write('settings.json', ORIGINAL);
    applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    const after = fs.readFileSync(file, 'utf8');
    const second = applyFixes([finding(...plansFor(file))], {
      dryRun: false,
      now: new Date('2026-11-27T00:00:00Z'),
    });
    expect(second.changedFiles).toEqual([]);
    expect(second.backups).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
    expect(fs.readdirSync(dir).filter((n) => n.includes('agentwarden-bak'))).toHaveLength(1);
    expect(second.summary).toContain('already fixed');
  });

  it('never overwrites an existing backup', () => {
    const file = write('settings.json', ORIGINAL);
    const taken = `${file}.agentwarden-bak-2026-11-26T12-00-00-000Z`;
    fs.writeFileSync(taken, 'older backup');
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(fs.readFileSync(taken, 'utf8')).toBe('older backup');
    expect(result.backups).toEqual([`${taken}-1`]);
    expect(fs.readFileSync(`${taken}-1`, 'utf8')).toBe(ORIGINAL);
  });

  it('leaves a malformed file untouched and reports it skipped', () => {
    const bad = '{\n  "permissions": {\n    "deny": ["Bash(wget *)"\n  }\n';
    const file = write('settings.json', bad);
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(result.changedFiles).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(bad);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(result.summary).toMatch(
      /skipped .*settings\.json: does not parse \(invalid JSON .* at line \d+\); not modified/,
    );
  });

  it.each([
    ['a directory', (f: string) => fs.mkdirSync(f), 'is not a regular file'],
    ['binary', (f: string) => fs.writeFileSync(f, Buffer.from([0x7b, 0, 0x7d])), 'looks binary'],
    [
      'not UTF-8',
      (f: string) => fs.writeFileSync(f, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
      'is not valid UTF-8',
    ],
    ['a symlink loop', (f: string) => fs.symlinkSync(f, f), 'symbolic link loop'],
    ['a JSON array', (f: string) => fs.writeFileSync(f, '[1]'), 'does not hold a JSON object'],
  ])('skips a target that is %s', (_what, make, reason) => {
    const file = path.join(dir, 'settings.json');
    make(file);
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(result.changedFiles).toEqual([]);
    expect(result.summary).toContain(reason);
  });

  it('dry run writes nothing and shows a unified diff', () => {
    const file = write('settings.json', ORIGINAL);
    const missing = path.join(dir, 'new', 'settings.json');
    const result = applyFixes(
      [
        finding(...plansFor(file)),
        finding({ kind: 'json-set', file: missing, path: ['a'], value: 1, description: 'create' }),
      ],
      { dryRun: true, now: NOW },
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(fs.existsSync(path.join(dir, 'new'))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['settings.json']);
    expect(result.changedFiles).toEqual([]);
    expect(result.backups).toEqual([]);
    expect(result.summary).toContain('dry run');
    expect(result.summary).toContain(`--- ${file}\n+++ ${file}\n@@ `);
    expect(result.summary).toContain('+    "cleanupPeriodDays": 14');
    expect(result.summary).toContain(`--- /dev/null\n+++ ${missing}`);
  });

  it('creates a missing file and its parent directories', () => {
    const file = path.join(dir, 'home', '.claude', 'settings.json');
    const result = applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(result.changedFiles).toEqual([file]);
    expect(result.backups).toEqual([]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      permissions: { deny: ['Bash(wget *)', 'Read(./.env)'] },
      cleanupPeriodDays: 14,
    });
  });

  it('edits the target of a symlink and keeps the link', () => {
    const target = write('real.json', '{"a": 1}\n');
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(target, link);
    applyFixes([finding({ kind: 'json-set', file: link, path: ['b'], value: true, description: 'b' })], {
      dryRun: false,
      now: NOW,
    });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toEqual({ a: 1, b: true });
  });

  it('refuses a plan whose parent is not an object, without damaging the file', () => {
    const file = write('settings.json', '{"permissions": "all"}\n');
    const result = applyFixes([finding(...plansFor(file).slice(0, 1))], { dryRun: false, now: NOW });
    expect(result.changedFiles).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"permissions": "all"}\n');
    expect(result.summary).toContain('not applied: deny .env: permissions is not an object');
  });

  it('applies chmod plans and is idempotent about them', () => {
    const file = write('credentials.json', '{}', 0o644);
    const plan: FixPlan = { kind: 'chmod', file, mode: 0o600, description: 'owner-only' };
    const first = applyFixes([finding(plan)], { dryRun: false, now: NOW });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.changedFiles).toEqual([file]);
    expect(applyFixes([finding(plan)], { dryRun: false, now: NOW }).changedFiles).toEqual([]);
  });

  it('keeps tab indentation and a byte-order mark', () => {
    const file = write('settings.json', '\uFEFF{\n\t"a": 1\n}\n');
    applyFixes([finding({ kind: 'json-set', file, path: ['b'], value: 2, description: 'b' })], {
      dryRun: false,
      now: NOW,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('\uFEFF{\n\t"a": 1,\n\t"b": 2\n}\n');
  });

  it('reports nothing to fix when there are no plans', () => {
    expect(applyFixes([], { dryRun: false }).summary).toContain('nothing to fix');
  });
});

describe('applyFixes formatting and redaction', () => {
  it('leaves neighbouring lines as written when inserting a property', () => {
    const file = write(
      'settings.json',
      '{\n  "permissions": {\n    "additionalDirectories": ["../lib"]\n  }\n}\n',
    );
    applyFixes(
      [
        finding({
          kind: 'json-set',
          file,
          path: ['permissions', 'disableBypassPermissionsMode'],
          value: 'disable',
          description: 'd',
        }),
      ],
      { dryRun: false, now: NOW },
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '{\n  "permissions": {\n    "additionalDirectories": ["../lib"],\n    "disableBypassPermissionsMode": "disable"\n  }\n}\n',
    );
  });

  it('keeps CRLF line endings on inserted and replaced lines', () => {
    const file = write(
      'settings.json',
      '{\r\n\t"permissions": {\r\n\t\t"deny": [\r\n\t\t\t"Bash(curl:*)"\r\n\t\t]\r\n\t},\r\n\t"cleanupPeriodDays": 30\r\n}\r\n',
    );
    applyFixes(
      [
        finding(
          {
            kind: 'json-set',
            file,
            path: ['permissions', 'disableBypassPermissionsMode'],
            value: 'disable',
            description: 'd',
          },
          { kind: 'json-set', file, path: ['cleanupPeriodDays'], value: 14, description: 'c' },
        ),
      ],
      { dryRun: false, now: NOW },
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '{\r\n\t"permissions": {\r\n\t\t"deny": [\r\n\t\t\t"Bash(curl:*)"\r\n\t\t],\r\n\t\t"disableBypassPermissionsMode": "disable"\r\n\t},\r\n\t"cleanupPeriodDays": 14\r\n}\r\n',
    );
  });

  it('formats a new nested value with the file indentation', () => {
    const file = write('settings.json', '{}\n');
    applyFixes([finding(...plansFor(file))], { dryRun: false, now: NOW });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '{\n  "permissions": {\n    "deny": [\n      "Bash(wget *)",\n      "Read(./.env)"\n    ]\n  },\n  "cleanupPeriodDays": 14\n}\n',
    );
  });

  it('never shows a secret in the dry-run diff', () => {
    const key = 'sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8';
    const file = write(
      'settings.json',
      `{\n  "env": {"ANTHROPIC_API_KEY": "${key}"},\n  "cleanupPeriodDays": 30\n}\n`,
    );
    const { summary } = applyFixes(
      [finding({ kind: 'json-set', file, path: ['cleanupPeriodDays'], value: 14, description: 'r' })],
      { dryRun: true, now: NOW },
    );
    expect(summary).toContain('+  "cleanupPeriodDays": 14');
    expect(summary).toContain('ANTHROPIC_API_KEY');
    expect(summary).not.toContain(key.slice(4));
  });
});

describe('applyFixes on JSON5 and YAML', () => {
  it('edits an OpenClaw JSON5 config in place, keeping comments, with a backup', () => {
    const original = "// mine\n{\n  gateway: {\n    bind: 'lan', // why\n  },\n}\n";
    const file = write('openclaw.json', original, 0o600);
    const result = applyFixes(
      [
        finding(
          {
            kind: 'json-set',
            file,
            path: ['gateway', 'bind'],
            value: 'loopback',
            description: 'bind',
            format: 'json5',
          },
          {
            kind: 'json-set',
            file,
            path: ['channels', 'whatsapp', 'dmPolicy'],
            value: 'pairing',
            description: 'pairing',
            format: 'json5',
          },
        ),
      ],
      { dryRun: false, now: NOW },
    );
    expect(result.summary).toContain('changed 1 file(s)');
    expect(fs.readFileSync(file, 'utf8')).toBe(
      "// mine\n{\n  gateway: {\n    bind: 'loopback', // why\n  },\n  channels: {\n    whatsapp: {\n      dmPolicy: 'pairing'\n    }\n  },\n}\n",
    );
    expect(fs.readFileSync(result.backups[0] as string, 'utf8')).toBe(original);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Without the format the file is read as JSONC, which bare keys are not: skipped, untouched.
    const again = applyFixes([finding({ kind: 'json-set', file, path: ['x'], value: 1, description: 'x' })], {
      dryRun: false,
      now: NOW,
    });
    expect(again.summary).toMatch(/skipped .*does not parse/);
  });

  it('edits a compose file by its extension, idempotently', () => {
    const original = 'services:\n  agent:\n    ports:\n    - "0.0.0.0:18789:18789" # gateway\n';
    const file = write('compose.yaml', original);
    const plans: FixPlan[] = [
      {
        kind: 'json-set',
        file,
        path: ['services', 'agent', 'ports', 0],
        value: '127.0.0.1:18789:18789',
        description: 'loopback',
      },
      {
        kind: 'json-append',
        file,
        path: ['services', 'agent', 'cap_drop'],
        values: ['ALL'],
        description: 'caps',
      },
    ];
    applyFixes([finding(...plans)], { dryRun: false, now: NOW });
    const after = fs.readFileSync(file, 'utf8');
    expect(after).toBe(
      'services:\n  agent:\n    ports:\n    - "127.0.0.1:18789:18789" # gateway\n    cap_drop:\n    - ALL\n',
    );
    const second = applyFixes([finding(...plans)], { dryRun: false, now: NOW });
    expect(second.changedFiles).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
  });
});
