// XEP-0047 In-Band Bytestreams, sending side: open (§2.1), then one data iq at a time read straight from the file, each
// sent only once the previous one is answered (§2.2: flow control, no flooding of the server), then close (§2.3).
import type { Element } from '@xmpp/xml';
import { open } from 'node:fs/promises';
import { buildClose, buildData, buildOpen, nextSeq } from './ibb-stanzas.ts';
import type { SentRange } from './sent-range.ts';

/** XEP-0391 (`seal`): each block encrypted on its way, the tag in a last block of its own. */
export interface IbbSendArgs extends SentRange {
  readonly iq: (request: Element, timeoutMs?: number) => Promise<Element>;
  readonly to: string;
  readonly sid: string;
  readonly blockSize: number;
}

/** How long the peer may take to answer one block. */
const BLOCK_TIMEOUT_MS = 60_000;

export async function sendOverIbb(args: IbbSendArgs): Promise<void> {
  await args.iq(buildOpen(args.to, { sid: args.sid, blockSize: args.blockSize }), BLOCK_TIMEOUT_MS);
  const file = await open(args.path, 'r');
  try {
    const buffer = Buffer.alloc(args.blockSize);
    let sent = 0;
    let seq = 0;
    while (sent < args.length) {
      args.signal.throwIfAborted();
      const { bytesRead } = await file.read(buffer, 0, Math.min(args.blockSize, args.length - sent), args.offset + sent);
      if (bytesRead === 0) throw new Error('the file is shorter than offered');
      const block = buffer.subarray(0, bytesRead);
      args.onBytes(block);
      await args.iq(buildData(args.to, args.sid, seq, args.seal ? args.seal.update(block) : block), BLOCK_TIMEOUT_MS);
      sent += bytesRead;
      seq = nextSeq(seq);
      args.onProgress(sent);
    }
    if (args.seal) {
      args.signal.throwIfAborted();
      await args.iq(buildData(args.to, args.sid, seq, args.seal.final()), BLOCK_TIMEOUT_MS);
    }
  } finally {
    await file.close();
  }
  await args.iq(buildClose(args.to, args.sid), BLOCK_TIMEOUT_MS);
}
