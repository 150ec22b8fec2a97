/**
 * Every check id of OpenClaw's own `openclaw security audit` (2026.9.6, shared reference
 * security-audit-checks.tsv) mapped to the agentwarden checks that report the same problem, or to why it
 * does not apply. `audit --with-openclaw` drops a built-in finding whose problem ours already reported;
 * docs/openclaw-parity.md is this table in prose. Patterns: `<x>` stands for one id segment (a channel,
 * a provider, an account), `<…>` for any tail.
 */

export interface ParityEntry {
  /** The built-in id, with `<name>` for a templated segment. */
  builtin: string;
  /** Our check ids covering it (`x` means `openclaw/x`; other areas are written in full); empty when not applicable. */
  ours: string[];
  /** Why it is not applicable, or what differs. */
  note?: string;
}

const e = (builtin: string, ours: string[], note?: string): ParityEntry => ({
  builtin,
  ours,
  ...(note && { note }),
});

const LIVE = 'needs the running gateway or Docker (a live probe); agentwarden reads files only';
const RUNTIME = "needs OpenClaw's runtime plugin/skill registry; run `audit --with-openclaw` to get it";

export const BUILTIN_PARITY: ParityEntry[] = [
  // Gateway
  e('gateway.probe_failed', [], LIVE),
  e('gateway.probe_auth_secretref_unavailable', ['gateway-auth'], 'ours: a SecretRef to an unset variable'),
  e('gateway.tools_invoke_http.dangerous_allow', ['gateway-remote-tools']),
  e('gateway.bind_no_auth', ['gateway-exposed', 'gateway-auth']),
  e('gateway.env_token_overrides_config', ['gateway-auth']),
  e('gateway.trusted_proxies_missing', [], 'noise on every loopback bind (REFERENCE §5); not reported'),
  e('gateway.loopback_no_auth', ['gateway-auth']),
  e(
    'gateway.control_ui.allowed_origins_required',
    ['gateway-exposed'],
    'fires only with a non-loopback bind, which ours reports; with no list the gateway seeds localhost origins at start-up, so an empty list exposes nothing itself',
  ),
  e('gateway.control_ui.allowed_origins_wildcard', ['control-ui-origins']),
  e('gateway.control_ui.host_header_origin_fallback', ['control-ui-origins']),
  e('gateway.real_ip_fallback_enabled', ['network-exposure']),
  e('discovery.mdns_full_mode', ['network-exposure']),
  e('gateway.tailscale_funnel', ['gateway-exposed']),
  e('gateway.tailscale_serve', [], 'info only: Serve is the recommended remote access'),
  e('mcp.apps.enabled', ['gateway-remote-tools'], 'ours: low'),
  e('config.insecure_or_dangerous_flags', ['dangerous-flags', 'control-ui-origins', 'hooks-endpoint']),
  e('gateway.<x>_placeholder_value', ['gateway-auth']),
  e('gateway.<x>_too_short', ['gateway-auth']),
  e(
    'gateway.trusted_proxy_auth',
    ['gateway-trusted-proxy', 'gateway-exposed'],
    'the built-in flags the mode itself; ours flags it when the gateway listens beyond loopback or a safeguard below is missing',
  ),
  e(
    'gateway.trusted_proxy_no_proxies',
    ['gateway-trusted-proxy'],
    'ours: low, as every request is then rejected',
  ),
  e(
    'gateway.trusted_proxy_no_user_header',
    ['gateway-trusted-proxy'],
    "2026.9.6's schema already rejects trusted-proxy auth without userHeader (the config is invalid)",
  ),
  e('gateway.trusted_proxy_allow_loopback', ['gateway-trusted-proxy']),
  e('gateway.trusted_proxy_device_auto_approve', ['gateway-trusted-proxy']),
  e('gateway.trusted_proxy_device_auto_approve_admin', ['gateway-trusted-proxy']),
  e('gateway.trusted_proxy_no_allowlist', ['gateway-trusted-proxy']),
  e(
    'gateway.auth_no_rate_limit',
    ['gateway-exposed'],
    'ours reports the exposure itself; no separate rate-limit finding',
  ),
  e('security.audit.suppressions.active', [], "info about OpenClaw's own suppressions"),
  // Filesystem
  e('fs.state_dir.symlink', [], 'symlinked state dirs are followed, not reported'),
  e('fs.state_dir.perms_world_writable', ['state-permissions']),
  e('fs.state_dir.perms_group_writable', ['state-permissions']),
  e('fs.state_dir.perms_readable', ['state-permissions']),
  e('fs.config.symlink', [], 'symlinked configs are followed, not reported'),
  e('fs.config.perms_writable', ['state-permissions']),
  e('fs.config.perms_world_readable', ['state-permissions']),
  e('fs.config.perms_group_readable', ['state-permissions']),
  e('fs.config_include.perms_writable', ['state-permissions']),
  e('fs.config_include.perms_world_readable', ['state-permissions']),
  e('fs.config_include.perms_group_readable', ['state-permissions']),
  e('fs.credentials_dir.perms_writable', ['state-permissions']),
  e('fs.credentials_dir.perms_readable', ['state-permissions']),
  e('fs.auth_profiles.perms_writable', ['state-permissions']),
  e('fs.auth_profiles.perms_readable', ['state-permissions']),
  e('fs.sessions_store.perms_readable', ['state-permissions']),
  e(
    'fs.log_file.perms_readable',
    ['state-permissions'],
    'ours also checks logs/ and /tmp/openclaw without logging.file',
  ),
  e('fs.synced_dir', ['state-synced-folder']),
  e('plugins.<x>.security_audit_failed', [], RUNTIME),
  // Tools and exec
  e('tools.elevated.allowFrom.<x>.wildcard', ['elevated-wildcard']),
  e('tools.elevated.allowFrom.<x>.large', ['elevated-wildcard']),
  e('tools.exec.host_sandbox_no_sandbox_defaults', ['sandbox-off', 'exec-full-trust']),
  e('tools.exec.host_sandbox_no_sandbox_agents', ['sandbox-off', 'exec-full-trust']),
  e('tools.exec.security_full_configured', ['exec-full-trust']),
  e('security.exposure.open_channels_with_exec', ['exec-full-trust', 'channel-dm-policy']),
  e(
    'tools.exec.fs_tools_disabled_but_exec_enabled',
    ['tool-policy-drift'],
    "ours reads profiles, allow/deny lists by tool name and group (group:fs, group:runtime) and tools.byProvider per agent, not OpenClaw's whole policy engine (plugin tools, toolsBySender)",
  ),
  e(
    'tools.exec.auto_allow_skills_enabled',
    ['exec-safe-bins'],
    'ours reads the exec approvals in state/openclaw.sqlite',
  ),
  e(
    'tools.exec.allowlist_interpreter_without_strict_inline_eval',
    ['exec-safe-bins'],
    'ours reads the exec approvals in state/openclaw.sqlite; the guard also judges inline interpreter code in every exec command',
  ),
  e('tools.exec.safe_bins_interpreter_unprofiled', ['exec-safe-bins'], 'ours: high'),
  e('tools.exec.safe_bins_broad_behavior', ['exec-safe-bins']),
  e('tools.exec.safe_bin_trusted_dirs_risky', ['exec-safe-bins']),
  e('config.agent_roster.invalid_default_count', ['config-invalid'], 'ours: only what the schema rejects'),
  e('tools.exec.mcporter_registry_inspection_incomplete', [], RUNTIME),
  e('tools.exec.agent_skill_mcp_boundary_drift', [], RUNTIME),
  // Hooks, HTTP, secrets
  e('config.secrets.gateway_password_in_config', ['secret-in-config']),
  e('config.secrets.hooks_token_in_config', ['secret-in-config']),
  e('hooks.token_too_short', ['hooks-endpoint']),
  e('hooks.token_reuse_gateway_token', ['hooks-endpoint']),
  e('hooks.path_root', ['hooks-endpoint']),
  e('hooks.default_session_key_unset', ['hooks-endpoint'], 'ours: low'),
  e('hooks.allowed_agent_ids_unrestricted', ['hooks-endpoint']),
  e('hooks.request_session_key_enabled', ['hooks-endpoint']),
  e('hooks.request_session_key_prefixes_missing', ['hooks-endpoint']),
  e('gateway.http.session_key_override_enabled', [], 'info only'),
  e('gateway.http.no_auth', ['gateway-auth']),
  // Sandbox and nodes
  e('sandbox.docker_config_mode_off', ['sandbox-off']),
  e(
    'sandbox.bind_mount_non_absolute',
    ['sandbox-dangerous-docker'],
    "ours: low; a source written ~ or $HOME is expanded and reported as the whole home (critical). 2026.9.6's schema already rejects a non-absolute source",
  ),
  e('sandbox.dangerous_bind_mount', ['sandbox-dangerous-docker']),
  e('sandbox.dangerous_network_mode', ['sandbox-dangerous-docker']),
  e('sandbox.dangerous_seccomp_profile', ['sandbox-dangerous-docker']),
  e('sandbox.dangerous_apparmor_profile', ['sandbox-dangerous-docker']),
  e('sandbox.browser_container.hash_label_missing', [], LIVE),
  e('sandbox.browser_container.hash_epoch_stale', [], LIVE),
  e('sandbox.browser_container.non_loopback_publish', [], LIVE),
  e('sandbox.browser_container.docker_probe_timeout', [], LIVE),
  e(
    'gateway.nodes.deny_commands_ineffective',
    ['gateway-remote-tools'],
    "ours reports pattern-like entries; an exact name that is no known command (a typo) is not, as it needs OpenClaw's per-platform command lists",
  ),
  e(
    'gateway.nodes.allow_commands_dangerous',
    ['gateway-remote-tools'],
    "ours: the built-in dangerous commands; commands plugins declare dangerous need OpenClaw's runtime plugin registry",
  ),
  e('tools.profile_minimal_overridden', ['tool-policy-drift']),
  // Exposure and trust model
  e('models.legacy', [], 'model choice, not configuration security'),
  e('models.weak_tier', [], 'model choice, not configuration security'),
  e('models.small_params', [], 'model choice, not configuration security'),
  e('security.exposure.open_groups_with_elevated', [
    'channel-group-policy',
    'channel-dm-policy',
    'elevated-wildcard',
  ]),
  e('security.exposure.open_groups_with_runtime_or_fs', [
    'channel-group-policy',
    'channel-dm-policy',
    'untrusted-full-tools',
  ]),
  e('security.exposure.open_groups_with_control_plane_tools', [
    'channel-group-policy',
    'channel-dm-policy',
    'untrusted-full-tools',
  ]),
  e('security.trust_model.group_scope_main', ['session-dm-scope']),
  e(
    'security.trust_model.multi_user_heuristic',
    ['session-dm-scope', 'channel-dm-policy', 'channel-group-policy'],
    'ours reports its open-policy and shared-session signals; an allowlisted group alone (a hardened setup) is not reported',
  ),
  e(
    'security.trust_model.cross_agent_session_access_default',
    ['cross-agent-session-access'],
    'same trigger (two or more agents, visibility "all", agentToAgent open, an agent keeping a session tool unclamped) and signals; ours also counts agentToAgent.allow ["*"] as open, and reports one agent whose open channel lets users read each other\'s sessions',
  ),
  e('summary.attack_surface', [], 'an info summary, not a finding'),
  // Skills and plugins
  e('skills.workspace.scan_truncated', [], 'ours reads up to 200 files a skill without a truncation finding'),
  e(
    'skills.workspace.symlink_escape',
    ['skill-risk'],
    'ours: skills/<name>/SKILL.md one level deep, as OpenClaw loads them',
  ),
  e('plugins.allow_phantom_entries', [], RUNTIME),
  e('plugins.extensions_no_allowlist', ['plugins-no-allowlist']),
  e('plugins.tools_reachable_permissive_policy', [], RUNTIME),
  e(
    'plugins.installs_unpinned_npm_specs',
    ['plugin-installs-unpinned'],
    'ours reads the records in state/openclaw.sqlite (config_machine_state, read without SQLite) and those older releases wrote into the config (plugins.installs); managed npm installs OpenClaw recovers from its npm root without a record are not',
  ),
  e(
    'plugins.installs_missing_integrity',
    ['plugin-installs-unpinned'],
    'ours reads the records in state/openclaw.sqlite (config_machine_state, read without SQLite) and those older releases wrote into the config (plugins.installs); managed npm installs OpenClaw recovers from its npm root without a record are not',
  ),
  e('plugins.installs_version_drift', ['plugin-installs-unpinned']),
  e('hooks.installs_unpinned_npm_specs', ['plugin-installs-unpinned']),
  e('hooks.installs_missing_integrity', ['plugin-installs-unpinned']),
  e('hooks.installs_version_drift', ['plugin-installs-unpinned']),
  e('plugins.code_safety', [], 'plugin code scan (--deep): the deep skill/plugin scanner issue'),
  e('plugins.code_safety.entry_path', [], RUNTIME),
  e('plugins.code_safety.entry_escape', [], RUNTIME),
  e('plugins.code_safety.manifest_parse_error', [], RUNTIME),
  e('plugins.code_safety.scan_failed', [], RUNTIME),
  e(
    'skills.code_safety',
    ['skills/dangerous-skill'],
    'ours also reads shell and Python files, without --deep',
  ),
  e('skills.code_safety.scan_failed', [], 'ours skips unreadable files'),
  // Channels
  e('channels.<x>.dm.open', ['channel-dm-policy']),
  e('channels.<x>.dm.open_invalid', ['channel-dm-policy', 'config-invalid']),
  e('channels.<x>.dm.disabled', [], 'info only'),
  e('channels.<x>.dm.locked', [], 'info only'),
  e('channels.<x>.account.read_only_resolution', [], RUNTIME),
  e('channels.<x>.allowFrom.dangerous_name_matching_enabled', ['dangerous-flags']),
  e('channels.<x>.allowFrom.mutable_entries_inert', [], RUNTIME),
  e('channels.<x>.routing.owner_missing.<…>', [], RUNTIME),
  e('channels.<x>.dm.wildcard_routing_unverified.<…>', ['channel-dm-policy']),
  e('channels.<x>.warning.<…>', [], 'free-form channel plugin warnings'),
  e('channels.dm.session_collision.<…>', ['session-dm-scope']),
];

function toRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/<…>/g, '.+').replace(/<x>/g, '[^.]+')}$`);
}

const COMPILED = BUILTIN_PARITY.map((entry) => ({ entry, re: toRegExp(entry.builtin) }));

/** A parity entry's check id in full. */
export function ourCheckId(id: string): string {
  return id.includes('/') ? id : `openclaw/${id}`;
}

/** The parity entry for a concrete built-in check id (`channels.telegram.dm.open`). */
export function parityFor(checkId: string): ParityEntry | undefined {
  return COMPILED.find((c) => c.re.test(checkId))?.entry;
}
