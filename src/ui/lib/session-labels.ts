/** Words and icons for sessions, shared by the list, the tree and the chat header. */
import { PERSONA_ICONS } from '../../protocol/ids.js';
import type { SessionInfo, SessionStatus } from '../../protocol/session.js';
import type { WireBead, WireTree } from '../../protocol/wire.js';

export const STATUS_LABELS: Record<SessionStatus, string> = {
  starting: 'starting',
  running: 'running',
  idle: 'waiting for you',
  restarting: 'restarting',
  stopped: 'stopped',
  failed: 'failed',
};

export function personaIcon(persona: string): string {
  return PERSONA_ICONS[persona] ?? '🤖';
}

export function isLive(info: SessionInfo): boolean {
  return info.status === 'starting' || info.status === 'running' || info.status === 'idle' || info.status === 'restarting';
}

/** Every bead of the tree by id, for titles in rows. */
export function indexBeads(tree: WireTree | null): Map<string, WireBead> {
  const byId = new Map<string, WireBead>();
  const walk = (nodes: readonly WireBead[]) => {
    for (const node of nodes) {
      byId.set(node.id, node);
      walk(node.children);
    }
  };
  if (tree) walk(tree.roots);
  return byId;
}
