/** Reads the real CLI captures in ../shared/data/agent-streams (relative to the repo root). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentChunk } from '../../src/protocol/index.js';
import type { LineParser } from '../../src/backends/types.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const capturesDir = join(repoRoot, '..', 'shared', 'data', 'agent-streams');

export function captureFiles(cli: 'claude' | 'gemini' | 'codex'): string[] {
  return readdirSync(join(capturesDir, cli))
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
}

export function captureLines(cli: string, file: string): string[] {
  return readFileSync(join(capturesDir, cli, file), 'utf8').split('\n');
}

/** Every line of a capture through one parser, as a worker would feed it. */
export function parseCapture(parser: LineParser, cli: string, file: string): AgentChunk[] {
  return captureLines(cli, file).flatMap((line) => parser.parse(line));
}

export function kinds(chunks: AgentChunk[]): string[] {
  return chunks.map((c) => c.kind);
}

export function ofKind<K extends AgentChunk['kind']>(chunks: AgentChunk[], kind: K): Extract<AgentChunk, { kind: K }>[] {
  return chunks.filter((c): c is Extract<AgentChunk, { kind: K }> => c.kind === kind);
}
