// Unit tests of XEP-0198 §5: a failed resumption's 'h' acknowledges what the server did receive of ours.
import { EventEmitter } from 'node:events';
import type { Client } from '@xmpp/client-core';
import type { StreamManagement } from '@xmpp/stream-management';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { honourFailedH } from '../../../../electron/core/xmpp/stream/resume-failed.ts';

function setUp(outbound: number, queued: string[]) {
  const entity = new EventEmitter();
  const sm = Object.assign(new EventEmitter(), {
    id: 'old-stream',
    outbound,
    outbound_q: queued.map((id) => ({ stanza: xml('message', { id }), stamp: '' })),
  });
  const acked: string[] = [];
  sm.on('ack', (stanza: Element) => acked.push(String(stanza.attrs.id)));
  honourFailedH(entity as unknown as Client, sm as unknown as StreamManagement);
  const failed = (attrs: Record<string, string>) => entity.emit('element', xml('failed', { xmlns: 'urn:xmpp:sm:3', ...attrs }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })));
  return { sm, acked, failed };
}

describe('a failed resumption', () => {
  it('acknowledges the stanzas its h counts and leaves only the rest to be sent again', () => {
    const { sm, acked, failed } = setUp(5, ['m6', 'm7', 'm8']);
    failed({ h: '7' });
    expect(acked).toEqual(['m6', 'm7']);
    expect(sm.outbound_q.map((item) => item.stanza.attrs.id)).toEqual(['m8']);
    expect(sm.outbound).toBe(7);
  });

  it('counts h modulo 2^32', () => {
    const { acked, failed } = setUp(2 ** 32 - 1, ['a', 'b', 'c']);
    failed({ h: '1' });
    expect(acked).toEqual(['a', 'b']);
  });

  it('acknowledges nothing without an h, or when no resumption was asked', () => {
    const { sm, acked, failed } = setUp(0, ['m1']);
    failed({});
    expect(acked).toEqual([]);
    sm.id = '';
    failed({ h: '1' });
    expect(acked).toEqual([]);
  });
});
