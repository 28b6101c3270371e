/**
 * The shared memory between the supervisor and one session worker (`WorkerTaskInput.pidSlot`, an
 * Int32Array view). It is read and written without a message, so it works while the worker thread
 * is dead or waits for CPU (worker threads run at nice 19) and its messages wait in a queue.
 */
export const WORKER_SLOT_BYTES = 8;
/**
 * pid of the live agent (its process group id), 0 when none. Whoever holds it ends the group: the
 * worker publishes it at spawn and releases it at exit; the supervisor takes it over when it ends
 * the agent itself (stop, shutdown), and reads it to end the orphan of a worker that died.
 */
const SLOT_PID = 0;
/** 0 until one side moves: CLAIMED when the worker took the session over, GIVEN_UP when the supervisor gave the worker up first. */
const SLOT_CLAIM = 1;
const CLAIMED = 1;
const GIVEN_UP = -1;

export function newWorkerSlot(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(WORKER_SLOT_BYTES));
}

/** The worker, before it touches the log or spawns anything: false when the supervisor has given it up. */
export function claimSession(view: Int32Array): boolean {
  return Atomics.compareExchange(view, SLOT_CLAIM, 0, CLAIMED) === 0;
}

/** The worker has taken its session over (it may have written the log). */
export function tookOver(view: Int32Array): boolean {
  return Atomics.load(view, SLOT_CLAIM) === CLAIMED;
}

/** The supervisor: gives the worker up unless it has already claimed its session (then it must be asked, not dropped). */
export function giveUpUnclaimed(view: Int32Array): boolean {
  return Atomics.compareExchange(view, SLOT_CLAIM, 0, GIVEN_UP) !== CLAIMED;
}

/** The worker, once its agent is spawned: the supervisor ends this group should the worker die. */
export function publishAgent(view: Int32Array, pid: number): void {
  Atomics.store(view, SLOT_PID, pid);
}

/** The worker, when its agent exited: false when the supervisor has taken the agent over (and ends its group). */
export function releaseAgent(view: Int32Array, pid: number): boolean {
  return Atomics.compareExchange(view, SLOT_PID, pid, 0) === pid;
}

/** The worker: its agent is still its own to end. */
export function holdsAgent(view: Int32Array, pid: number): boolean {
  return Atomics.load(view, SLOT_PID) === pid;
}

export function agentPid(view: Int32Array): number {
  return Atomics.load(view, SLOT_PID);
}

/** The supervisor: takes the agent over to end it; 0 when there is none. */
export function takeAgent(view: Int32Array): number {
  return Atomics.exchange(view, SLOT_PID, 0);
}
