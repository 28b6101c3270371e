/** Validation of the workspace commands (see WorkspaceCommand in src/protocol/wire.ts). */
import { z } from 'zod';
import { MAX_COMMIT_MESSAGE_CHARS } from '../../workspaces/commit.js';

export function workspaceSchemas<Id extends z.ZodType, Session extends z.ZodType>(requestId: Id, sessionId: Session) {
  return {
    'workspace-diff': z.strictObject({ id: requestId, type: z.literal('workspace-diff'), sessionId }),
    'workspace-commit': z.strictObject({
      id: requestId,
      type: z.literal('workspace-commit'),
      sessionId,
      message: z.string().trim().min(1, 'must not be empty').max(MAX_COMMIT_MESSAGE_CHARS).optional(),
    }),
    'workspace-merge': z.strictObject({ id: requestId, type: z.literal('workspace-merge'), sessionId }),
    'workspace-discard': z.strictObject({
      id: requestId,
      type: z.literal('workspace-discard'),
      sessionId,
      confirm: z.literal(true, 'say confirm: true once the person saw what will be lost'),
    }),
    'workspace-keep': z.strictObject({ id: requestId, type: z.literal('workspace-keep'), sessionId }),
  };
}
