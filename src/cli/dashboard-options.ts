import type { Command } from 'commander';
import { parsePort } from './option-parsers.js';

export interface DashboardFlags {
  port?: number;
  host: string;
  open?: boolean;
  newToken?: boolean;
}

/** The options of every command that serves the dashboard (`serve`, `demo`). */
export function addDashboardOptions(command: Command, hostHelp = 'address to bind'): Command {
  return command
    .option('--port <n>', 'port (default 4780, or any free port when taken)', parsePort)
    .option('--host <address>', hostHelp, '127.0.0.1')
    .option('--open', 'open the dashboard in the default browser')
    .option('--new-token', "replace the project's dashboard token (it is kept across restarts); tabs opened with the old one are refused");
}
