/** Finds an executable on PATH the way a shell would, without spawning anything. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function pathOf(env: NodeJS.ProcessEnv): string {
  // Windows spells it Path; elsewhere PATH.
  return env.PATH ?? env.Path ?? '';
}

function candidateNames(binary: string, env: NodeJS.ProcessEnv): string[] {
  if (process.platform !== 'win32') return [binary];
  const extensions = (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  return [binary, ...extensions.map((ext) => binary + ext.toLowerCase())];
}

/** The absolute path of `binary` on the PATH of `env`, or null. A name with a slash is checked as is. */
export async function locateBinary(binary: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (binary === '') return null;
  if (binary.includes('/') || binary.includes('\\')) {
    const path = isAbsolute(binary) ? binary : resolve(binary);
    return (await isExecutableFile(path)) ? path : null;
  }
  // Empty PATH entries would mean the current folder: never look there implicitly.
  const dirs = pathOf(env).split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
  for (const dir of dirs) {
    for (const name of candidateNames(binary, env)) {
      const path = join(dir, name);
      if (await isExecutableFile(path)) return path;
    }
  }
  return null;
}
