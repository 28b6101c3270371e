/**
 * The shared shell of every backend's line parser: blank lines, lines that are not a
 * JSON object, and any surprise inside a handler all become chunks, never exceptions.
 */
import type { AgentChunk } from '../protocol/index.js';
import { isObject, stringField, type JsonObject } from './json-fields.js';
import type { LineParser, ParsedChunk } from './types.js';

const PREVIEW_CHARS = 200;

/** Handles one JSON object line; `line` is the original text, for raw chunks. */
export type EventHandler = (event: JsonObject, line: string) => AgentChunk[];

export function createJsonLineParser(handle: EventHandler): LineParser {
  return {
    parse(line: string): ParsedChunk[] {
      if (typeof line !== 'string' || line.trim() === '') return [];
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return unparsable(line);
      }
      if (!isObject(value)) return unparsable(line);
      try {
        return stampEmittedAt(handle(value, line), value.ts);
      } catch (error) {
        // A handler bug must not take the session down: keep the line for the log.
        return [
          {
            kind: 'notice',
            level: 'warning',
            code: 'parser_error',
            message: `could not interpret a ${eventType(value)} event: ${error instanceof Error ? error.message : String(error)}`,
          },
          rawChunk(value, line),
        ];
      }
    },
  };
}

export function unparsable(line: string): AgentChunk[] {
  return [
    {
      kind: 'notice',
      level: 'warning',
      code: 'unparsable_line',
      message: `not a JSON object: ${line.slice(0, PREVIEW_CHARS)}`,
    },
    { kind: 'raw', type: 'unparsable', line },
  ];
}

export function eventType(event: JsonObject): string {
  return stringField(event, 'type') ?? 'unknown';
}

/** An event this parser does not know, kept whole. `type` may be refined (e.g. system/compact_boundary). */
export function rawChunk(event: JsonObject, line: string, type = eventType(event)): AgentChunk {
  return { kind: 'raw', type, line };
}

/** The simulated agent stamps each line with its write time (`ts`, epoch ms): kept for latency figures. */
function stampEmittedAt(chunks: AgentChunk[], ts: unknown): ParsedChunk[] {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return chunks;
  for (const chunk of chunks) (chunk as ParsedChunk).emittedAt = ts;
  return chunks;
}
