import { useValue } from '../hooks/use-observable.js';
import type { DashboardStore } from '../state/dashboard-store.js';

interface Props {
  store: DashboardStore;
  onNew: () => void;
  onBeads: () => void;
  onBack: () => void;
}

/** The chat pane with no session open: what to do next, in this project. */
export function EmptyChat({ store, onNew, onBeads, onBack }: Props) {
  const sessions = useValue(store.sessions$);
  const tree = useValue(store.tree$);
  const hasBeads = (tree?.count ?? 0) > 0;
  return (
    <section className="pane chat-pane" aria-label="Chat">
      <div className="chat-head chat-head-empty">
        <button className="chat-back small" onClick={onBack} aria-label="Back to the sessions">
          ‹ Sessions
        </button>
      </div>
      <div className="empty big" data-testid="empty-chat">
        {sessions.size > 0 ? <p>Pick a session in the list to see its chat.</p> : <p>No session yet.</p>}
        <p>
          <button className="primary" onClick={onNew}>
            + New session
          </button>{' '}
          starts a free one: pick a persona, a backend and say what to do.
        </p>
        {hasBeads ? (
          <p>
            Or work on a bead:{' '}
            <button className="link-button beads-link" onClick={onBeads}>
              the beads
            </button>{' '}
            each have a <b>+ session</b> button.
          </p>
        ) : (
          <p className="muted">This project has no beads yet; sessions on a bead get its context (see the Beads pane).</p>
        )}
      </div>
    </section>
  );
}
