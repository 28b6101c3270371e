/** The secret that the dashboard's WebSocket and /api/ requests must carry. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes as base64url: 32 characters, each valid in a WebSocket subprotocol. */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(value);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, candidate: string | undefined | null): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}
