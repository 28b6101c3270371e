import type { SessionInfo } from '../../protocol/session.js';
import { statusLabel } from '../lib/session-labels.js';
import { mostUrgentTone, TONE_GLYPHS } from '../lib/session-tone.js';
import '../styles/session-marks.css';

interface Props {
  sessions: readonly SessionInfo[];
  personaIcon: (persona: string) => string;
  attention: (info: SessionInfo) => boolean;
  onSelect: (sessionId: string) => void;
}

/** Sessions of one bead: a dot (pulsing while it works, marked when it failed or waits) with the persona icon, a count badge when several. */
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
        const tone = mostUrgentTone(list);
        const state = tone === 'starting' ? 'running' : tone;
        const glyph = TONE_GLYPHS[tone];
        const wants = list.some(attention);
        return (
          <button
            key={persona}
            className={`indicator ind-${state}${wants ? ' wants' : ''}`}
            data-testid="session-indicator"
            data-persona={persona}
            data-count={list.length}
            data-state={tone}
            title={`${list.length} ${persona} session${list.length > 1 ? 's' : ''}: ${list.map((s) => statusLabel(s)).join(', ')}`}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(first.sessionId);
            }}
          >
            <span className="pulse" />
            {glyph && <span className="tone-glyph">{glyph}</span>}
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
