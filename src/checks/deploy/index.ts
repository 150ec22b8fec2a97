import type { Check } from '../../core/check.js';
import agentSystemdUnit from './agent-systemd-unit.js';
import composeUnreadable from './compose-unreadable.js';
import configMountWritable from './config-mount-writable.js';
import containerPrivileged from './container-privileged.js';
import envBindsAllInterfaces from './env-binds-all-interfaces.js';
import envFileExposed from './env-file-exposed.js';
import noResourceLimits from './no-resource-limits.js';
import portPublished from './port-published.js';
import secretInEnvironment from './secret-in-environment.js';
import sensitiveMount from './sensitive-mount.js';

/** Checks on how the agent is deployed: compose files, docker run lines, running containers, .env, systemd. */
export const deployChecks: Check[] = [
  portPublished,
  sensitiveMount,
  containerPrivileged,
  configMountWritable,
  noResourceLimits,
  envBindsAllInterfaces,
  secretInEnvironment,
  envFileExposed,
  agentSystemdUnit,
  composeUnreadable,
];
