// XEP-0047 In-Band Bytestreams, receiving side: only the streams a Jingle session expects (XEP-0261) are opened; each
// data iq is answered once its bytes are written, which is what paces the sender (§2.2); a block out of sequence or larger
// than agreed closes the stream. A sender that does not wait for each answer (§2.2 says it should) still has its blocks
// written one after the other, in order, and its close taken after them.
import { IqReplyError, type IqRouter } from '../xmpp/iq-router.ts';
import { nextSeq, NS_IBB, parseIbb } from './ibb-stanzas.ts';

export interface ExpectedStream {
  /** The sender's full JID. */
  readonly from: string;
  readonly blockSize: number;
  readonly onData: (bytes: Buffer) => Promise<void>;
  readonly onClose: () => void;
  /** The stream broke (bad sequence, write failure): the session is to end. */
  readonly onError: (error: Error) => void;
}

interface Stream extends ExpectedStream {
  opened: boolean;
  seq: number;
  /** The writes of the blocks taken so far, one after the other. */
  tail: Promise<unknown>;
}

export function setupIbbReceiver(router: IqRouter) {
  const streams = new Map<string, Stream>();

  function streamOf(stanzaFrom: string | undefined, sid: string): Stream {
    const stream = streams.get(sid);
    // §2.1: a stream nobody expects, or from someone else, does not exist for them.
    if (!stream || stream.from !== stanzaFrom) throw new IqReplyError('cancel', 'item-not-found');
    return stream;
  }

  const handle = (name: 'open' | 'data' | 'close') =>
    router.handle('set', name, NS_IBB, async (stanza, payload) => {
      const request = parseIbb(payload);
      if (!request) throw new IqReplyError('modify', 'bad-request');
      const stream = streamOf(stanza.attrs.from, request.sid);
      if (request.kind === 'open') {
        // §2.1: we take iq stanzas only, and no block larger than the Jingle transport agreed.
        if (request.stanza !== 'iq' || request.blockSize > stream.blockSize) throw new IqReplyError('modify', 'resource-constraint');
        stream.opened = true;
        return undefined;
      }
      if (request.kind === 'close') {
        streams.delete(request.sid);
        await stream.tail;
        stream.onClose();
        return undefined;
      }
      if (!stream.opened) throw new IqReplyError('cancel', 'item-not-found');
      if (request.seq !== stream.seq || request.bytes.length > stream.blockSize) {
        // §2.2: out of sequence (or oversized), the stream is closed.
        streams.delete(request.sid);
        stream.onError(new Error(request.seq !== stream.seq ? 'a block came out of sequence' : 'a block was larger than agreed'));
        throw new IqReplyError(request.seq !== stream.seq ? 'cancel' : 'modify', request.seq !== stream.seq ? 'unexpected-request' : 'bad-request');
      }
      // The next block is expected at once; its bytes wait for these to be written.
      stream.seq = nextSeq(stream.seq);
      const turn = stream.tail.then(() => stream.onData(request.bytes));
      stream.tail = turn.catch(() => undefined);
      try {
        await turn;
      } catch (error) {
        if (streams.get(request.sid) === stream) {
          streams.delete(request.sid);
          stream.onError(error instanceof Error ? error : new Error(String(error)));
        }
        throw new IqReplyError('cancel', 'internal-server-error');
      }
      return undefined;
    });

  const removers = [handle('open'), handle('data'), handle('close')];

  return {
    /** Lets the stream with this sid in; returns a function that forgets it. */
    expect(sid: string, expected: ExpectedStream): () => void {
      const stream: Stream = { ...expected, opened: false, seq: 0, tail: Promise.resolve() };
      streams.set(sid, stream);
      return () => void (streams.get(sid) === stream && streams.delete(sid));
    },
    dispose(): void {
      for (const remove of removers) remove();
      streams.clear();
    },
  };
}

export type IbbReceiver = ReturnType<typeof setupIbbReceiver>;
