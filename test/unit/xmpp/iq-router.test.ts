import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { IqReplyError, setupIqRouter } from '../../../electron/core/xmpp/iq-router.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { fakeConnection } from './fake-connection.ts';

describe('incoming iq requests', () => {
  it('answers service-unavailable to a request nobody handles (RFC 6120 §8.4)', async () => {
    const { connection, sent, receive } = fakeConnection();
    setupIqRouter({ connection, logger: silentLogger });
    await receive(xml('iq', { type: 'get', id: 'q1', from: 'eve@evil/x' }, xml('query', { xmlns: 'urn:example:unknown' })));
    expect(sent.map(String)).toEqual([
      '<iq type="error" id="q1" to="eve@evil/x"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    ]);
  });

  it('routes by type and payload, and turns thrown conditions and failures into errors', async () => {
    const { connection, sent, receive } = fakeConnection();
    const router = setupIqRouter({ connection, logger: silentLogger });
    router.handle('get', 'query', 'urn:a', () => xml('query', { xmlns: 'urn:a' }, 'ok'));
    router.handle('set', 'query', 'urn:a', () => {
      throw new IqReplyError('modify', 'bad-request');
    });
    const remove = router.handle('get', 'boom', 'urn:b', () => {
      throw new Error('bug');
    });
    await receive(xml('iq', { type: 'get', id: '1', from: 'a@b/c' }, xml('query', { xmlns: 'urn:a' })));
    await receive(xml('iq', { type: 'set', id: '2' }, xml('query', { xmlns: 'urn:a' })));
    await receive(xml('iq', { type: 'get', id: '3' }, xml('boom', { xmlns: 'urn:b' })));
    remove();
    await receive(xml('iq', { type: 'get', id: '4' }, xml('boom', { xmlns: 'urn:b' })));
    await receive(xml('iq', { type: 'get', id: '5' }));
    await receive(xml('iq', { type: 'result', id: '6' }));
    expect(sent.map(String)).toEqual([
      '<iq type="result" id="1" to="a@b/c"><query xmlns="urn:a">ok</query></iq>',
      '<iq type="error" id="2"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
      '<iq type="error" id="3"><error type="wait"><internal-server-error xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
      '<iq type="error" id="4"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
      '<iq type="error" id="5"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    ]);
  });
});
