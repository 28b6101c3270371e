import { memo, useMemo, useState } from 'react';
import type { SessionInfo } from '../../protocol/session.js';
import type { WireBead, WireTree } from '../../protocol/wire.js';
import { useValue } from '../hooks/use-observable.js';
import { formatCost, formatCount } from '../lib/format.js';
import { isLive } from '../lib/session-labels.js';
import { sessionTone, shownOnTree } from '../lib/session-tone.js';
import { loadJson, saveJson } from '../lib/storage.js';
import { needsAttention } from '../state/attention.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { SessionIndicators } from './SessionIndicators.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { ChangesBadge, sumChanges } from './changes/ChangesBadge.js';

interface Props {
  store: DashboardStore;
  onStart: (bead: WireBead) => void;
  /** A session's mark was clicked (default: make it the active session). */
  onSelect?: (sessionId: string) => void;
  /** Closes the tree where it is a drawer (narrow screens). */
  onClose?: () => void;
}

interface Rollup {
  live: number;
  sessions: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  attention: number;
  /** Failed sessions or failed last turns, here and below. */
  failing: number;
  /** What the open workspaces here and below changed. */
  changes?: SessionInfo['changes'];
}

interface Row {
  node: WireBead;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

const TYPE_BADGES: Record<string, string> = { epic: 'E', feature: 'F', task: 'T', bug: 'B', chore: 'C' };
const PREFS_KEY = 'troupe.tree';

interface TreePrefs {
  filter: string;
  hideClosed: boolean;
  /** Explicit expand (true) or collapse (false) per bead; others follow the default. */
  open: Record<string, boolean>;
}

function isClosed(status: string): boolean {
  return status === 'closed' || status === 'tombstone';
}

const isFailing = (s: SessionInfo) => s.status === 'failed' || sessionTone(s) === 'turn-failed';

/** Sessions and usage on a bead and everything below it. */
function computeRollups(tree: WireTree | null, byBead: Map<string, SessionInfo[]>, seen: Record<string, number>): Map<string, Rollup> {
  const rollups = new Map<string, Rollup>();
  const visit = (node: WireBead): Rollup => {
    const r: Rollup = { live: 0, sessions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, attention: 0, failing: 0 };
    for (const s of byBead.get(node.id) ?? []) {
      r.sessions++;
      if (isLive(s)) r.live++;
      if (needsAttention(s, seen)) r.attention++;
      if (isFailing(s)) r.failing++;
      r.inputTokens += s.totals.inputTokens;
      r.outputTokens += s.totals.outputTokens;
      r.costUsd += s.totals.costUsd;
      if (!s.workspace?.state || s.workspace.state === 'active' || s.workspace.state === 'left') r.changes = sumChanges([r.changes, s.changes]);
    }
    for (const child of node.children) {
      const c = visit(child);
      r.live += c.live;
      r.sessions += c.sessions;
      r.attention += c.attention;
      r.failing += c.failing;
      r.inputTokens += c.inputTokens;
      r.outputTokens += c.outputTokens;
      r.costUsd += c.costUsd;
      r.changes = sumChanges([r.changes, c.changes]);
    }
    rollups.set(node.id, r);
    return r;
  };
  for (const root of tree?.roots ?? []) visit(root);
  return rollups;
}

export function WbsTree({ store, onStart, onSelect, onClose }: Props) {
  const tree = useValue(store.tree$);
  const sessions = useValue(store.sessions$);
  const seen = useValue(store.seen$);
  const hello = useValue(store.hello$);
  const personaIcon = usePersonaIcon(store);
  const prefsKey = `${PREFS_KEY}:${hello?.projectRoot ?? ''}`;
  const [prefs, setPrefsState] = useState<TreePrefs>(() => loadJson(prefsKey, { filter: '', hideClosed: false, open: {} }));
  const setPrefs = (next: TreePrefs) => {
    setPrefsState(next);
    saveJson(prefsKey, next);
  };

  const byBead = useMemo(() => {
    const map = new Map<string, SessionInfo[]>();
    for (const s of sessions.values()) {
      if (!s.beadId) continue;
      const list = map.get(s.beadId);
      if (list) list.push(s);
      else map.set(s.beadId, [s]);
    }
    return map;
  }, [sessions]);
  const rollups = useMemo(() => computeRollups(tree, byBead, seen), [tree, byBead, seen]);

  const rows = useMemo(() => {
    const out: Row[] = [];
    const needle = prefs.filter.trim().toLowerCase();
    const small = (tree?.count ?? 0) <= 200;
    const matches = (node: WireBead) => !needle || node.id.toLowerCase().includes(needle) || node.title.toLowerCase().includes(needle);
    // Which nodes stay: they match (or something below does), and are not hidden as closed.
    const keep = new Map<string, boolean>();
    const mark = (node: WireBead): boolean => {
      let below = false;
      for (const child of node.children) if (mark(child)) below = true;
      const self = matches(node) && !(prefs.hideClosed && isClosed(node.status));
      const kept = self || below;
      keep.set(node.id, kept);
      return kept;
    };
    for (const root of tree?.roots ?? []) mark(root);
    const walk = (nodes: readonly WireBead[], depth: number) => {
      for (const node of nodes) {
        if (!keep.get(node.id)) continue;
        const visibleChildren = node.children.filter((c) => keep.get(c.id));
        const explicit = prefs.open[node.id];
        const expanded = needle ? true : (explicit ?? (small && depth === 0));
        out.push({ node, depth, hasChildren: visibleChildren.length > 0, expanded });
        if (expanded) walk(visibleChildren, depth + 1);
      }
    };
    walk(tree?.roots ?? [], 0);
    return out;
  }, [tree, prefs]);

  const toggle = (row: Row) => setPrefs({ ...prefs, open: { ...prefs.open, [row.node.id]: !row.expanded } });
  const attention = (info: SessionInfo) => needsAttention(info, seen);

  return (
    <section className="pane tree-pane" aria-label="Beads">
      <div className="pane-head">
        <h2>Beads</h2>
        <span className="muted">{tree ? `${tree.count}` : ''}</span>
        <input
          className="search"
          type="search"
          placeholder="Filter beads"
          value={prefs.filter}
          onChange={(e) => setPrefs({ ...prefs, filter: e.target.value })}
          data-testid="tree-filter"
        />
        <label className="check" title="Hide closed beads">
          <input type="checkbox" checked={prefs.hideClosed} onChange={(e) => setPrefs({ ...prefs, hideClosed: e.target.checked })} /> hide closed
        </label>
        <button className="icon-btn tree-close" onClick={onClose} aria-label="Close the beads" data-testid="tree-close">
          ✕
        </button>
      </div>
      {tree?.error && tree.count > 0 && <div className="pane-warning">Beads could not be read again (showing the last ones read): {tree.error}</div>}
      <div className="pane-body tree" role="tree" data-testid="wbs-tree">
        {!tree && <div className="empty">Reading beads…</div>}
        {tree && tree.count === 0 && <NoBeads detail={tree.error} />}
        {rows.map((row) => (
          <TreeRow
            key={row.node.id}
            row={row}
            sessions={byBead.get(row.node.id)}
            rollup={rollups.get(row.node.id)}
            attention={attention}
            onToggle={toggle}
            onStart={onStart}
            onSelect={onSelect ?? ((id) => store.select(id))}
            personaIcon={personaIcon}
          />
        ))}
      </div>
    </section>
  );
}

/** A project without beads is not an error: say how to work without them, and how to add some. */
function NoBeads({ detail }: { detail: string | undefined }) {
  return (
    <div className="empty no-beads" data-testid="no-beads">
      <p>
        <b>No beads in this project yet.</b> Sessions do not need one: <b>+ New</b> in the session list starts a free session.
      </p>
      <p>
        Beads are the issues of the <a href="https://github.com/steveyegge/beads" target="_blank" rel="noreferrer">beads</a> tracker: run{' '}
        <code>bd init</code>, then <code>bd create "A first task"</code> in the project. They show up here as soon as they are written, each with a{' '}
        <b>+ session</b> button that starts a session with its context.
      </p>
      {detail && <p className="muted small-text" title={detail}>troupe looked for them and found none: {detail}</p>}
    </div>
  );
}

interface RowProps {
  row: Row;
  sessions: SessionInfo[] | undefined;
  rollup: Rollup | undefined;
  attention: (info: SessionInfo) => boolean;
  onToggle: (row: Row) => void;
  onStart: (bead: WireBead) => void;
  onSelect: (sessionId: string) => void;
  personaIcon: (persona: string) => string;
}

const TreeRow = memo(function TreeRow({ row, sessions, rollup, attention, onToggle, onStart, onSelect, personaIcon }: RowProps) {
  const { node, depth, hasChildren, expanded } = row;
  // Failed sessions keep their mark on their bead until a person revives or terminates them.
  const marked = (sessions ?? []).filter(shownOnTree);
  const own = marked.length;
  const below = (rollup?.live ?? 0) - marked.filter(isLive).length;
  const failingBelow = (rollup?.failing ?? 0) - marked.filter(isFailing).length;
  const hover = rollup && rollup.sessions > 0
    ? `${rollup.sessions} session${rollup.sessions > 1 ? 's' : ''} here and below · ${formatCount(rollup.inputTokens)} tokens in, ${formatCount(rollup.outputTokens)} out · ${formatCost(rollup.costUsd)}`
    : 'no sessions yet';
  const closed = isClosed(node.status);
  return (
    <div
      className={`tree-row${closed ? ' closed' : ''}${rollup?.attention ? ' wants' : ''}`}
      role="treeitem"
      aria-expanded={hasChildren ? expanded : undefined}
      data-testid="tree-node"
      data-bead={node.id}
      style={{ paddingLeft: 6 + depth * 16 }}
      title={hover}
    >
      <button className={`chev${hasChildren ? '' : ' none'}`} onClick={() => hasChildren && onToggle(row)} aria-label={expanded ? 'collapse' : 'expand'}>
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </button>
      <span className={`type-badge type-${node.type}`} title={node.type}>
        {TYPE_BADGES[node.type] ?? node.type.slice(0, 1).toUpperCase()}
      </span>
      <span className="bead-id">{node.id}</span>
      <span className="bead-title">{node.title}</span>
      {node.blocked && (
        <span className="blocked" title={`blocked by ${node.blockedBy.join(', ')}`} data-testid="blocked-mark">
          blocked
        </span>
      )}
      <span className="row-end">
        <ChangesBadge changes={rollup?.changes} compact />
        {own > 0 && <SessionIndicators sessions={marked} personaIcon={personaIcon} attention={attention} onSelect={onSelect} />}
        {(below > 0 || failingBelow > 0) && !expanded && (
          <span
            className={`below-badge${failingBelow > 0 ? ' failing' : ''}`}
            title={`${below} live session${below === 1 ? '' : 's'} below${failingBelow > 0 ? `, ${failingBelow} failed` : ''}`}
            data-testid="below-badge"
          >
            +{below}
            {failingBelow > 0 ? ' !' : ''}
          </span>
        )}
        <span className={`prio prio-${node.priority}`}>P{node.priority}</span>
        <span className={`status-pill st-${node.status}`}>{node.status.replace('_', ' ')}</span>
        <button className="start-btn" onClick={() => onStart(node)} title="Start a session on this bead" data-testid="start-on-bead">
          +<span className="start-word"> session</span>
        </button>
      </span>
    </div>
  );
});
