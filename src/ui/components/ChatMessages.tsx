import { useEffect, useRef, useState } from 'react';
import { useValue } from '../hooks/use-observable.js';
import { useScrollAnchor } from '../hooks/use-scroll-anchor.js';
import type { ChatStore } from '../state/chat-store.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { ChatItemView } from './ChatItems.js';

interface Props {
  store: DashboardStore;
  chat: ChatStore;
  sessionId: string;
  /** A turn is in flight: the last text streams and the agent shows as working. */
  streaming: boolean;
}

const WINDOW = 150;

/** A session's conversation: the last items drawn, older ones (and older log pages) as the reader scrolls up. */
export function ChatMessages({ store, chat, sessionId, streaming }: Props) {
  const state = useValue(chat.state$);
  const [shown, setShown] = useState(WINDOW);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setShown(WINDOW);
  }, [sessionId]);

  const items = state.items;
  const start = Math.max(0, items.length - shown);
  const visible = items.slice(start);
  const last = visible[visible.length - 1];
  // The cursor sits on text that is still streaming, never on an earlier turn's.
  const liveTextKey = last?.kind === 'text' && last.open ? last.key : undefined;

  // Stick to the bottom while the user is there; else keep what they read in place.
  const anchor = useScrollAnchor(scroller, [items, shown], sessionId);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    anchor.onScroll();
    if (el.scrollTop < 60) {
      if (start > 0) setShown((n) => n + WINDOW);
      else if (state.hasOlder && !state.loadingOlder) {
        // Room in the window for the page on its way: a full window would keep it hidden above,
        // and a user already at the top gets no scroll event to reveal it.
        setShown((n) => Math.max(n, items.length + WINDOW));
        void store.loadOlder(sessionId);
      }
    }
  };

  return (
    <div className="messages" ref={scroller} onScroll={onScroll} data-testid="messages">
      {(start > 0 || state.hasOlder) && <div className="older">{state.loadingOlder ? 'Loading older…' : 'Scroll up for older messages'}</div>}
      {!state.loaded && <div className="empty">Loading history…</div>}
      {state.error && <div className="pane-warning">History: {state.error}</div>}
      {visible.map((item) => (
        <ChatItemView key={item.key} item={item} streaming={streaming && item.key === liveTextKey} />
      ))}
      {streaming && <div className="typing" aria-label="the agent is working" />}
    </div>
  );
}
