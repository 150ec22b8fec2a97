import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allChecks } from '../checks/index.js';
import { AREAS, type Area, type Check } from '../core/check.js';
import { createContext, envForHome } from '../core/context.js';
import { buildReport } from '../core/report.js';
import { countBySeverity, runAudit } from '../core/run-audit.js';
import { isSeverity, severityRank } from '../core/severity.js';
import { TOOL_NAME, VERSION } from '../core/version.js';
import { applyFixes } from '../fix/apply.js';
import { isReportFormat, REPORT_FORMATS, renderReport, ruleCatalogue } from '../reporters/index.js';
import type { AuditOptions } from './audit-command.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './errors.js';
import { existingDir, outputFile, useColor } from './options.js';

function parseAreas(only: string | undefined): Area[] | undefined {
  if (!only) return undefined;
  const areas = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of areas) {
    if (!(AREAS as readonly string[]).includes(a)) {
      throw new UsageError(`--only ${a}: unknown area (choose from ${AREAS.join(', ')})`);
    }
  }
  return areas as Area[];
}

/** A CI gate that ran nothing must not pass: selecting zero checks is a usage error, not "No findings". */
export function requireSomeChecks(checks: readonly Check[], only: Area[] | undefined): void {
  if (only && !checks.some((c) => only.includes(c.area))) {
    throw new UsageError(
      `--only ${only.join(',')}: no checks in ${only.length === 1 ? 'this area' : 'these areas'} yet, so nothing would be audited`,
    );
  }
}

export async function runAuditCommand(opts: AuditOptions): Promise<number> {
  if (!isReportFormat(opts.format)) {
    throw new UsageError(
      `--format ${opts.format}: unknown format (choose from ${REPORT_FORMATS.join(', ')})`,
    );
  }
  if (opts.failOn !== undefined && !isSeverity(opts.failOn)) {
    throw new UsageError(`--fail-on ${opts.failOn}: unknown severity (info, low, medium, high, critical)`);
  }
  if (opts.dryRun && !opts.fix) throw new UsageError('--dry-run only makes sense with --fix');
  const only = parseAreas(opts.only);
  const home = existingDir('--home', opts.home ?? os.homedir());
  const project = existingDir('--project', opts.project ?? process.cwd());

  const env = envForHome(process.env, home, os.homedir());
  // The deploy checks read extra compose files from here, as they read agent ports from the environment.
  if (opts.compose?.length)
    env.AGENTWARDEN_COMPOSE = opts.compose.map((f) => path.resolve(f)).join(path.delimiter);
  requireSomeChecks(allChecks, only);
  const output = opts.output === undefined ? undefined : outputFile(opts.output);
  let ctx = createContext({ home, project, env });
  let run = await runAudit(ctx, allChecks, only);

  if (opts.fix) {
    const result = applyFixes(run.findings, { dryRun: Boolean(opts.dryRun) });
    process.stderr.write(result.summary);
    if (!opts.dryRun && result.changedFiles.length > 0) {
      ctx = createContext({ home, project, env });
      run = await runAudit(ctx, allChecks, only);
    }
  }

  if (opts.withOpenclaw) {
    const { withBuiltinAudit } = await import('../checks/openclaw/builtin-audit.js');
    const merged = await withBuiltinAudit(ctx, run);
    run = merged.run;
    process.stderr.write(`agentwarden: ${merged.note}\n`);
  }

  const report = buildReport(
    { home, project, host: os.hostname() },
    { name: TOOL_NAME, version: VERSION },
    run,
    countBySeverity(run.findings),
  );
  const rendered = renderReport(report, opts.format, {
    color: useColor(opts, process.stdout),
    rules: ruleCatalogue(allChecks),
  });
  if (output !== undefined) {
    try {
      fs.writeFileSync(output, rendered);
    } catch (err) {
      throw new UsageError(
        `--output ${opts.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? err})`,
      );
    }
    process.stderr.write(`agentwarden: wrote ${opts.format} report to ${output}\n`);
  } else {
    process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  }

  if (opts.failOn && isSeverity(opts.failOn)) {
    const threshold = severityRank(opts.failOn);
    if (run.findings.some((f) => severityRank(f.severity) >= threshold)) return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
