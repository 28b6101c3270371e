/** The demo is alive on first open: it starts a few simulated sessions by itself. */
import type { SupervisorApi } from '../supervisor/types.js';
import { DEMO_AUTOSTART } from './demo-beads.js';

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
        env: item.env,
        // Approvals travel on the control protocol, which a long-lived agent speaks.
        ...(item.asks ? { longLived: true } : {}),
      });
      result.started.push({ sessionId, beadId: item.beadId, persona: item.persona });
    } catch (error) {
      result.errors.push(`${item.beadId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
