import { it } from 'vitest';
import { loadShellAnalyzer } from '../../src/scanners/shell/index.js';

it('probe', async () => {
  const shell = await loadShellAnalyzer();
  const ctx = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };
  for (const c of (process.env.CMDS ?? '').split('\n'))
    console.log(
      c,
      '=>',
      JSON.stringify(
        shell.analyze(c, ctx).effects.map((e) => [e.capability, e.id, e.risk, e.urls, e.paths, e.reason]),
      ),
    );
});
