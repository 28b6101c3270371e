import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { TROUPE_VERSION } from '../version.js';
import { LOG_SCHEMA_VERSION, type LogHeader } from './records.js';

/** The log's first line: who, what and where. The spec part is for people reading it, never configuration. */
export function logHeader(spec: ResolvedSessionSpec, startedAt: number, troupePid: number, troupeStartTime: string | undefined): LogHeader {
  return {
    type: 'header',
    schema: LOG_SCHEMA_VERSION,
    sessionId: spec.sessionId,
    beadId: spec.beadId,
    persona: spec.persona,
    backend: spec.backend,
    model: spec.model,
    task: spec.task,
    cwd: spec.cwd,
    startedAt,
    troupeVersion: TROUPE_VERSION,
    troupePid,
    troupeStartTime,
    spec: {
      ...(spec.prompt !== undefined ? { prompt: spec.prompt } : {}),
      ...(spec.longLived !== undefined ? { longLived: spec.longLived } : {}),
      ...(spec.permissions ? { permissionMode: spec.permissions.mode } : {}),
    },
    ...(spec.worktree ? { workspace: spec.worktree } : {}),
  };
}

