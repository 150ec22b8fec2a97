// Public compose files and a systemd unit (test/fixtures/real/compose, sources in SOURCES.md, judgements in
// LABELS.md), audited as the project folder: no check may crash, and what was judged right or wrong on them
// stays so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployChecks } from '../../../src/checks/deploy/index.js';
import { createContext } from '../../../src/core/context.js';
import type { Finding } from '../../../src/core/finding.js';
import { runAudit } from '../../../src/core/run-audit.js';

const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/compose');
const folders = fs
  .readdirSync(CORPUS)
  .filter((d) => d.includes('+'))
  .sort();
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-real-compose-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

const cache = new Map<string, Finding[]>();
async function audit(folder: string): Promise<Finding[]> {
  const hit = cache.get(folder);
  if (hit) return hit;
  const ctx = createContext({
    home: empty,
    project: path.join(CORPUS, folder),
    env: {},
    systemRoot: empty,
    run: async (cmd) => ({ code: 127, stdout: '', stderr: `${cmd}: not found` }),
  });
  const { findings } = await runAudit(ctx, deployChecks);
  cache.set(folder, findings);
  return findings;
}

const at = (findings: Finding[], checkId: string, file: string, line?: number) =>
  findings.filter(
    (f) => f.checkId === checkId && f.file?.endsWith(`/${file}`) && (line === undefined || f.line === line),
  );

describe('deploy checks on real compose files', () => {
  it('has the sample', () => {
    expect(folders.length).toBeGreaterThanOrEqual(10);
  });

  it.each(folders)(
    '%s: no crash, every finding about a file has a line or is about the whole file',
    async (folder) => {
      const findings = await audit(folder);
      for (const f of findings) expect(f.message, f.checkId).not.toMatch(/could not complete/);
      for (const f of findings.filter((x) => x.file?.endsWith('.yml')))
        expect(f.line, `${f.checkId} ${f.file}`).toBeDefined();
    },
  );

  it('the OpenClaw gateway published on every interface is critical (captainkovalsky/ai-bot)', async () => {
    const findings = await audit('captainkovalsky+ai-bot');
    expect(at(findings, 'deploy/port-published', 'docker-compose.yml', 26)[0]?.severity).toBe('critical');
    expect(at(findings, 'deploy/env-binds-all-interfaces', '.env', 8)).toHaveLength(1);
  });

  it('ports published on loopback only are not reported; writable config is (joshua5201)', async () => {
    const findings = await audit('joshua5201+openclaw-docker-compose');
    expect(findings.filter((f) => f.checkId === 'deploy/port-published')).toEqual([]);
    expect(at(findings, 'deploy/config-mount-writable', 'docker-compose.yml', 11)).toHaveLength(1);
  });

  it('HOST=:: inside a container published on 127.0.0.1 and [::1] only is how the mapping works (troykelly)', async () => {
    const findings = await audit('troykelly+openclaw-projects');
    expect(at(findings, 'deploy/env-binds-all-interfaces', 'docker-compose.yml')).toEqual([]);
    // The base file is the hardened one: nothing above medium in it.
    const base = findings.filter((f) => f.file?.endsWith('/troykelly+openclaw-projects/docker-compose.yml'));
    expect(base.filter((f) => f.severity === 'critical' || f.severity === 'high')).toEqual([]);
  });

  it('variant files (docker-compose.dev.yml, .traefik.yml) are their own projects, not merged into the base', async () => {
    for (const folder of ['CanineHQ+canine', 'troykelly+openclaw-projects', 'ruh-ai+openclaw-ruh']) {
      const findings = await audit(folder);
      expect(findings.filter((f) => / \+ /.test(f.message)).map((f) => f.message)).toEqual([]);
    }
  });

  it('required variables unset here are said once per file, at info', async () => {
    const findings = await audit('troykelly+openclaw-projects');
    const required = findings.filter((f) => /required variable/.test(f.message));
    expect(required.map((f) => path.basename(f.file ?? ''))).toEqual(
      expect.arrayContaining([
        'docker-compose.yml',
        'docker-compose.quickstart.yml',
        'docker-compose.traefik.yml',
      ]),
    );
    expect(required).toHaveLength(3);
    expect(required.every((f) => f.severity === 'info')).toBe(true);
  });

  it("the project's own .env mounted into its service is not a credential mount (Canic/altchat-docker)", async () => {
    const findings = await audit('Canic+altchat-docker');
    expect(findings.filter((f) => f.checkId === 'deploy/sensitive-mount')).toEqual([]);
  });

  it('the Docker socket in Traefik or Portainer is high; an agent container holding it stays critical', async () => {
    expect(
      at(await audit('Canislupus1980+portainer'), 'deploy/sensitive-mount', 'docker-compose.yml', 9)[0]
        ?.severity,
    ).toBe('high');
    expect(
      at(
        await audit('troykelly+openclaw-projects'),
        'deploy/sensitive-mount',
        'docker-compose.traefik.yml',
      )[0]?.severity,
    ).toBe('high');
  });

  it('word-like default passwords in a dev stack are low; one-shot jobs without limits are low', async () => {
    const vault = await audit('CanhPhamAiT+vault-demo');
    expect(at(vault, 'deploy/secret-in-environment', 'docker-compose.yml', 33)[0]?.severity).toBe('low');
    const troy = await audit('troykelly+openclaw-projects');
    const migrate = troy.filter(
      (f) => f.checkId === 'deploy/no-resource-limits' && /"migrate"/.test(f.message),
    );
    expect(migrate.length).toBeGreaterThan(0);
    expect(migrate.every((f) => f.severity === 'low')).toBe(true);
  });

  it('a unit the project ships for an agent orchestrator in the docker group is high (ruh-ai)', async () => {
    const findings = await audit('ruh-ai+openclaw-ruh');
    const unit = at(findings, 'deploy/agent-systemd-unit', 'deploy/hermes-backend.service');
    expect(unit.find((f) => /docker group/.test(f.message))?.line).toBe(53);
    expect(unit.find((f) => /NoNewPrivileges=yes/.test(f.message))).toBeDefined();
  });
});
