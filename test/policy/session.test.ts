import { describe, expect, it } from 'vitest';
import { buildPolicy, builtInPolicyData, initialSessionState, observe } from '../../src/policy/index.js';
import { act, effect, fetchUrl, HOME, PROJECT, policy, read } from './_helpers.js';

describe('observe (taint)', () => {
  const p = policy();
  const clean = initialSessionState();

  it('starts clean and stays clean on project work', () => {
    expect(clean).toEqual({ tainted: false, taintSources: [] });
    expect(observe(read(`${PROJECT}/src/a.ts`), clean, p)).toEqual(clean);
    expect(observe(act('Edit', { paths: [`${PROJECT}/src/a.ts`] }), clean, p)).toEqual(clean);
    expect(observe(fetchUrl('http://localhost:3000/health'), clean, p)).toEqual(clean);
  });

  it('taints on web content and names the source', () => {
    const s = observe(fetchUrl('https://blog.somewhere.dev/post'), clean, p);
    expect(s.tainted).toBe(true);
    expect(s.taintSources).toEqual(['WebFetch https://blog.somewhere.dev/post']);
    expect(observe(act('WebSearch'), clean, p).taintSources).toEqual(['WebSearch results']);
  });

  it('taints on downloads, mail and /tmp, but not on other reads outside the project', () => {
    expect(observe(read(`${HOME}/Downloads/invoice.pdf`), clean, p).taintSources).toEqual([
      'Read ~/Downloads/invoice.pdf',
    ]);
    expect(observe(act('Grep', { paths: [`${HOME}/Mail/inbox`] }), clean, p).tainted).toBe(true);
    expect(observe(read('/tmp/download.html'), clean, p).tainted).toBe(true);
    expect(observe(read('/usr/include/stdio.h'), clean, p).tainted).toBe(false);
  });

  it('taints on MCP output unless the server is trusted', () => {
    expect(observe(act('mcp__github__get_issue'), clean, p).taintSources).toEqual([
      'MCP mcp__github__get_issue',
    ]);
    const data = builtInPolicyData();
    data.taint.trustedMcpServers.push('github');
    const trusting = buildPolicy(data, { home: HOME, env: {} });
    expect(observe(act('mcp__github__get_issue'), clean, trusting).tainted).toBe(false);
  });

  it('taints on what a command fetched, from its analysis', () => {
    const analysis = {
      commands: [],
      dynamic: false,
      effects: [effect({ capability: 'network', risk: 'low', urls: ['https://example.org/x.html'] })],
    };
    expect(
      observe(act('Bash', { command: 'curl https://example.org/x.html' }), clean, p, analysis).taintSources,
    ).toEqual(['Bash https://example.org/x.html']);
    const local = {
      ...analysis,
      effects: [effect({ capability: 'network', risk: 'low', urls: ['localhost:9200'] })],
    };
    expect(observe(act('Bash', { command: 'curl localhost:9200' }), clean, p, local).tainted).toBe(false);
  });

  it('taints when a command reads a downloaded file', () => {
    const cat = (args: string[]) => ({
      commands: [{ name: 'cat', args, via: [], redirects: [], text: `cat ${args.join(' ')}` }],
      effects: [],
      dynamic: false,
    });
    const command = 'cat ~/Downloads/notes.md';
    expect(observe(act('Bash', { command }), clean, p, cat(['~/Downloads/notes.md'])).taintSources).toEqual([
      'Bash ~/Downloads/notes.md',
    ]);
    expect(observe(act('Bash', { command: 'cat README.md' }), clean, p, cat(['./README.md'])).tainted).toBe(
      false,
    );
  });

  it('keeps at most five sources, most recent last, without repeats, and redacts them', () => {
    let s = clean;
    for (let i = 0; i < 7; i++) s = observe(fetchUrl(`https://site${i}.dev/`), s, p);
    s = observe(fetchUrl('https://site6.dev/'), s, p);
    expect(s.taintSources).toHaveLength(5);
    expect(s.taintSources.at(-1)).toBe('WebFetch https://site6.dev/');
    const key = `ghp_${'A1b2C3d4E5f6G7h8I9j0'.repeat(2).slice(0, 36)}`;
    const secret = observe(fetchUrl(`https://x.dev/?t=${key}`), clean, p);
    expect(secret.taintSources[0]).not.toContain(key);
    expect(JSON.parse(JSON.stringify(secret))).toEqual(secret);
  });
});
