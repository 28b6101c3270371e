/** How much of a workspace is not committed: the files `git status` lists (untracked ones included). */
import { git, nulFields } from './git.js';

export async function uncommittedFiles(cwd: string): Promise<string[]> {
  const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd, maxBytes: 1024 * 1024, env: { GIT_OPTIONAL_LOCKS: '0' } });
  const files: string[] = [];
  const fields = nulFields(status.stdout);
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] as string;
    files.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  return files;
}

/** A short list of files for a message: the first few, then how many more. */
export function fileSummary(files: readonly string[], shown = 5): string {
  const head = files.slice(0, shown).join(', ');
  return files.length > shown ? `${head} and ${files.length - shown} more` : head;
}
