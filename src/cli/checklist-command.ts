import type { Command } from 'commander';

// PLACEHOLDER: the checklist command is registered by the checklist work.
export function registerChecklistCommand(_program: Command): void {}
