/** Checks shared by every argument builder: bad requests fail loudly before anything spawns. */
import { troupeError } from '../errors/troupe-error.js';
import type { BackendId } from '../protocol/index.js';
import type { TurnRequest } from './types.js';
import { assertCliSessionId, assertModelName } from './cli-session-id.js';

export function requirePrompt(backend: BackendId, request: TurnRequest): void {
  if (typeof request.prompt !== 'string' || request.prompt === '') {
    throw troupeError('INVALID_ARGUMENT', `${backend}: a ${request.mode} turn needs a non-empty prompt`);
  }
}

export function requireCliSessionId(backend: BackendId, request: TurnRequest): string {
  if (!request.cliSessionId) {
    throw troupeError('INVALID_ARGUMENT', `${backend}: a resume turn needs the CLI session id to resume`);
  }
  return assertCliSessionId(backend, request.cliSessionId);
}

/** `--resume <id>` when there is an id to resume, checked against the backend's id syntax. */
export function resumeArgs(backend: BackendId, cliSessionId: string | undefined): string[] {
  return cliSessionId ? ['--resume', assertCliSessionId(backend, cliSessionId)] : [];
}

export function rejectLongLived(backend: BackendId, request: TurnRequest): void {
  if (request.mode === 'long-lived') {
    throw troupeError('INVALID_ARGUMENT', `${backend} cannot run long-lived; use 'new' or 'resume' turns`);
  }
}

/**
 * A prompt placed where the CLI's option parser also looks for flags. One that starts with
 * '-' would be read as an option, so it gets a leading space, which the model does not mind.
 */
export function promptArgument(prompt: string): string {
  return prompt.startsWith('-') ? ` ${prompt}` : prompt;
}

export function modelArgs(flag: string, model: string | undefined): string[] {
  return model ? [flag, assertModelName(model)] : [];
}
