// The sender's side of a SOCKS5 bytestream (XEP-0260 §2.5): the file's range read from disk into a few buffers that are
// used again once the socket has taken their bytes, so that memory stays flat whatever the size and a large file leaves
// no garbage behind it; the socket ends after the last byte (§2.6).
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { SentRange } from './sent-range.ts';

const BLOCK = 256 * 1024;
/** Blocks read ahead of what the socket has sent: at most 2 MiB in hand. */
const BLOCKS = 8;

export async function sendOverSocket(args: SentRange & { readonly socket: Socket }): Promise<void> {
  const { socket, seal } = args;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const state: SendState = {};
  const stop = (error: Error) => {
    state.failure ??= error;
    fail(error);
    state.wake?.();
  };
  const onError = (error: Error) => stop(error);
  const onClose = () => stop(new Error('the bytestream closed before the whole file was sent'));
  const onAbort = () => {
    stop(new Error('the transfer was stopped'));
    socket.destroy();
  };
  socket.on('error', onError).on('close', onClose);
  args.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (args.length > 0) await sendRange(args, state);
    if (state.failure) throw state.failure;
    const finished = once(socket, 'finish');
    // An empty file still has its tag when it is encrypted.
    if (seal) socket.end(seal.final());
    else socket.end();
    await Promise.race([finished, failed]);
  } finally {
    socket.off('error', onError).off('close', onClose);
    args.signal.removeEventListener('abort', onAbort);
  }
}

interface SendState {
  failure?: Error;
  /** Wakes the reader waiting for a free block (or for the failure). */
  wake?: () => void;
}

/** The range's bytes into the socket, each block used again once the socket has taken it. */
async function sendRange(args: SentRange & { readonly socket: Socket }, state: SendState): Promise<void> {
  const file = await open(args.path, 'r');
  try {
    const free: Buffer[] = [];
    let made = 0;
    let sent = 0;
    while (sent < args.length) {
      if (state.failure) throw state.failure;
      const buffer = free.pop() ?? (made < BLOCKS ? ((made += 1), Buffer.allocUnsafeSlow(BLOCK)) : undefined);
      if (!buffer) {
        await new Promise<void>((resolve) => (state.wake = resolve));
        continue;
      }
      const { bytesRead } = await file.read(buffer, 0, Math.min(BLOCK, args.length - sent), args.offset + sent);
      if (bytesRead === 0) throw new Error('the file is shorter than offered');
      const bytes = buffer.subarray(0, bytesRead);
      args.onBytes(bytes);
      sent += bytesRead;
      args.onProgress(sent);
      args.socket.write(args.seal ? args.seal.update(bytes) : bytes, () => {
        free.push(buffer);
        state.wake?.();
      });
    }
  } finally {
    await file.close();
  }
}
