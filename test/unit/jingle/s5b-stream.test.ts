// The file's bytes over a real SOCKS5 bytestream on loopback (XEP-0260 §2.5), both ways round: a socket we connected
// (read in place, gathered into blocks used again) and one our server accepted (read chunk by chunk); slow writes hold
// the reading back, and a stream cut short or a failing write is an error, never a silent short file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiveFromSocket } from '../../../electron/core/jingle/s5b-receive.ts';
import { sendOverSocket } from '../../../electron/core/jingle/s5b-send.ts';
import { createSocks5Server, dstAddr, socks5Connect } from '../../../electron/core/jingle/socks5.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true });
});

function fileOf(bytes: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'causette-s5b-'));
  dirs.push(folder);
  const path = join(folder, 'file.bin');
  writeFileSync(path, bytes);
  return path;
}

/** A connected pair: `ours` from socks5Connect, `accepted` from our SOCKS5 server. */
async function pair(): Promise<{ ours: Socket; accepted: Socket; close: () => void }> {
  const server = createSocks5Server({ host: '127.0.0.1' });
  const port = await server.listen();
  const domain = dstAddr('sid', 'a@x/1', 'b@x/2');
  const accepted = new Promise<Socket>((resolve) => server.expect(domain, resolve));
  const ours = await socks5Connect({ host: '127.0.0.1', port, domain, timeoutMs: 2_000 });
  const other = await accepted;
  return {
    ours,
    accepted: other,
    close: () => {
      ours.destroy();
      other.destroy();
      server.close();
    },
  };
}

/** A sink that copies what it is given (the block may be used again once it settles), slowly, and counts what is under way. */
function slowSink() {
  const parts: Buffer[] = [];
  const seen = new Set<ArrayBufferLike>();
  let underWay = 0;
  let most = 0;
  return {
    parts,
    seen,
    most: () => most,
    onData: async (bytes: Buffer) => {
      underWay += 1;
      most = Math.max(most, underWay);
      seen.add(bytes.buffer);
      parts.push(Buffer.from(bytes));
      await new Promise((resolve) => setTimeout(resolve, 2));
      underWay -= 1;
    },
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the bytes of a SOCKS5 bytestream', () => {
  it('reach a receiver that connected the stream whole and in order, in blocks used again, with few writes under way', async () => {
    const file = randomBytes(6 * 1024 * 1024 + 123);
    const path = fileOf(file);
    const { ours, accepted, close } = await pair();
    try {
      const sink = slowSink();
      const hashed = createHash('sha256');
      const signal = new AbortController().signal;
      await Promise.all([
        sendOverSocket({ socket: accepted, path, offset: 0, length: file.length, onProgress: () => undefined, onBytes: (bytes) => hashed.update(bytes), signal }),
        receiveFromSocket({ socket: ours, size: file.length, onData: sink.onData, signal }),
      ]);
      const got = Buffer.concat(sink.parts);
      expect(sha256(got)).toBe(sha256(file));
      expect(hashed.digest('hex')).toBe(sha256(file));
      // 1 MiB blocks: 7 for the file, made at most once each for the ones under way.
      expect(sink.parts.length).toBe(7);
      expect(sink.seen.size).toBeLessThan(sink.parts.length);
      expect(sink.most()).toBeLessThanOrEqual(8);
    } finally {
      close();
    }
  });

  it('reach a receiver whose server accepted the stream whole and in order, from a range of the file', async () => {
    const file = randomBytes(3 * 1024 * 1024);
    const path = fileOf(file);
    const { ours, accepted, close } = await pair();
    try {
      const sink = slowSink();
      const signal = new AbortController().signal;
      const offset = 1000;
      const length = file.length - offset - 7;
      await Promise.all([
        sendOverSocket({ socket: ours, path, offset, length, onProgress: () => undefined, onBytes: () => undefined, signal }),
        receiveFromSocket({ socket: accepted, size: length, onData: sink.onData, signal }),
      ]);
      expect(sha256(Buffer.concat(sink.parts))).toBe(sha256(file.subarray(offset, offset + length)));
      expect(sink.most()).toBeLessThanOrEqual(8);
    } finally {
      close();
    }
  });

  it('fail when the stream ends before the whole file, on either kind of socket', async () => {
    for (const side of ['ours', 'accepted'] as const) {
      const sockets = await pair();
      try {
        const receiving = side === 'ours' ? sockets.ours : sockets.accepted;
        const sending = side === 'ours' ? sockets.accepted : sockets.ours;
        sending.end(Buffer.alloc(1000, 1));
        const sink = slowSink();
        await expect(receiveFromSocket({ socket: receiving, size: 5000, onData: sink.onData, signal: new AbortController().signal })).rejects.toThrow(/ended before the whole file/);
      } finally {
        sockets.close();
      }
    }
  });

  it('fail with the sink’s error when a write fails, and the sender fails when the receiver goes', async () => {
    const file = randomBytes(4 * 1024 * 1024);
    const path = fileOf(file);
    const { ours, accepted, close } = await pair();
    try {
      const signal = new AbortController().signal;
      const sending = sendOverSocket({ socket: accepted, path, offset: 0, length: file.length, onProgress: () => undefined, onBytes: () => undefined, signal });
      const failing = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error('disk full');
      };
      await expect(receiveFromSocket({ socket: ours, size: file.length, onData: failing, signal })).rejects.toThrow('disk full');
      await expect(sending).rejects.toThrow();
    } finally {
      close();
    }
  });

  it('stop the sender at once when its transfer is cancelled', async () => {
    const file = randomBytes(32 * 1024 * 1024);
    const path = fileOf(file);
    const { accepted, close } = await pair();
    try {
      const stop = new AbortController();
      let sent = 0;
      const sending = sendOverSocket({ socket: accepted, path, offset: 0, length: file.length, onProgress: (count) => (sent = count), onBytes: () => undefined, signal: stop.signal });
      // The receiver reads nothing, so the sender soon waits for the socket; then the user cancels.
      await new Promise((resolve) => setTimeout(resolve, 50));
      stop.abort();
      await expect(sending).rejects.toThrow(/stopped/);
      expect(sent).toBeLessThan(file.length);
    } finally {
      close();
    }
  });
});
