// The session log: writer (in the session's worker thread) and readers (history, listing, recovery).
export * from './records.js';
export * from './paths.js';
export { SessionLogWriter, type SessionLogWriterOptions } from './writer.js';
export { parseLogLine } from './parse-line.js';
export { upgradeLegacyRecord, parseLegacyStop } from './legacy-records.js';
export { readLinesForward, type LogLine } from './lines-forward.js';
export { readLogPage, type LogPage, type LogPageOptions } from './read-page.js';
export { applyLogRecord, createReplayState, replayInfo, type ReplayState } from './replay-state.js';
export { replayLog, replaySession, type ReplayOptions, type ReplayResult } from './replay.js';
export { isOwnerAlive, type IsLive } from './liveness.js';
export { listLogFiles, findSessionLog, type LogFile } from './log-files.js';
export { summarizeLog, type LoggedSession, type LoggedStatus, type SummarizeOptions } from './summarize.js';
export { listSessions, findInterruptedSessions, type ListSessionsOptions } from './list-sessions.js';
export { readLogHeader } from './read-header.js';
