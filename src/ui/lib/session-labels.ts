/** Words and icons for sessions, shared by the list, the tree and the chat header. */
import { builtinPersonaIcon } from '../../protocol/ids.js';
import type { PersonaSummary, WireBead, WireTree } from '../../protocol/wire.js';

export { isLive, STATUS_LABELS, statusLabel } from '../../session/live-status.js';

/** A persona's icon as the server described it (project personas have their own), else the built-in one. */
export function personaIconIn(personas: readonly PersonaSummary[] | undefined, id: string): string {
  return personas?.find((persona) => persona.id === id)?.icon ?? builtinPersonaIcon(id);
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
