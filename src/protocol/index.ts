// Types shared by every side, the browser included. The worker boundary (Node-only) is
// in ./worker-messages.js and is imported from there directly.
export * from './ids.js';
export * from './chunks.js';
export * from './session.js';
export * from './events.js';
export * from './session-events.js';
export * from './permissions.js';
export * from './workspace.js';
