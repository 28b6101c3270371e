/**
 * Conversations kept as one small JSON file per session id, so `--resume` knows the earlier
 * turns and crash counts survive the process. Written synchronously (temp file + rename): a
 * crash right after a save never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { isSafeId } from './ids.js';

export interface StoredMessage {
  role: 'user' | 'assistant';
  text: string;
  at: string;
}

export interface Conversation {
  version: 1;
  sessionId: string;
  createdAt: string;
  updatedAt: string;
  model: string;
  cwd: string;
  /** Crashes and hangs injected so far (the crash-times knob counts these). */
  crashes: number;
  /** Every user message ever sent, even those trimmed from `messages`. */
  userMessages: number;
  /** Claude's total_cost_usd is the conversation's running cost, carried over on --resume. */
  totalCostUsd?: number;
  /** What the first turn was about: the edit-files knob names its files after it. */
  firstTopic?: string;
  messages: StoredMessage[];
}

/** Files stay small: long texts are cut and only the latest messages are kept. */
const MAX_TEXT = 2000;
const MAX_MESSAGES = 40;

export class ConversationStore {
  private dirReady = false;

  constructor(readonly dir: string) {}

  private path(sessionId: string): string {
    return join(this.dir, `${sessionId}.json`);
  }

  /** The stored conversation, or undefined when there is none (or the id cannot name one). */
  load(sessionId: string): Conversation | undefined {
    if (!isSafeId(sessionId)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.path(sessionId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isConversation(parsed)) {
      throw troupeError('INVALID_ARGUMENT', `troupe-sim-agent: the stored conversation ${this.path(sessionId)} is damaged`);
    }
    return parsed;
  }

  exists(sessionId: string): boolean {
    return this.load(sessionId) !== undefined;
  }

  create(sessionId: string, model: string, cwd: string): Conversation {
    const now = new Date().toISOString();
    return { version: 1, sessionId, createdAt: now, updatedAt: now, model, cwd, crashes: 0, userMessages: 0, messages: [] };
  }

  save(conversation: Conversation): void {
    if (!this.dirReady) {
      mkdirSync(this.dir, { recursive: true });
      this.dirReady = true;
    }
    conversation.updatedAt = new Date().toISOString();
    const target = this.path(conversation.sessionId);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(conversation));
    renameSync(temp, target);
  }
}

export function addMessage(conversation: Conversation, role: StoredMessage['role'], text: string): void {
  conversation.messages.push({ role, text: text.slice(0, MAX_TEXT), at: new Date().toISOString() });
  if (role === 'user') conversation.userMessages++;
  if (conversation.messages.length > MAX_MESSAGES) conversation.messages.splice(0, conversation.messages.length - MAX_MESSAGES);
}

/** The latest user message, if any. */
export function lastUserText(conversation: Conversation): string | undefined {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const message = conversation.messages[i];
    if (message?.role === 'user') return message.text;
  }
  return undefined;
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Conversation>;
  return (
    c.version === 1 &&
    typeof c.sessionId === 'string' &&
    typeof c.crashes === 'number' &&
    typeof c.userMessages === 'number' &&
    Array.isArray(c.messages)
  );
}
