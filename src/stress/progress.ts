/**
 * The live line of `troupe stress`: sessions by status, chunks and chunks/s, restarts. On a
 * terminal it redraws one line in place; elsewhere it prints a line every few seconds.
 */
import type { SessionStatus } from '../protocol/index.js';
import type { RunView } from './run-stress.js';

const REDRAW_MS = 250;
const PLAIN_EVERY_MS = 5_000;
const ORDER: SessionStatus[] = ['starting', 'running', 'restarting', 'idle', 'stopped', 'failed'];

export function progressLine(view: RunView, chunksPerSecond: number): string {
  const counts = new Map<SessionStatus, number>();
  let restarts = 0;
  for (const info of view.target.list()) {
    counts.set(info.status, (counts.get(info.status) ?? 0) + 1);
    restarts += info.restarts;
  }
  const statuses = ORDER.filter((status) => counts.has(status)).map((status) => `${counts.get(status)} ${status}`);
  const seconds = ((performance.now() - view.startedAt) / 1000).toFixed(1);
  return (
    `${seconds.padStart(6)}s  sessions ${view.workload.sessions}: ${statuses.join(' · ') || 'starting'}` +
    `  chunks ${view.ledger.received.toLocaleString('en-US')} (${Math.round(chunksPerSecond).toLocaleString('en-US')}/s)  restarts ${restarts}`
  );
}

export function watchProgress(out: NodeJS.WriteStream): (view: RunView) => () => void {
  return (view) => {
    const tty = out.isTTY === true;
    let lastCount = 0;
    let lastAt = performance.now();
    let lastPlain = lastAt;
    const draw = (): void => {
      const now = performance.now();
      const rate = ((view.ledger.received - lastCount) * 1000) / Math.max(1, now - lastAt);
      lastCount = view.ledger.received;
      lastAt = now;
      if (tty) {
        out.write(`\r\x1b[2K${progressLine(view, rate).slice(0, Math.max(20, (out.columns || 120) - 1))}`);
      } else if (now - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now;
        out.write(`${progressLine(view, rate)}\n`);
      }
    };
    const timer = setInterval(draw, REDRAW_MS);
    return () => {
      clearInterval(timer);
      if (tty) out.write('\r\x1b[2K');
    };
  };
}
