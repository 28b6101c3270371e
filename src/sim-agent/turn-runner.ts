/**
 * One turn, init to result, written the way Claude Code writes it: an assistant line per
 * finished block (preceded by stream_event deltas with partial messages), a user line per tool
 * result, then the result. Knobs add pauses, noise and faults along the way.
 */
import { addMessage, lastUserText, type Conversation, type ConversationStore } from './conversation-store.js';
import { costOf, type EventContext, type Tokens } from './event-context.js';
import { apiErrorAssistantEvent, assistantEvent, interruptedUserEvent, toolErrorEvent, toolResultEvent, type ApiMessage, type ContentBlock } from './events-message.js';
import { apiErrorResult, interruptedResult, successResult, type PermissionDenial, type TurnFigures } from './events-result.js';
import { approvalCall, questionCall, REJECTED_TEXT } from './approval-calls.js';
import type { ControlChannel } from './control-channel.js';
import { permitTool } from './tool-permission.js';
import {
  blockStartEvent,
  blockStopEvent,
  inputJsonDeltaEvent,
  messageDeltaEvent,
  messageStartEvent,
  messageStopEvent,
  textDeltaEvent,
} from './events-stream.js';
import { initEvent, statusEvent } from './events-system.js';
import type { Faults } from './faults.js';
import { messageId, requestId, toolUseId } from './ids.js';
import type { Knobs } from './knobs.js';
import type { LineWriter } from './line-writer.js';
import { garbageLine, spread, stderrLine } from './noise.js';
import { composeReply, type Segment } from './reply-plan.js';
import { topicOf } from './reply-text.js';
import { createRng } from './rng.js';
import { sleep } from './sleep.js';
import { logPadding, type ToolCall } from './tool-calls.js';
import { splitDeltas } from './split-deltas.js';
import { leaveStrayJob } from './stray-job.js';
import { editCalls } from './edit-files.js';

export interface SessionRuntime {
  writer: LineWriter;
  knobs: Knobs;
  store: ConversationStore;
  conversation: Conversation;
  ctx: EventContext;
  partial: boolean;
  seed: string;
  faults: Faults;
  /** Cost of the whole conversation so far: Claude's total_cost_usd is a running total, kept across --resume. */
  totalCostUsd: number;
  /** The control protocol (`--permission-prompt-tool stdio`): tool calls that ask first ask the client. */
  channel?: ControlChannel;
}

/** A person interrupted the turn; `forToolUse`: while a permission request was pending. */
class TurnInterrupted extends Error {
  constructor(readonly forToolUse: boolean) {
    super('interrupted');
  }
}

const API_KEY_ERROR = 'Invalid API key · Fix external API key';
const DELTAS_PER_BLOCK = 3;
const BASE_INPUT_TOKENS = 120;

const tokensOf = (text: string): number => Math.max(1, Math.ceil(Buffer.byteLength(text) / 4));

class TurnWriter {
  private message: ApiMessage = newApiMessage();
  private chunksInTurn = 0;
  private finalTexts: string[] = [];
  private apiCalls = 1;
  private readonly tokens: Tokens;
  private readonly garbageSlots: number[];
  private readonly stderrSlots: number[];
  private garbageWritten = 0;
  private stderrWritten = 0;
  private readonly startedAt = performance.now();
  private firstContentAt?: number;
  private readonly denials: PermissionDenial[] = [];

  constructor(
    private readonly rt: SessionRuntime,
    chunks: number,
    private readonly crashAtInTurn: number | undefined,
  ) {
    this.tokens = { input: BASE_INPUT_TOKENS + rt.conversation.messages.length * 40, output: 0 };
    this.garbageSlots = spread(rt.knobs.garbage, chunks + 1);
    this.stderrSlots = spread(rt.knobs.stderrNoise, chunks + 1);
  }

  private get ctx(): EventContext {
    return this.rt.ctx;
  }

  private async emit(event: Record<string, unknown>): Promise<void> {
    await this.rt.writer.event(event);
  }

  /** Garbage and stderr lines due at this point (after init: slot 0; after chunk n: slot n). */
  private async extras(slot: number): Promise<void> {
    const { knobs, writer } = this.rt;
    for (let i = 0; i < (this.garbageSlots[slot] ?? 0); i++) await writer.write(garbageLine(this.garbageWritten++));
    for (let i = 0; i < (this.stderrSlots[slot] ?? 0); i++) {
      process.stderr.write(stderrLine(this.stderrWritten++, knobs.stderrNoise));
    }
  }

  async afterInit(): Promise<void> {
    await this.rt.faults.check(this.rt.conversation, 0, this.crashAtInTurn);
    await this.extras(0);
  }

  /** With partial messages, each API call opens with a status line and message_start. */
  private async openMessage(): Promise<void> {
    if (!this.rt.partial || this.message.blocks > 0) return;
    await this.emit(statusEvent(this.ctx, 'requesting'));
    const ttft = Math.round(performance.now() - this.startedAt);
    await this.emit(messageStartEvent(this.ctx, this.message, { input: this.tokens.input, output: 1 }, ttft));
  }

  private async closeMessage(stopReason: string): Promise<void> {
    if (!this.rt.partial || this.message.blocks === 0) return;
    await this.emit(messageDeltaEvent(this.ctx, this.message, stopReason, this.tokens.output));
    await this.emit(messageStopEvent(this.ctx, this.message));
  }

  async text(text: string): Promise<void> {
    const { knobs, faults } = this.rt;
    if (this.rt.channel?.interrupted) throw new TurnInterrupted(false);
    await this.openMessage();
    const index = this.message.blocks++;
    const block: ContentBlock = { type: 'text', text };
    if (this.rt.partial) {
      await this.emit(blockStartEvent(this.ctx, this.message, index, block));
      const deltas = splitDeltas(text, DELTAS_PER_BLOCK);
      for (const delta of deltas) {
        await sleep(knobs.delayMs / deltas.length);
        this.firstContentAt ??= performance.now();
        await this.emit(textDeltaEvent(this.ctx, this.message, index, delta));
      }
    } else {
      await sleep(knobs.delayMs);
    }
    this.firstContentAt ??= performance.now();
    this.tokens.output += tokensOf(text);
    await this.emit(assistantEvent(this.ctx, this.message, block, { input: this.tokens.input, output: 1 }));
    this.finalTexts.push(text);
    this.chunksInTurn++;
    faults.chunksWritten++;
    await faults.check(this.rt.conversation, this.chunksInTurn, this.crashAtInTurn);
    if (this.rt.partial) await this.emit(blockStopEvent(this.ctx, this.message, index));
    await this.extras(this.chunksInTurn);
  }

  async tool(call: ToolCall, padLineTo?: number): Promise<void> {
    await this.openMessage();
    const index = this.message.blocks++;
    const block: ContentBlock = { type: 'tool_use', id: toolUseId(), name: call.name, input: call.input };
    const inputJson = JSON.stringify(call.input);
    this.tokens.output += tokensOf(inputJson);
    if (this.rt.partial) {
      await this.emit(blockStartEvent(this.ctx, this.message, index, block));
      for (const piece of splitDeltas(inputJson, 2)) {
        await this.emit(inputJsonDeltaEvent(this.ctx, this.message, index, piece));
      }
    }
    await this.emit(assistantEvent(this.ctx, this.message, block, { input: this.tokens.input, output: 1 }));
    if (this.rt.partial) await this.emit(blockStopEvent(this.ctx, this.message, index));
    await this.closeMessage('tool_use');
    const permit = await permitTool(call, block.id, this.ctx.permissionMode, this.rt.channel, this.ctx.cwd);
    if (!permit.run) {
      this.denials.push({ tool_name: call.name, tool_use_id: block.id, tool_input: call.input });
      if ('interrupted' in permit) {
        await this.emit(toolErrorEvent(this.ctx, block.id, REJECTED_TEXT));
        throw new TurnInterrupted(true);
      }
      await this.emit(toolErrorEvent(this.ctx, block.id, permit.text));
    } else {
      // The tool "runs" for about as long as a chunk takes.
      await sleep(this.rt.knobs.delayMs);
      call.output = permit.output;
      // A real edit may be refused (a path out of its cwd): then its result says so.
      call.run?.();
      await this.rt.writer.write(`${this.toolResultLine(block.id, call, padLineTo)}\n`);
    }
    this.tokens.input += tokensOf(call.output);
    this.message = newApiMessage();
    this.finalTexts = [];
    this.apiCalls++;
  }

  /** The tool_result line; with `padLineTo`, padded to exactly that many bytes. */
  private toolResultLine(toolId: string, call: ToolCall, padLineTo?: number): string {
    const { writer } = this.rt;
    const build = (output: string) => toolResultEvent(this.ctx, toolId, output, { ...call.toolUseResult, stdout: output.slice(0, 200) });
    if (padLineTo === undefined) return writer.encode(toolResultEvent(this.ctx, toolId, call.output, call.toolUseResult, call.isError));
    const base = build('');
    const line = writer.encode(base);
    const missing = padLineTo - Buffer.byteLength(line);
    if (missing <= 0) return line;
    // Same ts, uuid and timestamp: only the content grows, so the size comes out exact.
    const padded = { ...base, message: build(logPadding(missing)).message, tool_use_result: base.tool_use_result };
    return writer.encode(padded);
  }

  async result(): Promise<string> {
    await this.closeMessage('end_turn');
    const result = this.finalTexts.join('');
    await this.emit(successResult(this.ctx, result, this.figures(), this.denials));
    return result;
  }

  /** Ends an interrupted turn the way Claude does: a user line saying so, then an error result. */
  async interrupted(forToolUse: boolean): Promise<void> {
    await this.emit(interruptedUserEvent(this.ctx, forToolUse));
    await this.emit(interruptedResult(this.ctx, forToolUse, this.figures(), this.denials));
  }

  private figures(): TurnFigures {
    this.rt.totalCostUsd = Math.round((this.rt.totalCostUsd + costOf(this.tokens)) * 1e6) / 1e6;
    const durationMs = Math.round(performance.now() - this.startedAt);
    return {
      tokens: this.tokens,
      totalCostUsd: this.rt.totalCostUsd,
      numTurns: this.apiCalls,
      durationMs,
      durationApiMs: durationMs,
      ttftMs: Math.round((this.firstContentAt ?? performance.now()) - this.startedAt),
    };
  }
}

function newApiMessage(): ApiMessage {
  return { id: messageId(), requestId: requestId(), blocks: 0 };
}

/** The chunk count of this turn at which crash-rate strikes, if it does. */
function drawCrash(rt: SessionRuntime, turn: number, chunks: number): number | undefined {
  if (rt.knobs.crashRate <= 0) return undefined;
  // Keyed by the crash count too, so a restarted run draws afresh.
  const rng = createRng(`${rt.seed}\0crash\0${rt.conversation.sessionId}\0${turn}\0${rt.conversation.crashes}`);
  return rng.chance(rt.knobs.crashRate) ? rng.int(0, chunks) : undefined;
}

/** The first tool calls of the reply become ones that ask: a question first, then `approvals` calls. */
function askFirst(segments: Segment[], questionTopic: string | null, approvals: number, cwd: string): Segment[] {
  let question = questionTopic !== null;
  let approval = 0;
  return segments.map((segment) => {
    if (segment.kind !== 'tool' || segment.padLineTo !== undefined) return segment;
    if (question) {
      question = false;
      return { ...segment, call: questionCall(questionTopic as string) };
    }
    if (approval < approvals) return { ...segment, call: approvalCall(approval++, cwd) };
    return segment;
  });
}

/** Runs one turn; resolves true when it ended well (false: an error result was written). */
export async function runTurn(rt: SessionRuntime, prompt: string): Promise<boolean> {
  const { knobs, conversation, store } = rt;
  await sleep(knobs.turnDelayMs);
  const memory = { earlier: conversation.userMessages, previous: lastUserText(conversation) };
  // Stored before any output, so a run that crashes can still be resumed.
  addMessage(conversation, 'user', prompt);
  conversation.firstTopic ??= topicOf(prompt);
  store.save(conversation);
  const started = performance.now();
  if (knobs.stray) leaveStrayJob();
  await rt.writer.event(initEvent(rt.ctx));

  if (knobs.fail) {
    await rt.writer.event(apiErrorAssistantEvent(rt.ctx, API_KEY_ERROR));
    await rt.writer.event(apiErrorResult(rt.ctx, API_KEY_ERROR, rt.totalCostUsd, Math.round(performance.now() - started)));
    return false;
  }

  const asking = knobs.permissionRequests + (knobs.askQuestion ? 1 : 0);
  const segments: Segment[] = askFirst(
    composeReply({
      prompt,
      memory,
      cwd: rt.ctx.cwd,
      chunks: knobs.chunks,
      tools: Math.max(knobs.tools, asking),
      chunkBytes: knobs.chunkBytes,
      hugeLineBytes: knobs.hugeLineBytes,
      rng: createRng(`${rt.seed}\0${prompt}\0${memory.earlier}`),
      edits: editCalls({ cwd: rt.ctx.cwd, subject: conversation.firstTopic, count: knobs.editFiles, turn: memory.earlier + 1, author: conversation.sessionId, topic: topicOf(prompt) }),
    }),
    knobs.askQuestion ? topicOf(prompt) : null,
    knobs.permissionRequests,
    rt.ctx.cwd,
  );
  const turn = new TurnWriter(rt, knobs.chunks, drawCrash(rt, memory.earlier, knobs.chunks));
  rt.channel?.beginTurn();
  let result = '';
  try {
    await turn.afterInit();
    for (const segment of segments) {
      if (segment.kind === 'text') await turn.text(segment.text);
      else await turn.tool(segment.call, segment.padLineTo);
    }
    result = await turn.result();
  } catch (error) {
    if (!(error instanceof TurnInterrupted)) throw error;
    await turn.interrupted(error.forToolUse);
  } finally {
    rt.channel?.endTurn();
  }
  addMessage(conversation, 'assistant', result);
  conversation.totalCostUsd = rt.totalCostUsd;
  store.save(conversation);
  return true;
}
