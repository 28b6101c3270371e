/** Validation of every command a browser sends: one schema per command type, clear errors. */
import { z } from 'zod';
import { BACKEND_IDS, TASK_KINDS } from '../protocol/ids.js';
import { MAX_PAST_SESSIONS_PAGE, MAX_SEARCH_CHARS } from '../protocol/past-sessions.js';
import { dashboardKnobProblem, dashboardKnobsProblem } from './sim-knob-limits.js';
import { workspaceSchemas } from './commands/workspace-schemas.js';
import {
  MAX_COMMAND_BYTES,
  MAX_MESSAGE_CHARS,
  MAX_WATCHED_SESSIONS,
  type ClientCommand,
  type ClientCommandType,
  type WireError,
} from '../protocol/wire.js';

const sessionId = z.string().min(1).max(100);
const message = z.string().min(1, 'must not be empty').max(MAX_MESSAGE_CHARS);
const simKnobs = z
  .record(z.string().max(100), z.string().max(200))
  .refine((env) => Object.keys(env).length <= 16, 'at most 16 variables')
  .superRefine((env, ctx) => {
    for (const [variable, value] of Object.entries(env)) {
      const problem = dashboardKnobProblem(variable, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [variable] });
    }
    const together = dashboardKnobsProblem(env);
    if (together) ctx.addIssue({ code: 'custom', message: together });
  });

const startSpec = z.strictObject({
  backend: z.enum(BACKEND_IDS),
  persona: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'a persona id such as "specialist"'),
  beadId: z.string().min(1).max(100).optional(),
  task: z.enum(TASK_KINDS).optional(),
  prompt: z.string().max(MAX_MESSAGE_CHARS).optional(),
  model: z.string().min(1).max(100).optional(),
  /** One process for the whole session (claude: the default; sim: on the control protocol too). */
  longLived: z.boolean().optional(),
  env: simKnobs.optional(),
  workspace: z.enum(['auto', 'none']).optional(),
});

const requestId = z.union([z.number().finite(), z.string().max(64)]).optional();

/** Each schema also accepts the client's request `id`. */
const schemas = {
  start: z.strictObject({ id: requestId, type: z.literal('start'), spec: startSpec }),
  send: z.strictObject({ id: requestId, type: z.literal('send'), sessionId: sessionId.optional(), message }),
  interrupt: z.strictObject({ id: requestId, type: z.literal('interrupt'), sessionId: sessionId.optional() }),
  stop: z.strictObject({ id: requestId, type: z.literal('stop'), sessionId: sessionId.optional() }),
  terminate: z.strictObject({ id: requestId, type: z.literal('terminate'), sessionId }),
  revive: z.strictObject({ id: requestId, type: z.literal('revive'), sessionId, message: message.optional() }),
  'switch-active': z.strictObject({ id: requestId, type: z.literal('switch-active'), sessionId }),
  list: z.strictObject({ id: requestId, type: z.literal('list') }),
  history: z.strictObject({
    id: requestId,
    type: z.literal('history'),
    sessionId,
    limit: z.number().int().min(1).max(1000).optional(),
    before: z.number().int().min(0).optional(),
  }),
  'find-sessions': z.strictObject({
    id: requestId,
    type: z.literal('find-sessions'),
    query: z.string().max(MAX_SEARCH_CHARS).optional(),
    limit: z.number().int().min(1).max(MAX_PAST_SESSIONS_PAGE).optional(),
    before: z.string().max(200).optional(),
  }),
  resume: z.strictObject({ id: requestId, type: z.literal('resume'), sessionId, message: message.optional() }),
  'beads-tree': z.strictObject({ id: requestId, type: z.literal('beads-tree') }),
  watch: z.strictObject({
    id: requestId,
    type: z.literal('watch'),
    sessionIds: z.array(sessionId).max(MAX_WATCHED_SESSIONS),
  }),
  ping: z.strictObject({ id: requestId, type: z.literal('ping') }),
  'answer-permission': z.strictObject({
    id: requestId,
    type: z.literal('answer-permission'),
    sessionId,
    requestId: z.string().min(1).max(200),
    decision: z.enum(['allow', 'deny']),
    scope: z.enum(['once', 'session']).optional(),
    message: z.string().max(2000).optional(),
    answers: z
      .record(z.string().max(1000), z.string().max(2000))
      .refine((answers) => Object.keys(answers).length <= 16, 'at most 16 answers')
      .optional(),
  }),
  ...workspaceSchemas(requestId, sessionId),
} satisfies Record<ClientCommandType, z.ZodType>;

export const COMMAND_TYPES = Object.keys(schemas) as ClientCommandType[];

export type ParsedCommand =
  | { ok: true; id: number | string | null; command: ClientCommand }
  | { ok: false; id: number | string | null; error: WireError };

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(command)'}: ${issue.message}`)
    .join('; ');
}

function pickId(value: Record<string, unknown>): number | string | null {
  const id = value.id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= 64) return id;
  return null;
}

function tooLarge(id: number | string | null, bytes: number): ParsedCommand {
  return {
    ok: false,
    id,
    error: { code: 'TOO_LARGE', message: `command of ${bytes} bytes exceeds the limit of ${MAX_COMMAND_BYTES}` },
  };
}

/** Parses one frame. Never throws: every problem becomes an error to send back. */
export function parseCommand(frame: string | Buffer): ParsedCommand {
  const bytes = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
  let value: unknown;
  try {
    // Parsed even when too large (the socket caps frames well below harm), to answer with its id.
    value = JSON.parse(typeof frame === 'string' ? frame : frame.toString('utf8'));
  } catch (error) {
    if (bytes > MAX_COMMAND_BYTES) return tooLarge(null, bytes);
    return { ok: false, id: null, error: { code: 'BAD_JSON', message: `not JSON: ${(error as Error).message}` } };
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const record = isObject ? (value as Record<string, unknown>) : {};
  const id = pickId(record);
  if (bytes > MAX_COMMAND_BYTES) return tooLarge(id, bytes);
  if (!isObject) {
    return { ok: false, id: null, error: { code: 'INVALID_COMMAND', message: 'a command is a JSON object with a "type"' } };
  }
  const type = record.type;
  if (typeof type !== 'string') {
    return { ok: false, id, error: { code: 'INVALID_COMMAND', message: 'missing "type"' } };
  }
  if (!Object.hasOwn(schemas, type)) {
    return {
      ok: false,
      id,
      error: {
        code: 'UNKNOWN_COMMAND',
        message: `unknown command type ${JSON.stringify(type.slice(0, 40))}; known: ${COMMAND_TYPES.join(', ')}`,
      },
    };
  }
  const result = schemas[type as ClientCommandType].safeParse(value);
  if (!result.success) {
    return { ok: false, id, error: { code: 'INVALID_COMMAND', message: `${type}: ${describeIssues(result.error.issues)}` } };
  }
  const { id: _id, ...command } = result.data as ClientCommand & { id?: unknown };
  return { ok: true, id, command: command as ClientCommand };
}
