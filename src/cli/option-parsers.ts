/** Every command-line value parser, in one place: each names what it expects when it refuses. */
import { InvalidArgumentError } from 'commander';
import { BACKEND_IDS, isBackendId, type BackendId } from '../protocol/ids.js';
import type { RestartType } from '../protocol/session.js';
import { PERMISSION_MODES, type PermissionDecision, type PermissionMode } from '../protocol/permissions.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number 0..65535 (0 = any free port)');
  return port;
}

export function parseBackend(value: string): BackendId {
  if (!isBackendId(value)) throw new InvalidArgumentError(`expected one of ${BACKEND_IDS.join(', ')}`);
  return value;
}

/** A whole number >= 0. */
export function parseCount(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return number;
}

/** A whole number >= 1. */
export function parsePositive(value: string): number {
  const number = parseCount(value);
  if (number < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return number;
}

/** Any finite number >= 0. */
export function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number >= 0');
  return number;
}

export function parseRestartType(value: string): RestartType {
  if (value === 'permanent' || value === 'transient' || value === 'temporary') return value;
  throw new InvalidArgumentError('expected permanent, transient or temporary');
}

export function parsePermissionMode(value: string): PermissionMode {
  const mode = PERMISSION_MODES.find((known) => known === value);
  if (!mode) throw new InvalidArgumentError(`expected one of ${PERMISSION_MODES.join(', ')}`);
  return mode;
}

export function parseAnswer(value: string): PermissionDecision {
  if (value === 'allow' || value === 'deny') return value;
  throw new InvalidArgumentError('expected allow or deny');
}

export function parseWorkspaceMode(value: string): 'auto' | 'none' {
  if (value === 'auto' || value === 'none') return value;
  throw new InvalidArgumentError('expected auto (its own worktree, when the project is a git repository) or none (the project root)');
}
