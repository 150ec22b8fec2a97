import type { Check } from '../../core/check.js';
import agentUserPrivileged from './agent-user-privileged.js';
import bareMetal from './bare-metal.js';
import controlPlaneExposed from './control-plane-exposed.js';
import diskEncryption from './disk-encryption.js';
import firewall from './firewall.js';
import osUpdates from './os-updates.js';
import remoteAccess from './remote-access.js';
import reverseProxyTls from './reverse-proxy-tls.js';

/** Checks on the machine the agent runs on (Linux first; macOS where the fact is cheap to read). */
export const hostChecks: Check[] = [
  bareMetal,
  controlPlaneExposed,
  firewall,
  diskEncryption,
  agentUserPrivileged,
  osUpdates,
  remoteAccess,
  reverseProxyTls,
];
