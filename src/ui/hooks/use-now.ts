/** The current time, refreshed every few seconds: ages in lists tick without per-row timers. */
import { useSyncExternalStore } from 'react';
import { BehaviorSubject, interval } from 'rxjs';

const now$ = new BehaviorSubject(Date.now());
interval(2000).subscribe(() => now$.next(Date.now()));

export function useNow(): number {
  return useSyncExternalStore(
    (onChange) => {
      const subscription = now$.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    () => now$.value,
  );
}
