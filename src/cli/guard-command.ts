import type { Command } from 'commander';

// PLACEHOLDER: the guard commands are registered by the guard work.
export function registerGuardCommand(_program: Command): void {}
