import { REFS } from '../../wording.js';
import { defineShellEffects, type EffectsOf } from '../define.js';

export const analyzeEffects = defineShellEffects<EffectsOf<'analyze'>>({
  'fork-bomb': {
    title: 'a function that starts copies of itself in the background',
    risk: 'critical',
    examples: { deny: [':(){ :|:& };:'] },
  },
  'nesting-too-deep': {
    title: 'commands nested deeper than the analyser follows',
    risk: 'high',
    examples: { ask: ['eval eval eval eval eval eval eval eval ls'] },
  },
  'dynamic-command': {
    title: 'a command whose name is only known at run time',
    risk: 'high',
    alsoCites: REFS.shell,
    examples: { ask: ['$(cat cmd.txt) -rf build'] },
  },
});
