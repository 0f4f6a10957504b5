// Unit tests of the stanza pipeline: steps in order that transform, consume or refuse; handlers by name and payload.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createStanzaPipeline } from '../../../../electron/core/xmpp/pipeline/stanza-pipeline.ts';
import { StanzaRejected } from '../../../../electron/core/xmpp/pipeline/rejected.ts';
import { NS_PRIVATE_MARKS } from '../../../../electron/core/xmpp/pipeline/private-marks.ts';

const NS_CARBONS = 'urn:xmpp:carbons:2';
const chat = (body: string, ...children: Element[]) => xml('message', { type: 'chat', from: 'alice@x/r' }, xml('body', {}, body), ...children);

function recorder() {
  const pipeline = createStanzaPipeline(silentLogger);
  const seen: string[] = [];
  const record = (who: string) => (stanza: Element) => void seen.push(`${who}:${stanza.getChildText('body') ?? stanza.name}`);
  return { pipeline, seen, record };
}

describe('incoming steps', () => {
  it('run in the order they were added, each seeing what the one before returned', async () => {
    const { pipeline, seen, record } = recorder();
    pipeline.useIncoming((stanza) => chat(`${stanza.getChildText('body') ?? ''}+a`));
    pipeline.useIncoming((stanza) => Promise.resolve(chat(`${stanza.getChildText('body') ?? ''}+b`)));
    pipeline.handle({ stanza: 'message' }, record('chat'));
    await pipeline.receive(chat('hi'));
    expect(seen).toEqual(['chat:hi+a+b']);
  });

  it('can consume a stanza, which then reaches no handler and counts as handled', async () => {
    const { pipeline, seen, record } = recorder();
    pipeline.useIncoming((stanza) => (stanza.getChildText('body') === 'spam' ? undefined : stanza));
    pipeline.handle({ stanza: 'message' }, record('chat'));
    await expect(pipeline.receive(chat('spam'))).resolves.toBeUndefined();
    await pipeline.receive(chat('ham'));
    expect(seen).toEqual(['chat:ham']);
  });

  it('can refuse a stanza on purpose (handled, not delivered), while any other failure propagates', async () => {
    const { pipeline, seen, record } = recorder();
    pipeline.useIncoming((stanza) => {
      if (stanza.getChildText('body') === 'refused') throw new StanzaRejected('not-acceptable', 'too big');
      if (stanza.getChildText('body') === 'broken') throw new Error('disk full');
      return stanza;
    });
    pipeline.handle({ stanza: 'message' }, record('chat'));
    await expect(pipeline.receive(chat('refused'))).resolves.toBeUndefined();
    await expect(pipeline.receive(chat('broken'))).rejects.toThrow('disk full');
    expect(seen).toEqual([]);
  });

  it('stop applying once removed', async () => {
    const { pipeline, seen, record } = recorder();
    const remove = pipeline.useIncoming((stanza) => chat(`${stanza.getChildText('body') ?? ''}!`));
    pipeline.handle({ stanza: 'message' }, record('chat'));
    await pipeline.receive(chat('one'));
    remove();
    await pipeline.receive(chat('two'));
    expect(seen).toEqual(['chat:one!', 'chat:two']);
  });
});

describe('handlers', () => {
  it('are chosen by stanza name and payload; an unclaimed handler gets only what no payload handler took', async () => {
    const { pipeline, seen, record } = recorder();
    pipeline.handle({ stanza: 'message', unclaimed: true }, record('chat'));
    pipeline.handle({ stanza: 'message', child: { name: 'received', xmlns: NS_CARBONS } }, record('carbons'));
    pipeline.handle({ stanza: 'presence' }, record('presence'));
    pipeline.handle({ stanza: 'presence', child: { name: '*', xmlns: 'vcard-temp:x:update' } }, record('avatar'));
    pipeline.handle({ stanza: '*' }, record('all'));
    await pipeline.receive(chat('plain'));
    await pipeline.receive(chat('copy', xml('received', { xmlns: NS_CARBONS })));
    // The same element name in another namespace is not a carbon.
    await pipeline.receive(chat('lookalike', xml('received', { xmlns: 'urn:xmpp:receipts' })));
    await pipeline.receive(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' })));
    await pipeline.receive(xml('iq', { type: 'get' }));
    expect(seen).toEqual(['chat:plain', 'all:plain', 'carbons:copy', 'all:copy', 'chat:lookalike', 'all:lookalike', 'presence:presence', 'avatar:presence', 'all:presence', 'all:iq']);
  });

  it('all run though one fails, and the failure makes the stanza count as not handled', async () => {
    const { pipeline, seen, record } = recorder();
    pipeline.handle({ stanza: 'message' }, () => Promise.reject(new Error('the store is locked')));
    pipeline.handle({ stanza: 'message' }, record('other'));
    await expect(pipeline.receive(chat('hi'))).rejects.toThrow('the store is locked');
    expect(seen).toEqual(['other:hi']);
  });

  it('settle the stanza only once an asynchronous handler has finished', async () => {
    const { pipeline } = recorder();
    let finish: () => void = () => undefined;
    const applied: string[] = [];
    pipeline.handle({ stanza: 'message' }, (stanza) => new Promise<void>((resolve) => (finish = () => (applied.push(stanza.getChildText('body') ?? ''), resolve()))));
    let settled = false;
    const receiving = pipeline.receive(chat('slow')).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    await receiving;
    expect([settled, applied]).toEqual([true, ['slow']]);
  });
});

describe('message and outgoing steps', () => {
  it('message steps see each message’s content with where it came from; outgoing steps may transform or keep back', async () => {
    const { pipeline } = recorder();
    const contexts: string[] = [];
    pipeline.useMessage((message, context) => {
      contexts.push(`${context.source}:${context.archive ?? ''}`);
      return message.getChildText('body') === 'drop' ? undefined : chat((message.getChildText('body') ?? '').toUpperCase());
    });
    pipeline.useOutgoing((stanza) => (stanza.getChildText('body') === 'secret' ? undefined : chat(`${stanza.getChildText('body') ?? ''}?`)));
    const live = await pipeline.prepareMessage(chat('hi'), { source: 'live' });
    const archived = await pipeline.prepareMessage(chat('drop'), { source: 'archive', archive: 'bob@x', stanzaId: 's1' });
    expect([live?.getChildText('body'), archived, contexts]).toEqual(['HI', undefined, ['live:', 'archive:bob@x']]);
    expect((await pipeline.prepareOutgoing(chat('ok')))?.getChildText('body')).toBe('ok?');
    expect(await pipeline.prepareOutgoing(chat('secret'))).toBeUndefined();
  });

  it('marks in our private namespace arriving from the network are stripped before any message step sees them', async () => {
    const { pipeline } = recorder();
    const seen: (string | undefined)[] = [];
    pipeline.useMessage((message) => {
      seen.push(message.getChild('e2e', NS_PRIVATE_MARKS)?.attrs.device);
      return message;
    });
    const forged = chat('hi');
    forged.append(xml('e2e', { xmlns: NS_PRIVATE_MARKS, device: '7' }));
    const content = await pipeline.prepareMessage(forged, { source: 'carbon' });
    expect([seen, content?.getChild('e2e', NS_PRIVATE_MARKS), content?.getChildText('body')]).toEqual([[undefined], undefined, 'hi']);
  });

  it('a refused message is dropped, an outgoing refusal reaches the sender', async () => {
    const { pipeline } = recorder();
    pipeline.useMessage(() => {
      throw new StanzaRejected('bad-request', 'cannot be read');
    });
    pipeline.useOutgoing(() => {
      throw new StanzaRejected('not-allowed', 'no keys for this contact');
    });
    expect(await pipeline.prepareMessage(chat('x'), { source: 'carbon' })).toBeUndefined();
    await expect(pipeline.prepareOutgoing(chat('x'))).rejects.toThrow('no keys for this contact');
  });
});
