/**
 * The folder a session log goes in: inside the project (no symlink that leads out of it, the rule
 * the reader applies too), created private (0700). A `.bp6` (or `.bp6/sessions`) that troupe
 * creates ignores itself in git, so a run leaves no untracked folder and no user file needs a change.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFolderWithinSync } from './ensure-folder.js';
import { sessionsRoot, troupeFolder } from './paths.js';

export const LOG_FOLDER_MODE = 0o700;
export const LOG_FILE_MODE = 0o600;

export function prepareLogFolder(projectRoot: string, folder: string): void {
  const own = [troupeFolder(projectRoot), sessionsRoot(projectRoot)];
  let ignored = false;
  ensureFolderWithinSync(projectRoot, folder, {
    mode: LOG_FOLDER_MODE,
    onCreated: (level) => {
      if (ignored || !own.includes(level)) return;
      ignored = true; // the top one is enough
      writeFileSync(join(level, '.gitignore'), '# written by troupe: session logs stay out of git\n*\n', { flag: 'wx' });
    },
  });
}
