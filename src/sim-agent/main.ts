#!/usr/bin/env node
/**
 * troupe-sim-agent: a stand-in for `claude -p ... --output-format stream-json --verbose`.
 * Node builtins only, so hundreds of them start fast and stay light.
 */
import { isTroupeError, messageOf, troupeError } from '../errors/troupe-error.js';
import { parseArgs } from './cli-args.js';
import { ConversationStore } from './conversation-store.js';
import { CLAUDE_CODE_VERSION } from './event-context.js';
import { executionErrorResult } from './events-result.js';
import { Faults } from './faults.js';
import { helpText } from './help-text.js';
import { newUuid } from './ids.js';
import { readKnobs } from './knobs.js';
import { LineWriter } from './line-writer.js';
import { LineTally } from './line-tally.js';
import { openConversation } from './open-conversation.js';
import { installSignalHandlers } from './signals.js';
import { ControlChannel } from './control-channel.js';
import { runTurn, type SessionRuntime } from './turn-runner.js';

const usage = (message: string) => troupeError('INVALID_ARGUMENT', message);

async function main(argv: readonly string[]): Promise<number> {
  installSignalHandlers();
  const args = parseArgs(argv);
  if (args.help || args.version) {
    const writer = new LineWriter(process.stdout, false);
    await writer.write(args.help ? helpText() : `${CLAUDE_CODE_VERSION} (troupe-sim-agent)\n`);
    await writer.flush();
    return 0;
  }
  if (args.outputFormat !== 'stream-json') {
    throw usage(
      `troupe-sim-agent: only --output-format stream-json is supported (got ${args.outputFormat ?? 'text, the default'})`,
    );
  }
  if (!args.verbose) throw usage('Error: When using --print, --output-format=stream-json requires --verbose');
  const inputFormat = args.inputFormat ?? 'text';
  if (inputFormat !== 'text' && inputFormat !== 'stream-json') {
    throw usage(`error: option '--input-format <format>' argument '${inputFormat}' is invalid. Allowed choices are text, stream-json.`);
  }
  const longLived = inputFormat === 'stream-json';
  const prompt = args.prompt !== undefined && args.prompt.trim() !== '' ? args.prompt : undefined;
  if (!longLived && prompt === undefined) {
    throw usage('Error: Input must be provided either through stdin or as a prompt argument when using --print');
  }

  const knobs = readKnobs(process.env, args.simFlags);
  const store = new ConversationStore(knobs.stateDir);
  const tally = knobs.tallyDir ? new LineTally(knobs.tallyDir, process.stdout) : undefined;
  const writer = new LineWriter(process.stdout, knobs.timestamps, tally);
  const cwd = process.cwd();
  const opened = openConversation(store, args, cwd);
  if ('failure' in opened) {
    process.stderr.write(`${opened.failure}\n`);
    await writer.event(executionErrorResult(newUuid(), [opened.failure]));
    await writer.flush();
    return 1;
  }
  const { conversation } = opened;
  const rt: SessionRuntime = {
    writer,
    knobs,
    store,
    conversation,
    ctx: {
      sessionId: conversation.sessionId,
      model: conversation.model,
      cwd,
      permissionMode: args.permissionMode ?? (args.skipPermissions ? 'bypassPermissions' : 'default'),
    },
    partial: args.includePartialMessages,
    seed: knobs.seed ?? newUuid(),
    faults: new Faults(knobs, writer, store),
    totalCostUsd: conversation.totalCostUsd ?? 0,
  };

  if (!longLived) return finish(writer, (prompt === undefined || (await runTurn(rt, prompt))) ? 0 : 1);
  // stdin carries the turns, and with --permission-prompt-tool stdio the control protocol too.
  const channel = new ControlChannel(writer, (mode) => (rt.ctx.permissionMode = mode));
  if (args.permissionPromptTool === 'stdio') rt.channel = channel;
  void channel.run(process.stdin);
  if (prompt !== undefined && !(await runTurn(rt, prompt))) return finish(writer, 1);
  for (let text = await channel.nextTurn(); text !== null; text = await channel.nextTurn()) {
    if (!(await runTurn(rt, text))) return finish(writer, 1);
  }
  return finish(writer, 0);
}

async function finish(writer: LineWriter, code: number): Promise<number> {
  await writer.flush();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = isTroupeError(error) ? error.message : `troupe-sim-agent: ${messageOf(error)}`;
    process.stderr.write(`${message}\n`, () => process.exit(1));
  },
);
