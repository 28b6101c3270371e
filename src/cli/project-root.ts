/** The project a command works on: `--project`, else the nearest folder holding `.beads/`, else cwd. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { findProjectRoot } from '../beads/find-project.js';
import { quoted } from '../text/quoted.js';

export async function resolveProjectRoot(option?: string, cwd = process.cwd()): Promise<string> {
  if (option !== undefined && option !== '') {
    const dir = resolve(cwd, option);
    const info = await stat(dir).catch(() => null);
    if (!info) throw troupeError('PROJECT_NOT_FOUND', `--project ${quoted(option)}: ${dir} does not exist`);
    if (!info.isDirectory()) throw troupeError('PROJECT_NOT_FOUND', `--project ${quoted(option)}: ${dir} is not a directory`);
    return dir;
  }
  return (await findProjectRoot(cwd)) ?? resolve(cwd);
}
