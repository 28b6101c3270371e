import type { ReactNode } from 'react';
import type { ConnectionState } from '../lib/connection.js';
import { dashboardToken } from '../lib/token.js';

/** What the page says while it is not live; the controls below are disabled meanwhile (see OfflineGuard). */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'open' || state === 'connecting') return null;
  if (state === 'stopped') {
    return (
      <div className="banner banner-stopped" data-testid="connection-banner">
        troupe stopped — reconnecting… What you see is how it was; it comes back live by itself when troupe starts again.
      </div>
    );
  }
  return (
    <div className="banner banner-refused" data-testid="connection-banner">
      {dashboardToken()
        ? 'troupe refused this page’s token: it was replaced (--new-token). Open the URL troupe printed.'
        : 'This page has no token: open the URL troupe printed (the token is the part after #token=).'}
    </div>
  );
}

/** Disables every button and field inside while the connection is not open (a <fieldset disabled>, laid out as if absent). */
export function OfflineGuard({ state, children }: { state: ConnectionState; children: ReactNode }) {
  return (
    <fieldset className="offline-guard" disabled={state !== 'open'} data-testid="offline-guard">
      {children}
    </fieldset>
  );
}

/** The connection pill's word and its tooltip, per state. */
export const CONNECTION_TEXT: Record<ConnectionState, { label: string; title: string }> = {
  open: { label: 'live', title: 'connected to troupe' },
  connecting: { label: 'connecting…', title: 'connecting to troupe…' },
  stopped: { label: 'stopped — reconnecting…', title: 'troupe does not answer: it stopped. This page reconnects by itself when it starts again.' },
  refused: { label: 'refused', title: 'troupe refused this page’s token: open the URL it printed' },
};
