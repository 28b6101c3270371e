import { SessionLogWriter } from '../logs/writer.js';
import type { LogRecord } from '../logs/records.js';
import { LOG_SCHEMA_VERSION } from '../logs/records.js';
import { messageOf } from '../errors/troupe-error.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { TROUPE_VERSION } from '../version.js';
import { redactEnv } from './redact-env.js';

/**
 * The session's log as the worker sees it: every record is appended synchronously before it is
 * forwarded, and the first write error switches the log off and is reported once.
 */
export class WorkerSessionLog {
  private writer: SessionLogWriter | null = null;
  private failure: string | null = null;

  constructor(private readonly onFailure: (message: string) => void) {}

  get broken(): boolean {
    return this.failure !== null;
  }

  create(spec: ResolvedSessionSpec, troupeStartTime: string | undefined): void {
    this.guard(() => {
      this.writer = SessionLogWriter.create(spec.logPath, {
        type: 'header',
        schema: LOG_SCHEMA_VERSION,
        sessionId: spec.sessionId,
        beadId: spec.beadId,
        persona: spec.persona,
        backend: spec.backend,
        model: spec.model,
        task: spec.task,
        cwd: spec.cwd,
        startedAt: Date.now(),
        troupeVersion: TROUPE_VERSION,
        troupePid: process.pid,
        troupeStartTime,
        spec: { ...spec, env: redactEnv(spec.env) },
      }, { projectRoot: spec.projectRoot });
    });
  }

  reopen(path: string): void {
    this.guard(() => {
      this.writer = SessionLogWriter.reopen(path);
    });
  }

  append(record: LogRecord): boolean {
    if (!this.writer || this.failure) return false;
    return this.guard(() => this.writer!.append(record));
  }

  close(footer: Extract<LogRecord, { type: 'footer' }>): void {
    if (!this.writer) return;
    const writer = this.writer;
    this.writer = null;
    if (this.failure) {
      try {
        writer.close();
      } catch {
        // Already reported; the file handle is gone either way.
      }
      return;
    }
    this.guard(() => writer.close(footer));
  }

  private guard(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (this.failure === null) {
        this.failure = messageOf(error);
        this.onFailure(this.failure);
      }
      return false;
    }
  }
}
