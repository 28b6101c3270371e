import type { SequencedChunk } from '../protocol/index.js';
import { terminalSafeDeep } from '../text/terminal-safe.js';

const MAX_RESULT_PREVIEW = 160;

/** Renders a session's chunks for a terminal: streamed text, tool calls on one line each. */
export class ChunkPrinter {
  private atLineStart = true;
  private lastKind: SequencedChunk['kind'] | null = null;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly err: NodeJS.WritableStream,
  ) {}

  print(agentChunk: SequencedChunk): void {
    // Everything in a chunk is the agent's: no escape sequence of it reaches the terminal.
    const chunk = terminalSafeDeep(agentChunk);
    switch (chunk.kind) {
      case 'text':
        if (!chunk.delta && this.lastKind === 'text') this.newline();
        this.write(chunk.text);
        break;
      case 'tool_use':
        this.newline();
        this.write(`⚙ ${chunk.name}(${preview(JSON.stringify(chunk.input) ?? '')})\n`);
        break;
      case 'tool_result':
        this.newline();
        this.write(`  ${chunk.isError ? '✗' : '↳'} ${preview(chunk.output.trim().split('\n')[0] ?? '')}\n`);
        break;
      case 'notice':
        if (chunk.level !== 'info') this.err.write(`troupe: ${chunk.level}: ${chunk.message}\n`);
        break;
      case 'done':
        this.newline();
        if (!chunk.ok) this.err.write(`troupe: turn failed: ${chunk.reason ?? 'error'}${chunk.result ? ` — ${chunk.result}` : ''}\n`);
        break;
      default:
        break;
    }
    this.lastKind = chunk.kind;
  }

  /** Ends the current line, if any. */
  newline(): void {
    if (!this.atLineStart) this.write('\n');
  }

  private write(text: string): void {
    if (text.length === 0) return;
    this.out.write(text);
    this.atLineStart = text.endsWith('\n');
  }
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_RESULT_PREVIEW ? `${line.slice(0, MAX_RESULT_PREVIEW)}…` : line;
}
