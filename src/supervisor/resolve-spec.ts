import { resolve } from 'node:path';
import type { SessionSpec } from '../protocol/index.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { getBackend } from '../backends/registry.js';
import { loadBeadContext } from '../beads/index.js';
import { buildPrompt } from '../personas/index.js';
import { overridePolicy } from '../personas/persona-permissions.js';
import { sessionLogPath } from '../logs/paths.js';
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { workspaceForSpec } from './session-workspace.js';

export interface SpecDefaults {
  projectRoot: string;
  shutdownMs: number;
  inactivityTimeoutMs: number;
  childRegistryDir: string;
  /** Environment every agent of this troupe gets (troupe's own configuration, never a project's file). */
  agentEnv?: Record<string, string>;
}

/**
 * Turns a caller's spec into what a worker runs: checks the backend is installed, builds the
 * persona prompt with the bead's context, picks the log path, and makes the session's workspace.
 * Async only (main thread).
 */
export async function resolveSessionSpec(
  spec: SessionSpec,
  sessionId: string,
  startedAt: number,
  defaults: SpecDefaults,
): Promise<ResolvedSessionSpec> {
  const backend = getBackend(spec.backend);
  const agentEnv = defaults.agentEnv || spec.env ? { ...defaults.agentEnv, ...spec.env } : undefined;
  const env = { ...process.env, ...agentEnv };
  if (!(await backend.locate(env))) {
    throw troupeError('BACKEND_NOT_INSTALLED', `${backend.displayName} (${backend.binary}) is not installed: ${backend.installHint}`, {
      backend: backend.id,
    });
  }
  const logPath = sessionLogPath(defaults.projectRoot, spec.beadId, sessionId, startedAt);
  const prompt = await firstPrompt(spec, defaults.projectRoot);
  // Last: nothing after it can fail, so no workspace is made for a session that does not start.
  const workspace = await workspaceForSpec(spec, sessionId, defaults.projectRoot);
  return {
    ...spec,
    ...(agentEnv ? { env: agentEnv } : {}),
    longLived: spec.longLived ?? backend.longLivedByDefault === true,
    permissions: overridePolicy(prompt.permissions, spec.permissions, 'permissions'),
    task: prompt.task,
    sessionId,
    projectRoot: defaults.projectRoot,
    cwd: workspace.worktree?.cwd ?? resolve(defaults.projectRoot, spec.cwd ?? '.'),
    ...(workspace.worktree ? { worktree: workspace.worktree } : {}),
    ...(workspace.note ? { workspaceNote: workspace.note } : {}),
    firstPrompt: prompt.prompt,
    logPath,
    shutdownMs: defaults.shutdownMs,
    inactivityTimeoutMs: spec.inactivityTimeoutMs ?? defaults.inactivityTimeoutMs,
    childRegistryDir: defaults.childRegistryDir,
  };
}

/** The first turn's prompt: the persona's template for the task, the bead's context, the person's own words. */
export async function firstPrompt(spec: Pick<SessionSpec, 'persona' | 'task' | 'beadId' | 'prompt'>, projectRoot: string): ReturnType<typeof buildPrompt> {
  const bead = spec.beadId ? await beadContextOrNull(projectRoot, spec.beadId) : null;
  return buildPrompt({
    projectRoot,
    persona: spec.persona,
    task: spec.task,
    beadType: bead?.bead.issueType,
    beadContext: bead?.text,
    beadId: spec.beadId,
    beadTitle: bead?.bead.title,
    userPrompt: spec.prompt,
  });
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
