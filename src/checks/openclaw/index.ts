import type { Check } from '../../core/check.js';
import channelDmPolicy from './channel-dm-policy.js';
import channelGroupPolicy from './channel-group-policy.js';
import channelRequireMention from './channel-require-mention.js';
import configInvalid from './config-invalid.js';
import controlUiOrigins from './control-ui-origins.js';
import crossAgentSessionAccess from './cross-agent-session-access.js';
import dangerousFlags from './dangerous-flags.js';
import elevatedWildcard from './elevated-wildcard.js';
import execFullTrust from './exec-full-trust.js';
import gatewayAuth from './gateway-auth.js';
import gatewayExposed from './gateway-exposed.js';
import guardCoverage from './guard-coverage.js';
import hooksEndpoint from './hooks-endpoint.js';
import legacyInstall from './legacy-install.js';
import networkExposure from './network-exposure.js';
import pluginHookAccess from './plugin-hook-access.js';
import pluginInstallsUnpinned from './plugin-installs-unpinned.js';
import pluginsNoAllowlist from './plugins-no-allowlist.js';
import readerWithOperatorTools from './reader-with-operator-tools.js';
import retention from './retention.js';
import sandboxDangerousDocker from './sandbox-dangerous-docker.js';
import sandboxOff from './sandbox-off.js';
import secretInConfig from './secret-in-config.js';
import secretInState from './secret-in-state.js';
import sessionDmScope from './session-dm-scope.js';
import skillRisk from './skill-risk.js';
import soulDirectives from './soul-directives.js';
import statePermissions from './state-permissions.js';
import untrustedFullTools from './untrusted-full-tools.js';
import workspaceInjection from './workspace-injection.js';

/** OpenClaw checks, in report order: config, gateway, channels, execution, plugins, secrets, files, skills. */
export const openclawChecks: Check[] = [
  configInvalid,
  legacyInstall,
  gatewayExposed,
  gatewayAuth,
  gatewayTrustedProxy,
  controlUiOrigins,
  networkExposure,
  dangerousFlags,
  hooksEndpoint,
  gatewayRemoteTools,
  channelDmPolicy,
  channelGroupPolicy,
  channelRequireMention,
  sessionDmScope,
  crossAgentSessionAccess,
  sandboxOff,
  sandboxDangerousDocker,
  execFullTrust,
  elevatedWildcard,
  execSafeBins,
  untrustedFullTools,
  readerWithOperatorTools,
  toolPolicyDrift,
  pluginsNoAllowlist,
  pluginHookAccess,
  pluginInstallsUnpinned,
  guardCoverage,
  secretInConfig,
  secretInState,
  statePermissions,
  stateSyncedFolder,
  retention,
  skillRisk,
  soulDirectives,
  workspaceInjection,
];

import execSafeBins from './exec-safe-bins.js';
import gatewayRemoteTools from './gateway-remote-tools.js';
import gatewayTrustedProxy from './gateway-trusted-proxy.js';
import stateSyncedFolder from './state-synced-folder.js';
import toolPolicyDrift from './tool-policy-drift.js';
