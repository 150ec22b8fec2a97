import { defineShellEffects, type EffectsOf } from '../define.js';

export const packageEffects = defineShellEffects<EffectsOf<'packages'>>({
  'package-install': {
    title: 'installs a new package, whose install scripts run unreviewed code',
    risk: 'high',
    examples: { ask: ['pip install requests', 'pnpm add zod'] },
  },
  'package-install-lockfile': {
    title: "installs the project's locked dependencies (the role's package-install cell)",
    risk: 'low',
    examples: { allow: [{ action: 'npm install', sandboxed: true }] },
  },
  'package-update': {
    title: 'changes installed packages',
    risk: 'low',
    examples: { allow: [{ action: 'npm update -g', sandboxed: true }] },
  },
  'package-add': {
    title: 'adds a dependency to the manifest',
    risk: 'low',
    examples: { allow: [{ action: 'cargo add serde', sandboxed: true }] },
  },
  'package-remove': {
    title: 'removes packages',
    risk: 'high',
    examples: { ask: ['pip uninstall boto3'] },
  },
  'package-publish': {
    title: 'publishes or changes a published package',
    risk: 'high',
    examples: { ask: ['npm publish'] },
  },
  'local-bin': {
    title: "runs the project's own installed tool",
    risk: 'harmless',
    examples: { allow: ['npx vitest run'] },
  },
  'npx-remote-package': {
    title: 'downloads and runs a package',
    risk: 'high',
    examples: { ask: ['npx create-react-app web'] },
  },
});
