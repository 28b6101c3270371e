// The session as an event-sourced value: state, the one reducer, and its vocabulary. Pure code that
// every side imports (the browser included).
export * from './session-state.js';
export * from './apply-session-event.js';
export * from './stop-text.js';
export * from './live-status.js';
export * from './sequenced-chunk.js';
