/** Pick the template file for a persona, task and bead type, and read it. */
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { isInside } from '../logs/paths.js';
import type { TaskKind } from '../protocol/ids.js';
import { findBuiltinPersona } from './builtin-personas.js';
import { BUILTIN_PERSONAS_DIR, projectPersonasDir, templateFileName } from './locations.js';
import { readOptionalText } from './read-text.js';

const TEMPLATE_MAX_BYTES = 256 * 1024;

export interface ResolvedTemplate {
  path: string;
  text: string;
}

/**
 * Candidate files, best first. The project's folder wins over the built-ins as a whole (a project
 * that rewrites `implement.md` gets it for every bead type unless it also adds variants); within
 * each folder the bead-type variant comes before the plain template.
 */
export function templateCandidates(
  projectRoot: string | undefined,
  personaId: string,
  task: TaskKind,
  beadType: string | undefined,
): string[] {
  const dirs: string[] = [];
  if (projectRoot !== undefined) dirs.push(join(projectPersonasDir(projectRoot), personaId));
  if (findBuiltinPersona(personaId) !== undefined) dirs.push(join(BUILTIN_PERSONAS_DIR, personaId));
  return dirs.flatMap((dir) => [
    ...(beadType === undefined ? [] : [join(dir, templateFileName(task, beadType))]),
    join(dir, templateFileName(task)),
  ]);
}

/** `personaId` and `beadType` must already be safe path segments. */
export async function resolveTemplate(
  projectRoot: string | undefined,
  personaId: string,
  task: TaskKind,
  beadType: string | undefined,
): Promise<ResolvedTemplate> {
  const candidates = templateCandidates(projectRoot, personaId, task, beadType);
  const projectDir = projectRoot === undefined ? undefined : projectPersonasDir(projectRoot);
  for (const path of candidates) {
    // A project's files obey the project rules; the package's own are trusted.
    const within = projectDir !== undefined && isInside(projectDir, path) ? projectRoot : undefined;
    const text = await readOptionalText(path, TEMPLATE_MAX_BYTES, within);
    if (text !== undefined) return { path, text };
  }
  throw troupeError(
    'INVALID_PERSONA',
    `no template for persona "${personaId}", task "${task}"; looked for ${candidates.join(', ')}`,
  );
}
