/**
 * Errors keep their troupe code across the worker boundary. Comlink sends a thrown Error as its
 * message, name and stack only, so a worker's SESSION_BUSY reached the browser as INTERNAL; this
 * handler, installed on both sides, sends the code and details too and rebuilds a TroupeError.
 */
import * as Comlink from 'comlink';
import { isTroupeError, troupeError, type TroupeErrorCode } from './troupe-error.js';

interface SerializedThrow {
  isError: boolean;
  value: unknown;
}

interface SerializedTroupeError {
  message: string;
  name: string;
  stack?: string;
  code: TroupeErrorCode;
  details?: Record<string, unknown>;
}

let installed = false;

export function installErrorTransfer(): void {
  if (installed) return;
  const original = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, SerializedThrow> | undefined;
  if (!original) return;
  installed = true;
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize(thrown: unknown): [SerializedThrow, unknown[]] {
      const error = (thrown as { value?: unknown }).value;
      if (isTroupeError(error)) {
        const value: SerializedTroupeError = { message: error.message, name: error.name, stack: error.stack, code: error.code, details: error.details };
        return [{ isError: true, value }, []];
      }
      return original.serialize(thrown);
    },
    deserialize(serialized: SerializedThrow): never {
      const value = serialized.value as Partial<SerializedTroupeError> | undefined;
      if (serialized.isError && value && typeof value.code === 'string') {
        const error = troupeError(value.code, String(value.message ?? ''), value.details);
        if (value.stack) error.stack = value.stack;
        throw error;
      }
      return original.deserialize(serialized) as never;
    },
  } as unknown as Comlink.TransferHandler<unknown, SerializedThrow>);
}
