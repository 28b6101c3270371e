/** Identifiers shared by every boundary. */

export const BACKEND_IDS = ['claude', 'gemini', 'codex', 'sim'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

export const PERSONA_IDS = ['product-manager', 'qa-engineer', 'specialist'] as const;
/** Built-in persona ids; a project may add its own in `.bp6/personas/`, hence `string`. */
export type PersonaId = (typeof PERSONA_IDS)[number] | (string & {});

export const TASK_KINDS = ['chat', 'implement', 'decompose', 'verify'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const PERSONA_ICONS: Record<string, string> = {
  'product-manager': '📋',
  'qa-engineer': '🧪',
  specialist: '⚡',
};

export function isBackendId(value: unknown): value is BackendId {
  return typeof value === 'string' && (BACKEND_IDS as readonly string[]).includes(value);
}
