/**
 * Keeps the demo's own sessions working at a readable pace: when one of them has finished its
 * turn, the driver sends the next follow-up after a pause. A session a person has written to (a
 * turn the driver did not start), or that failed or stopped, is left alone from then on; so is one
 * that had its share of turns (a demo left open does not grow its logs for ever).
 */
import type { Subscription } from 'rxjs';
import type { SessionInfo } from '../protocol/session.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { systemClock, type Clock, type TimerHandle } from '../time/clock.js';
import { DEMO_FOLLOW_UPS } from './demo-beads.js';

export interface DemoDriverOptions {
  /** Pause between a turn's end and the next follow-up. Default 5 s. */
  pauseMs?: number;
  /** Follow-ups per session at most. Default 40. */
  maxTurns?: number;
  clock?: Clock;
  followUps?: readonly string[];
}

interface Driven {
  /** Turns the session had when the driver last sent (or started it). */
  turns: number;
  sent: number;
  timer?: TimerHandle;
  done: boolean;
}

export interface DemoDriver {
  /** Sessions the driver still keeps working. */
  driving(): string[];
  stop(): void;
}

export function driveDemoSessions(supervisor: SupervisorApi, sessionIds: readonly string[], options: DemoDriverOptions = {}): DemoDriver {
  const clock = options.clock ?? systemClock;
  const pauseMs = options.pauseMs ?? 5_000;
  const maxTurns = options.maxTurns ?? 40;
  const followUps = options.followUps ?? DEMO_FOLLOW_UPS;
  const driven = new Map<string, Driven>(sessionIds.map((id) => [id, { turns: 1, sent: 0, done: false }]));
  let stopped = false;

  const release = (state: Driven) => {
    state.done = true;
    if (state.timer !== undefined) clock.clearTimeout(state.timer);
    state.timer = undefined;
  };

  const onInfo = (info: SessionInfo) => {
    const state = driven.get(info.sessionId);
    if (!state || state.done) return;
    // A turn it did not send: a person took over this session.
    if (info.turns > state.turns || info.status === 'failed' || info.status === 'stopped' || state.sent >= maxTurns) {
      release(state);
      return;
    }
    if (info.status !== 'idle' || state.timer !== undefined) return;
    state.timer = clock.setTimeout(() => {
      state.timer = undefined;
      const now = supervisor.get(info.sessionId);
      if (stopped || state.done || !now || now.status !== 'idle' || now.turns !== state.turns) return;
      const message = followUps[state.sent % followUps.length] ?? 'Carry on.';
      state.turns += 1;
      state.sent += 1;
      supervisor.send(message, info.sessionId).catch(() => release(state));
    }, pauseMs);
  };

  const subscription: Subscription = supervisor.sessions$.subscribe((list) => {
    for (const info of list) onInfo(info);
    // Terminated: gone from the list.
    const listed = new Set(list.map((info) => info.sessionId));
    for (const [id, state] of driven) if (!listed.has(id) && !state.done) release(state);
  });

  return {
    driving: () => [...driven.entries()].filter(([, state]) => !state.done).map(([id]) => id),
    stop() {
      stopped = true;
      subscription.unsubscribe();
      for (const state of driven.values()) release(state);
    },
  };
}
