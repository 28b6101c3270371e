/**
 * The only file that runs inside a session's worker thread (a piscina task that lasts the
 * session's whole life). Importing it has no side effects: piscina stops replacing workers
 * after one fails during bootstrap.
 */
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { StopReason, WorkerTaskInput } from '../protocol/worker-messages.js';
import { installErrorTransfer } from '../errors/comlink-errors.js';
import { selfIdentity } from '../process/proc-info.js';
import { systemClock } from '../time/clock.js';
import { realAgentHost } from './agent-host.js';
import { hangThisThread } from './fault-injector.js';
import { lowerThisThreadPriority } from './scheduling.js';
import { FileEventLog } from './session-log.js';
import { SessionRunner } from './session-runner.js';
import type { WorkspaceDiff, WorkspaceInfo } from '../protocol/workspace.js';
import { workspaceDiff } from '../workspaces/changes.js';

export default async function runSession(input: WorkerTaskInput): Promise<{ reason: StopReason }> {
  lowerThisThreadPriority();
  if (input.spec.faults?.workerHangAtStart && !input.resume) hangThisThread();
  installErrorTransfer();
  const runner = new SessionRunner(input.spec, input.resume, {
    clock: systemClock,
    host: realAgentHost,
    log: new FileEventLog(input.spec.logPath, input.spec.projectRoot),
    post: (batch) => input.dataPort.postMessage(batch),
    pidSlot: new Int32Array(input.pidSlot),
    troupePid: process.pid,
    troupeStartTime: selfIdentity()?.startTime,
  });
  Comlink.expose(runner.api, nodeEndpoint(input.controlPort));
  runner.start();
  const reason = await runner.finished;
  // Let comlink answer the stop() call that ended us before the port closes.
  await new Promise((resolve) => setImmediate(resolve));
  input.controlPort.close();
  input.dataPort.close();
  return { reason };
}

/**
 * A short task on the same pool (`name: 'workspaceDiffTask'`): the diff of an ended session's
 * workspace, computed off the main thread as a live session's is.
 */
export async function workspaceDiffTask(input: { workspace: WorkspaceInfo }): Promise<WorkspaceDiff> {
  return workspaceDiff(input.workspace);
}
