// The bytes of a session over its transport: the nominated SOCKS5 bytestream (XEP-0260 §2.5), or IBB (XEP-0261) from the
// start or once it replaced SOCKS5 (XEP-0260 §3, XEP-0166 §7.2.15). The sender streams the session's range from disk and
// sends the whole file's sha-256 in a checksum at the end (XEP-0234 §8.2); the receiver writes what comes to its sink.
import { randomUUID } from 'node:crypto';
import { buildChecksum } from '../file-stanzas.ts';
import { sendOverIbb } from '../ibb-send.ts';
import { agreedBlockSize, buildIbbTransport, DEFAULT_BLOCK_SIZE, NS_JINGLE_IBB, type IbbTransport } from '../ibb-stanzas.ts';
import { buildJingle } from '../jingle-stanzas.ts';
import type { S5bStream } from '../s5b-negotiation.ts';
import { receiveFromSocket } from '../s5b-receive.ts';
import { sendOverSocket } from '../s5b-send.ts';
import type { Engine } from './engine.ts';
import { TAG_LENGTH } from '../jet/stream-cipher.ts';
import { sealOf, unseal, type Live } from './live.ts';
import type { Receiving } from './receiving.ts';
import { wholeFileSha256 } from './whole-hash.ts';

/** How long the sender waits for the receiver to end the session once everything is sent. */
const END_WAIT_MS = 60_000;

export function createTransport(engine: Engine, receiving: Receiving) {
  const { connection, transfers, logger, limits, apply, terminate } = engine;

  /** The sender's part: the bytes go over the transport, the hash is sent (§8.2); then the receiver ends the session (§6.6). */
  async function send(live: Live, bytes: (onBytes: (bytes: Uint8Array) => void) => Promise<void>): Promise<void> {
    try {
      const sha256 = await wholeFileSha256(live.path ?? '', live.file.size, live.range, bytes);
      const checksum = buildChecksum(live.content, [{ algo: 'sha-256', value: sha256 }]);
      // A receiver that cannot read it still ends the session (it may check the size only): its error is no failure here.
      await connection.iq(buildJingle({ to: live.peer, action: 'session-info', sid: live.session.sid, info: checksum })).catch(() => undefined);
      live.timer = setTimeout(() => void terminate(live, 'timeout'), END_WAIT_MS);
    } catch (error) {
      if (live.session.state !== 'ended') await terminate(live, 'failed-transport');
      logger.warn('a transfer stopped', { error: String(error) });
    }
  }

  /** Progress counts the bytes before the range too, so that a resumed transfer goes on from where it was. */
  const progress = (live: Live) => (sent: number) => transfers.progress(live.transfer.id, live.range.offset + sent);

  /** Over IBB (XEP-0261): after the accept, or once IBB replaced SOCKS5. */
  function stream(live: Live): Promise<void> {
    return send(live, (onBytes) =>
      sendOverIbb({
        iq: (request, timeoutMs) => connection.iq(request, timeoutMs),
        to: live.peer,
        sid: live.ibb.sid,
        blockSize: live.ibb.blockSize,
        path: live.path ?? '',
        offset: live.range.offset,
        length: live.range.length,
        onProgress: progress(live),
        onBytes,
        signal: live.stop.signal,
        seal: sealOf(live),
      }),
    );
  }

  /** XEP-0260 §2.5: the nominated bytestream carries the file; none, and the initiator falls back to IBB (§3). */
  async function bytestream(live: Live, socks: S5bStream | undefined): Promise<void> {
    if (live.session.state === 'ended') {
      socks?.socket.destroy();
      return;
    }
    if (!socks) {
      logger.info('no SOCKS5 candidate worked', { sid: live.session.sid });
      if (live.session.role === 'initiator') return fallback(live);
      // The initiator replaces the transport (§3); without a replacement the session cannot go on.
      live.timer = setTimeout(() => void terminate(live, 'failed-transport'), limits['transport-accept']);
      return;
    }
    transfers.update(live.transfer.id, { method: socks.method });
    live.onSocket = true;
    if (live.transfer.direction === 'out') {
      return send(live, (onBytes) => sendOverSocket({ socket: socks.socket, path: live.path ?? '', offset: live.range.offset, length: live.range.length, onProgress: progress(live), onBytes, signal: live.stop.signal, seal: sealOf(live) }));
    }
    try {
      unseal(live);
      // XEP-0391: the encrypted stream carries the tag after the file's bytes.
      await receiveFromSocket({ socket: socks.socket, size: live.range.length + (live.secret ? TAG_LENGTH : 0), onData: (bytes) => receiving.written(live, bytes), signal: live.stop.signal });
      await receiving.complete(live);
    } catch (error) {
      if (!live.stop.signal.aborted) await terminate(live, 'failed-transport');
      logger.warn('a SOCKS5 transfer stopped', { error: String(error) });
    }
  }

  /** XEP-0260 §3, XEP-0166 §7.2.15: the initiator replaces SOCKS5 with IBB; the transfer goes on once it is accepted. */
  async function fallback(live: Live): Promise<void> {
    live.s5b?.dispose();
    delete live.s5b;
    live.ibb = { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE };
    if (!apply(live, { by: 'local', action: 'transport-replace', contents: [{ ...live.content, transport: NS_JINGLE_IBB }] })) return;
    transfers.update(live.transfer.id, { method: 'in-band' });
    if (live.transfer.direction === 'in') receiving.expectIbb(live);
    await connection.iq(buildJingle({ to: live.peer, action: 'transport-replace', sid: live.session.sid, contents: [{ ...live.content, transport: buildIbbTransport(live.ibb) }] })).catch(() => terminate(live, 'failed-transport'));
  }

  /** XEP-0166 §7.2.15: the peer replaced the transport with IBB; we accept it and go on over it. */
  async function replaced(live: Live, transport: IbbTransport | undefined): Promise<void> {
    live.s5b?.dispose();
    delete live.s5b;
    if (!transport) {
      if (apply(live, { by: 'local', action: 'transport-reject', contents: [live.content] }))
        await connection.iq(buildJingle({ to: live.peer, action: 'transport-reject', sid: live.session.sid, contents: [live.content] })).catch(() => undefined);
      return;
    }
    live.ibb = { sid: transport.sid, blockSize: agreedBlockSize(transport.blockSize, DEFAULT_BLOCK_SIZE) };
    transfers.update(live.transfer.id, { method: 'in-band' });
    if (live.transfer.direction === 'in') receiving.expectIbb(live);
    if (!apply(live, { by: 'local', action: 'transport-accept', contents: [live.content] })) return;
    await connection.iq(buildJingle({ to: live.peer, action: 'transport-accept', sid: live.session.sid, contents: [{ ...live.content, transport: buildIbbTransport(live.ibb) }] }));
    if (live.transfer.direction === 'out') await stream(live);
  }

  return { stream, bytestream, replaced };
}

export type Transport = ReturnType<typeof createTransport>;
