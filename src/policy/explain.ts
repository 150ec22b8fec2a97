import { CAPABILITIES } from '../scanners/shell/types.js';
import { BUILT_IN_SOURCE, type Provenance } from './load.js';
import type { Policy } from './policy.js';
import { ROLES } from './vocabulary.js';

function sourceOf(provenance: Provenance, key: string): string {
  return provenance.sources[key] ?? BUILT_IN_SOURCE;
}

/** The merged policy, each value with the file it came from, for `agentwarden guard explain`. */
export function explainPolicy(policy: Policy, provenance: Provenance): string {
  const lines: string[] = [];
  const files = [provenance.files.user, provenance.files.project].filter(Boolean);
  lines.push(`Policy files: ${files.length > 0 ? files.join(', ') : '(none: built-in policy)'}`);
  const projectRole = policy.projectRole ? ` tightened by project role ${policy.projectRole}` : '';
  lines.push(`Role: ${policy.role} (${sourceOf(provenance, 'role')})${projectRole}`);
  lines.push('', 'Cells in force:');
  for (const c of CAPABILITIES) {
    const from = policy.cellRoles[c];
    lines.push(
      `  ${c.padEnd(16)} ${policy.cells[c].padEnd(8)} role ${from}, ${sourceOf(provenance, `roles.${from}.${c}`)}`,
    );
  }
  lines.push('', `Matrix:${' '.repeat(10)}${ROLES.map((r) => r.padEnd(9)).join('')}`);
  for (const c of CAPABILITIES) {
    const row = ROLES.map((r) => {
      const cell = policy.matrix[r][c];
      return (sourceOf(provenance, `roles.${r}.${c}`) === BUILT_IN_SOURCE ? cell : `${cell}*`).padEnd(9);
    });
    lines.push(`  ${c.padEnd(15)}${row.join('')}`);
  }
  lines.push('  (* set by a policy file)');
  lines.push('', 'Protected paths:');
  for (const p of policy.protect) {
    const except = p.except.length > 0 ? ` except ${p.except.join(', ')}` : '';
    const from = p.kind === 'self' ? 'self-protection' : sourceOf(provenance, `protect:${p.pattern}`);
    lines.push(`  ${p.kind.padEnd(9)} ${p.pattern}${except} (${from})`);
  }
  const list = (title: string, key: string, items: string[]) => {
    lines.push('', `${title}:`);
    if (items.length === 0) lines.push('  (none)');
    for (const item of items) lines.push(`  ${item} (${sourceOf(provenance, `${key}:${item}`)})`);
  };
  list('Network allow', 'network.allow', policy.network.allow);
  list('Network deny', 'network.deny', policy.network.deny);
  lines.push('', 'MCP rules:');
  if (policy.mcp.length === 0) lines.push('  (none)');
  for (const r of policy.mcp)
    lines.push(`  ${r.tool} -> ${r.verdict} (${sourceOf(provenance, `mcp:${r.tool}:${r.verdict}`)})`);
  list('Untrusted paths (reading taints the session)', 'taint.untrustedPaths', policy.taint.untrustedPaths);
  list('Trusted MCP servers', 'taint.trustedMcpServers', policy.taint.trustedMcpServers);
  if (provenance.ignored.length > 0) {
    lines.push('', 'Ignored (a project file may only tighten):');
    for (const i of provenance.ignored) lines.push(`  ${i.key} in ${i.file}: ${i.why}`);
  }
  return lines.join('\n');
}
