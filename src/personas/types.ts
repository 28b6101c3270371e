/** The public shapes of the personas module. */
import type { PersonaId, TaskKind } from '../protocol/ids.js';
import type { PermissionPolicy } from '../protocol/permissions.js';

/** Where a persona comes from: shipped with troupe, or added by the project in `.bp6/personas/`. */
export type PersonaSource = 'built-in' | 'project';

export interface PersonaInfo {
  id: PersonaId;
  icon: string;
  displayName: string;
  description: string;
  /** The task used when a session on a bead names none. */
  defaultTask: TaskKind;
  /** Tasks this persona has a template for. */
  tasks: TaskKind[];
  source: PersonaSource;
  /** What its sessions may do without asking a person. */
  permissions: PermissionPolicy;
}

export interface BuildPromptOptions {
  /** The project whose `.bp6/personas/` may override or add templates. */
  projectRoot?: string;
  persona: string;
  /** Defaults to the persona's default task on a bead, to `chat` without one. */
  task?: string;
  /** The bead's `issue_type` (bug, feature, epic, ...): picks `<task>.<type>.md` when present. */
  beadType?: string;
  /** The bead block (fields and parent chain) rendered by the beads module. */
  beadContext?: string;
  beadId?: string;
  beadTitle?: string;
  /** The user's own words. */
  userPrompt?: string;
}

export interface BuiltPrompt {
  prompt: string;
  persona: PersonaId;
  task: TaskKind;
  /** The template file the prompt was rendered from. */
  templatePath: string;
  /** The persona's permission policy (as the project sets it). */
  permissions: PermissionPolicy;
}
