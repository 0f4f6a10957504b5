// Unit tests of XEP-0198 §4 acks asked for along the way: an <r/> after every few stanzas, and sends held while too many wait.
import { EventEmitter } from 'node:events';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { requestAcks } from '../../../../electron/core/xmpp/stream/ack-requests.ts';

type Filter = (context: { stanza: Element }, next: () => Promise<unknown>) => unknown;

function setUp(every: number, max: number) {
  const entity = Object.assign(new EventEmitter(), { written: [] as string[] });
  const sm = Object.assign(new EventEmitter(), { enabled: true, outbound_q: [] as { stanza: Element; stamp: string }[] });
  const filters: Filter[] = [];
  const send = (stanza: Element): Promise<void> => {
    entity.written.push(stanza.name);
    // As xmpp.js: written, then the outgoing filters see it, stream management's first (it queues the stanza).
    if (sm.enabled && ['message', 'presence', 'iq'].includes(stanza.name)) sm.outbound_q.push({ stanza, stamp: '' });
    for (const filter of filters) void filter({ stanza }, () => Promise.resolve());
    return Promise.resolve();
  };
  const acks = requestAcks({ sm: sm as never, entity: Object.assign(entity, { send }) as never, middleware: { filter: (fn: Filter) => filters.push(fn) } as never, every, max });
  const ack = (count: number) => {
    for (let index = 0; index < count; index += 1) sm.emit('ack', sm.outbound_q.shift()?.stanza);
  };
  const sendThrough = async (name: string) => {
    await acks.room();
    await send(xml(name));
  };
  return { entity, sm, acks, ack, send, sendThrough };
}

const requests = (written: readonly string[]) => written.filter((name) => name === 'r').length;

describe('acks asked along the way', () => {
  it('sends an <r/> after every few stanzas, and none for nonzas or before stream management is on', async () => {
    const { entity, sm, send } = setUp(3, 100);
    for (let index = 0; index < 7; index += 1) await send(xml('iq'));
    expect(requests(entity.written)).toBe(2);
    await send(xml('a'));
    await send(xml('iq'));
    expect(requests(entity.written)).toBe(2);
    sm.enabled = false;
    for (let index = 0; index < 6; index += 1) await send(xml('message'));
    expect(requests(entity.written)).toBe(2);
  });

  it('holds a send while the queue is full, asks for an ack, and lets it go, in order, once the server acks', async () => {
    const { entity, sm, ack, sendThrough } = setUp(1_000, 4);
    await Promise.all([sendThrough('iq'), sendThrough('iq'), sendThrough('iq'), sendThrough('iq')]);
    expect(sm.outbound_q).toHaveLength(4);
    const order: string[] = [];
    const held = [sendThrough('message').then(() => order.push('message')), sendThrough('presence').then(() => order.push('presence'))];
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(requests(entity.written)).toBe(1);
    ack(1);
    await held[0];
    expect(order).toEqual(['message']);
    expect(sm.outbound_q).toHaveLength(4);
    ack(4);
    await held[1];
    expect(order).toEqual(['message', 'presence']);
  });

  it('counts sends let through but not yet written, so that many fired at once stay within the bound', async () => {
    const { sm, ack, sendThrough } = setUp(1_000, 4);
    const all = Array.from({ length: 10 }, () => sendThrough('iq'));
    await Promise.resolve();
    await Promise.resolve();
    expect(sm.outbound_q.length).toBeLessThanOrEqual(4);
    for (let round = 0; round < 5 && sm.outbound_q.length > 0; round += 1) {
      ack(sm.outbound_q.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(sm.outbound_q.length).toBeLessThanOrEqual(4);
    }
    await Promise.all(all);
  });

  it('lets every held send go when the stream is lost', async () => {
    const { entity, sendThrough } = setUp(1_000, 1);
    await sendThrough('iq');
    const held = sendThrough('iq');
    entity.emit('disconnect');
    await expect(held).resolves.toBeUndefined();
  });
});
