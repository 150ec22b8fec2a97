import type { Check } from '../core/check.js';
import { claudeChecks } from './claude/index.js';
import { deployChecks } from './deploy/index.js';
import { hostChecks } from './host/index.js';
import { openclawChecks } from './openclaw/index.js';
import { secretsChecks } from './secrets/index.js';
import { skillsChecks } from './skills/index.js';

/** Every check agentwarden runs. The catalogue test asserts each is well-formed and unique. */
export const allChecks = [
  ...claudeChecks,
  ...openclawChecks,
  ...hostChecks,
  ...deployChecks,
  ...skillsChecks,
  ...secretsChecks,
] satisfies Check[];
