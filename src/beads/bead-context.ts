/** The bead section of a persona prompt: its fields and its chain of parents. */
import { troupeError } from '../errors/troupe-error.js';
import { ancestorsOf } from './ancestors.js';
import { loadWbsTree } from './load-tree.js';
import type { LoadBeadsOptions } from './load-beads.js';
import { cleanLine, cleanText } from './sanitize.js';
import type { Bead, WbsTree } from './types.js';
import { quoted } from '../text/quoted.js';

export interface BeadRef {
  id: string;
  title: string;
}

export interface BeadContext {
  bead: Bead;
  /** From the root down to the direct parent. */
  ancestors: BeadRef[];
  text: string;
}

/** Longest text kept per field; the agent can run `bd show` for the whole issue. */
export const MAX_FIELD_CHARS = 8_000;

const BEAD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isValidBeadId(id: string): boolean {
  return BEAD_ID.test(id);
}

function field(title: string, value: string | undefined, id: string): string[] {
  const body = value === undefined ? '' : cleanText(value).trim();
  if (body === '') return [];
  const kept =
    body.length > MAX_FIELD_CHARS
      ? `${body.slice(0, MAX_FIELD_CHARS)}\n\n…(cut at ${MAX_FIELD_CHARS} characters; \`bd show ${id}\` has the rest)`
      : body;
  return [`### ${title}`, '', kept, ''];
}

/** Markdown, ready to embed in a prompt. `ancestors` run from the root down to the direct parent. */
export function renderBeadContext(bead: Bead, ancestors: readonly BeadRef[]): string {
  const id = cleanLine(bead.id);
  const lines = [
    `## Bead ${id}: ${cleanLine(bead.title)}`,
    '',
    `- Type: ${cleanLine(bead.issueType)}`,
    `- Status: ${cleanLine(bead.status)}`,
    `- Priority: P${bead.priority}`,
  ];
  if (ancestors.length > 0) {
    lines.push(`- Parents (root first): ${ancestors.map((a) => `${cleanLine(a.id)} (${cleanLine(a.title)})`).join(' > ')}`);
  } else {
    lines.push('- Parents: none (a root of the tree)');
  }
  lines.push('');
  lines.push(
    ...field('Description', bead.description, id),
    ...field('Design', bead.design, id),
    ...field('Acceptance criteria', bead.acceptanceCriteria, id),
    ...field('Notes', bead.notes, id),
  );
  lines.push(`Run \`bd show ${id}\` for the full issue, and \`bd show <parent-id>\` for its parents.`);
  return `${lines.join('\n')}\n`;
}

/** The bead's context, or null when the project has no live bead with that id. */
export async function loadBeadContext(
  projectRoot: string,
  beadId: string,
  options: LoadBeadsOptions = {},
): Promise<BeadContext | null> {
  if (!isValidBeadId(beadId)) {
    throw troupeError('INVALID_BEAD_ID', `not a bead id: ${quoted(beadId)}`);
  }
  const { tree } = await loadWbsTree(projectRoot, options);
  return beadContextFromTree(tree, beadId);
}

/** The same from a tree already in hand (e.g. the server's watched snapshot): no I/O. */
export function beadContextFromTree(tree: WbsTree, beadId: string): BeadContext | null {
  const node = tree.byId.get(beadId);
  if (!node) return null;
  const ancestors = ancestorsOf(tree, beadId).map((a) => ({ id: a.id, title: a.bead.title }));
  return { bead: node.bead, ancestors, text: renderBeadContext(node.bead, ancestors) };
}
