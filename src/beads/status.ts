/** Status words with a meaning for the tree; any other value is treated as open work. */

export function isClosed(status: string): boolean {
  return status === 'closed';
}

export function isInProgress(status: string): boolean {
  return status === 'in_progress';
}

/** Soft-deleted issues of older files: hidden everywhere. */
export function isTombstone(status: string): boolean {
  return status === 'tombstone';
}
