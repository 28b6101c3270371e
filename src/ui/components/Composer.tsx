import { useState, type KeyboardEvent } from 'react';
import type { SessionInfo } from '../../protocol/session.js';
import type { DashboardStore } from '../state/dashboard-store.js';

interface Props {
  info: SessionInfo;
  store: DashboardStore;
}

function placeholder(info: SessionInfo): string {
  switch (info.status) {
    case 'idle':
      return 'Send the next turn (Enter to send, Shift+Enter for a new line)';
    case 'failed':
    case 'stopped':
      return `The session is ${info.status}: Revive continues it, with this message if you write one`;
    case 'waiting':
      return 'The agent waits for your answer to its request above';
    case 'restarting':
      return 'Restarting the agent…';
    default:
      return 'The agent is working… (interrupt to take over)';
  }
}

export function Composer({ info, store }: Props) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const canSend = info.status === 'idle' && !sending && text.trim().length > 0;
  const submit = async () => {
    if (!canSend) return;
    setSending(true);
    const ok = await store.send(info.sessionId, text.trim());
    setSending(false);
    if (ok) setText('');
  };
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };
  const live = info.status === 'running' || info.status === 'starting' || info.status === 'waiting';
  const ended = info.status === 'failed' || info.status === 'stopped';
  const revive = () => {
    store.revive(info.sessionId, text.trim() || undefined);
    setText('');
  };
  return (
    <div className="composer">
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        placeholder={placeholder(info)}
        rows={2}
        data-testid="composer-input"
        aria-label="Message to the agent"
      />
      <div className="composer-actions">
        {live && (
          <button onClick={() => store.interrupt(info.sessionId)} title="Interrupt the running turn (SIGINT); the session waits for you" data-testid="interrupt">
            Interrupt
          </button>
        )}
        {ended && (
          <button onClick={revive} data-testid="revive" title="Start the agent again in the same conversation">
            Revive
          </button>
        )}
        <button className="primary" disabled={!canSend} onClick={() => void submit()} data-testid="send">
          Send
        </button>
      </div>
    </div>
  );
}
