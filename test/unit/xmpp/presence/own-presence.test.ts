import { describe, expect, it } from 'vitest';
import xml, { type Element } from '@xmpp/xml';
import { buildOwnPresence, setupOwnPresence } from '../../../../electron/core/xmpp/presence/own-presence.ts';
import {
  buildActiveList,
  buildInvisibleCommand,
  buildInvisibleList,
  detectInvisibility,
} from '../../../../electron/core/xmpp/presence/invisibility.ts';

function fakeConnection() {
  const sent: string[] = [];
  return {
    sent,
    connection: {
      send: (stanza: Element) => Promise.resolve(void sent.push(`send ${stanza.toString()}`)),
      iq: (stanza: Element) => Promise.resolve((sent.push(`iq ${stanza.toString()}`), xml('iq', { type: 'result' }))),
    },
  };
}

const caps = xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'n', ver: 'v' });

describe('our own presence', () => {
  it('builds an available presence with show, status, priority, caps and idle time', () => {
    const stanza = buildOwnPresence({ show: 'away', status: 'Lunch', priority: 5, auto: 'away', idleSince: Date.UTC(2024, 0, 1) }, caps);
    expect(stanza.toString()).toBe(
      '<presence><show>away</show><status>Lunch</status><priority>5</priority><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="n" ver="v"/><idle xmlns="urn:xmpp:idle:1" since="2024-01-01T00:00:00.000Z"/></presence>',
    );
    expect(buildOwnPresence({ show: 'online', status: '', priority: 0 }).toString()).toBe('<presence><priority>0</priority></presence>');
    expect(buildOwnPresence({ show: 'offline', status: 'Bye', priority: 0 }).toString()).toBe('<presence type="unavailable"><status>Bye</status></presence>');
  });

  it('chooses XEP-0186, else XEP-0126, else nothing from the server’s features', () => {
    expect(detectInvisibility({ features: ['jabber:iq:privacy', 'urn:xmpp:invisible:0'] })).toBe('xep-0186');
    expect(detectInvisibility({ features: ['jabber:iq:privacy'] })).toBe('xep-0126');
    expect(detectInvisibility({ features: ['urn:xmpp:blocking'] })).toBe('unavailable');
  });

  it('builds the XEP-0186 commands and the XEP-0126 list and activation', () => {
    expect(buildInvisibleCommand(true).toString()).toBe('<iq type="set"><invisible xmlns="urn:xmpp:invisible:0" probe="true"/></iq>');
    expect(buildInvisibleCommand(false).toString()).toBe('<iq type="set"><visible xmlns="urn:xmpp:invisible:0"/></iq>');
    expect(buildInvisibleList().toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><list name="invisible"><item action="deny" order="1"><presence-out/></item></list></query></iq>',
    );
    expect(buildActiveList('invisible').toString()).toBe('<iq type="set"><query xmlns="jabber:iq:privacy"><active name="invisible"/></query></iq>');
    expect(buildActiveList(undefined).toString()).toBe('<iq type="set"><query xmlns="jabber:iq:privacy"><active/></query></iq>');
  });

  it('goes invisible and visible again with XEP-0186', async () => {
    const { sent, connection } = fakeConnection();
    const own = setupOwnPresence({ connection, caps });
    await own.announce({ show: 'invisible', status: '', priority: 0 }, 'xep-0186');
    await own.announce({ show: 'invisible', status: 'still', priority: 0 }, 'xep-0186');
    await own.announce({ show: 'online', status: '', priority: 0 }, 'xep-0186');
    expect(sent.map((line) => line.replace(/<c .*?\/>/, ''))).toEqual([
      'iq <iq type="set"><invisible xmlns="urn:xmpp:invisible:0" probe="true"/></iq>',
      'send <presence><priority>0</priority></presence>',
      'send <presence><status>still</status><priority>0</priority></presence>',
      'iq <iq type="set"><visible xmlns="urn:xmpp:invisible:0"/></iq>',
      'send <presence><priority>0</priority></presence>',
    ]);
  });

  it('goes invisible with XEP-0126 after telling contacts it left, and leaves straight from invisible', async () => {
    const { sent, connection } = fakeConnection();
    const own = setupOwnPresence({ connection, caps });
    await own.announce({ show: 'online', status: '', priority: 0 }, 'xep-0126');
    await own.announce({ show: 'invisible', status: '', priority: 0 }, 'xep-0126');
    await own.announce({ show: 'offline', status: '', priority: 0 }, 'xep-0126');
    expect(sent.map((line) => line.replace(/<c .*?\/>/, ''))).toEqual([
      'send <presence><priority>0</priority></presence>',
      'send <presence type="unavailable"/>',
      `iq ${buildInvisibleList().toString()}`,
      `iq ${buildActiveList('invisible').toString()}`,
      'send <presence><priority>0</priority></presence>',
      'send <presence type="unavailable"/>',
    ]);
  });

  it('refuses invisibility where the server has none', async () => {
    const { sent, connection } = fakeConnection();
    const own = setupOwnPresence({ connection, caps });
    await expect(own.announce({ show: 'invisible', status: '', priority: 0 }, 'unavailable')).rejects.toMatchObject({ code: 'not-supported' });
    expect(sent).toEqual([]);
  });
});
