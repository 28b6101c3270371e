/**
 * The whole troupe path for the contract scenarios: a real Supervisor (worker thread, backend
 * parser, JSONL session log) running a real CLI against its mock API, in a throwaway project.
 */
import { afterEach } from 'vitest';
import { join } from 'node:path';
import { filter, firstValueFrom, map } from 'rxjs';
import type { PermissionRequest } from '../../../src/protocol/permissions.js';
import type { SequencedChunk, SessionInfo, SessionSpec } from '../../../src/protocol/index.js';
import { Supervisor } from '../../../src/supervisor/supervisor.js';
import { readLogPage, replayLog, type LogRecord } from '../../../src/logs/index.js';
import { toSequencedChunk } from '../../../src/session/sequenced-chunk.js';
import type { MockApi } from '../mock-apis/mock-server.js';
import type { MockReply } from '../mock-apis/script.js';
import type { CliDriver } from './cli-drivers.js';
import type { CliSettings } from './cli-settings.js';
import { makeSandbox, type Sandbox } from './throwaway-home.js';
import { PROCESS_WALL_CLOCK_MS } from './timeouts.js';

/** No turn of these scenarios may take longer; a CLI that hangs fails the test instead of the suite. */
const TURN_WALL_CLOCK_MS = PROCESS_WALL_CLOCK_MS;

export interface TroupeFixture {
  supervisor: Supervisor;
  api: MockApi;
  box: Sandbox;
  settings: CliSettings;
  /** Starts a session of this CLI on the mock; its chunks are collected from the first one on. */
  start(prompt: string, extra?: Partial<SessionSpec>): Promise<{ id: string; chunks: SequencedChunk[] }>;
}

export function troupeFixtures(driver: CliDriver): (replies: MockReply[]) => Promise<TroupeFixture> {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (replies) => {
    const api = await driver.startApi(replies);
    const box = makeSandbox(`${driver.cli}-troupe`);
    cleanups.push(() => api.close(), () => box.remove());
    const settings = driver.settings(api.url, box.home);
    const supervisor = new Supervisor({
      projectRoot: box.cwd,
      childRegistryDir: join(box.root, 'children'),
      warmThreads: 1,
      shutdownMs: 2_000,
      inactivityTimeoutMs: TURN_WALL_CLOCK_MS,
    });
    cleanups.push(() => supervisor.shutdown());
    const start = async (prompt: string, extra: Partial<SessionSpec> = {}) => {
      const id = await supervisor.start({
        backend: driver.cli,
        persona: 'specialist',
        prompt,
        model: settings.model,
        env: settings.env,
        extraArgs: settings.extraArgs,
        // These scenarios are the process-per-turn mode; claude-permissions.test.ts runs claude's default (long-lived, control protocol).
        longLived: false,
        ...extra,
      });
      const chunks: SequencedChunk[] = [];
      supervisor.chunks(id).subscribe((chunk) => chunks.push(chunk));
      return { id, chunks };
    };
    return { supervisor, api, box, settings, start };
  };
}

/** `promise`, or a failure once the wall-clock limit of one turn has passed. */
async function withinTurnLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${TURN_WALL_CLOCK_MS} ms (wall-clock limit)`)), TURN_WALL_CLOCK_MS);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** whenSettled, within the wall-clock limit of one turn. */
export function settled(supervisor: Supervisor, id: string): Promise<SessionInfo> {
  return withinTurnLimit(supervisor.whenSettled(id), 'turn did not settle');
}

/** The session's next live chunk of this kind, within the wall-clock limit of one turn. Subscribe before it can arrive. */
export function nextChunk<K extends SequencedChunk['kind']>(supervisor: Supervisor, id: string, kind: K): Promise<Extract<SequencedChunk, { kind: K }>> {
  const found = firstValueFrom(supervisor.chunks(id).pipe(filter((chunk): chunk is Extract<SequencedChunk, { kind: K }> => chunk.kind === kind)));
  return withinTurnLimit(found, `no ${kind} chunk arrived`);
}

/** The session's first pending permission request (now, or once it asks), within the wall-clock limit of one turn. */
export function pendingRequest(supervisor: Supervisor, id: string): Promise<PermissionRequest> {
  const asked = firstValueFrom(
    supervisor.sessions$.pipe(
      map((sessions) => sessions.find((s) => s.sessionId === id)?.pendingPermissions?.[0]),
      filter((request): request is PermissionRequest => request !== undefined),
    ),
  );
  return withinTurnLimit(asked, 'no permission request arrived');
}

/** Every record of a session log, oldest first. */
export async function logRecords(path: string): Promise<LogRecord[]> {
  const page = await readLogPage(path, { limit: 100_000 });
  return page.records.reverse();
}

/** The session rebuilt from its log alone, as the dashboard's history does. */
export async function replayed(path: string): Promise<SessionInfo> {
  return (await replayLog(path)).info;
}

export function loggedChunks(records: LogRecord[]): SequencedChunk[] {
  return records.flatMap((record) => (record.type === 'chunk' ? [toSequencedChunk(record)] : []));
}

/** Every event of a log, numbered 1, 2, 3... without a gap. */
export function loggedEventSeqs(records: LogRecord[]): number[] {
  return records.flatMap((record) => (record.type === 'header' || record.type === 'footer' ? [] : [record.seq]));
}
