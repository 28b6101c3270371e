/** Persona ids and bead types become path segments: only a safe alphabet, so no traversal. */

const SAFE_SEGMENT = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function isSafeSegment(value: unknown): value is string {
  return typeof value === 'string' && SAFE_SEGMENT.test(value);
}

export const SAFE_SEGMENT_RULE = 'lowercase letters, digits, "-" and "_", at most 64, starting with a letter or digit';

/** A bead type usable in a template file name, or undefined (an odd type just gets the plain template). */
export function beadTypeSegment(beadType: string | undefined): string | undefined {
  const normalized = beadType?.trim().toLowerCase();
  return isSafeSegment(normalized) ? normalized : undefined;
}
