/** The persona registry: built-ins plus whatever the project adds in `.bp6/personas/`. */
import { troupeError } from '../errors/troupe-error.js';
import { BUILTIN_PERSONAS, copyPersona, findBuiltinPersona } from './builtin-personas.js';
import { SAFE_SEGMENT_RULE, isSafeSegment } from './persona-id.js';
import { listProjectPersonaIds, loadProjectPersona } from './project-personas.js';
import type { PersonaInfo } from './types.js';
import { quoted } from '../text/quoted.js';

/** Load one project persona; a broken one is left out of listings (getPersona reports why). */
async function loadQuietly(projectRoot: string, id: string): Promise<PersonaInfo | undefined> {
  try {
    return await loadProjectPersona(projectRoot, id);
  } catch {
    return undefined;
  }
}

/** Every usable persona: the built-ins first (as the project restyles them), then the project's own. */
export async function listPersonas(projectRoot?: string): Promise<PersonaInfo[]> {
  if (projectRoot === undefined) return BUILTIN_PERSONAS.map(copyPersona);
  const ids = await listProjectPersonaIds(projectRoot);
  const loaded = new Map<string, PersonaInfo>();
  await Promise.all(
    ids.map(async (id) => {
      const persona = await loadQuietly(projectRoot, id);
      if (persona !== undefined) loaded.set(id, persona);
    }),
  );
  const builtIns = BUILTIN_PERSONAS.map((persona) => loaded.get(persona.id) ?? copyPersona(persona));
  const added = ids.filter((id) => findBuiltinPersona(id) === undefined).flatMap((id) => loaded.get(id) ?? []);
  return [...builtIns, ...added];
}

async function validIds(projectRoot: string | undefined): Promise<string> {
  return (await listPersonas(projectRoot)).map((persona) => persona.id).join(', ');
}

/** One persona by id; UNKNOWN_PERSONA listing the valid ids when there is none. */
export async function getPersona(projectRoot: string | undefined, id: string): Promise<PersonaInfo> {
  if (!isSafeSegment(id)) {
    throw troupeError(
      'UNKNOWN_PERSONA',
      `invalid persona id ${quoted(String(id))} (${SAFE_SEGMENT_RULE}); valid: ${await validIds(projectRoot)}`,
    );
  }
  const fromProject = projectRoot === undefined ? undefined : await loadProjectPersona(projectRoot, id);
  const persona = fromProject ?? findBuiltinPersona(id);
  if (persona === undefined) {
    throw troupeError('UNKNOWN_PERSONA', `unknown persona ${quoted(id)}; valid: ${await validIds(projectRoot)}`);
  }
  return copyPersona(persona);
}
