/** Claude's exits on signals: SIGINT stops at once with 130 (no result line), SIGTERM with 143. */

export function installSignalHandlers(): void {
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
}
