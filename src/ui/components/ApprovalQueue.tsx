/**
 * Every pending request across sessions, oldest first, so one person can clear many agents' requests
 * in a row: the keys a / d / s answer the focused card, and the focus then moves to the next one.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { PermissionRequest } from '../../protocol/permissions.js';
import type { SessionInfo } from '../../protocol/session.js';
import { useValue } from '../hooks/use-observable.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { shortId } from '../lib/format.js';
import { indexBeads } from '../lib/session-labels.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { PermissionCard } from './PermissionCard.js';
import './approvals.css';

interface Pending {
  info: SessionInfo;
  request: PermissionRequest;
}

/** Oldest first: the order the agents asked in. */
export function pendingRequests(sessions: Iterable<SessionInfo>): Pending[] {
  const all: Pending[] = [];
  for (const info of sessions) for (const request of info.pendingPermissions ?? []) all.push({ info, request });
  return all.sort((a, b) => a.request.askedAt - b.request.askedAt || a.request.requestId.localeCompare(b.request.requestId));
}

/** The header's button: how many requests wait, and the queue opened or closed. */
export function ApprovalToggle({ store, open, onToggle }: { store: DashboardStore; open: boolean; onToggle: () => void }) {
  const sessions = useValue(store.sessions$);
  const count = useMemo(() => pendingRequests(sessions.values()).length, [sessions]);
  if (count === 0 && !open) return null;
  return (
    <button className="small approval-toggle" onClick={onToggle} data-testid="approval-queue-toggle" title="Every request waiting for a person, oldest first" aria-label={`${count} approval${count === 1 ? '' : 's'} waiting`}>
      {count}
      <span className="stat-word"> approval{count === 1 ? '' : 's'}</span> {open ? '▴' : '▾'}
    </button>
  );
}

export function ApprovalQueue({ store, open, setOpen }: { store: DashboardStore; open: boolean; setOpen: (open: boolean) => void }) {
  const sessions = useValue(store.sessions$);
  const tree = useValue(store.tree$);
  const beads = useMemo(() => indexBeads(tree), [tree]);
  const personaIcon = usePersonaIcon(store);
  const pending = useMemo(() => pendingRequests(sessions.values()), [sessions]);
  const body = useRef<HTMLDivElement>(null);
  const focusNext = useRef<number | null>(null);

  // Opened: the oldest card takes the focus. After an answer, the next one does, so the keys work on it at once.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) focusNext.current = 0;
    wasOpen.current = open;
    if (!open || focusNext.current === null) return;
    const cards = body.current?.querySelectorAll<HTMLElement>('[data-testid="permission-card"]');
    const card = cards?.[Math.min(focusNext.current, cards.length - 1)];
    focusNext.current = null;
    card?.focus();
  }, [open, pending]);

  if (!open) return null;
  return (
    <>
      {open && (
        <section className="approval-queue" aria-label="Approval queue" data-testid="approval-queue">
          <div className="approval-queue-head">
            <h2>Waiting for approval</h2>
            <span className="muted">{pending.length}</span>
            <span className="muted small-text">oldest first · a allow · d deny · s for the session</span>
            <button className="icon-btn" style={{ marginLeft: 'auto' }} onClick={() => setOpen(false)} title="Close">
              ✕
            </button>
          </div>
          <div className="approval-queue-body" ref={body}>
            {pending.length === 0 && <div className="empty">Nothing waits for a person.</div>}
            {pending.map(({ info, request }, index) => (
              <div key={`${info.sessionId}/${request.requestId}`} className="approval-item" data-testid="approval-item" data-session={info.sessionId}>
                <button className="link-button approval-item-session" onClick={() => store.select(info.sessionId)} title="Open this session">
                  <span className="persona-icon">{personaIcon(info.persona)}</span>
                  <span className="bead-id">{info.beadId ?? shortId(info.sessionId)}</span>
                  <span className="muted">{info.beadId ? (beads.get(info.beadId)?.title ?? '') : info.persona}</span>
                </button>
                <PermissionCard
                  request={request}
                  onAnswer={async (requestId, answer) => {
                    focusNext.current = index;
                    return store.answerPermission(info.sessionId, requestId, answer);
                  }}
                />
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
