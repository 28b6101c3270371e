/** The project's WBS tree for the dashboard: watched on disk, converted to the wire shape. */
import { BehaviorSubject, filter, map, type Observable, type Subscription } from 'rxjs';
import { toWireTree, watchBeads, type WbsTreeSnapshot, type WbsWireNode } from '../beads/index.js';
import type { WireBead, WireTree } from '../protocol/wire.js';
import type { TreeSource } from './services.js';

function countNodes(nodes: readonly WbsWireNode[]): number {
  let count = 0;
  for (const node of nodes) count += 1 + countNodes(node.children);
  return count;
}

export function toDashboardTree(snapshot: WbsTreeSnapshot): WireTree {
  const roots: WireBead[] = toWireTree(snapshot.tree);
  return {
    roots,
    count: countNodes(roots),
    loadedAt: snapshot.loadedAt,
    ...(snapshot.error ? { error: snapshot.error } : {}),
  };
}

/** Resolves once the first read is done, so the first page already shows the tree. */
export async function watchBeadsTree(projectRoot: string, debounceMs = 150): Promise<TreeSource> {
  const latest = new BehaviorSubject<WireTree | null>(null);
  const subscription: Subscription = watchBeads(projectRoot, { debounceMs })
    .pipe(map(toDashboardTree))
    .subscribe({ next: (tree) => latest.next(tree), error: () => undefined });
  const first = new Promise<void>((resolve) => {
    const wait = latest.pipe(filter((tree) => tree !== null)).subscribe(() => {
      resolve();
      queueMicrotask(() => wait.unsubscribe());
    });
    // A project without beads still gets a dashboard: do not wait for ever.
    setTimeout(resolve, 2_000).unref();
  });
  await first;
  const updates$: Observable<WireTree> = latest.pipe(filter((tree): tree is WireTree => tree !== null));
  return {
    current: () => latest.value,
    updates$,
    close: () => {
      subscription.unsubscribe();
      latest.complete();
    },
  };
}
