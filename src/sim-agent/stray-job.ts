/**
 * The `stray` knob: a background job left in the agent's process group, the way a tool's shell
 * can leave `cmd &` running after the CLI exits. It ignores SIGINT and SIGHUP (as `nohup`-style
 * jobs do), so only a sweep of the group with SIGTERM or SIGKILL ends it.
 */
import { spawn } from 'node:child_process';

export function leaveStrayJob(seconds = 300): void {
  const job = spawn('/bin/sh', ['-c', `trap '' INT HUP; exec sleep ${seconds}`], { stdio: 'ignore', detached: false });
  job.on('error', () => undefined);
  job.unref();
}
