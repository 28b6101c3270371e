import { useEffect, useRef, useState } from 'react';
import { TASK_KINDS, type BackendId, type TaskKind } from '../../protocol/ids.js';
import type { WireBead } from '../../protocol/wire.js';
import { useValue } from '../hooks/use-observable.js';
import { DEFAULT_SIM_BEHAVIOUR, simBehaviourEnv, type SimBehaviour } from '../lib/sim-behaviour.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { SimBehaviourFields } from './SimBehaviourFields.js';
import '../styles/start-dialog.css';

interface Props {
  store: DashboardStore;
  bead: WireBead | null;
  onClose: () => void;
  onStarted: (sessionId: string) => void;
}

export function StartSessionDialog({ store, bead, onClose, onStarted }: Props) {
  const hello = useValue(store.hello$);
  const personas = hello?.personas ?? [];
  const backends = hello?.backends ?? [];
  const firstInstalled = backends.find((b) => b.installed)?.id;
  const defaultBackend = backends.find((b) => b.id === hello?.defaultBackend && b.installed)?.id ?? firstInstalled ?? 'sim';
  const [persona, setPersona] = useState(personas.find((p) => p.id === 'specialist')?.id ?? personas[0]?.id ?? 'specialist');
  const [backend, setBackend] = useState<BackendId>(defaultBackend);
  const personaInfo = personas.find((p) => p.id === persona);
  const [task, setTask] = useState<TaskKind | ''>('');
  const [prompt, setPrompt] = useState('');
  const [model, setModel] = useState('');
  const [sim, setSim] = useState<SimBehaviour>(DEFAULT_SIM_BEHAVIOUR);
  const models = backends.find((b) => b.id === backend)?.models ?? [];
  const [busy, setBusy] = useState(false);
  const promptRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    promptRef.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const tasks = personaInfo?.tasks?.length ? personaInfo.tasks : [...TASK_KINDS];
  const defaultTask = bead ? (personaInfo?.defaultTask ?? 'chat') : 'chat';
  const submit = async () => {
    setBusy(true);
    const sessionId = await store.startSession({
      backend,
      persona,
      ...(bead ? { beadId: bead.id } : {}),
      ...(task ? { task } : {}),
      ...(prompt.trim() ? { prompt: prompt.trim() } : {}),
      ...(model.trim() ? { model: model.trim() } : {}),
      ...(backend === 'sim' ? { env: simBehaviourEnv(sim) } : {}),
    });
    setBusy(false);
    if (sessionId) onStarted(sessionId);
  };

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <form
        className="modal"
        role="dialog"
        aria-label="Start a session"
        data-testid="start-dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3>Start a session</h3>
        <div className="modal-bead">
          {bead ? (
            <>
              <span className="bead-id">{bead.id}</span> {bead.title}
            </>
          ) : (
            <span className="muted">No bead: a free-standing session</span>
          )}
        </div>
        <fieldset className="personas">
          <legend>Persona</legend>
          {personas.map((p) => (
            <label key={p.id} className={`persona-choice${persona === p.id ? ' on' : ''}`} title={p.description}>
              <input type="radio" name="persona" value={p.id} checked={persona === p.id} onChange={() => setPersona(p.id)} />
              <span className="persona-icon">{p.icon}</span>
              <span>{p.label}</span>
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <label>
            Backend
            <select value={backend} onChange={(e) => setBackend(e.target.value as BackendId)} data-testid="backend-select">
              {backends.map((b) => (
                <option key={b.id} value={b.id} disabled={!b.installed} title={b.reason}>
                  {b.label}
                  {b.installed ? (b.version ? ` ${b.version}` : '') : ' (not installed)'}
                </option>
              ))}
            </select>
          </label>
          <label>
            Model
            <input
              list="model-suggestions"
              value={model}
              onChange={(e) => setModel(e.target.value)}
              placeholder="the CLI's default"
              pattern="[A-Za-z0-9][A-Za-z0-9._:/@\[\]\-]{0,99}"
              title="A model name for the CLI's --model: letters, digits and . _ : / @ -"
              data-testid="model-input"
            />
            <datalist id="model-suggestions">
              {models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
          <label>
            Task
            <select value={task} onChange={(e) => setTask(e.target.value as TaskKind | '')}>
              <option value="">default ({defaultTask})</option>
              {tasks.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </div>
        {backends.some((b) => !b.installed) && (
          <ul className="backend-reasons">
            {backends
              .filter((b) => !b.installed)
              .map((b) => (
                <li key={b.id}>
                  <b>{b.label}</b> unavailable: {b.reason ?? 'not installed'}
                </li>
              ))}
          </ul>
        )}
        {backend === 'sim' && <SimBehaviourFields value={sim} onChange={setSim} />}
        <label className="block">
          Prompt <span className="muted">(optional, added to the persona’s instructions)</span>
          <textarea ref={promptRef} rows={4} value={prompt} onChange={(e) => setPrompt(e.target.value)} data-testid="start-prompt" />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="start-submit">
            {busy ? 'Starting…' : 'Start'}
          </button>
        </div>
      </form>
    </div>
  );
}
