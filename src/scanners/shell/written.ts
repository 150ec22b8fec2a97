import { posix } from 'node:path';
import type { Cmd, RuleContext } from './command.js';
import { staticOutput } from './decode.js';
import { resolveText } from './paths.js';
import { SHELLS } from './shells.js';
import { shellCommandString } from './unwrap.js';

/** Redirections that write a file: `>`, `>|`, `&>` replace it, `>>`, `&>>` add to it. */
const WRITES = /^(>|>\||&>|>>|&>>)$/;

/**
 * Scripts written by earlier commands of the same command line from text the line shows (`echo '…' > job.sh`,
 * `printf '#!/bin/sh\n…' > t`, `cat > run.sh <<'EOF'`, `… | tee x.sh`) and run afterwards by a shell, `source`
 * or their path (`bash job.sh`, `. ./t`, `./t`): what runs is that text, analysed as commands. A write whose text
 * is unknown forgets the file.
 */
export class WrittenScripts {
  private readonly scripts = new Map<string, string>();

  see(cmd: Cmd, rc: RuleContext): void {
    this.run(cmd, rc);
    this.record(cmd, rc);
  }

  private run(cmd: Cmd, rc: RuleContext): void {
    const shell =
      (SHELLS.has(cmd.base) && shellCommandString(cmd.args) === undefined) ||
      cmd.base === 'source' ||
      cmd.base === '.';
    const script = shell
      ? cmd.args.find((w) => !w.value.startsWith('-') && !w.value.startsWith('+'))?.value
      : cmd.name?.includes('/')
        ? cmd.name
        : undefined;
    const path = script === undefined ? null : resolveText(script, rc.ctx).abs;
    const text = path === null ? undefined : this.scripts.get(path);
    if (text === undefined) return;
    // Run by its path, the file's `#!` line names its interpreter (none: the shell); only shell code is read here.
    const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
    const program = shebang
      ? posix.basename(/\/env$/.test(shebang[1] as string) ? (shebang[2] ?? '') : (shebang[1] as string))
      : 'sh';
    // A script running itself is analysed once.
    const label = `${cmd.base} ${script} written above`;
    if ((shell || SHELLS.has(program)) && !cmd.via.includes(label)) rc.nested(text, label);
  }

  private record(cmd: Cmd, rc: RuleContext): void {
    const text = staticOutput(cmd.raw);
    const targets = cmd.redirects
      .filter((r) => WRITES.test(r.op))
      .map((r) => ({ file: r.target, append: r.op.endsWith('>>') }));
    if (cmd.base === 'tee') {
      const append = cmd.args.some((w) => /^(-a|--append)$/.test(w.value));
      for (const file of cmd.args.filter((w) => !w.value.startsWith('-'))) targets.push({ file, append });
    }
    for (const { file, append } of targets) {
      const path = file.literal ? resolveText(file.value, rc.ctx).abs : null;
      if (path === null) continue;
      const before = append ? this.scripts.get(path) : '';
      if (text === undefined || before === undefined) this.scripts.delete(path);
      else this.scripts.set(path, before + text);
    }
  }
}
