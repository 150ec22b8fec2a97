import { afterEach } from 'vitest';
import type { Check, CheckExample } from '../../../src/core/check.js';
import { createContext } from '../../../src/core/context.js';
import type { AuditFinding } from '../../../src/core/finding.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const made: MaterializedFixture[] = [];
afterEach(() => {
  for (const f of made.splice(0)) f.cleanup();
});

export function machine(files: CheckExample['files'], extra: Omit<CheckExample, 'name' | 'files'> = {}) {
  const f = materialize({ files, ...extra });
  made.push(f);
  return f;
}

export function run(check: Check, f: MaterializedFixture): Promise<AuditFinding[]> {
  return runCheck(check, f.ctx);
}

/** A fresh context on the same machine (the memo would otherwise keep the pre-fix parse). */
export function rerun(check: Check, f: MaterializedFixture): Promise<AuditFinding[]> {
  return runCheck(check, createContext({ ...f.ctx }));
}
