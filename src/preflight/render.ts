import { redactText } from '../core/redact.js';
import type { PreflightAnswer } from './preflight.js';

const tilde = (p: string, home: string) =>
  p === home ? '~' : p.startsWith(`${home}/`) ? `~/${p.slice(home.length + 1)}` : p;
const list = (items: string[], none: string) => (items.length ? items.join(', ') : none);

/** The four answers as lines, shared by the report and the paste-in prompt. */
function answerLines(a: PreflightAnswer): string[][] {
  const home = a.target.home;
  const w = a.writable;
  const q1 = [
    w.inContainer
      ? `Inside a container (${w.containerSigns.join('; ')}).`
      : 'On the bare host (no container).',
    `Writable: ${list(
      w.dirs.map((d) => `${tilde(d.path, home)} (${d.why})`),
      'nothing found',
    )}.`,
    `Claude Code: sandbox ${w.claude.sandbox ? 'on' : 'off'}${w.claude.defaultMode ? `, permission mode ${w.claude.defaultMode}` : ''}${w.claude.additionalDirectories.length ? `, extra directories ${w.claude.additionalDirectories.join(', ')}` : ''}.`,
  ];
  const n = a.network;
  const q2 = n.listeners.ok
    ? [
        `Listening beyond loopback (${n.listeners.source}): ${list(
          n.listeners.sockets
            .filter((s) => s.exposed)
            .map(
              (s) =>
                `${s.address}:${s.port}${s.process ? ` ${s.process}` : ''}${s.agentPort ? ` [${s.agentPort}]` : ''}`,
            ),
          'nothing',
        )}.`,
      ]
    : [`Listening sockets: could not determine (${n.listeners.reason}).`];
  q2.push(
    `Egress: ${n.proxies.length ? `through ${n.proxies.map((p) => `${p.name}=${p.value}`).join(', ')}` : 'no proxy set, so unrestricted unless a firewall says otherwise'}.`,
  );
  q2.push(`Firewall: ${n.firewall}.`);
  const c = a.credentials;
  const q3 = [
    `Secret-looking environment variables (names only): ${list(c.envNames, 'none')}.`,
    `Credential files readable by this user: ${list(
      c.files.map((f) => `${tilde(f.path, home)} (${f.holds})`),
      'none found',
    )}.`,
  ];
  const t = a.tools;
  const q4 = [
    `MCP servers: ${list(
      t.mcpServers.map((s) => `${s.name} (${s.scope}, ${s.transport})`),
      'none',
    )}.`,
    `Skills: ${list(
      t.skills.map((s) => `${s.name} (${s.scope})`),
      'none',
    )}.`,
    `Allowed without asking: ${list(t.allowRules, 'no allow rules')}; ${t.activeHooks} active hook(s).`,
  ];
  if (t.openclawStateDir) q4.push(`OpenClaw state directory: ${tilde(t.openclawStateDir, home)}.`);
  return [q1, q2, q3, q4];
}

const QUESTIONS = [
  'Which directories can the agent write?',
  'What network access does it have?',
  'Which credentials can it reach?',
  'Which tools, skills and MCP servers are enabled?',
];

export function renderPreflightText(a: PreflightAnswer): string {
  const out: string[] = [
    `agentwarden preflight: ${a.target.host}, home ${a.target.home}, project ${a.target.project}`,
    '',
  ];
  answerLines(a).forEach((lines, i) => {
    out.push(`${i + 1}. ${QUESTIONS[i]}`, ...lines.map((l) => `   ${l}`), '');
  });
  out.push('Overnight checklist');
  for (const o of a.overnight)
    out.push(`   ${o.status.toUpperCase().padEnd(7)} ${o.id} ${o.title}: ${o.why}`);
  out.push('');
  if (a.attestationProblem) out.push(`Attestations could not be read: ${a.attestationProblem}`, '');
  out.push(
    a.concerns.length
      ? `Concerns (${a.concerns.length}, from agentwarden audit):`
      : 'Concerns: none at low or above.',
  );
  for (const f of a.concerns.slice(0, 15)) out.push(`   [${f.severity}] ${f.checkId}: ${f.message}`);
  if (a.concerns.length > 15) out.push(`   … and ${a.concerns.length - 15} more: run \`agentwarden audit\`.`);
  return `${redactText(out.join('\n'))}\n`;
}

/** A block to paste at the start of a session: the facts, then the seed's request to confirm them. */
export function renderPreflightPrompt(a: PreflightAnswer): string {
  const out = ['Before we begin: agentwarden preflight checked this machine. What it found:', ''];
  answerLines(a).forEach((lines, i) => {
    out.push(`${i + 1}. ${QUESTIONS[i]}`, ...lines.map((l) => `   - ${l}`));
  });
  const failing = a.overnight.filter((o) => o.status === 'fail');
  if (failing.length)
    out.push('', `Overnight checklist failing: ${failing.map((o) => `${o.id} (${o.why})`).join('; ')}.`);
  const top = a.concerns.filter((f) => f.severity === 'critical' || f.severity === 'high').slice(0, 8);
  if (top.length) out.push('', 'Main concerns:', ...top.map((f) => `   - [${f.severity}] ${f.message}`));
  out.push(
    '',
    'Please confirm what you can write, reach and use matches this, stay within the project directory,',
    'do not read the credential files listed above, and list any security concerns about this configuration',
    'before doing anything else.',
  );
  return `${redactText(out.join('\n'))}\n`;
}
