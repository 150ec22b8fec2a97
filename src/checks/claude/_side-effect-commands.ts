/**
 * Finds commands with irreversible or external side effects (push, deploy, publish, infrastructure,
 * recursive delete, database drops, payments, remote hosts) in the code parts of a skill or command:
 * fenced blocks, inline code spans, `allowed-tools` entries and bundled scripts. Prose that merely names
 * a tool ("explains how git push works") is not code and is not matched.
 */
export interface SideEffect {
  id: string;
  /** What the command does, for messages: "pushes to a git remote". */
  label: string;
  /** 1-based line in the scanned file. */
  line: number;
  /** The code the operation was found in. */
  code: string;
}

const OPERATIONS: { id: string; label: string; re: RegExp }[] = [
  {
    id: 'git-push',
    label: 'pushes to a git remote',
    re: /\bgit\s+(?:-C\s+\S+\s+)?push\b(?![^\n]*--dry-run)/,
  },
  {
    id: 'publish',
    label: 'publishes a package, image or release',
    re: /\b(?:npm|pnpm|yarn|bun)\s+publish\b|\bcargo\s+publish\b|\btwine\s+upload\b|\bgem\s+push\b|\bpoetry\s+publish\b|\b(?:docker|podman)\s+(?:image\s+)?push\b|\bgh\s+release\s+create\b/,
  },
  {
    id: 'deploy',
    label: 'deploys to production or a hosting service',
    re: /\b(?:vercel|netlify)\b[^\n`]*(?:--prod\b|\bdeploy\b)|\b(?:fly|flyctl)\s+deploy\b|\bfirebase\s+deploy\b|\bwrangler\s+(?:deploy|publish)\b|\b(?:serverless|sls)\s+(?:deploy|remove)\b|\bcdk\s+(?:deploy|destroy)\b|\bsam\s+deploy\b|\beb\s+deploy\b|\bheroku\s+(?:apps:destroy|pg:reset|releases:rollback|ps:scale)\b|\bkamal\s+deploy\b/,
  },
  {
    id: 'kubernetes',
    label: 'changes a Kubernetes cluster',
    re: /\bkubectl\s+(?:-[-\w=]+\s+(?:\S+\s+)?)*(?:apply|create|delete|replace|patch|scale|rollout\s+(?:restart|undo)|drain|cordon|edit|exec|set)\b|\bhelm\s+(?:install|upgrade|uninstall|delete|rollback)\b/,
  },
  {
    id: 'infrastructure',
    label: 'changes infrastructure',
    re: /\b(?:terraform|tofu|terragrunt)\s+(?:-chdir=\S+\s+)?(?:apply|destroy|import|taint|state\s+rm)\b|\bpulumi\s+(?:up|destroy)\b|\bansible-playbook\s+\S/,
  },
  {
    id: 'cloud',
    label: 'creates, changes or deletes cloud resources',
    re: /\baws\s+[a-z0-9-]+\s+(?:delete|remove|terminate|create|put|update|run-instances|deploy|rb|rm|sync|cp|mv|attach|detach|modify|stop|start|reboot|invoke)[\w-]*\b|\bgcloud\s+(?:[a-z0-9-]+\s+){1,3}(?:deploy|delete|create|update|add-iam-policy-binding)\b|\baz\s+(?:[a-z0-9-]+\s+){1,3}(?:delete|create|update|deploy|restart|stop)\b|\bdoctl\s+(?:[a-z0-9-]+\s+){1,2}(?:create|delete|update)\b/,
  },
  {
    id: 'recursive-delete',
    label: 'deletes files recursively or discards untracked files',
    re: /\brm\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*f[a-zA-Z]*|-[a-zA-Z]*f[a-zA-Z]*[rR][a-zA-Z]*|-[rR]\s+-f|-f\s+-[rR]|--recursive\s+--force|--force\s+--recursive)\b|\bgit\s+clean\s+-[a-zA-Z]*f|\bshutil\.rmtree\(|\bfs\.(?:rm|rmSync|promises\.rm)\([^)]*recursive/,
  },
  {
    id: 'database',
    label: 'destroys database data',
    re: /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|COLLECTION)|TRUNCATE\s+(?:TABLE\s+)?[\w."]+|DELETE\s+FROM\s+[\w."]+\s*(?:;|$|["'`]))|\bdropdb\s+\S|\bFLUSHALL\b|\.dropDatabase\(\)|\bprisma\s+migrate\s+reset\b|\brails\s+db:(?:drop|reset)\b/i,
  },
  {
    id: 'payment',
    label: 'moves money',
    re: /\bstripe\s+(?:charges|payment_intents|refunds|payouts|transfers|subscriptions|invoices)\s+(?:create|update|cancel|capture|pay)\b|api\.stripe\.com\/v1\/(?:charges|payment_intents|refunds|payouts|transfers)|\bstripe\.(?:charges|paymentIntents|refunds|payouts|transfers)\.create\(|api(?:-m)?\.paypal\.com\/v\d\/payments/i,
  },
  {
    id: 'remote-host',
    label: 'runs commands on or copies files to another host',
    re: /\bssh\s+(?:-[a-zA-Z]+\s+(?:\S+\s+)?)*[\w.-]+@[\w.-]+|\bscp\s+[^\n]*\s[\w.-]+@[\w.-]+:|\brsync\s+[^\n]*\s[\w.-]+@[\w.-]+:/,
  },
];

const NEGATED =
  /\b(?:never|don['’]t|do\s+not|must\s+not|avoid|instead\s+of|rather\s+than|forbidden|prohibited)\b/i;
const SCRIPT_FILE = /\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|ps1)$/i;
/** A skill's own tests run against fixtures; what they delete or push is not what the skill does. */
const TEST_FILE =
  /(?:^|[\\/])(?:tests?|__tests__|spec)[\\/]|(?:^|[\\/])test_[^\\/]+$|[._-](?:test|spec)\.[a-z]+$|_test\.(?:go|py|sh)$/i;
/**
 * What introduces a code block that is not a procedure to follow: a warning ("Do NOT run:") or an example
 * of an attack the skill teaches to recognise.
 */
const NOT_A_PROCEDURE =
  /\b(?:never|don['’]t|do\s+not|must\s+not|avoid|forbidden|prohibited|attack(?:ers?|s)?|malicious|exploits?|injections?|payloads?|phishing|red[- ]team|dangerous\s+(?:commands?|patterns?)|blocked|deny\s+list|blocklist)\b/i;

/** `tmp=$(mktemp -d)`: names of variables that hold a scratch path. */
function scratchVariables(lines: string[]): Set<string> {
  const vars = new Set<string>();
  for (const l of lines)
    for (const m of l.matchAll(/\b([A-Za-z_]\w*)=["']?\$\(\s*mktemp\b/g)) if (m[1]) vars.add(m[1]);
  return vars;
}

/** `rm -rf "$tmp"` after `tmp=$(mktemp -d)`, or of a /tmp path: clean-up of the skill's own scratch space. */
function deletesOnlyScratch(code: string, scratch: Set<string>): boolean {
  const rm = /\brm\s+(?:-[a-zA-Z-]+\s+)+([^;&|)'`]+)/.exec(code);
  const targets = rm?.[1]?.trim().split(/\s+/) ?? [];
  if (targets.length === 0) return false;
  return targets.every((t) => {
    const bare = t.replace(/^["']|["']$/g, '');
    const variable = /^\$\{?([A-Za-z_]\w*)\}?(?:\/|$)/.exec(bare)?.[1];
    return (
      (variable !== undefined && (scratch.has(variable) || variable === 'TMPDIR')) ||
      /^\/tmp\/[^*\s]+/.test(bare)
    );
  });
}

function operationsIn(code: string, line: number, out: SideEffect[], scratch: Set<string>): void {
  for (const op of OPERATIONS) {
    if (!op.re.test(code)) continue;
    if (op.id === 'recursive-delete' && deletesOnlyScratch(code, scratch)) continue;
    out.push({ id: op.id, label: op.label, line, code: code.trim() });
  }
}

/**
 * Side-effecting commands in one file. Markdown contributes fenced code, inline code spans and the
 * frontmatter's `allowed-tools`; scripts contribute every line that is not a comment.
 */
export function findSideEffects(text: string, fileName: string): SideEffect[] {
  const out: SideEffect[] = [];
  if (TEST_FILE.test(fileName)) return out;
  const lines = text.split('\n');
  const scratch = scratchVariables(lines);
  if (SCRIPT_FILE.test(fileName)) {
    lines.forEach((l, i) => {
      if (!/^\s*(?:#|\/\/)/.test(l)) operationsIn(l, i + 1, out, scratch);
    });
    return out;
  }
  let fence: string | undefined;
  let skipBlock = false;
  let leadIn = '';
  let inFrontmatter = lines[0]?.trimEnd() === '---';
  let inAllowedTools = false;
  lines.forEach((l, i) => {
    if (inFrontmatter) {
      if (i > 0 && l.trimEnd() === '---') inFrontmatter = false;
      // `allowed-tools: Bash(git push:*)` pre-approves the command: it counts as code.
      else if (/^allowed-tools\s*:/.test(l)) {
        inAllowedTools = true;
        operationsIn(l.replace(/:\*?\)/g, ' '), i + 1, out, scratch);
      } else if (inAllowedTools && /^\s+-/.test(l))
        operationsIn(l.replace(/:\*?\)/g, ' '), i + 1, out, scratch);
      else inAllowedTools = false;
      return;
    }
    const marker = /^\s*(`{3,}|~{3,})/.exec(l)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      if (fence === undefined) skipBlock = NOT_A_PROCEDURE.test(leadIn);
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence !== undefined) {
      if (!skipBlock && !/^\s*(?:#|\/\/)/.test(l)) operationsIn(l, i + 1, out, scratch);
      return;
    }
    if (l.trim() !== '') leadIn = l;
    for (const m of l.matchAll(/`([^`\n]+)`/g)) {
      // Only the sentence the code span is in: "Never X." must not silence the next sentence's command.
      const sentence =
        l
          .slice(0, m.index)
          .split(/[.!?]\s/)
          .at(-1) ?? '';
      if (!NEGATED.test(sentence)) operationsIn(m[1] ?? '', i + 1, out, scratch);
    }
  });
  return out;
}
