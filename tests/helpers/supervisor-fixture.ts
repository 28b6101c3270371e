import { Supervisor } from '../../src/supervisor/supervisor.js';
import type { SupervisorOptions } from '../../src/supervisor/types.js';
import { tempProject, type TempProject } from './temp-project.js';

export interface SupervisorFixture {
  supervisor: Supervisor;
  project: TempProject;
  dispose(): Promise<void>;
}

/** A real Supervisor (real worker threads, real agent processes) on a throwaway project (or the one given). */
export async function supervisorFixture(options: Partial<SupervisorOptions> = {}, made?: Promise<TempProject>): Promise<SupervisorFixture> {
  const project = await (made ?? tempProject());
  const supervisor = new Supervisor({
    projectRoot: project.root,
    childRegistryDir: project.childRegistryDir,
    warmThreads: 1,
    shutdownMs: 2_000,
    ...options,
  });
  return {
    supervisor,
    project,
    async dispose() {
      await supervisor.shutdown();
      await project.cleanup();
    },
  };
}
