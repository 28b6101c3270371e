/** Plain words for the file-system errors a log writer meets, with the OS code kept for searching. */

const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'folder or file missing (removed?)',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  EEXIST: 'a file of that name already exists',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBADF: 'the file is no longer open',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'a symbolic link where a file was expected',
};

/** e.g. "disk full (ENOSPC)". */
export function describeOsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const words = REASONS[code];
    if (words) return `${words} (${code})`;
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}

export function osErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
