/**
 * Injected faults: crash (by exit code or signal) or hang after a number of chunks, counted
 * over the whole process; crash-times limits how often one conversation suffers them, counted
 * in its state file so a resumed run behaves. crash-rate picks turns at random (stress runs).
 */
import type { ConversationStore, Conversation } from './conversation-store.js';
import type { Knobs } from './knobs.js';
import type { LineWriter } from './line-writer.js';

export class Faults {
  /** Text chunks written by this process, all turns together. */
  chunksWritten = 0;
  private crashFired = false;
  private hangFired = false;

  constructor(
    private readonly knobs: Knobs,
    private readonly writer: LineWriter,
    private readonly store: ConversationStore,
  ) {}

  private allowed(conversation: Conversation): boolean {
    return this.knobs.crashTimes === 0 || conversation.crashes < this.knobs.crashTimes;
  }

  /**
   * Called after the init line and after every chunk. `crashAtInTurn` is the chunk count of
   * this turn at which a crash-rate crash was drawn.
   */
  async check(conversation: Conversation, chunksInTurn: number, crashAtInTurn?: number): Promise<void> {
    if (crashAtInTurn === chunksInTurn) return this.crash(conversation, 'crash-rate');
    const { crashAfter, hangAfter } = this.knobs;
    if (!this.crashFired && crashAfter === this.chunksWritten) {
      this.crashFired = true;
      if (this.allowed(conversation)) return this.crash(conversation, 'crash-after');
    }
    if (!this.hangFired && hangAfter === this.chunksWritten) {
      this.hangFired = true;
      if (this.allowed(conversation)) return this.hang(conversation);
    }
  }

  private record(conversation: Conversation): void {
    conversation.crashes++;
    this.store.save(conversation);
  }

  private async crash(conversation: Conversation, knob: string): Promise<never> {
    this.record(conversation);
    const { crashSignal, crashExitCode } = this.knobs;
    process.stderr.write(
      `troupe-sim-agent: simulated crash (${knob}) after ${this.chunksWritten} chunks: ${crashSignal ?? `exit ${crashExitCode}`}\n`,
    );
    await this.writer.flush();
    if (crashSignal) {
      // Our own handlers would turn SIGINT/SIGTERM into a clean exit; let the signal kill us.
      process.removeAllListeners(crashSignal);
      process.kill(process.pid, crashSignal);
      // Should the signal not end the process, end it anyway.
      setTimeout(() => process.exit(crashExitCode), 2000);
      return new Promise<never>(() => undefined);
    }
    process.exit(crashExitCode);
  }

  private async hang(conversation: Conversation): Promise<never> {
    this.record(conversation);
    process.stderr.write(`troupe-sim-agent: simulated hang after ${this.chunksWritten} chunks\n`);
    await this.writer.flush();
    // A timer keeps the process alive until a signal ends it.
    setInterval(() => undefined, 1 << 30);
    return new Promise<never>(() => undefined);
  }
}
