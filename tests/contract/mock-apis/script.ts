/**
 * What a mock API answers, turn request by turn request, in a vendor-neutral form.
 * Each vendor's mock translates a reply into its own wire format.
 */
export type MockReply =
  /** Plain assistant text, streamed as these deltas. */
  | { kind: 'text'; deltas: string[] }
  /** A call of the CLI's shell tool with this command (optionally preceded by text); stop reason tool use. */
  | { kind: 'shell'; command: string; text?: string }
  /** A call of the CLI's file-writing tool (Claude's Write); stop reason tool use. Claude only. */
  | { kind: 'write'; path: string; content: string }
  /** An HTTP error status with the vendor's error body. */
  | { kind: 'error'; status: number; message: string }
  /** The stream starts, sends these deltas, then the connection drops. */
  | { kind: 'cut'; deltas: string[] }
  /** The stream sends these deltas as a finished text block, then stays open without ending the message. */
  | { kind: 'hold'; deltas: string[] }
  /** The request is accepted and never answered: not a byte, or (`headers`) a 200 event-stream head and then nothing. */
  | { kind: 'hang'; headers: boolean };

/** The replies a vendor mock streams; errors and hangs are answered before any streaming. */
export type StreamedReply = Exclude<MockReply, { kind: 'error' | 'hang' }>;

export const reply = {
  text: (...deltas: string[]): MockReply => ({ kind: 'text', deltas }),
  shell: (command: string, text?: string): MockReply => (text === undefined ? { kind: 'shell', command } : { kind: 'shell', command, text }),
  write: (path: string, content: string): MockReply => ({ kind: 'write', path, content }),
  error: (status: number, message: string): MockReply => ({ kind: 'error', status, message }),
  cut: (...deltas: string[]): MockReply => ({ kind: 'cut', deltas }),
  hold: (...deltas: string[]): MockReply => ({ kind: 'hold', deltas }),
  hang: (): MockReply => ({ kind: 'hang', headers: false }),
  hangAfterHeaders: (): MockReply => ({ kind: 'hang', headers: true }),
};

/** Replies are used once each, in order; a turn request beyond the script is answered with a 400. */
export class ReplyScript {
  private readonly queue: MockReply[];
  /** Turn requests that found the script empty. */
  exhausted = 0;

  constructor(replies: MockReply[]) {
    this.queue = [...replies];
  }

  next(): MockReply | undefined {
    const next = this.queue.shift();
    if (!next) this.exhausted += 1;
    return next;
  }

  push(...replies: MockReply[]): void {
    this.queue.push(...replies);
  }

  get remaining(): number {
    return this.queue.length;
  }
}

/** The message a mock sends when a CLI asks for more turns than the test scripted. */
export const EXHAUSTED_MESSAGE = 'mock API: no scripted reply left for this request';
