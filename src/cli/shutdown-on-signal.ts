import type { SupervisorApi } from '../supervisor/types.js';

/**
 * SIGINT / SIGTERM stop every session (SIGTERM to each agent's group, grace, SIGKILL), finalize
 * every log, then exit. A second signal exits at once.
 */
export function shutdownOnSignal(supervisor: SupervisorApi, beforeExit?: () => Promise<void> | void): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (shuttingDown) process.exit(code);
    shuttingDown = true;
    process.stderr.write(`\ntroupe: ${signal}, stopping every session…\n`);
    void Promise.resolve(beforeExit?.())
      .then(() => supervisor.shutdown())
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
