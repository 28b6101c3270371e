import type { ReactNode } from 'react';

export interface PaneTab {
  id: string;
  label: ReactNode;
  title?: string;
}

interface Props {
  tabs: readonly PaneTab[];
  current: string;
  onChange: (id: string) => void;
}

/** The tabs over a session's pane: its chat, its stderr, and what else a session has to show (e.g. its changes). */
export function PaneTabs({ tabs, current, onChange }: Props) {
  return (
    <div className="pane-tabs" role="tablist" data-testid="pane-tabs">
      {tabs.map((tab) => (
        <button key={tab.id} role="tab" aria-selected={tab.id === current} title={tab.title} onClick={() => onChange(tab.id)} data-testid={`tab-${tab.id}`}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
