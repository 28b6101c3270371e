/**
 * The last line of defence of `troupe serve` and `troupe demo`. An unhandled rejection is logged and
 * the server carries on, with its sessions and their agents. An uncaught exception leaves the process
 * in a state nobody can vouch for: it is logged, every session is stopped (agents ended, logs
 * finalized, so the sessions are listed as interrupted at the next start) and troupe exits 1.
 * Either way no agent is left running without its troupe.
 */
function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}

export function guardAgainstCrashes(stop: () => Promise<void>, out: NodeJS.WritableStream = process.stderr): () => void {
  let stopping = false;
  const onRejection = (reason: unknown): void => {
    out.write(`troupe: unhandled promise rejection (the server carries on): ${describe(reason)}\n`);
  };
  const onException = (error: unknown): void => {
    out.write(`troupe: uncaught exception: ${describe(error)}\n`);
    if (stopping) return;
    stopping = true;
    out.write('troupe: stopping every session, then exiting\n');
    stop()
      .catch((failure: unknown) => out.write(`troupe: stopping failed: ${describe(failure)}\n`))
      .finally(() => process.exit(1));
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
