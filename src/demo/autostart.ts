/** The demo is alive on first open: it starts a couple of simulated sessions by itself. */
import type { SupervisorApi } from '../supervisor/types.js';
import { DEMO_AUTOSTART } from './demo-beads.js';

/** A slow, readable stream with a tool call or two, then the session waits for the user. */
export const DEMO_SIM_ENV: Record<string, string> = {
  TROUPE_SIM_CHUNKS: '40',
  TROUPE_SIM_DELAY_MS: '80',
  TROUPE_SIM_TOOLS: '2',
  // Real edits in each session's worktree, so the Changes tab has diffs to review and merge.
  TROUPE_SIM_EDIT_FILES: '2',
};

export interface AutostartResult {
  started: { sessionId: string; beadId: string; persona: string }[];
  errors: string[];
}

export async function startDemoSessions(supervisor: SupervisorApi, count = DEMO_AUTOSTART.length): Promise<AutostartResult> {
  const result: AutostartResult = { started: [], errors: [] };
  for (const item of DEMO_AUTOSTART.slice(0, count)) {
    try {
      const sessionId = await supervisor.start({
        backend: 'sim',
        persona: item.persona,
        beadId: item.beadId,
        prompt: item.prompt,
        env: DEMO_SIM_ENV,
      });
      result.started.push({ sessionId, beadId: item.beadId, persona: item.persona });
    } catch (error) {
      result.errors.push(`${item.beadId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
