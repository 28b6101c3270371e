import type { StderrLine } from '../state/chat-store.js';

interface Props {
  lines: readonly StderrLine[];
  onClose: () => void;
}

export function StderrDrawer({ lines, onClose }: Props) {
  return (
    <aside className="drawer" aria-label="stderr" data-testid="stderr-drawer">
      <div className="drawer-head">
        <b>stderr</b>
        <span className="muted">{lines.length} lines</span>
        <button className="icon-btn" onClick={onClose} aria-label="close">
          ✕
        </button>
      </div>
      <div className="drawer-body">
        {lines.length === 0 && <div className="empty">Nothing on stderr.</div>}
        {lines.map((l, i) => (
          <div key={`${l.at}-${i}`} className="stderr-line">
            <span className="muted">{new Date(l.at).toLocaleTimeString()}</span> {l.line}
          </div>
        ))}
      </div>
    </aside>
  );
}
