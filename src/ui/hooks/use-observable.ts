/** React reads an RxJS BehaviorSubject: re-renders on each new value. */
import { useCallback, useSyncExternalStore } from 'react';
import type { BehaviorSubject } from 'rxjs';

export function useValue<T>(subject: BehaviorSubject<T>): T {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = subject.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    [subject],
  );
  return useSyncExternalStore(subscribe, () => subject.value);
}
