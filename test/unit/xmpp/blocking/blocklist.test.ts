import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { applyBlockPush, buildBlock, buildBlocklistGet, buildUnblock, NS_BLOCKING, parseBlocklist, parseBlockPush } from '../../../../electron/core/xmpp/blocking/blocklist.ts';

describe('XEP-0191 blocklist stanzas', () => {
  it('parses the block list, normalising addresses and dropping invalid ones', () => {
    const list = xml('blocklist', { xmlns: NS_BLOCKING }, xml('item', { jid: 'Bob@Example.com' }), xml('item', { jid: 'spam.example' }), xml('item', { jid: '@bad' }), xml('item', { jid: 'bob@example.com' }));
    expect(parseBlocklist(list)).toEqual(['bob@example.com', 'spam.example']);
  });

  it('builds get, block, unblock, and a block with an XEP-0377 spam report inside the item', () => {
    expect(buildBlocklistGet().toString()).toBe(`<iq type="get"><blocklist xmlns="${NS_BLOCKING}"/></iq>`);
    expect(buildBlock('bob@example.com').toString()).toBe(`<iq type="set"><block xmlns="${NS_BLOCKING}"><item jid="bob@example.com"/></block></iq>`);
    expect(buildBlock('bob@example.com', 'spam').toString()).toBe(
      `<iq type="set"><block xmlns="${NS_BLOCKING}"><item jid="bob@example.com"><report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"/></item></block></iq>`,
    );
    expect(buildUnblock('bob@example.com').toString()).toBe(`<iq type="set"><unblock xmlns="${NS_BLOCKING}"><item jid="bob@example.com"/></unblock></iq>`);
  });

  it('applies block, unblock and unblock-everything pushes', () => {
    const block = parseBlockPush(xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: 'carol@example.com' })));
    expect(block).toEqual({ kind: 'block', jids: ['carol@example.com'] });
    const list = applyBlockPush(['bob@example.com'], block ?? { kind: 'unblock-all' });
    expect(list).toEqual(['bob@example.com', 'carol@example.com']);
    const unblock = parseBlockPush(xml('unblock', { xmlns: NS_BLOCKING }, xml('item', { jid: 'bob@example.com' })));
    expect(applyBlockPush(list, unblock ?? { kind: 'block', jids: [] })).toEqual(['carol@example.com']);
    expect(parseBlockPush(xml('unblock', { xmlns: NS_BLOCKING }))).toEqual({ kind: 'unblock-all' });
    expect(parseBlockPush(xml('block', { xmlns: NS_BLOCKING }))).toBeUndefined();
  });
});
