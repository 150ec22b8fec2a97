import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { loadCompose } from './_compose.js';
import { type DotenvEntry, parseDotenv } from './_dotenv.js';

export interface EnvFile {
  file: string;
  entries: DotenvEntry[];
}

const ENV_NAME = /^\.env(?:\.[\w-]+)?$|^[\w-]+\.env$/;
/** Templates hold placeholders on purpose. */
const TEMPLATE = /\.(?:example|sample|template|dist|defaults?)$|^example\.env$/;

/** .env files of the project root and of every folder holding a compose file. */
export function envFiles(ctx: AuditContext): EnvFile[] {
  return ctx.memo('deploy:env-files', () => {
    const dirs = new Set([ctx.project, ...loadCompose(ctx).files.map((f) => path.dirname(f))]);
    const out: EnvFile[] = [];
    for (const dir of dirs)
      for (const name of ctx.fs.list(dir)) {
        if (!ENV_NAME.test(name) || TEMPLATE.test(name)) continue;
        const file = path.join(dir, name);
        const read = ctx.fs.readText(file, { maxBytes: 1024 * 1024 });
        if (read.ok) out.push({ file, entries: parseDotenv(read.text) });
      }
    return out;
  });
}
