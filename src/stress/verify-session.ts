/**
 * After a run: checks one session end to end. Every line its agents wrote (their tallies) must
 * have become a chunk in the log; the log's events must be numbered 1, 2, 3... without a gap; every
 * logged chunk must have been received once. What fails is counted as lost (or duplicated), with a
 * few words on where.
 */
import { readLinesForward } from '../logs/lines-forward.js';
import type { SessionReceipts } from './ledger.js';
import { readTallies } from './tallies.js';

export interface SessionVerdict {
  linesSent: number;
  chunksSent: number;
  chunksLogged: number;
  lost: number;
  duplicated: number;
  /** Agent processes (spawn records) that left no tally: ended by a signal, their lines uncounted. */
  untallied: number;
  problems: string[];
}

interface LogEvidence {
  /** Seqs of the chunk events. */
  seqs: Set<number>;
  /** Seqs of every event. */
  events: Set<number>;
  duplicates: number;
  stamps: Set<number>;
  spawnPids: number[];
  unreadable: number;
}

async function readLogEvidence(logPath: string): Promise<LogEvidence> {
  const evidence = emptyEvidence();
  for await (const line of readLinesForward(logPath)) {
    let record: { type?: unknown; seq?: unknown; emittedAt?: unknown; pid?: unknown };
    try {
      record = JSON.parse(line.text) as typeof record;
    } catch {
      evidence.unreadable += 1;
      continue;
    }
    if (record.type === 'spawn' && typeof record.pid === 'number') evidence.spawnPids.push(record.pid);
    if (typeof record.seq !== 'number') continue;
    const { seq, emittedAt } = record;
    if (evidence.events.has(seq)) evidence.duplicates += 1;
    else evidence.events.add(seq);
    if (record.type !== 'chunk') continue;
    evidence.seqs.add(seq);
    if (typeof emittedAt === 'number') evidence.stamps.add(emittedAt);
  }
  return evidence;
}

function emptyEvidence(): LogEvidence {
  return { seqs: new Set(), events: new Set(), duplicates: 0, stamps: new Set(), spawnPids: [], unreadable: 0 };
}

const MAX_PROBLEMS_PER_SESSION = 3;

export async function verifySession(label: string, logPath: string | undefined, tallyDir: string, received: SessionReceipts): Promise<SessionVerdict> {
  const problems: string[] = [];
  const note = (text: string) => {
    if (problems.length < MAX_PROBLEMS_PER_SESSION) problems.push(`${label}: ${text}`);
  };
  const log: LogEvidence = logPath
    ? await readLogEvidence(logPath).catch((error: unknown) => {
        note(`cannot read its log ${logPath}: ${String(error)}`);
        return emptyEvidence();
      })
    : emptyEvidence();
  if (!logPath) note('has no log');
  if (log.unreadable > 0) note(`${log.unreadable} unreadable log line(s)`);

  let maxEvent = 0;
  for (const seq of log.events) if (seq > maxEvent) maxEvent = seq;
  const notLoggedSeqs = new Set<number>();
  // A gap in the numbering: an event was made and never logged; so is a chunk received but not logged.
  for (let seq = 1; seq <= maxEvent; seq += 1) if (!log.events.has(seq)) notLoggedSeqs.add(seq);
  for (const seq of received.seqs) if (!log.seqs.has(seq)) notLoggedSeqs.add(seq);
  const notReceivedSeqs = [...log.seqs].filter((seq) => !received.seqs.has(seq));
  const lostSeqs = [...new Set([...notLoggedSeqs, ...notReceivedSeqs])].sort((a, b) => a - b);
  const notLogged = notLoggedSeqs.size;
  const notReceived = notReceivedSeqs.length;
  if (notLogged > 0) note(`${notLogged} seq(s) never logged, first ${lostSeqs[0]}`);
  if (notReceived > 0) note(`${notReceived} seq(s) never received, first ${lostSeqs[0]}`);

  const { tallies, damaged } = await readTallies(tallyDir);
  for (const path of damaged) note(`damaged tally ${path}`);
  let linesSent = 0;
  let linesLost = 0;
  for (const tally of tallies) {
    linesSent += tally.stamps.length;
    for (const stamp of tally.stamps) if (!log.stamps.has(stamp)) linesLost += 1;
  }
  if (linesLost > 0) note(`${linesLost} line(s) written by its agent never became a logged chunk`);
  const tallied = new Set(tallies.map((tally) => tally.pid));
  const untallied = log.spawnPids.filter((pid) => !tallied.has(pid)).length;

  const duplicated = received.duplicates + log.duplicates;
  if (received.duplicates > 0) note(`${received.duplicates} chunk(s) received twice`);
  if (log.duplicates > 0) note(`${log.duplicates} seq(s) logged twice`);
  return {
    linesSent,
    // A line that never became a chunk counts at least one.
    chunksSent: new Set([...log.seqs, ...received.seqs]).size + linesLost,
    chunksLogged: log.seqs.size,
    lost: lostSeqs.length + linesLost,
    duplicated,
    untallied,
    problems,
  };
}
