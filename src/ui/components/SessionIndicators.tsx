import type { SessionInfo } from '../../protocol/session.js';
interface Props {
  sessions: readonly SessionInfo[];
  personaIcon: (persona: string) => string;
  attention: (info: SessionInfo) => boolean;
  onSelect: (sessionId: string) => void;
}

/** Live sessions of one bead: a pulsing dot with the persona icon, a count badge when several. */
export function SessionIndicators({ sessions, personaIcon, attention, onSelect }: Props) {
  const byPersona = new Map<string, SessionInfo[]>();
  for (const s of sessions) {
    const list = byPersona.get(s.persona);
    if (list) list.push(s);
    else byPersona.set(s.persona, [s]);
  }
  return (
    <span className="indicators">
      {[...byPersona.entries()].map(([persona, list]) => {
        const first = list[0] as SessionInfo;
        const waiting = list.some((s) => s.status === 'waiting');
        const state = waiting
          ? 'waiting'
          : list.some((s) => s.status === 'failed')
          ? 'failed'
          : list.some((s) => s.status === 'restarting')
            ? 'restarting'
            : list.some((s) => s.status === 'running' || s.status === 'starting')
              ? 'running'
              : 'idle';
        const wants = list.some(attention);
        return (
          <button
            key={persona}
            className={`indicator ind-${state}${wants ? ' wants' : ''}`}
            data-testid="session-indicator"
            data-persona={persona}
            data-count={list.length}
            title={`${list.length} ${persona} session${list.length > 1 ? 's' : ''}: ${list.map((s) => s.status).join(', ')}`}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(first.sessionId);
            }}
          >
            <span className="pulse" />
            <span className="persona-icon">{personaIcon(persona)}</span>
            {list.some((s) => s.permissionMode === 'bypass') && (
              <span className="bypass-badge tree-bypass" data-testid="tree-bypass-badge" title="a session here runs with --permissions bypass: it does anything without asking">
                !
              </span>
            )}
            {waiting && (
              <span className="approve-badge" data-testid="tree-approve-badge" title="needs you · approve">
                !
              </span>
            )}
            {list.length > 1 && (
              <span className="count-badge" data-testid="count-badge">
                {list.length}
              </span>
            )}
          </button>
        );
      })}
    </span>
  );
}
