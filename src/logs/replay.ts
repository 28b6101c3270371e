/** Rebuilds a SessionInfo by streaming a log line by line; a torn or damaged line is passed over. */
import { troupeError } from '../errors/troupe-error.js';
import type { SessionInfo } from '../protocol/session.js';
import { readLinesForward } from './lines-forward.js';
import { isOwnerAlive, type IsLive } from './liveness.js';
import { parseLogLine } from './parse-line.js';
import { openLog } from './read-page.js';
import { applyLogRecord, createReplayState, type ReplayState } from './replay-state.js';

export interface ReplayOptions {
  /** Default: the owning troupe process is checked in /proc. */
  isLive?: IsLive;
}

export interface ReplayResult {
  info: SessionInfo;
  state: ReplayState;
  /** No footer at the end and the owning troupe process is gone: the session can be resumed. */
  interrupted: boolean;
  /** Lines that were not records (a torn last line, damage). */
  skipped: number;
}

export async function replayLog(path: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  await (await openLog(path)).close(); // a clear LOG_NOT_FOUND before streaming
  const state = createReplayState(path);
  let skipped = 0;
  for await (const line of readLinesForward(path)) {
    const record = parseLogLine(line.text);
    if (!record) {
      if (line.text.length > 0) skipped += 1;
      continue;
    }
    if (state.header === null && record.type !== 'header') {
      throw troupeError('LOG_CORRUPT', `Session log ${path} does not start with a header record.`);
    }
    applyLogRecord(state, record);
  }
  if (!state.header) throw troupeError('LOG_CORRUPT', `Session log ${path} has no header record.`);
  let interrupted = false;
  if (!state.ended && state.owner) {
    const live = await (options.isLive ?? isOwnerAlive)(state.owner);
    if (!live) {
      interrupted = true;
      const info = { ...state.session.info, status: 'stopped' as const };
      info.reason = `interrupted: troupe (pid ${state.owner.troupePid}) ended without closing the session`;
      delete info.pid;
      delete info.restart;
      delete info.pendingPermissions;
      state.session = { ...state.session, info };
    }
  }
  return { info: state.session.info, state, interrupted, skipped };
}

export async function replaySession(path: string, options: ReplayOptions = {}): Promise<SessionInfo> {
  return (await replayLog(path, options)).info;
}
