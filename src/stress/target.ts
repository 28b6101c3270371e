import type { SupervisorApi } from '../supervisor/types.js';

/**
 * What a stress run drives: the Supervisor itself, or a benchmark's in-thread baseline with
 * the same face, so both are measured by the same code.
 */
export type StressTarget = Pick<
  SupervisorApi,
  'start' | 'send' | 'interrupt' | 'chunks' | 'whenSettled' | 'get' | 'list' | 'shutdown'
>;
