import net from 'node:net';
import type { Readable } from 'node:stream';

/** How a pipe is read: `raw` into one reused buffer, or `stream` through the Readable it came as. */
export type PipeReadMode = 'raw' | 'stream';

const READ_BUFFER_BYTES = 64 * 1024;

interface StreamHandle {
  readStart(): number;
}

/**
 * Reads a child's output pipe with net.Socket's `onread`: each read lands in one buffer reused for
 * the pipe's life and goes straight to `onBytes`, without the Readable queue, `push` and `data`
 * event that cost a session worker about 100 µs per read (bench/read-floor). `onread` is taken
 * only when a socket is built, so the pipe's handle moves to a new socket; the old one ends when
 * the new one does, so whoever waits for the pipe to close still sees it. `onBytes` must not keep
 * the buffer it is given past its call. Without a handle to move, the pipe is read as a stream.
 */
export function readPipe(pipe: Readable, onBytes: (bytes: Buffer) => void): PipeReadMode {
  const holder = pipe as Readable & { _handle?: StreamHandle | null };
  const handle = holder._handle;
  if (!(pipe instanceof net.Socket) || !handle || typeof handle.readStart !== 'function' || pipe.readableLength > 0) {
    pipe.on('data', onBytes);
    return 'stream';
  }
  // The handle keeps reading: the new socket takes its reads from the next one on.
  holder._handle = null;
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const raw = new net.Socket({
    handle,
    readable: true,
    writable: false,
    onread: { buffer, callback: (bytes: number) => void onBytes(buffer.subarray(0, bytes)) },
  } as net.SocketConstructorOpts);
  let ended = false;
  const endOld = (error?: Error) => {
    if (ended) return;
    ended = true;
    if (error) pipe.destroy(error);
    else {
      // An end, then a close: what a pipe that reached its end itself does.
      pipe.once('end', () => pipe.destroy());
      pipe.push(null);
      pipe.resume();
    }
  };
  raw.on('end', () => endOld());
  raw.on('error', (error) => endOld(error));
  raw.on('close', () => endOld());
  // Destroying the old socket (a kill, a stop) closes the pipe it no longer holds.
  pipe.once('close', () => raw.destroy());
  raw.resume();
  return 'raw';
}
