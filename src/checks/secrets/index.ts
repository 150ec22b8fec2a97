import type { Check } from '../../core/check.js';
import agentState from './agent-state.js';

export const secretsChecks: Check[] = [agentState];
