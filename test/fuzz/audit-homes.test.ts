// Property (issue 16, "Blinding the audit"): mutated homes — bytes flipped, NULs, a 0xFF byte, UTF-16,
// truncation, huge padding, symlink loops, dangling links, wrong JSON types — never make the audit throw or a
// check fail, never change an input file, and a high or critical finding of the clean home is still there when
// the mutation keeps what the agent reads (an encoding change, padding), or is replaced by a "could not read"
// finding of at least that severity naming the file. A JSON file Claude Code drops (NUL, stray byte, UTF-16)
// holds rules that are latent, not in force: they must still be reported, and the drop named. `npm test` runs a few homes with a fixed seed;
// `npm run fuzz` runs the 300.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import instructionInjection from '../../src/checks/claude/instruction-injection.js';
import { allChecks } from '../../src/checks/index.js';
import type { AuditFinding } from '../../src/core/finding.js';
import { materialize } from '../../src/core/fixture.js';
import { runAudit } from '../../src/core/run-audit.js';
import { severityRank } from '../../src/core/severity.js';
import { fuzzParams, fuzzTestTimeout } from './_budget.js';

// The injection check's own documented bad example: a CLAUDE.md the audit reports high when clean.
const injected = instructionInjection.examples?.bad?.[0]?.files['CLAUDE.md'];
if (typeof injected !== 'string') throw new Error('instruction-injection has no CLAUDE.md bad example');
const CLEAN: Record<string, string> = {
  '~/.claude/settings.json': `${JSON.stringify({ permissions: { allow: ['Bash(*)'], deny: ['Read(./.env)'] } }, null, 2)}\n`,
  'CLAUDE.md': injected,
  '.mcp.json': `${JSON.stringify({ mcpServers: { files: { command: 'npx', args: ['-y', 'some-mcp-server'] } } })}\n`,
};
const TARGETS = Object.keys(CLEAN);

type Mutation =
  | { kind: 'nul-lead' | 'ff-tail' | 'utf16' | 'pad' | 'loop' | 'dangling' | 'dir' | 'wrong-types' }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'nul-at'; at: number }
  | { kind: 'truncate'; at: number };

/** Mutations after which the agent still reads the same text (so a finding must not disappear). */
const KEEPS_TEXT = new Set(['nul-lead', 'ff-tail', 'utf16', 'pad', 'nul-at']);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom<Mutation>(
    { kind: 'nul-lead' },
    { kind: 'ff-tail' },
    { kind: 'utf16' },
    { kind: 'pad' },
    { kind: 'loop' },
    { kind: 'dangling' },
    { kind: 'dir' },
    { kind: 'wrong-types' },
  ),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('nul-at' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(file: string, m: Mutation): unknown {
  const bytes = fs.readFileSync(file);
  const write = (b: Buffer) => fs.writeFileSync(file, b);
  switch (m.kind) {
    case 'nul-lead':
      return write(Buffer.concat([Buffer.from([0]), bytes]));
    case 'ff-tail':
      return write(Buffer.concat([bytes, Buffer.from([0xff])]));
    case 'utf16':
      return write(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]),
      );
    case 'pad':
      // Past the 2 MB instruction-file head and past 4 MB for JSON (whitespace after a JSON value is valid).
      return write(Buffer.concat([bytes, Buffer.alloc(4_300_000, 0x20), Buffer.from('\n')]));
    case 'nul-at': {
      const at = m.at % (bytes.length + 1);
      return write(Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]));
    }
    case 'flip': {
      const copy = Buffer.from(bytes);
      const at = m.at % copy.length;
      copy[at] = (copy[at] as number) ^ m.mask;
      return write(copy);
    }
    case 'truncate':
      return write(bytes.subarray(0, m.at % bytes.length));
    case 'loop':
      fs.rmSync(file);
      return fs.symlinkSync(path.basename(file), file);
    case 'dangling':
      fs.rmSync(file);
      return fs.symlinkSync(`${file}.missing`, file);
    case 'dir':
      fs.rmSync(file);
      fs.mkdirSync(file);
      return;
    case 'wrong-types':
      // Valid JSON, wrong shapes: arrays where objects go, objects where arrays go, numbers for strings.
      return write(
        Buffer.from(
          file.endsWith('.json')
            ? JSON.stringify({
                permissions: { allow: { 0: 'Bash(*)' }, deny: 7 },
                mcpServers: ['x'],
                hooks: 'x',
              })
            : '---\nname: [1, 2]\ndescription: {a: 1}\n---\n',
        ),
      );
  }
}

/** Every entry under root: a file's hash, a link's target, or that it is a directory. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const abs = path.join(dir, name);
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out.set(abs, `link:${fs.readlinkSync(abs)}`);
      else if (st.isDirectory()) {
        out.set(abs, 'dir');
        walk(abs);
      } else out.set(abs, createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

function home(): ReturnType<typeof materialize> {
  return materialize({ files: { ...CLEAN } });
}

function fileOf(fx: ReturnType<typeof materialize>, rel: string): string {
  return rel.startsWith('~/') ? path.join(fx.home, rel.slice(2)) : path.join(fx.project, rel);
}

/** Clean-home findings at high or above, by the file (relative name) they point at. */
let cleanHigh: { rel: string; finding: AuditFinding }[] | undefined;
async function cleanHighFindings(): Promise<{ rel: string; finding: AuditFinding }[]> {
  if (cleanHigh) return cleanHigh;
  const fx = home();
  try {
    const { findings } = await runAudit(fx.ctx, allChecks);
    cleanHigh = findings.flatMap((finding) => {
      const rel = TARGETS.find((r) => finding.file && path.resolve(finding.file) === fileOf(fx, r));
      return rel && severityRank(finding.severity) >= severityRank('high') ? [{ rel, finding }] : [];
    });
    return cleanHigh;
  } finally {
    fx.cleanup();
  }
}

describe('audit on mutated homes', () => {
  it('the clean home has the high findings the property protects', async () => {
    const high = await cleanHighFindings();
    expect(high.map((h) => h.rel).sort()).toEqual(
      expect.arrayContaining(['CLAUDE.md', '~/.claude/settings.json']),
    );
  }, 120_000);

  it(
    'never throws, never changes a file, never lets a mutation that keeps the text hide a high finding',
    async () => {
      const high = await cleanHighFindings();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...TARGETS), mutation), { minLength: 1, maxLength: 2 }),
          async (changes) => {
            const fx = home();
            try {
              const done = new Set<string>();
              for (const [rel, m] of changes) {
                if (done.has(rel)) continue;
                done.add(rel);
                mutate(fileOf(fx, rel), m);
              }
              const before = snapshot(fx.root);
              const { findings } = await runAudit(fx.ctx, allChecks);
              expect(snapshot(fx.root)).toEqual(before);
              const failed = findings.filter((f) => f.message.startsWith('The check could not complete'));
              expect(failed.map((f) => `${f.checkId}: ${f.message}`)).toEqual([]);
              for (const text of findings.map((f) => `${f.message} ${f.evidence ?? ''}`))
                expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
              for (const [rel, m] of changes) {
                if (!KEEPS_TEXT.has(m.kind) || changes.find(([r]) => r === rel)?.[1] !== m) continue;
                const file = fileOf(fx, rel);
                for (const { finding } of high.filter((h) => h.rel === rel)) {
                  const rank = severityRank(finding.severity);
                  const unreadable = findings.filter(
                    (f) =>
                      f.checkId.endsWith('-unreadable') &&
                      f.file !== undefined &&
                      path.resolve(f.file) === file,
                  );
                  const why = `${m.kind} on ${rel} hid ${finding.checkId} (${finding.severity}): ${finding.message.slice(0, 120)}`;
                  if (rel.endsWith('.json') && m.kind !== 'pad') {
                    // Claude Code parses its JSON as strict UTF-8 JSON and drops a file with a NUL, a stray byte
                    // or UTF-16: the rule is latent, not in force. It must still be reported, and the drop named.
                    expect(
                      findings.some((f) => f.checkId === finding.checkId),
                      why,
                    ).toBe(true);
                    expect(
                      unreadable.length,
                      `${m.kind} on ${rel}: the dropped file is not reported`,
                    ).toBeGreaterThan(0);
                  } else {
                    // The agent reads the same text: the finding keeps its severity, or a "could not read fully"
                    // finding at least as severe takes its place.
                    const kept = findings.some(
                      (f) => f.checkId === finding.checkId && severityRank(f.severity) >= rank,
                    );
                    const replaced = unreadable.some((f) => severityRank(f.severity) >= rank);
                    expect(kept || replaced, why).toBe(true);
                  }
                }
              }
            } finally {
              fx.cleanup();
            }
          },
        ),
        fuzzParams(6, 300),
      );
    },
    fuzzTestTimeout(300_000),
  );
});
