/** Personas a project adds, or restyles, in `<projectRoot>/.bp6/personas/<id>/`. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { TASK_KINDS, type TaskKind } from '../protocol/ids.js';
import { copyPersona, findBuiltinPersona } from './builtin-personas.js';
import { MANIFEST_FILE, projectPersonasDir, templateFileName } from './locations.js';
import { parsePersonaManifest } from './persona-manifest.js';
import { isSafeSegment } from './persona-id.js';
import { readOptionalText } from './read-text.js';
import type { PersonaInfo } from './types.js';
import { DEFAULT_PERSONA_ICON } from '../protocol/ids.js';
import { DEFAULT_PERMISSIONS, copyPolicy } from './persona-permissions.js';
import { quoted } from '../text/quoted.js';

const MANIFEST_MAX_BYTES = 64 * 1024;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Names in a folder, or none when it does not exist. */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw troupeError('INVALID_PERSONA', `cannot read ${dir}: ${code ?? (error as Error).message}`);
  }
}

/** Ids of the persona folders a project has (safe names only; anything else is not a persona). */
export async function listProjectPersonaIds(projectRoot: string): Promise<string[]> {
  const root = projectPersonasDir(projectRoot);
  const names = (await namesIn(root)).filter((name) => isSafeSegment(name)).sort();
  const dirs = await Promise.all(names.map(async (name) => ((await isDirectory(join(root, name))) ? name : undefined)));
  return dirs.filter((name): name is string => name !== undefined);
}

/** Tasks with a plain `<task>.md` in the folder: those render for any bead type. */
async function tasksWithTemplates(dir: string): Promise<TaskKind[]> {
  const names = new Set(await namesIn(dir));
  return TASK_KINDS.filter((task) => names.has(templateFileName(task)));
}

/**
 * The persona `id` as the project defines it: a built-in restyled by its `persona.json`, or a
 * persona the project adds. Undefined when the project has nothing for this id.
 */
export async function loadProjectPersona(projectRoot: string, id: string): Promise<PersonaInfo | undefined> {
  const dir = join(projectPersonasDir(projectRoot), id);
  if (!(await isDirectory(dir))) return undefined;
  const manifestPath = join(dir, MANIFEST_FILE);
  const text = await readOptionalText(manifestPath, MANIFEST_MAX_BYTES, projectRoot);
  const manifest = text === undefined ? undefined : parsePersonaManifest(text, manifestPath);
  const builtIn = findBuiltinPersona(id);

  if (builtIn !== undefined) {
    // Templates here override the built-in ones file by file; the manifest only restyles.
    return manifest === undefined ? undefined : { ...copyPersona(builtIn), ...manifest, permissions: copyPolicy(manifest.permissions ?? builtIn.permissions) };
  }
  if (manifest === undefined) {
    throw troupeError('INVALID_PERSONA', `persona ${quoted(id)} in ${dir} has no ${MANIFEST_FILE}`);
  }
  const tasks = await tasksWithTemplates(dir);
  if (tasks.length === 0) {
    throw troupeError(
      'INVALID_PERSONA',
      `persona ${quoted(id)} in ${dir} has no template; add one of ${TASK_KINDS.map((task) => templateFileName(task)).join(', ')}`,
    );
  }
  const defaultTask = manifest.defaultTask ?? (tasks.includes('chat') ? 'chat' : tasks[0]!);
  if (!tasks.includes(defaultTask)) {
    throw troupeError(
      'INVALID_PERSONA',
      `persona "${id}": defaultTask "${defaultTask}" has no ${templateFileName(defaultTask)} in ${dir}`,
    );
  }
  return {
    id,
    icon: manifest.icon ?? DEFAULT_PERSONA_ICON,
    displayName: manifest.displayName ?? id,
    description: manifest.description ?? '',
    defaultTask,
    tasks,
    source: 'project',
    permissions: copyPolicy(manifest.permissions ?? DEFAULT_PERMISSIONS),
  };
}
