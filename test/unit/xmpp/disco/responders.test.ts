import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { capsVer } from '../../../../electron/core/xmpp/caps/caps-hash.ts';
import { CAPS_NODE, ownDiscoInfo, setupResponders } from '../../../../electron/core/xmpp/disco/responders.ts';
import { setupIqRouter } from '../../../../electron/core/xmpp/iq-router.ts';
import { fakeConnection } from '../fake-connection.ts';

const DISCO = 'http://jabber.org/protocol/disco#info';

describe('what our client answers', () => {
  it('answers disco#info for our caps node and without a node, and item-not-found for another node (XEP-0115 §6.2)', async () => {
    const { connection, sent, receive } = fakeConnection();
    const router = setupIqRouter({ connection, logger: silentLogger });
    const info = ownDiscoInfo(['urn:example:extra']);
    setupResponders({ router, info, version: '1.2.3' });
    const node = `${CAPS_NODE}#${capsVer(info) ?? ''}`;
    await receive(xml('iq', { type: 'get', id: '1', from: 'bob@x/y' }, xml('query', { xmlns: DISCO, node })));
    await receive(xml('iq', { type: 'get', id: '2', from: 'bob@x/y' }, xml('query', { xmlns: DISCO })));
    await receive(xml('iq', { type: 'get', id: '3', from: 'bob@x/y' }, xml('query', { xmlns: DISCO, node: `${CAPS_NODE}#old` })));
    const [withNode, plain, other] = sent;
    expect(withNode?.getChild('query')?.attrs.node).toBe(node);
    expect(withNode?.getChild('query')?.getChildren('feature').map((feature) => feature.attrs.var)).toContain('urn:example:extra');
    expect(withNode?.getChild('query')?.getChild('identity')?.attrs).toMatchObject({ category: 'client', type: 'pc', name: 'Causette' });
    expect(plain?.getChild('query')?.attrs.node).toBeUndefined();
    expect(other?.toString()).toContain('<item-not-found');
  });

  it('answers a version query with name and version, without the operating system (XEP-0092)', async () => {
    const { connection, sent, receive } = fakeConnection();
    const router = setupIqRouter({ connection, logger: silentLogger });
    setupResponders({ router, info: ownDiscoInfo(), version: '1.2.3' });
    await receive(xml('iq', { type: 'get', id: 'v', from: 'bob@x/y' }, xml('query', { xmlns: 'jabber:iq:version' })));
    expect(sent[0]?.toString()).toBe('<iq type="result" id="v" to="bob@x/y"><query xmlns="jabber:iq:version"><name>Causette</name><version>1.2.3</version></query></iq>');
  });
});
