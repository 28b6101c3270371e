import type { StderrLine } from '../state/chat-store.js';

interface Props {
  lines: readonly StderrLine[];
}

/** The agent's stderr, in the chat pane's stderr tab. */
export function StderrDrawer({ lines }: Props) {
  return (
    <div className="drawer" aria-label="stderr" data-testid="stderr-drawer">
      <div className="drawer-head">
        <span className="muted" data-testid="stderr-count">
          {lines.length} line{lines.length === 1 ? '' : 's'} on stderr
        </span>
      </div>
      <div className="drawer-body">
        {lines.length === 0 && <div className="empty">Nothing on stderr.</div>}
        {lines.map((l, i) => (
          <div key={`${l.at}-${i}`} className="stderr-line">
            <span className="muted">{new Date(l.at).toLocaleTimeString()}</span> {l.line}
          </div>
        ))}
      </div>
    </div>
  );
}
