import type { ListView } from '../hooks/use-dashboard-layout.js';

interface Props {
  view: ListView;
  onChange: (view: ListView) => void;
  liveCount: number;
}

/** Live sessions or every past session of the project; a queue of requests would be a third view here. */
export function ListViewSwitch({ view, onChange, liveCount }: Props) {
  return (
    <div className="view-switch" role="tablist" aria-label="Lists">
      <button role="tab" aria-selected={view === 'live'} onClick={() => onChange('live')} data-testid="view-live" title="The sessions this troupe runs">
        Sessions<span className="muted">{liveCount}</span>
      </button>
      <button role="tab" aria-selected={view === 'history'} onClick={() => onChange('history')} data-testid="view-history" title="Every session in the project's logs, to read and resume">
        History
      </button>
    </div>
  );
}
