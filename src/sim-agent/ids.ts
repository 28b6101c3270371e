/** Identifiers shaped like Claude's: UUID session ids, toolu_/msg_/req_ ids. */
import { randomBytes, randomUUID } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that may name a state file: no separators, no dot-dot. */
const SAFE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function newUuid(): string {
  return randomUUID();
}

function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += BASE62[byte % 62];
  return out;
}

export function toolUseId(): string {
  return `toolu_01${base62(22)}`;
}

export function messageId(): string {
  return `msg_01${base62(22)}`;
}

export function requestId(): string {
  return `req_011${base62(21)}`;
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function isSafeId(value: string): boolean {
  return SAFE_ID_PATTERN.test(value);
}
