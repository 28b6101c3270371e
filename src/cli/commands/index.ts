import type { Command } from 'commander';
import { registerBeadsCommand } from './beads.js';
import { registerRunCommand } from './run.js';
import { registerResumeCommand } from './resume.js';
import { registerServeCommand } from './serve.js';
import { registerDemoCommand } from './demo.js';
import { registerStressCommand } from './stress.js';
import { registerDoctorCommand } from './doctor.js';
import { registerSessionsCommand } from './sessions.js';
import { registerLogsCommand } from './logs.js';
import { registerWorkspaceCommands } from './workspace.js';
import { registerWorktreesCommand } from './worktrees.js';

/** Each command lives in its own file and registers itself here. */
type Register = (program: Command) => void;

const registrations: Register[] = [registerRunCommand, registerResumeCommand, registerBeadsCommand, registerServeCommand, registerDemoCommand, registerDoctorCommand, registerStressCommand, registerSessionsCommand, registerLogsCommand, registerWorkspaceCommands, registerWorktreesCommand];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
