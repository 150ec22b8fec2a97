import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../../src/scanners/shell/index.js';
import { bashVerdict } from '../../policy/_helpers.js';

// Commands from real CI workflows, Makefiles and READMEs (bench/dev/commands-real.jsonl): the everyday ones
// stay silent, the ones that publish, install new software or change the machine ask.
let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await loadShellAnalyzer();
});

const verdict = (command: string) => bashVerdict(shell, command);

describe('everyday commands from CI and Makefiles stay silent', () => {
  it.each([
    ['go install'],
    ['cargo install --path . --locked'],
    ['cargo install --locked --path .'],
    ['python -m pip install -e . --group typecheck'],
    ['python -m pip install -r requirements-dev.txt'],
    ['rm -f server.*'],
    ['rm -f tests/man.test manonig.test'],
    ['pipx run tools/update-rtd-redirects.py'],
    ['curl -s https://api.github.com/repos/o/r | python -m json.tool'],
    ['git config --system --list'],
    ['gh release list'],
    ['gh pr view 12'],
  ])('%s', (cmd) => {
    expect(verdict(cmd)).toBe('allow');
  });
});

describe('publishing, new software and machine-wide changes ask', () => {
  it.each([
    ['gh release create v1.2.3 --draft --generate-notes'],
    ['gh release upload v1.2.3 dist/app.tar.gz'],
    ['gh pr create --title x --body "" --head feature'],
    ['pipx run check-sdist'],
    ['nix run github:jesseduffield/lazygit'],
    ['nix-env -i bat'],
    ['mise use -g fzf@latest'],
    ['.publishenv/bin/python -m twine upload --skip-existing dist/*'],
    ['git config --system core.autocrlf false'],
    ['go install github.com/rakyll/gotest@latest'],
    ['python -m pip install nox'],
    ['rm -rf *'],
  ])('%s', (cmd) => {
    expect(verdict(cmd)).not.toBe('allow');
  });
});
