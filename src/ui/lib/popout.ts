/** A session in its own browser window, at its own URL; the same cookie authenticates it. */
export function popoutUrl(sessionId: string): string {
  return `/session/${encodeURIComponent(sessionId)}`;
}

export function openPopout(sessionId: string): Window | null {
  return window.open(popoutUrl(sessionId), `troupe-${sessionId}`, 'popup,width=760,height=860');
}
