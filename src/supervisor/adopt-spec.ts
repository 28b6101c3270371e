/**
 * The spec of a session known only from its log, rebuilt from what troupe itself allows today. A
 * log is data a cloned repository may ship: its header's persona, bead, backend and model are
 * checked against the allow-lists, its CLI session id against the backend's id syntax; the agent
 * runs in the project root (or the session's own worktree, checked in adopt-workspace.ts) with
 * troupe's own environment, never with env, flags or a cwd from the file.
 */
import { assertCliSessionId, assertModelName } from '../backends/cli-session-id.js';
import { getBackend } from '../backends/registry.js';
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { beadFolderName } from '../logs/paths.js';
import type { LogHeader } from '../logs/records.js';
import { listPersonas } from '../personas/index.js';
import { BACKEND_IDS, isBackendId, TASK_KINDS, type TaskKind } from '../protocol/ids.js';
import type { SessionState } from '../protocol/session.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { firstPrompt, type SpecDefaults } from './resolve-spec.js';
import { quoted } from '../text/quoted.js';
import { adoptedWorkspace } from './adopt-workspace.js';

function refuse(logPath: string, field: string, value: unknown, rule: string): never {
  throw troupeError('LOG_UNTRUSTED', `session log ${logPath}: field ${quoted(field)} is ${value === undefined ? 'missing' : quoted(value)}, ${rule}: not resumed`, { field });
}

export interface LoggedSession {
  logPath: string;
  header: LogHeader;
  state: SessionState;
}

export async function adoptedSpec(session: LoggedSession, defaults: SpecDefaults): Promise<ResolvedSessionSpec> {
  const { header, state, logPath } = session;
  if (!isBackendId(header.backend)) refuse(logPath, 'backend', header.backend, `not one of ${BACKEND_IDS.join(', ')}`);
  const backend = header.backend;
  const personas = await listPersonas(defaults.projectRoot);
  if (!personas.some((persona) => persona.id === header.persona)) {
    refuse(logPath, 'persona', header.persona, `not a persona of this project (${personas.map((p) => p.id).join(', ')})`);
  }
  if (header.beadId !== undefined) {
    try {
      beadFolderName(header.beadId);
    } catch (error) {
      if (isTroupeError(error)) refuse(logPath, 'beadId', header.beadId, 'not a bead id');
      throw error;
    }
  }
  const model = state.info.model ?? header.model;
  if (model !== undefined) {
    try {
      assertModelName(model);
    } catch {
      refuse(logPath, 'model', model, 'not a model name');
    }
  }
  const task = header.task;
  if (task !== undefined && !(TASK_KINDS as readonly string[]).includes(task)) refuse(logPath, 'task', task, `not one of ${TASK_KINDS.join(', ')}`);
  if (state.info.cliSessionId !== undefined) {
    try {
      assertCliSessionId(backend, state.info.cliSessionId);
    } catch {
      refuse(logPath, 'cliSessionId', state.info.cliSessionId, `not a ${backend} session id`);
    }
  }
  // The header says which worktree; the state (merged, kept, ...) is the events' fold of it.
  const worktree =
    header.workspace !== undefined ? await adoptedWorkspace(logPath, header.sessionId, { ...header.workspace, state: state.info.workspace?.state }, defaults.projectRoot) : undefined;
  const prompt = typeof header.spec?.prompt === 'string' ? header.spec.prompt : undefined;
  // Built again from the persona's template, as a new session would be: the log's copy is not sent.
  const built = await firstPrompt({ persona: header.persona, task: task as TaskKind | undefined, beadId: header.beadId, prompt }, defaults.projectRoot);
  return {
    backend,
    persona: header.persona,
    ...(header.beadId !== undefined ? { beadId: header.beadId } : {}),
    task: built.task,
    ...(model !== undefined ? { model } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    // A log from before long-lived became the default says nothing: the backend's default then.
    longLived: typeof header.spec?.longLived === 'boolean' ? header.spec.longLived : getBackend(backend).longLivedByDefault === true,
    // Never from the log: the persona's policy as this project sets it today.
    permissions: built.permissions,
    sessionId: header.sessionId,
    projectRoot: defaults.projectRoot,
    cwd: worktree?.cwd ?? defaults.projectRoot,
    ...(worktree ? { worktree } : {}),
    firstPrompt: built.prompt,
    logPath,
    shutdownMs: defaults.shutdownMs,
    inactivityTimeoutMs: defaults.inactivityTimeoutMs,
    childRegistryDir: defaults.childRegistryDir,
    ...(defaults.agentEnv ? { env: { ...defaults.agentEnv } } : {}),
  };
}
