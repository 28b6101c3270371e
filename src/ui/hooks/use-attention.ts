/** The page title counts sessions that need the user; a notification fires when one starts to. */
import { useEffect, useState } from 'react';
import { combineLatest } from 'rxjs';
import { attentionCount } from '../state/attention.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { personaIconIn } from '../lib/session-labels.js';

export type NotificationState = NotificationPermission | 'unsupported';

function currentPermission(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function useAttention(store: DashboardStore, label: string, notify: boolean): [NotificationState, () => void] {
  const [permission, setPermission] = useState<NotificationState>(currentPermission);

  useEffect(() => {
    const subscription = combineLatest([store.sessions$, store.seen$, store.hello$]).subscribe(([sessions, seen, hello]) => {
      const count = attentionCount(sessions.values(), seen);
      const name = hello ? `${label} · ${hello.projectName}` : label;
      document.title = count > 0 ? `(${count}) ${name}` : name;
    });
    return () => subscription.unsubscribe();
  }, [store, label]);

  useEffect(() => {
    if (!notify) return;
    const subscription = store.attention$.subscribe(({ info, reason, detail }) => {
      if (reason !== 'idle' && reason !== 'failed' && reason !== 'waiting') return;
      if (currentPermission() !== 'granted') return;
      if (!document.hidden && store.active$.value === info.sessionId) return;
      const what = reason === 'failed' ? `failed${info.reason ? `: ${info.reason}` : ''}` : reason === 'waiting' ? 'needs your approval' : 'is waiting for you';
      // An approval names the action, so a person can judge it from the notification alone.
      const body = reason === 'waiting' && detail ? `${detail} · ${info.persona} on ${info.backendId}` : `${info.persona} on ${info.backendId}, turn ${info.turns}`;
      try {
        const n = new Notification(`${personaIconIn(store.hello$.value?.personas, info.persona)} ${info.beadId ?? 'session'} ${what}`, {
          tag: `troupe-${info.sessionId}`,
          body,
        });
        n.onclick = () => {
          window.focus();
          store.select(info.sessionId);
        };
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    });
    return () => subscription.unsubscribe();
  }, [store, notify]);

  const request = () => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setPermission);
  };
  return [permission, request];
}
