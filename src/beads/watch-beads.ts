/**
 * Re-reads the beads when `.beads/` changes (debounced) and emits a whole new tree. A read that
 * overlaps a rewrite (torn last line, file changed while read) is not emitted: it is retried.
 * With bd as the source, `.beads/dolt/` is watched too, since bd v0.50+ writes there.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import { BdChangeFilter } from './bd-change-filter.js';
import { buildWbsTree } from './build-tree.js';
import { beadsDirOf, ISSUES_FILE_NAME } from './find-project.js';
import { loadBeads, type LoadBeadsOptions } from './load-beads.js';
import type { BeadsProblem, BeadsSource, WbsTree } from './types.js';

export interface WbsTreeSnapshot {
  tree: WbsTree;
  /** Reading and tree problems of this read. */
  problems: BeadsProblem[];
  /** null when nothing could be read yet. */
  source: BeadsSource | null;
  issueCount: number;
  /** Epoch ms of the read. */
  loadedAt: number;
  /** Set when this read failed; the tree is then the last good one (or empty). */
  error?: string;
}

export interface WatchBeadsOptions extends Omit<LoadBeadsOptions, 'stableRetries'> {
  /** Quiet time after the last change before re-reading. Default 150 ms. */
  debounceMs?: number;
  /** Re-reads of a file caught mid-rewrite before emitting what was read anyway. Default 10. */
  maxUnstableRetries?: number;
  /** Told of each read skipped because the file was being written (for diagnostics). */
  onUnstableRead?: (attempt: number) => void;
}

/** Where bd v0.50+ keeps its Dolt database, inside `.beads/`. */
const BD_STORE_DIR = 'dolt';
/** Events this soon after a bd read may still be bd's own writes during it. */
const BD_QUIET_MS = 300;

const EMPTY_TREE: WbsTree = { roots: [], byId: new Map(), problems: [] };

/** Cold: each subscriber gets its own watch, an immediate first snapshot, and closes it on unsubscribe. */
export function watchBeads(projectRoot: string, options: WatchBeadsOptions = {}): Observable<WbsTreeSnapshot> {
  const debounceMs = options.debounceMs ?? 150;
  const maxUnstable = options.maxUnstableRetries ?? 10;
  const beadsDir = options.beadsDir ?? beadsDirOf(projectRoot, options.env);

  return new Observable<WbsTreeSnapshot>((subscriber) => {
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let reading = false;
    let again = false;
    let unstableReads = 0;
    let lastSignature: string | null = null;
    let lastTree: WbsTree = EMPTY_TREE;
    let source: BeadsSource | null = null;
    let watcher: FSWatcher | undefined;
    let storeWatcher: FSWatcher | undefined;
    const bdEvents = new BdChangeFilter(BD_QUIET_MS);

    // bd v0.50+ keeps its data in .beads/dolt/ (deep): watch it once bd turns out to be the source.
    const watchBdStore = (): void => {
      if (storeWatcher || closed) return;
      try {
        storeWatcher = watch(join(beadsDir, BD_STORE_DIR), { persistent: false, recursive: true }, () => onChange(undefined));
        storeWatcher.on('error', () => {
          storeWatcher?.close();
          storeWatcher = undefined;
        });
      } catch {
        // No store folder yet: the watch on .beads/ sees it appear and the next read retries.
      }
    };

    const onChange = (name: string | undefined): void => {
      if (source !== 'bd') {
        if (name === undefined || name === ISSUES_FILE_NAME) schedule();
        return;
      }
      const action = bdEvents.onEvent();
      if (action === 'read') schedule();
      else if (action === 'follow-up') schedule(bdEvents.quietLeftMs);
    };

    const schedule = (atLeastMs = 0): void => {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void refresh();
      }, Math.max(debounceMs, atLeastMs));
    };

    const refresh = async (): Promise<void> => {
      if (closed) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      bdEvents.readStarted();
      let changed = false;
      try {
        const loaded = await loadBeads(projectRoot, { ...options, beadsDir, stableRetries: 0 });
        if (closed) return;
        source = loaded.source;
        // An empty file where there were issues is most likely a rewrite that just truncated it.
        const emptied = loaded.issues.length === 0 && loaded.hidden === 0 && lastTree.byId.size > 0;
        if ((!loaded.stable || emptied) && unstableReads < maxUnstable) {
          unstableReads++;
          options.onUnstableRead?.(unstableReads);
          schedule();
          return;
        }
        unstableReads = 0;
        changed = loaded.signature !== lastSignature;
        if (loaded.source === 'bd') watchBdStore();
        if (!changed) return;
        lastSignature = loaded.signature;
        const tree = buildWbsTree(loaded.issues);
        lastTree = tree;
        subscriber.next({
          tree,
          problems: [...loaded.problems, ...tree.problems],
          source: loaded.source,
          issueCount: loaded.issues.length,
          loadedAt: Date.now(),
        });
      } catch (error) {
        if (closed) return;
        const message = error instanceof Error ? error.message : String(error);
        lastSignature = null;
        subscriber.next({
          tree: lastTree,
          problems: [{ code: 'read-failed', message }],
          source,
          issueCount: lastTree.byId.size,
          loadedAt: Date.now(),
          error: message,
        });
      } finally {
        reading = false;
        const followUp = bdEvents.readEnded(changed) && source === 'bd';
        if ((again || followUp) && !closed) {
          again = false;
          schedule(followUp ? bdEvents.quietLeftMs : 0);
        }
      }
    };

    try {
      // The folder, not the file: bd may replace the file by rename, and it may not exist yet.
      watcher = watch(beadsDir, { persistent: false }, (_event, filename) => onChange(filename?.toString()));
      watcher.on('error', (error) => {
        if (closed) return;
        subscriber.next({
          tree: lastTree,
          problems: [{ code: 'watch-failed', message: `stopped watching ${beadsDir}: ${error.message}` }],
          source,
          issueCount: lastTree.byId.size,
          loadedAt: Date.now(),
          error: error.message,
        });
        watcher?.close();
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      subscriber.next({
        tree: lastTree,
        problems: [{ code: 'watch-failed', message: `cannot watch ${beadsDir}: ${message}` }],
        source,
        issueCount: 0,
        loadedAt: Date.now(),
        error: message,
      });
    }
    void refresh();

    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      storeWatcher?.close();
    };
  });
}
