/**
 * Wall-clock limits of the contract tests. A CLI process is killed after PROCESS_WALL_CLOCK_MS
 * and a turn through troupe fails after the same; a test (up to two turns plus setup) gets
 * CONTRACT_TEST_TIMEOUT_MS. Normal runs take a few seconds: these only catch hangs.
 */
export const PROCESS_WALL_CLOCK_MS = 45_000;
export const CONTRACT_TEST_TIMEOUT_MS = 120_000;
