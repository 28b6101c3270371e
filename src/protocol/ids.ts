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

/** The icon of a persona that names none (a project persona without `icon`). */
export const DEFAULT_PERSONA_ICON = '🤖';

/** The built-in icon of a persona id, or the default. */
export function builtinPersonaIcon(id: string): string {
  return PERSONA_ICONS[id] ?? DEFAULT_PERSONA_ICON;
}

export function isBackendId(value: unknown): value is BackendId {
  return typeof value === 'string' && (BACKEND_IDS as readonly string[]).includes(value);
}
