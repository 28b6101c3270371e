/**
 * The dashboard's token. troupe prints a URL with it in the fragment (`#token=…`), which the
 * browser never sends to any server; the page keeps it for this tab in sessionStorage (per
 * origin, so per port) and in memory, and takes it out of the address bar. No cookie: cookies
 * ignore ports, so every other server on the host would receive it.
 */
const KEY = 'troupe.token';
let current: string | null | undefined;

function fromFragment(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  // Out of the address bar, where it would show on screen and be saved with a bookmark.
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token;
}

export function dashboardToken(): string | null {
  if (current !== undefined) return current;
  const fresh = fromFragment();
  try {
    if (fresh) sessionStorage.setItem(KEY, fresh);
    current = fresh ?? sessionStorage.getItem(KEY);
  } catch {
    current = fresh;
  }
  return current;
}

/** A URL of this dashboard that carries the token along, e.g. for a pop-out window. */
export function withToken(path: string): string {
  const token = dashboardToken();
  return token ? `${path}#token=${encodeURIComponent(token)}` : path;
}

/** The printed URL pasted into a tab already on this page only changes its fragment: start over with it. */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).get('token')) location.reload();
  });
}
