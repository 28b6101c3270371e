/**
 * The limit: the same bytes the agents write, read from pipes and JSON-parsed on one thread with
 * no supervisor, no log and no parser of ours. The bytes are one simulated agent's flat-out turn,
 * captured once; `cat` feeds a copy to each of `pipes` pipes at once.
 */
import { execa } from 'execa';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIM_AGENT_SCRIPT } from '../paths.js';

export interface PipeLimit {
  pipes: number;
  lines: number;
  bytes: number;
  seconds: number;
  linesPerSecond: number;
  megabytesPerSecond: number;
}

/** Writes one flat-out turn of `chunks` chunks of `chunkBytes` bytes to a file; returns its path. */
export async function captureAgentBytes(dir: string, chunks: number, chunkBytes: number): Promise<string> {
  const path = join(dir, 'agent-stdout.jsonl');
  await execa(process.execPath, [SIM_AGENT_SCRIPT, '-p', 'Capture a turn for the pipe limit.', '--output-format', 'stream-json', '--verbose'], {
    env: {
      TROUPE_SIM_STATE_DIR: join(dir, 'sim-state'),
      TROUPE_SIM_CHUNKS: String(chunks),
      TROUPE_SIM_CHUNK_BYTES: String(chunkBytes),
      TROUPE_SIM_DELAY_MS: '0',
      TROUPE_SIM_TOOLS: '0',
      TROUPE_SIM_SEED: 'pipe-limit',
    },
    stdout: { file: path },
  });
  return path;
}

/** Reads `path` (`repeat` times over) through `pipes` concurrent `cat` pipes, splitting and JSON-parsing every line here. */
export async function readThroughPipes(path: string, pipes: number, repeat = 1): Promise<PipeLimit> {
  let lines = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: pipes }, async () => {
      const child = execa('cat', Array.from({ length: repeat }, () => path), { buffer: false, stdout: 'pipe' });
      let pending = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (text: string) => {
        bytes += Buffer.byteLength(text);
        let start = 0;
        let newline = text.indexOf('\n');
        while (newline !== -1) {
          const line = pending + text.slice(start, newline);
          pending = '';
          JSON.parse(line);
          lines += 1;
          start = newline + 1;
          newline = text.indexOf('\n', start);
        }
        pending += text.slice(start);
      });
      await child;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { pipes, lines, bytes, seconds, linesPerSecond: lines / seconds, megabytesPerSecond: bytes / 1024 / 1024 / seconds };
}

/** `repeat` makes the measured stretch long enough to time well (about a second on a small machine). */
export async function measurePipeLimit(options: { pipes: number; chunks: number; chunkBytes: number; repeat?: number }): Promise<PipeLimit & { fileBytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'troupe-bench-pipe-'));
  try {
    const path = await captureAgentBytes(dir, options.chunks, options.chunkBytes);
    const fileBytes = (await stat(path)).size;
    await readThroughPipes(path, 1); // warm the page cache and the JIT
    return { ...(await readThroughPipes(path, options.pipes, options.repeat ?? 1)), fileBytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
