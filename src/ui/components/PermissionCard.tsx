/**
 * What an agent asks before it acts, and the person's answer: Allow / Deny / Allow for this session
 * (keys a, d, s on the focused card), or the options of a question. Used in the chat and in the queue.
 */
import { createContext, useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PermissionAnswer, PermissionQuestion, PermissionRequest } from '../../protocol/permissions.js';
import type { PermissionResolution } from '../state/chat-model.js';
import './approvals.css';

export type AnswerFn = (requestId: string, answer: PermissionAnswer) => Promise<boolean>;

/** How the chat of one session answers its cards. */
export const PermissionAnswerContext = createContext<AnswerFn | null>(null);

interface Props {
  request: PermissionRequest;
  resolved?: PermissionResolution;
  /** Default: the chat's (PermissionAnswerContext). */
  onAnswer?: AnswerFn;
  /** Take the keyboard focus when it appears and nothing else has it. */
  autoFocus?: boolean;
  itemKey?: string;
}

export function PermissionCard({ request, resolved, onAnswer, autoFocus, itemKey }: Props) {
  const fromChat = useContext(PermissionAnswerContext);
  const answerWith = onAnswer ?? fromChat;
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const pending = !resolved;

  useEffect(() => {
    if (pending && autoFocus && (document.activeElement === null || document.activeElement === document.body)) root.current?.focus();
  }, [pending, autoFocus]);

  const send = async (answer: PermissionAnswer) => {
    if (!answerWith || busy || resolved) return;
    setBusy(true);
    const ok = await answerWith(request.requestId, answer);
    // On success the card turns resolved when the event arrives; on a refusal it can be tried again.
    if (!ok) setBusy(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!pending || event.altKey || event.ctrlKey || event.metaKey || request.kind === 'question') return;
    if ((event.target as HTMLElement).closest('input, textarea')) return;
    const key = event.key.toLowerCase();
    if (key === 'a') void send({ decision: 'allow' });
    else if (key === 'd') void send({ decision: 'deny' });
    else if (key === 's' && request.sessionRule) void send({ decision: 'allow', scope: 'session' });
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={root}
      className={`permission-card${resolved ? ` resolved ${resolved.decision}` : ' pending'}${busy ? ' busy' : ''}`}
      data-testid="permission-card"
      data-request={request.requestId}
      data-state={resolved ? `${resolved.decision}-${resolved.by}` : 'pending'}
      data-key={itemKey}
      tabIndex={pending ? 0 : -1}
      onKeyDown={onKeyDown}
      aria-label={`${request.kind === 'question' ? 'Question' : 'Approval'}: ${request.toolName} ${request.summary}`}
    >
      <div className="permission-head">
        <span className="permission-tool">{request.kind === 'question' ? 'Question' : request.toolName}</span>{' '}
        <span className="permission-summary">{request.summary}</span>
      </div>
      {request.reason && <div className="permission-reason muted">{request.reason}</div>}
      {request.preview && <pre className="permission-preview">{request.preview}</pre>}
      {pending && request.kind === 'question' && <QuestionForm questions={request.questions ?? []} busy={busy} onAnswer={send} />}
      {pending && request.kind === 'tool' && (
        <div className="permission-actions">
          <button className="primary small" disabled={busy} onClick={() => void send({ decision: 'allow' })} data-testid="permission-allow" title="Allow this once (a)">
            Allow
          </button>
          <button className="small danger-outline" disabled={busy} onClick={() => void send({ decision: 'deny' })} data-testid="permission-deny" title="Deny (d)">
            Deny
          </button>
          {request.sessionRule && (
            <button className="small" disabled={busy} onClick={() => void send({ decision: 'allow', scope: 'session' })} data-testid="permission-session" title={`Allow ${request.sessionRule} for the rest of this session (s)`}>
              Allow for this session <code>{request.sessionRule}</code>
            </button>
          )}
          <span className="permission-keys muted">a · d{request.sessionRule ? ' · s' : ''}</span>
        </div>
      )}
      <div className="permission-state">{resolved ? resolutionText(request, resolved) : request.kind === 'question' ? 'waiting for your answer' : 'waiting for approval'}</div>
    </div>
  );
}

function QuestionForm({ questions, busy, onAnswer }: { questions: PermissionQuestion[]; busy: boolean; onAnswer: (answer: PermissionAnswer) => void }) {
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const single = questions.length === 1 && !questions[0]?.multiSelect;
  const pick = (question: PermissionQuestion, label: string) => {
    if (single) return onAnswer({ decision: 'allow', answers: { [question.question]: label } });
    const now = chosen[question.question] ?? [];
    const next = question.multiSelect ? (now.includes(label) ? now.filter((l) => l !== label) : [...now, label]) : [label];
    setChosen({ ...chosen, [question.question]: next });
  };
  const complete = questions.every((q) => (chosen[q.question]?.length ?? 0) > 0);
  return (
    <div className="question-form">
      {questions.map((question) => (
        <div key={question.question} className="question">
          <div className="question-text">
            {question.header && <span className="question-header">{question.header}</span>} {question.question}
          </div>
          <div className="question-options">
            {question.options.map((option) => (
              <button
                key={option.label}
                className={`small option${chosen[question.question]?.includes(option.label) ? ' on' : ''}`}
                disabled={busy}
                title={option.description}
                onClick={() => pick(question, option.label)}
                data-testid="question-option"
              >
                {option.label}
                {option.description && <span className="option-description muted"> — {option.description}</span>}
              </button>
            ))}
          </div>
        </div>
      ))}
      <div className="permission-actions">
        {!single && (
          <button
            className="primary small"
            disabled={busy || !complete}
            onClick={() => onAnswer({ decision: 'allow', answers: Object.fromEntries(Object.entries(chosen).map(([q, labels]) => [q, labels.join(', ')])) })}
            data-testid="question-submit"
          >
            Answer
          </button>
        )}
        <button className="small danger-outline" disabled={busy} onClick={() => onAnswer({ decision: 'deny', message: 'The person chose not to answer.' })} data-testid="permission-deny">
          Don’t answer
        </button>
      </div>
    </div>
  );
}

function resolutionText(request: PermissionRequest, resolved: PermissionResolution): string {
  if (resolved.by === 'cancelled') return 'withdrawn (interrupted, or the agent stopped)';
  if (request.kind === 'question' && resolved.decision === 'allow') {
    return `answered: ${Object.values(resolved.answers ?? {}).join('; ') || '—'}`;
  }
  const what = resolved.decision === 'allow' ? 'allowed' : 'denied';
  if (resolved.by === 'policy') return `${what} by the session’s policy${resolved.rule ? ` (${resolved.rule})` : resolved.message ? ` (${resolved.message})` : ''}`;
  return `${what} by you${resolved.scope === 'session' && resolved.rule ? `, and ${resolved.rule} for the rest of this session` : ''}${resolved.decision === 'deny' && resolved.message ? `: ${resolved.message}` : ''}`;
}
