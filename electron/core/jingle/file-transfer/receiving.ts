// The receiving side of a session: bytes written to the sink as they come (over SOCKS5 or IBB, XEP-0261), then the last
// step (XEP-0234 §6.6): the size and the whole file's sha-256 checked (from the offer, or the checksum of §8.2), the file
// under its final name, the session ended with success; a mismatch fails it with the bytes kept aside.
import { sha256Of } from '../file-stanzas.ts';
import type { Engine } from './engine.ts';
import { unseal, type Live } from './live.ts';

/** How long the receiver waits for a checksum announced with hash-used (XEP-0234 §8.2). */
const CHECKSUM_WAIT_MS = 10_000;

export function createReceiving(engine: Engine) {
  const { transfers, logger, terminate } = engine;

  async function written(live: Live, bytes: Uint8Array): Promise<void> {
    engine.watch(live);
    const sink = live.sink;
    // XEP-0391: the file's own bytes (the tag held back until the end).
    const plain = live.opener ? live.opener.update(bytes) : bytes;
    // A sender that ignored the range we asked for (XEP-0234 §6.1 says it SHOULD honour it; Libervia 0.9 sends the whole
    // file) overflows what we hold: those bytes cannot be placed, so the kept ones go and the next try starts from 0.
    if (sink && live.range.offset > 0 && sink.written() + plain.length > live.file.size) {
      delete live.sink;
      await sink.discard();
      logger.info('the sender sent more than the range asked', { sid: live.session.sid, from: live.range.offset });
      throw new Error('the sender ignored the range');
    }
    await sink?.write(plain);
    transfers.progress(live.transfer.id, live.sink?.written() ?? 0);
  }

  async function complete(live: Live): Promise<void> {
    const sink = live.sink;
    if (!sink) return;
    clearTimeout(live.stall);
    if (live.opener) {
      try {
        await sink.write(live.opener.final());
      } catch {
        // XEP-0391: bytes that do not authenticate are not the file, and are not kept.
        await terminate(live, 'security-error', undefined, { state: 'failed', error: { code: 'transfer-failed', message: 'The encrypted file was altered on its way: it was not saved.', params: { context: 'tampered' } } });
        return;
      }
    }
    let sha256 = sha256Of(live.file.hashes) ?? live.checksumValue;
    if (sha256 === undefined && live.file.hashesUsed.includes('sha-256')) {
      sha256 = await new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), CHECKSUM_WAIT_MS);
        live.checksum = (value) => {
          clearTimeout(timer);
          resolve(value);
        };
      });
    }
    const result = await sink.finish(sha256);
    // The sink is done with: what it leaves (the final file, or the bytes kept aside) is not to be discarded by the end.
    delete live.sink;
    if (result.ok) {
      engine.saved.set(live.transfer.id, result.path);
      logger.info('a file was received', { sid: live.session.sid, verified: sha256 !== undefined, from: live.range.offset });
      transfers.progress(live.transfer.id, live.file.size);
      await terminate(live, 'success', undefined, { state: 'done' });
      return;
    }
    // XEP-0166 §7.4 media-error: bytes that do not match the offer are not the file; they stay aside, under the temporary name.
    await terminate(live, 'media-error', undefined, {
      state: 'failed',
      error: { code: 'transfer-failed', message: 'The file that arrived does not match the offer; it was kept aside.', params: { context: result.problem === 'hash-mismatch' ? 'hashMismatch' : 'sizeMismatch', kept: result.kept } },
    });
  }

  /** XEP-0261: the receiver lets the sender's in-band stream in. */
  function expectIbb(live: Live): void {
    live.forgetStream?.();
    unseal(live);
    live.forgetStream = engine.ibb.expect(live.ibb.sid, {
      from: live.peer,
      blockSize: live.ibb.blockSize,
      onData: (bytes) => written(live, bytes),
      onClose: () => void complete(live).catch((error: unknown) => void terminate(live, 'failed-application').then(() => logger.warn('a received file could not be kept', { error: String(error) }))),
      onError: () => void terminate(live, 'failed-transport'),
    });
  }

  return { written, complete, expectIbb };
}

export type Receiving = ReturnType<typeof createReceiving>;
