import type { Rule } from '../command.js';
import { generatedCode } from '../generated.js';
import { capabilities } from './capabilities.js';
import { interpreterCode } from './code.js';
import { credentialReads, disks, guardTamper, permissions, removal, syncDeletion, writes } from './files.js';
import { git } from './git.js';
import { cloudAndServices, databases, orchestration, system } from './infra.js';
import { exfiltration, network, pipedCode, remoteCode } from './network.js';
import { openclawCli } from './openclaw.js';
import { packages } from './packages.js';

/** Every rule sees every unwrapped command; each decides for itself whether the command concerns it. */
export const RULES: readonly Rule[] = [
  removal,
  syncDeletion,
  disks,
  permissions,
  writes,
  credentialReads,
  guardTamper,
  git,
  remoteCode,
  exfiltration,
  network,
  pipedCode,
  generatedCode,
  interpreterCode,
  packages,
  orchestration,
  system,
  databases,
  cloudAndServices,
  capabilities,
  openclawCli,
];
