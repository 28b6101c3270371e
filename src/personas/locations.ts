/** Where template files live: shipped in the package, and per project. */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

/** `personas/` at the package root (shipped with the package). */
export const BUILTIN_PERSONAS_DIR = join(PACKAGE_ROOT, 'personas');

export function projectPersonasDir(projectRoot: string): string {
  return join(projectRoot, '.bp6', 'personas');
}

export function templateFileName(task: string, beadType?: string): string {
  return beadType === undefined ? `${task}.md` : `${task}.${beadType}.md`;
}

export const MANIFEST_FILE = 'persona.json';
