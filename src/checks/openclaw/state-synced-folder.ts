import { defineCheck } from '../../core/check.js';
import { HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

/** Folder names of the sync clients OpenClaw's own audit recognises (iCloud, Dropbox, Google Drive, OneDrive). */
const SYNCED = /icloud|dropbox|google ?drive|onedrive|mobile documents/i;

export default defineCheck({
  id: 'openclaw/state-synced-folder',
  severity: 'medium',
  seedRefs: ['CS-7', 'OC-L1'],
  frameworks: ['OWASP-LLM02'],
  title: "OpenClaw's state or config sits in a cloud-synced folder",
  docs: {
    why:
      'The state dir holds the gateway token, channel credentials, session transcripts and the SQLite stores. In ' +
      'an iCloud, Dropbox, Google Drive or OneDrive folder every file is copied to the provider and to every ' +
      "device on the account, where this machine's file permissions no longer apply.",
    fix: 'Move the state dir to a local-only folder (OPENCLAW_STATE_DIR or the default ~/.openclaw) and rotate the gateway token and channel tokens that were synced.',
  },
  examples: {
    bad: [
      {
        name: 'state dir in Dropbox',
        ...openclawHome(HARDENED_CONFIG, {
          '~/Dropbox/openclaw': { dir: true, mode: 0o700 },
          '~/Dropbox/openclaw/openclaw.json': { content: HARDENED_CONFIG, mode: 0o600 },
        }),
        env: { OPENCLAW_STATE_DIR: '~/Dropbox/openclaw' },
      },
    ],
    good: [{ name: 'local state dir (hardened)', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const synced = [cfg.stateDir, ...(cfg.configFile ? [cfg.configFile] : [])].find((p) => SYNCED.test(p));
    if (!synced) return [];
    return [
      {
        message: `${synced} looks like a cloud-synced folder: OpenClaw's tokens and transcripts are copied off this machine.`,
        file: cfg.configFile ?? cfg.stateDir,
      },
    ];
  },
});
