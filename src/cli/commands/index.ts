import type { Command } from 'commander';
import { registerBeadsCommand } from './beads.js';
import { registerRunCommand } from './run.js';

/** Each command lives in its own file and registers itself here. */
type Register = (program: Command) => void;

const registrations: Register[] = [registerRunCommand, registerBeadsCommand];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
