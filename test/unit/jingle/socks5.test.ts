// RFC 1928 as XEP-0065 uses it: the handshake's bytes, the DST.ADDR hash (XEP-0065 §5.3.2, XEP-0260 §2.3), and a real
// client/server handshake on loopback (a stream nobody expects is refused).
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectRequest, createSocks5Server, dstAddr, greeting, socks5Connect } from '../../../electron/core/jingle/socks5.ts';

describe('SOCKS5 for XEP-0065', () => {
  it('greets with version 5 and the one method "no authentication"', () => {
    expect([...greeting()]).toEqual([0x05, 0x01, 0x00]);
  });

  it('asks CONNECT to a DOMAINNAME of 40 hex characters, port 0', () => {
    const hash = 'a'.repeat(40);
    const bytes = connectRequest(hash);
    expect(bytes.length).toBe(47);
    expect([...bytes.subarray(0, 5)]).toEqual([0x05, 0x01, 0x00, 0x03, 40]);
    expect(bytes.subarray(5, 45).toString('ascii')).toBe(hash);
    expect([...bytes.subarray(45)]).toEqual([0, 0]);
  });

  it('hashes SID + requester full JID + target full JID with SHA-1, in hex (known vectors)', () => {
    // FIPS 180's SHA-1("abc"), split in the three parts.
    expect(dstAddr('a', 'b', 'c')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    // Computed independently (sha1sum of the concatenation).
    expect(dstAddr('sid', 'init@a/r', 'target@b/r')).toBe('a09d2f4c4f16d2f7086383254799d6f0dc01d1f8');
    // The order matters: the two directions of one session are two streams.
    expect(dstAddr('sid', 'a@x/1', 'b@x/2')).not.toBe(dstAddr('sid', 'b@x/2', 'a@x/1'));
  });

  it('connects a client to the server for an expected stream; the bytes after the handshake are the stream’s', async () => {
    const server = createSocks5Server({ host: '127.0.0.1' });
    const port = await server.listen();
    const domain = dstAddr('s1', 'a@x/1', 'b@x/2');
    const accepted = new Promise<Socket>((resolve) => server.expect(domain, resolve));
    try {
      const client = await socks5Connect({ host: '127.0.0.1', port, domain, timeoutMs: 2_000 });
      const socket = await accepted;
      client.write('hello');
      // Handed over paused: its owner reads when it is ready.
      const got = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      socket.resume();
      expect(await got).toBe('hello');
      client.destroy();
      socket.destroy();
      await expect(socks5Connect({ host: '127.0.0.1', port, domain: dstAddr('other', 'a@x/1', 'b@x/2'), timeoutMs: 2_000 })).rejects.toThrow(/refused/);
    } finally {
      server.close();
    }
  });
});
