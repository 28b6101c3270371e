import { useValue } from '../hooks/use-observable.js';
import type { DashboardStore } from '../state/dashboard-store.js';

export function Toasts({ store }: { store: DashboardStore }) {
  const toasts = useValue(store.toasts$);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} data-testid="toast" onClick={() => store.dismissToast(t.id)}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
