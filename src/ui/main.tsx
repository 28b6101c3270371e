import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MainApp } from './MainApp.js';
import { PopoutApp } from './PopoutApp.js';
import { reloadOnNewToken } from './lib/token.js';
import { DashboardStore } from './state/dashboard-store.js';
import './styles.css';

// `/session/<id>` is a pop-out of one session; every other path is the dashboard.
const match = /^\/session\/([^/]+)\/?$/.exec(location.pathname);
const sessionId = match?.[1] ? decodeURIComponent(match[1]) : null;
reloadOnNewToken();
const store = new DashboardStore(sessionId ? { kind: 'popout', sessionId } : { kind: 'main' });
store.start();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>{sessionId ? <PopoutApp store={store} sessionId={sessionId} /> : <MainApp store={store} />}</StrictMode>,
  );
}
