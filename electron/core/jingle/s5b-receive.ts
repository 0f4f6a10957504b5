// The receiver's side of a SOCKS5 bytestream (XEP-0260 §2.5): the bytes go to the sink as they come, several writes
// under way while the socket is read on, and reading waits for the disk only when too many are. A socket we connected
// reads into its own buffer (socks5.ts): its bytes are gathered into a few large blocks used again once written, so that a
// large file leaves no garbage behind it; memory stays flat whatever the size.
import type { Socket } from 'node:net';
import { ownReadsOf, type OwnReads } from './socks5.ts';

/** Writes under way before the socket is paused: about this many chunks (or blocks) in memory. */
const WRITES_AHEAD = 8;
/** A block of bytes gathered from the socket's reads, handed to the sink whole. */
const BLOCK = 1024 * 1024;

export interface ReceiveArgs {
  readonly socket: Socket;
  readonly size: number;
  /** Takes the bytes in the order it is called (the sink queues its writes); `bytes` may be used again once it settles. */
  readonly onData: (bytes: Buffer) => Promise<void>;
  readonly signal: AbortSignal;
}

/** Reads until `size` bytes arrived; rejects when the stream ends short or a write fails. */
export async function receiveFromSocket(args: ReceiveArgs): Promise<void> {
  const abort = () => args.socket.destroy();
  args.signal.addEventListener('abort', abort, { once: true });
  try {
    if (args.size <= 0) return;
    const own = ownReadsOf(args.socket);
    if (own) await receiveInBlocks(args, own);
    else await receiveChunks(args);
  } finally {
    args.signal.removeEventListener('abort', abort);
    args.socket.destroy();
  }
}

/** A socket read the stream's way: each chunk is new, handed over as it is. */
async function receiveChunks(args: ReceiveArgs): Promise<void> {
  let received = 0;
  const ahead: Promise<void>[] = [];
  for await (const chunk of args.socket) {
    const bytes = chunk as Buffer;
    received += bytes.length;
    const written = args.onData(bytes);
    // Awaited below, in order; a failure meanwhile is not unhandled.
    written.catch(() => undefined);
    ahead.push(written);
    while (ahead.length >= WRITES_AHEAD) await ahead.shift();
    if (received >= args.size) break;
  }
  for (const written of ahead.splice(0)) await written;
  if (received < args.size) throw new Error('the bytestream ended before the whole file arrived');
}

/** A socket that reads in place: its bytes are copied into blocks, each written whole and then used again. */
function receiveInBlocks(args: ReceiveArgs, own: OwnReads): Promise<void> {
  const { socket } = args;
  return new Promise<void>((resolve, reject) => {
    const free: Buffer[] = [];
    let block: Buffer | undefined;
    let filled = 0;
    let received = 0;
    let writing = 0;
    let paused = false;
    let over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      socket.off('end', onEnd).off('close', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    // The sender ends its side after the last byte (§2.6): only an end before that is a failure; the writes go on.
    const onEnd = () => {
      if (received < args.size) finish(new Error('the bytestream ended before the whole file arrived'));
    };
    const onError = (error: Error) => finish(error);
    const hand = () => {
      const full = block;
      if (!full) return;
      const bytes = full.subarray(0, filled);
      block = undefined;
      filled = 0;
      writing += 1;
      args.onData(bytes).then(
        () => {
          writing -= 1;
          free.push(full);
          if (received >= args.size && writing === 0 && filled === 0) finish();
          else if (paused && writing < WRITES_AHEAD) {
            paused = false;
            socket.resume();
          }
        },
        (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
      );
    };
    socket.on('end', onEnd).on('close', onEnd).on('error', onError);
    own.take((chunk) => {
      if (over) return false;
      received += chunk.length;
      for (let at = 0; at < chunk.length; ) {
        block ??= free.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
        const copied = chunk.copy(block, filled, at);
        filled += copied;
        at += copied;
        if (filled === block.length) hand();
      }
      // The last bytes (or more than were offered, which the sink refuses) go at once.
      if (received >= args.size) hand();
      if (writing < WRITES_AHEAD) return true;
      paused = true;
      return false;
    });
  });
}
