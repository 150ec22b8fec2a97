import type { Check } from '../../core/check.js';
import dangerousSkill from './dangerous-skill.js';
import unpinnedDependency from './unpinned-dependency.js';

/** Supply-chain checks that run the skills scanner on every skill the agents load. */
export const skillsChecks: Check[] = [dangerousSkill, unpinnedDependency];
