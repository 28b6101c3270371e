/** All backends by id. */
import { troupeError } from '../errors/troupe-error.js';
import { BACKEND_IDS, type BackendId } from '../protocol/index.js';
import { claudeBackend } from './claude.js';
import { codexBackend } from './codex.js';
import { geminiBackend } from './gemini.js';
import { simBackend } from './sim.js';
import type { BackendPlugin, BackendStatus } from './types.js';
import { quoted } from '../text/quoted.js';

const BACKENDS: Record<BackendId, BackendPlugin> = {
  claude: claudeBackend,
  gemini: geminiBackend,
  codex: codexBackend,
  sim: simBackend,
};

export function getBackend(id: string): BackendPlugin {
  if (Object.hasOwn(BACKENDS, id)) return BACKENDS[id as BackendId];
  throw troupeError('UNKNOWN_BACKEND', `unknown backend ${quoted(id)}; valid backends: ${BACKEND_IDS.join(', ')}`, {
    backend: id,
    valid: [...BACKEND_IDS],
  });
}

/** In the order of BACKEND_IDS. */
export function listBackends(): BackendPlugin[] {
  return BACKEND_IDS.map((id) => BACKENDS[id]);
}

/** Every backend's status, checked in parallel. */
export function detectBackends(env: NodeJS.ProcessEnv = process.env): Promise<BackendStatus[]> {
  return Promise.all(listBackends().map((backend) => backend.detect(env)));
}
