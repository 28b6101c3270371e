/**
 * Which conversation a run continues: a stored one (--resume, optionally forked), or a new one
 * (--session-id or a fresh UUID). Refusals use Claude's own words.
 */
import { messageOf, troupeError } from '../errors/troupe-error.js';
import type { SimArgs } from './cli-args.js';
import type { Conversation, ConversationStore } from './conversation-store.js';
import { isUuid, newUuid } from './ids.js';

export const DEFAULT_MODEL = 'claude-sim-sonnet';

/** A conversation to run, or why the run cannot start (Claude's error_during_execution). */
export type Opened = { conversation: Conversation } | { failure: string };

const usage = (message: string) => troupeError('INVALID_ARGUMENT', message);

export function openConversation(store: ConversationStore, args: SimArgs, cwd: string): Opened {
  if (args.resume === true) throw usage('troupe-sim-agent: --resume needs a session id');
  if (args.sessionId !== undefined) {
    if (args.resume !== undefined && !args.forkSession) {
      throw usage('Error: --session-id cannot be used with --continue or --resume.');
    }
    if (!isUuid(args.sessionId)) throw usage('Error: Invalid session ID. Must be a valid UUID.');
  }

  if (args.resume !== undefined) {
    let stored: Conversation | undefined;
    try {
      stored = store.load(args.resume);
    } catch (error) {
      return { failure: messageOf(error) };
    }
    if (!stored) return { failure: `No conversation found with session ID: ${args.resume}` };
    if (args.model) stored.model = args.model;
    if (!args.forkSession) return { conversation: stored };
    const fork = store.create(args.sessionId ?? newUuid(), stored.model, cwd);
    fork.messages = [...stored.messages];
    fork.userMessages = stored.userMessages;
    return { conversation: fork };
  }

  const sessionId = args.sessionId ?? newUuid();
  if (args.sessionId !== undefined && store.exists(sessionId)) {
    throw usage(`Error: Session ID ${sessionId} is already in use.`);
  }
  return { conversation: store.create(sessionId, args.model ?? DEFAULT_MODEL, cwd) };
}
