/** `persona.json`: a project's description of a persona it adds (or of a built-in it restyles). */
import { z } from 'zod';
import { troupeError } from '../errors/troupe-error.js';
import { TASK_KINDS, type TaskKind } from '../protocol/ids.js';
import type { PermissionPolicy } from '../protocol/permissions.js';
import { permissionsSchema } from './persona-permissions.js';

const manifestSchema = z.object({
  displayName: z.string().trim().min(1).max(80).optional(),
  icon: z.string().trim().min(1).max(16).optional(),
  description: z.string().max(1000).optional(),
  defaultTask: z.enum(TASK_KINDS).optional(),
  permissions: permissionsSchema.optional(),
});

export interface PersonaManifest {
  displayName?: string;
  icon?: string;
  description?: string;
  defaultTask?: TaskKind;
  /** What sessions of this persona may do without asking (replaces the persona's default). */
  permissions?: PermissionPolicy;
}

/** Parse the text of a `persona.json`; a clear error naming the file and the field otherwise. */
export function parsePersonaManifest(text: string, path: string): PersonaManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw troupeError('INVALID_PERSONA', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw troupeError('INVALID_PERSONA', `${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
