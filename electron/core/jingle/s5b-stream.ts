// The file's bytes over a SOCKS5 bytestream (XEP-0260 §2.5): streamed from disk into the socket with the socket's
// back-pressure, and from the socket to the sink one chunk at a time; memory stays flat whatever the size.
import { createReadStream } from 'node:fs';
import type { Socket } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamCipher } from './jet/stream-cipher.ts';

/** XEP-0391: encrypts what goes through, and adds the tag at the end. */
const sealing = (seal: StreamCipher) =>
  new Transform({
    transform: (chunk: Buffer, _encoding, callback) => callback(null, seal.update(chunk)),
    flush: (callback) => callback(null, seal.final()),
  });

export async function sendOverSocket(args: {
  readonly socket: Socket;
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly onProgress: (sent: number) => void;
  readonly onBytes: (bytes: Uint8Array) => void;
  readonly signal: AbortSignal;
  /** XEP-0391: the bytes encrypted on their way (the hash and the count are the file's). */
  readonly seal?: StreamCipher | undefined;
}): Promise<void> {
  let sent = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      args.onBytes(chunk);
      sent += chunk.length;
      args.onProgress(sent);
      callback(null, chunk);
    },
  });
  const seal = args.seal;
  if (args.length > 0) {
    const file = createReadStream(args.path, { start: args.offset, end: args.offset + args.length - 1, highWaterMark: 256 * 1024 });
    // The socket ends after the last byte: that is how the receiver's side of the stream closes (§2.6).
    if (seal) await pipeline(file, count, sealing(seal), args.socket, { signal: args.signal });
    else await pipeline(file, count, args.socket, { signal: args.signal });
  } else {
    // An empty file still has its tag when it is encrypted.
    if (seal) args.socket.end(seal.final());
    else args.socket.end();
  }
  if (sent !== args.length) throw new Error('the file is shorter than offered');
}

/** Reads until `size` bytes arrived; rejects when the stream ends short or a write fails. */
export async function receiveFromSocket(args: { readonly socket: Socket; readonly size: number; readonly onData: (bytes: Buffer) => Promise<void>; readonly signal: AbortSignal }): Promise<void> {
  let received = 0;
  const abort = () => args.socket.destroy();
  args.signal.addEventListener('abort', abort, { once: true });
  try {
    if (received >= args.size) return;
    for await (const chunk of args.socket) {
      const bytes = chunk as Buffer;
      received += bytes.length;
      await args.onData(bytes);
      if (received >= args.size) return;
    }
    throw new Error('the bytestream ended before the whole file arrived');
  } finally {
    args.signal.removeEventListener('abort', abort);
    args.socket.destroy();
  }
}
