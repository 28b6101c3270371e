import { useEffect, useMemo, useState } from 'react';
import type { PastSession } from '../../protocol/past-sessions.js';
import { useValue } from '../hooks/use-observable.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { shortId } from '../lib/format.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import type { HistoryStore } from '../state/history-store.js';
import { ChatMessages } from './ChatMessages.js';
import '../styles/chat-head.css';
import '../styles/history.css';

interface Props {
  store: DashboardStore;
  history: HistoryStore;
  sessionId: string;
  onBack?: () => void;
  /** The session is listed again and its next turn started. */
  onResumed: (sessionId: string) => void;
}

/** A past session from its log: the transcript, read-only, and Resume (with a message, or troupe's own "continue"). */
export function PastSessionPanel({ store, history, sessionId, onBack, onResumed }: Props) {
  const chat = useMemo(() => store.chat(sessionId), [store, sessionId]);
  const personaIcon = usePersonaIcon(store);
  const [info, setInfo] = useState<PastSession | undefined>(() => history.get(sessionId));
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const state = useValue(store.state$);

  useEffect(() => {
    const known = history.get(sessionId);
    setInfo(known);
    if (known || state !== 'open') return;
    // Opened by its address (a pop-out after troupe restarted): found by its id.
    let current = true;
    store
      .findSessions(sessionId, undefined, 1)
      .then((page) => current && setInfo(page.sessions.find((s) => s.sessionId === sessionId)))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [store, history, sessionId, state]);

  const resume = async () => {
    setBusy(true);
    const id = await store.resume(sessionId, message.trim() || undefined);
    setBusy(false);
    if (id) {
      setMessage('');
      onResumed(id);
    }
  };

  return (
    <section className="pane chat-pane past-pane" aria-label="Past session" data-testid="past-session" data-session={sessionId}>
      <div className="chat-head">
        {onBack && (
          <button className="chat-back small" onClick={onBack} aria-label="Back to the history">
            ‹
          </button>
        )}
        <span className="persona-icon big">{info ? personaIcon(info.persona) : ''}</span>
        <div className="chat-title">
          <div className="chat-title-line" title={info?.beadTitle}>
            <span className="bead-id">{info?.beadId ?? (info ? 'no bead' : shortId(sessionId))}</span> <span className="chat-bead-title">{info?.beadTitle ?? ''}</span>
          </div>
          <div className="chat-detail muted small-text">
            <span className="chat-status" data-testid="past-label">
              {info?.label ?? 'from the logs'}
            </span>
            {info && (
              <span className="chat-facts" title={info.reason}>
                {info.persona} · {info.backend} · started {new Date(info.startedAt).toLocaleString()} · T{info.turns}
                {info.restarts > 0 ? ` · ↻${info.restarts}` : ''}
                {info.reason ? ` · ${info.reason}` : ''}
              </span>
            )}
            <span className="chat-keep">
              <span className="chat-id" title={`troupe session ${sessionId}`}>
                {shortId(sessionId)}
              </span>
            </span>
          </div>
        </div>
        <span className="read-only-mark" title="Read from the session's log; Resume to continue it">
          read-only
        </span>
      </div>
      <div className="chat-body">
        <ChatMessages store={store} chat={chat} sessionId={sessionId} streaming={false} />
      </div>
      <div className="composer resume-bar">
        <textarea
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          rows={2}
          placeholder={
            info && !info.resumable
              ? 'Another troupe runs this session: continue it there'
              : 'Resume continues this conversation: with this message, or troupe asks the agent to carry on'
          }
          disabled={info !== undefined && !info.resumable}
          data-testid="resume-message"
          aria-label="Message to resume with"
        />
        <div className="composer-actions">
          <button className="primary" onClick={() => void resume()} disabled={busy || (info !== undefined && !info.resumable)} data-testid="resume">
            {busy ? 'Resuming…' : 'Resume'}
          </button>
        </div>
      </div>
    </section>
  );
}
