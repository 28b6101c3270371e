/**
 * What `troupe sessions` shows of one log, read from its head and tail only: a large log is never
 * read whole. When the log is larger than both windows, the restart count is the one seen in them
 * (exact once the session has a footer, whose totals carry it).
 */
import { troupeError } from '../errors/troupe-error.js';
import { readLinesBackward } from './lines-backward.js';
import { readLinesForward } from './lines-forward.js';
import { isOwnerAlive, type IsLive } from './liveness.js';
import { parseLogLine } from './parse-line.js';
import { openLog } from './read-page.js';
import type { LogOwner, LogRecord } from './records.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { applyLogRecord, createReplayState } from './replay-state.js';
import { loggedLabel, type LoggedStatus } from './logged-label.js';
import type { StopReason } from '../protocol/session-events.js';

export type { LoggedStatus };

export interface LoggedSession {
  id: string;
  beadId?: string;
  persona: string;
  backend: string;
  model?: string;
  /** `running`: no final footer and its troupe process lives; `interrupted`: no footer, process gone. */
  status: LoggedStatus;
  /** In the dashboard's words: "waiting for you", "turn failed", "finished", "stopped", "failed", "interrupted"... */
  label: string;
  /** How it ended (the footer's reason), when it did. */
  endReason?: StopReason;
  /** Ended and interrupted sessions can be continued with `troupe resume` (running ones belong to their troupe). */
  resumable: boolean;
  startedAt: number;
  lastActivity: number;
  turns: number;
  restarts: number;
  cliSessionId?: string;
  logPath: string;
  /** The footer's reason when ended; why it counts as interrupted otherwise. */
  reason?: string;
  owner: LogOwner;
  sizeBytes: number;
  /** False when the log was larger than the windows read, so middle records were not seen. */
  complete: boolean;
  /** The worktree the log says the session had (data: check it before using it). */
  workspace?: WorkspaceInfo;
}

export interface SummarizeOptions {
  isLive?: IsLive;
  /** Bytes read from the start (the header, and the CLI session id captured early). Default 64 KiB. */
  headBytes?: number;
  /** Bytes read from the end. Default 256 KiB. */
  tailBytes?: number;
  blockSize?: number;
}

export async function summarizeLog(path: string, options: SummarizeOptions = {}): Promise<LoggedSession> {
  const headBytes = options.headBytes ?? 64 * 1024;
  const tailBytes = options.tailBytes ?? 256 * 1024;
  const state = createReplayState(path);

  let headEnd = 0;
  for await (const line of readLinesForward(path, { blockSize: options.blockSize })) {
    if (line.offset >= headBytes) break;
    const record = parseLogLine(line.text);
    if (state.header === null && record?.type !== 'header') {
      throw troupeError('LOG_CORRUPT', `Session log ${path} does not start with a header record.`);
    }
    if (record) applyLogRecord(state, record);
    headEnd = line.next;
  }
  if (!state.header) throw troupeError('LOG_CORRUPT', `Session log ${path} is empty.`);

  const handle = await openLog(path);
  const tail: LogRecord[] = [];
  let size: number;
  let tailStart: number;
  try {
    size = (await handle.stat()).size;
    tailStart = size;
    for await (const line of readLinesBackward(handle, size, options.blockSize, size)) {
      if (line.offset < headEnd || size - line.offset > tailBytes) break;
      tailStart = line.offset;
      const record = parseLogLine(line.text);
      if (record) tail.push(record);
    }
  } finally {
    await handle.close();
  }
  for (let i = tail.length - 1; i >= 0; i -= 1) applyLogRecord(state, tail[i] as LogRecord);
  const complete = tailStart <= headEnd;

  const info = state.session.info;
  const owner = state.owner ?? { troupePid: state.header.troupePid };
  let status: LoggedStatus = 'ended';
  if (!state.ended) status = (await (options.isLive ?? isOwnerAlive)(owner)) ? 'running' : 'interrupted';
  const restarts = complete ? info.restarts : Math.max(info.restarts, state.lastRestartAttempt);
  return {
    id: info.sessionId,
    beadId: info.beadId,
    persona: info.persona,
    backend: info.backendId,
    model: info.model,
    status,
    label: loggedLabel(status, info, state.ended ? state.footer?.reason : undefined, state.stoppedWhile),
    ...(state.ended && state.footer ? { endReason: state.footer.reason } : {}),
    resumable: status !== 'running',
    startedAt: info.createdAt,
    lastActivity: info.lastActivity,
    turns: info.turns,
    restarts,
    cliSessionId: info.cliSessionId,
    logPath: path,
    reason:
      status === 'ended'
        ? info.reason
        : status === 'interrupted'
          ? `troupe (pid ${owner.troupePid}) ended without closing the session`
          : undefined,
    owner,
    sizeBytes: size,
    complete,
    ...(info.workspace ? { workspace: info.workspace } : {}),
  };
}
