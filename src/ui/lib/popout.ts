/** A session in its own browser window, at its own URL; the token goes along in the fragment. */
import { withToken } from './token.js';

export function popoutUrl(sessionId: string): string {
  return `/session/${encodeURIComponent(sessionId)}`;
}

export function openPopout(sessionId: string): Window | null {
  return window.open(withToken(popoutUrl(sessionId)), `troupe-${sessionId}`, 'popup,width=760,height=860');
}
