// XEP-0047 §2.2 receiving: blocks sent without waiting for each answer are written one after the other and in order, the
// close is taken after them, and a block out of sequence still ends the stream.
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { setupIbbReceiver } from '../../../electron/core/jingle/ibb-receive.ts';
import { buildClose, buildData, buildOpen } from '../../../electron/core/jingle/ibb-stanzas.ts';
import { IqReplyError, type IqHandler, type IqRouter } from '../../../electron/core/xmpp/iq-router.ts';

const PEER = 'alice@example.org/laptop';

/** The receiver's requests answered as the core's router would: the handler's result, or the error it throws. */
function router(): IqRouter & { ask(stanza: Element): Promise<string> } {
  const handlers = new Map<string, IqHandler>();
  const route = async (stanza: Element): Promise<Element | undefined> => {
    const payload = stanza.getChildElements()[0];
    const handler = payload && handlers.get(`${payload.name} ${String(payload.attrs.xmlns)}`);
    return handler && payload ? handler(stanza, payload) : undefined;
  };
  return {
    handle(_type, name, xmlns, handler) {
      handlers.set(`${name} ${xmlns}`, handler);
      return () => handlers.delete(`${name} ${xmlns}`);
    },
    route,
    async ask(stanza) {
      stanza.attrs.from = PEER;
      try {
        await route(stanza);
        return 'result';
      } catch (error) {
        return error instanceof IqReplyError ? error.condition : String(error);
      }
    },
  };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an in-band stream as the receiver', () => {
  it('writes blocks sent without waiting for each answer one after the other, in order, and closes after the last', async () => {
    const iq = router();
    const receiver = setupIbbReceiver(iq);
    const events: string[] = [];
    let writing = 0;
    receiver.expect('s1', {
      from: PEER,
      blockSize: 4096,
      onData: async (bytes) => {
        writing += 1;
        expect(writing).toBe(1);
        // The first block is slow to write: the others wait for it.
        await later(bytes.toString() === 'one' ? 30 : 1);
        events.push(bytes.toString());
        writing -= 1;
      },
      onClose: () => events.push('closed'),
      onError: (error) => events.push(`error: ${error.message}`),
    });
    expect(await iq.ask(buildOpen('me@example.org/desk', { sid: 's1', blockSize: 4096 }))).toBe('result');
    const answers = await Promise.all([
      iq.ask(buildData('me', 's1', 0, Buffer.from('one'))),
      iq.ask(buildData('me', 's1', 1, Buffer.from('two'))),
      iq.ask(buildData('me', 's1', 2, Buffer.from('three'))),
      iq.ask(buildClose('me', 's1')),
    ]);
    expect(answers).toEqual(['result', 'result', 'result', 'result']);
    expect(events).toEqual(['one', 'two', 'three', 'closed']);
  });

  it('a block out of sequence ends the stream with unexpected-request', async () => {
    const iq = router();
    const receiver = setupIbbReceiver(iq);
    const errors: string[] = [];
    receiver.expect('s2', { from: PEER, blockSize: 4096, onData: () => Promise.resolve(), onClose: () => undefined, onError: (error) => errors.push(error.message) });
    await iq.ask(buildOpen('me', { sid: 's2', blockSize: 4096 }));
    expect(await iq.ask(buildData('me', 's2', 0, Buffer.from('a')))).toBe('result');
    expect(await iq.ask(buildData('me', 's2', 2, Buffer.from('c')))).toBe('unexpected-request');
    expect(errors).toEqual(['a block came out of sequence']);
    // The stream is gone: what follows is for a stream that does not exist.
    expect(await iq.ask(buildData('me', 's2', 1, Buffer.from('b')))).toBe('item-not-found');
  });
});
