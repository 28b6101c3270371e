import { resolve } from 'node:path';
import type { SessionSpec } from '../protocol/index.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { getBackend } from '../backends/registry.js';
import { loadBeadContext } from '../beads/index.js';
import { buildPrompt } from '../personas/index.js';
import { sessionLogPath } from '../logs/paths.js';
import { isTroupeError, troupeError } from '../errors/troupe-error.js';

export interface SpecDefaults {
  projectRoot: string;
  shutdownMs: number;
  inactivityTimeoutMs: number;
  childRegistryDir: string;
}

/**
 * Turns a caller's spec into what a worker runs: checks the backend is installed, builds the
 * persona prompt with the bead's context, and picks the log path. Async only (main thread).
 */
export async function resolveSessionSpec(
  spec: SessionSpec,
  sessionId: string,
  startedAt: number,
  defaults: SpecDefaults,
): Promise<ResolvedSessionSpec> {
  const backend = getBackend(spec.backend);
  const env = { ...process.env, ...spec.env };
  if (!(await backend.locate(env))) {
    throw troupeError('BACKEND_NOT_INSTALLED', `${backend.displayName} (${backend.binary}) is not installed: ${backend.installHint}`, {
      backend: backend.id,
    });
  }
  const logPath = sessionLogPath(defaults.projectRoot, spec.beadId, sessionId, startedAt);
  const bead = spec.beadId ? await beadContextOrNull(defaults.projectRoot, spec.beadId) : null;
  const prompt = await buildPrompt({
    projectRoot: defaults.projectRoot,
    persona: spec.persona,
    task: spec.task,
    beadType: bead?.bead.issueType,
    beadContext: bead?.text,
    beadId: spec.beadId,
    beadTitle: bead?.bead.title,
    userPrompt: spec.prompt,
  });
  return {
    ...spec,
    task: prompt.task,
    sessionId,
    projectRoot: defaults.projectRoot,
    cwd: resolve(defaults.projectRoot, spec.cwd ?? '.'),
    firstPrompt: prompt.prompt,
    logPath,
    shutdownMs: defaults.shutdownMs,
    inactivityTimeoutMs: spec.inactivityTimeoutMs ?? defaults.inactivityTimeoutMs,
    childRegistryDir: defaults.childRegistryDir,
  };
}

/** A project without readable beads still runs sessions on a bead id; the prompt then names the id only. */
async function beadContextOrNull(projectRoot: string, beadId: string): ReturnType<typeof loadBeadContext> {
  try {
    return await loadBeadContext(projectRoot, beadId);
  } catch (error) {
    if (isTroupeError(error, 'BEADS_READ_FAILED')) return null;
    throw error;
  }
}
