/** What the dashboard server needs from the rest of troupe, injected so each part can be swapped. */
import type { Observable } from 'rxjs';
import type { BackendId } from '../protocol/ids.js';
import type { SessionInfo } from '../protocol/session.js';
import type { BackendStatus, HistoryPage, PersonaSummary, WireTree } from '../protocol/wire.js';
import type { SupervisorApi } from '../supervisor/types.js';
import type { PastSessionsService } from './past-sessions.js';

/** The project's WBS tree, kept current by a file watch. */
export interface TreeSource {
  current(): WireTree | null;
  /** Every new tree after a change on disk. */
  readonly updates$: Observable<WireTree>;
  close(): void;
}

export interface HistoryRequest {
  limit: number;
  before?: number;
}

export interface DashboardServices {
  supervisor: SupervisorApi;
  projectRoot: string;
  projectName: string;
  defaultBackend: BackendId;
  backends(): Promise<BackendStatus[]>;
  personas(): Promise<PersonaSummary[]>;
  tree: TreeSource;
  /** A page of the session's log, newest first. */
  history(info: SessionInfo, request: HistoryRequest): Promise<HistoryPage>;
  /** Every session in the project's logs (the history view); absent, the view says so. */
  past?: PastSessionsService;
}
