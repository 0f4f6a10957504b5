// Unit tests of XEP-0280: enabling per session from our server's features, and which carbons reach the chat pipeline.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { setupCarbons } from '../../../../electron/core/xmpp/carbons/carbons.ts';
import { NS_CARBONS, parseCarbon } from '../../../../electron/core/xmpp/carbons/carbons-stanzas.ts';
import { NS_FORWARD } from '../../../../electron/core/xmpp/carbons/forwarded.ts';
import type { MessageContext } from '../../../../electron/core/xmpp/pipeline/message-context.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'alice@x';

const carbon = (kind: 'sent' | 'received', from: string | undefined, withDelay = false) =>
  xml(
    'message',
    { to: `${own}/desk`, type: 'chat', ...(from === undefined ? {} : { from }) },
    xml(
      kind,
      { xmlns: NS_CARBONS },
      xml(
        'forwarded',
        { xmlns: NS_FORWARD },
        withDelay ? xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-11-23T12:00:00.250Z' }) : undefined,
        xml('message', { from: kind === 'sent' ? `${own}/phone` : 'bob@x/laptop', to: kind === 'sent' ? 'bob@x' : `${own}/phone`, type: 'chat' }, xml('body', {}, kind)),
      ),
    ),
  );

describe('parsing carbons', () => {
  it('unwraps sent and received copies from our own bare JID', () => {
    const sent = parseCarbon(carbon('sent', own), own);
    const received = parseCarbon(carbon('received', 'ALICE@x', true), own);
    expect(sent !== 'forged' && [sent?.direction, sent?.message.attrs.to, sent?.timestamp]).toEqual(['sent', 'bob@x', undefined]);
    expect(received !== 'forged' && [received?.direction, received?.message.getChildText('body'), received?.timestamp]).toEqual([
      'received',
      'received',
      Date.UTC(2026, 10, 23, 12, 0, 0, 250),
    ]);
  });

  it('calls a carbon from anyone but our bare JID forged (§11)', () => {
    expect(parseCarbon(carbon('received', 'bob@x'), own)).toBe('forged');
    expect(parseCarbon(carbon('sent', `${own}/phone`), own)).toBe('forged');
    expect(parseCarbon(carbon('sent', undefined), own)).toBe('forged');
  });

  it('leaves other messages alone', () => {
    expect(parseCarbon(xml('message', { from: 'bob@x', type: 'chat' }, xml('body', {}, 'hi')), own)).toBeUndefined();
    expect(parseCarbon(xml('message', { from: own }, xml('sent', { xmlns: NS_CARBONS })), own)).toBeUndefined();
  });
});

describe('carbons on a session', () => {
  function setUp() {
    const fake = fakeConnection();
    const ingested: { message: Element; context: MessageContext }[] = [];
    const intake = { receive: (message: Element, context: MessageContext) => Promise.resolve(void ingested.push({ message, context })) };
    const carbons = setupCarbons({ ownJid: own, connection: fake.connection, logger: silentLogger, intake });
    return { fake, ingested, carbons };
  }

  it('enables carbons when our server lists them, and only then (§4)', async () => {
    const { fake, carbons } = setUp();
    await carbons.enable(['urn:xmpp:ping']);
    expect(fake.requests).toHaveLength(0);
    expect(carbons.enabled()).toBe(false);
    await carbons.enable(['urn:xmpp:ping', NS_CARBONS]);
    expect(fake.requests.map((request) => [request.attrs.type, request.attrs.to, request.getChild('enable', NS_CARBONS) !== undefined])).toEqual([['set', undefined, true]]);
    expect(carbons.enabled()).toBe(true);
  });

  it('hands genuine carbons to the chat pipeline as carbons, and drops forged ones', async () => {
    const { fake, ingested } = setUp();
    await fake.receive(carbon('received', 'bob@x'));
    await fake.receive(carbon('sent', own, true));
    await fake.receive(xml('message', { from: 'bob@x', type: 'chat' }, xml('body', {}, 'live')));
    expect(ingested.map(({ message, context }) => [message.getChildText('body'), context])).toEqual([['sent', { source: 'carbon', timestamp: Date.UTC(2026, 10, 23, 12, 0, 0, 250) }]]);
  });

  it('stops listening when disposed', async () => {
    const { fake, ingested, carbons } = setUp();
    carbons.dispose();
    await fake.receive(carbon('sent', own));
    expect(ingested).toEqual([]);
  });
});
