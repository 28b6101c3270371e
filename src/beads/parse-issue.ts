/** Turns one parsed JSON value into a Bead, tolerating what real exports hold. */
import type { Bead, BeadDependency, BeadsProblem } from './types.js';

export const DEFAULT_PRIORITY = 2;

export type ParsedIssue =
  | { kind: 'issue'; bead: Bead; problems: BeadsProblem[] }
  /** A record of another `_type` (memory, ...): not an issue, silently skipped. */
  | { kind: 'other' }
  | { kind: 'invalid'; problem: BeadsProblem };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; numbers and booleans are kept as text, anything else is dropped. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  const s = text(value)?.trim();
  return s ? s : undefined;
}

function priorityOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 4 ? n : undefined;
}

function dependenciesOf(value: unknown, id: string): BeadDependency[] {
  if (!Array.isArray(value)) return [];
  const out: BeadDependency[] = [];
  for (const dep of value) {
    if (!isObject(dep)) continue;
    // An edge listed under another issue is not this issue's dependency.
    const from = text(dep.issue_id);
    if (from !== undefined && from !== id) continue;
    const dependsOnId = nonEmpty(dep.depends_on_id);
    const type = nonEmpty(dep.type);
    if (!dependsOnId || !type) continue;
    out.push({ dependsOnId, type, createdAt: text(dep.created_at) });
  }
  return out;
}

function labelsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : [];
}

/** `line` is the 1-based line (or array position) the value came from, for reports. */
export function parseIssue(value: unknown, line?: number): ParsedIssue {
  if (!isObject(value)) {
    return { kind: 'invalid', problem: { code: 'invalid-issue', line, message: 'not a JSON object' } };
  }
  if (value._type !== undefined && value._type !== 'issue') return { kind: 'other' };
  const id = nonEmpty(value.id);
  if (!id) {
    return { kind: 'invalid', problem: { code: 'invalid-issue', line, message: 'no "id" string' } };
  }
  const problems: BeadsProblem[] = [];
  const title = nonEmpty(value.title);
  if (!title) problems.push({ code: 'invalid-field', line, issueId: id, message: 'no "title"' });
  const priority = priorityOf(value.priority);
  if (priority === undefined && value.priority !== undefined) {
    problems.push({
      code: 'invalid-field',
      line,
      issueId: id,
      message: `priority ${JSON.stringify(value.priority)} is not 0..4; using ${DEFAULT_PRIORITY}`,
    });
  }
  const bead: Bead = {
    id,
    title: title ?? '(untitled)',
    status: nonEmpty(value.status) ?? 'open',
    issueType: nonEmpty(value.issue_type) ?? 'task',
    priority: priority ?? DEFAULT_PRIORITY,
    description: text(value.description),
    design: text(value.design),
    acceptanceCriteria: text(value.acceptance_criteria),
    notes: text(value.notes),
    assignee: text(value.assignee),
    owner: text(value.owner),
    labels: labelsOf(value.labels),
    createdAt: text(value.created_at),
    updatedAt: text(value.updated_at),
    closedAt: text(value.closed_at),
    closeReason: text(value.close_reason),
    dependencies: dependenciesOf(value.dependencies, id),
    parentHint: nonEmpty(value.parent),
    line,
  };
  return { kind: 'issue', bead, problems };
}
