// The SOCKS5 subset XEP-0065 uses (RFC 1928): no authentication (§3), CONNECT (§4) to a DOMAINNAME that is the hash of
// the stream (XEP-0065 §5.3.2, XEP-0260 §2.3), the reply (§6); a client for the candidates we try and a server for the
// direct candidates we offer. Once the handshake is done, the socket carries the file's bytes and nothing else.
import { createHash } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

const VERSION = 0x05;
const NO_AUTH = 0x00;
const NO_ACCEPTABLE = 0xff;
const CMD_CONNECT = 0x01;
const ATYP_DOMAIN = 0x03;
const REPLY_OK = 0x00;
const REPLY_GENERAL_FAILURE = 0x01;

/** XEP-0065 §5.3.2: SHA-1 (hex) of the stream id, the requester's full JID and the target's full JID. */
export const dstAddr = (sid: string, requester: string, target: string): string => createHash('sha1').update(`${sid}${requester}${target}`, 'utf8').digest('hex');

/** RFC 1928 §3: version 5, one method offered, no authentication. */
export const greeting = (): Buffer => Buffer.from([VERSION, 1, NO_AUTH]);

/** RFC 1928 §4/§6: a CONNECT request or a reply naming a DOMAINNAME (XEP-0065: the hash, port 0). */
export function addressed(code: number, domain: string, port = 0): Buffer {
  const name = Buffer.from(domain, 'ascii');
  const head = Buffer.from([VERSION, code, 0x00, ATYP_DOMAIN, name.length]);
  const tail = Buffer.alloc(2);
  tail.writeUInt16BE(port);
  return Buffer.concat([head, name, tail]);
}

export const connectRequest = (domain: string): Buffer => addressed(CMD_CONNECT, domain);

/** Reads exactly `length` bytes from the socket (the handshake is small and strictly in turn). */
function readBytes(socket: Socket, length: number, buffered: { bytes: Buffer }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const take = () => {
      if (buffered.bytes.length < length) return false;
      const out = buffered.bytes.subarray(0, length);
      buffered.bytes = buffered.bytes.subarray(length);
      done();
      resolve(out);
      return true;
    };
    const onData = (chunk: Buffer) => {
      buffered.bytes = Buffer.concat([buffered.bytes, chunk]);
      take();
    };
    const onEnd = () => {
      done();
      reject(new Error('the SOCKS5 peer closed the connection'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const done = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.pause();
    };
    if (take()) return;
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
    socket.resume();
  });
}

/** A DOMAINNAME-addressed request or reply (RFC 1928 §4, §6): its code and the name. */
async function readAddressed(socket: Socket, buffered: { bytes: Buffer }): Promise<{ code: number; domain: string }> {
  const head = await readBytes(socket, 5, buffered);
  if (head[0] !== VERSION || head[3] !== ATYP_DOMAIN) throw new Error('not a SOCKS5 DOMAINNAME message');
  const rest = await readBytes(socket, (head[4] ?? 0) + 2, buffered);
  return { code: head[1] ?? 0xff, domain: rest.subarray(0, rest.length - 2).toString('ascii') };
}

/** What was read past the handshake goes back in front of the data (a peer may send its first bytes at once). */
function handOver(socket: Socket, buffered: { bytes: Buffer }): Socket {
  if (buffered.bytes.length > 0) socket.unshift(buffered.bytes);
  // A reset from now on is met by whoever reads or writes the stream; with no listener it would end the process.
  socket.on('error', () => undefined);
  return socket;
}

/** What a connected socket's reads go to once its handshake is done; `chunk` lies in a reused buffer, valid during the call only. */
export type SocketReader = (chunk: Buffer) => boolean;

/**
 * The sockets we connect read into one buffer of their own (net's onread) instead of a new one per read, so that a
 * large file leaves no garbage behind it (in a core with a large heap, each collection it triggers is slow).
 */
export interface OwnReads {
  /** Hands the reads over to `reader` (the bytes read past the handshake first), and resumes the socket. */
  take(reader: SocketReader): void;
}

const ownReads = new WeakMap<Socket, OwnReads>();

/** A socket from socks5Connect reads in place; others (those our server accepted) read in the stream's own way. */
export const ownReadsOf = (socket: Socket): OwnReads | undefined => ownReads.get(socket);

const READ_BUFFER = 64 * 1024;

/** Connects to a streamhost and asks for the stream `domain` (XEP-0065 §6.3.3); the socket is paused, ready for data. */
export async function socks5Connect(args: { host: string; port: number; domain: string; timeoutMs: number; signal?: AbortSignal }): Promise<Socket> {
  // The handshake is small and strictly in turn: its bytes are kept (copied) until they make a whole message.
  const inbox = { bytes: Buffer.alloc(0), wake: () => undefined as void };
  let reader: SocketReader = (chunk) => {
    inbox.bytes = Buffer.concat([inbox.bytes, chunk]);
    inbox.wake();
    return true;
  };
  const reads = Buffer.allocUnsafe(READ_BUFFER);
  const socket = createConnection({ host: args.host, port: args.port, onread: { buffer: reads, callback: (length) => reader(reads.subarray(0, length)) } });
  socket.setNoDelay(true);
  const timer = setTimeout(() => socket.destroy(new Error('the streamhost did not answer in time')), args.timeoutMs);
  const abort = () => socket.destroy(new Error('aborted'));
  args.signal?.addEventListener('abort', abort, { once: true });
  let ended: Error | undefined;
  const onEnd = () => {
    ended ??= new Error('the SOCKS5 peer closed the connection');
    inbox.wake();
  };
  const onError = (error: Error) => {
    ended ??= error;
    inbox.wake();
  };
  socket.on('end', onEnd).on('error', onError);
  const read = async (length: number): Promise<Buffer> => {
    while (inbox.bytes.length < length) {
      if (ended) throw ended;
      await new Promise<void>((resolve) => (inbox.wake = resolve));
    }
    const out = inbox.bytes.subarray(0, length);
    inbox.bytes = inbox.bytes.subarray(length);
    return out;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(greeting());
    const chosen = await read(2);
    if (chosen[0] !== VERSION || chosen[1] !== NO_AUTH) throw new Error('the streamhost wants authentication');
    socket.write(connectRequest(args.domain));
    const head = await read(5);
    if (head[0] !== VERSION || head[3] !== ATYP_DOMAIN) throw new Error('not a SOCKS5 DOMAINNAME message');
    await read((head[4] ?? 0) + 2);
    if (head[1] !== REPLY_OK) throw new Error(`the streamhost refused the stream (${String(head[1])})`);
    socket.pause();
    // A reset from now on is met by whoever reads or writes the stream; with no listener it would end the process.
    socket.on('error', () => undefined);
    ownReads.set(socket, {
      take(next) {
        const early = inbox.bytes;
        inbox.bytes = Buffer.alloc(0);
        reader = next;
        if (early.length > 0 && !next(early)) return;
        socket.resume();
      },
    });
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
    socket.off('end', onEnd).off('error', onError);
    args.signal?.removeEventListener('abort', abort);
  }
}

/** The server of our direct candidates: a connection naming a stream we expect is handed to its owner, others are refused. */
export function createSocks5Server(options: { host: string; handshakeTimeoutMs?: number }) {
  const expected = new Map<string, (socket: Socket) => void>();
  let server: Server | undefined;
  let port: Promise<number> | undefined;

  async function serve(socket: Socket): Promise<void> {
    socket.setNoDelay(true);
    socket.pause();
    const buffered = { bytes: Buffer.alloc(0) };
    const timer = setTimeout(() => socket.destroy(), options.handshakeTimeoutMs ?? 10_000);
    try {
      const head = await readBytes(socket, 2, buffered);
      const methods = await readBytes(socket, head[1] ?? 0, buffered);
      if (head[0] !== VERSION || !methods.includes(NO_AUTH)) {
        socket.end(Buffer.from([VERSION, NO_ACCEPTABLE]));
        return;
      }
      socket.write(Buffer.from([VERSION, NO_AUTH]));
      const request = await readAddressed(socket, buffered);
      const owner = request.code === CMD_CONNECT ? expected.get(request.domain) : undefined;
      if (!owner) {
        socket.end(addressed(REPLY_GENERAL_FAILURE, request.domain));
        return;
      }
      socket.write(addressed(REPLY_OK, request.domain));
      owner(handOver(socket, buffered));
    } catch {
      socket.destroy();
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** Listens (once) and gives the port. */
    listen(): Promise<number> {
      port ??= new Promise<number>((resolve, reject) => {
        const created = createServer((socket) => void serve(socket));
        server = created;
        created.once('error', reject);
        created.listen(0, options.host, () => {
          const address = created.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      });
      return port;
    },
    /** Lets in connections asking for this stream; returns a function that forgets it. */
    expect(domain: string, onSocket: (socket: Socket) => void): () => void {
      expected.set(domain, onSocket);
      return () => void (expected.get(domain) === onSocket && expected.delete(domain));
    },
    close(): void {
      expected.clear();
      server?.close();
      server = undefined;
      port = undefined;
    },
  };
}

export type Socks5Server = ReturnType<typeof createSocks5Server>;
