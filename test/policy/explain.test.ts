import { describe, expect, it } from 'vitest';
import { agentHookFiles } from '../../src/adapters/registry.js';
import { BUILT_IN_SOURCE, buildPolicy, builtInPolicyData, explainPolicy } from '../../src/policy/index.js';
import { HOME } from './_helpers.js';

describe('explainPolicy', () => {
  it('shows the cells in force, the matrix, lists and where each value came from', () => {
    const data = builtInPolicyData();
    data.matrix.builder.infra = 'deny';
    data.network.allow.push('api.internal-tools.io');
    const policy = buildPolicy(data, { home: HOME, env: {}, hookFiles: agentHookFiles(HOME, {}) });
    const text = explainPolicy(policy, {
      sources: {
        role: BUILT_IN_SOURCE,
        'roles.builder.infra': '/home/dev/.config/agentwarden/policy.yaml',
        'network.allow:api.internal-tools.io': '/home/dev/.config/agentwarden/policy.yaml',
      },
      files: { user: '/home/dev/.config/agentwarden/policy.yaml' },
      ignored: [],
    });
    expect(text).toContain('Role: builder (built-in)');
    expect(text).toMatch(/infra\s+deny\s+role builder, \/home\/dev\/\.config\/agentwarden\/policy\.yaml/);
    expect(text).toContain('api.internal-tools.io (/home/dev/.config/agentwarden/policy.yaml)');
    expect(text).toContain('github.com (built-in)');
    expect(text).toMatch(/self\s+~\/\.claude\/settings\.json \(self-protection\)/);
    expect(text).toContain('deny*');
    expect(text).not.toContain('Ignored');
  });
});

describe('seed references', () => {
  it('names only seed items that exist', async () => {
    const { SEED_IDS } = await import('../../src/core/seed-items.js');
    const { REFS } = await import('../../src/policy/wording.js');
    for (const refs of Object.values(REFS)) for (const id of refs) expect(SEED_IDS.has(id), id).toBe(true);
  });
});
