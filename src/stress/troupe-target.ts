import { createSupervisor } from '../supervisor/create-supervisor.js';
import type { SupervisorOptions } from '../supervisor/types.js';
import type { StressTarget } from './target.js';

export interface TargetContext {
  projectRoot: string;
  sessions: number;
  supervision?: Partial<SupervisorOptions>;
}

export interface StressEngine {
  name: string;
  create(context: TargetContext): Promise<StressTarget>;
}

/** troupe itself: the Supervisor with its worker threads, logs and restarts, made like every command makes it. */
export const troupeEngine: StressEngine = {
  name: 'troupe',
  async create({ projectRoot, sessions, supervision }) {
    const { supervisor } = await createSupervisor({
      projectRoot,
      ...supervision,
      maxSessions: Math.max(sessions, supervision?.maxSessions ?? 0),
    });
    return supervisor;
  },
};
