// Unit tests of applying received messages to the store: merging live, carbon and archive copies, receipts, markers, edits.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatState, Message } from '../../../../shared/model/message.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import {
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_MARKERS,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_RETRACT,
  NS_SID,
} from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { createIngest } from '../../../../electron/core/xmpp/chat/ingest.ts';
import type { MessageContext, MessageSource } from '../../../../electron/core/xmpp/pipeline/message-context.ts';
import { storeOutgoing } from '../../../../electron/core/xmpp/chat/outgoing.ts';

const own = 'bob@x';
const peer = 'alice@x';

function setUp({ trustStanzaIds = true, prepareMessage = (message: Element) => Promise.resolve(message) }: { trustStanzaIds?: boolean; prepareMessage?: (message: Element) => Promise<Element> } = {}) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: own, resource: 'desk', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const changed: Message[] = [];
  const added: { body: string; source: MessageSource }[] = [];
  const answers: Element[] = [];
  const typing: [string, ChatState][] = [];
  const conversations: string[] = [];
  let clock = 1_000;
  const phases = createIngest({
    accountId: 'a1',
    ownJid: own,
    store,
    logger: silentLogger,
    changed: (message) => changed.push(message),
    conversationChanged: (who) => conversations.push(who),
    typing: (who, state) => typing.push([who, state]),
    added: (message, source) => added.push({ body: message.body, source }),
    answer: (to, stanza) => answers.push(to === peer ? stanza : xml('wrong-peer')),
    prepareMessage,
    stanzaIds: () => trustStanzaIds,
    now: () => (clock += 1),
  });
  /** Both phases, as chat runs them for one message. */
  const ingest = async (stanza: Element, context: MessageContext): Promise<void> => {
    const prepared = await phases.prepare(stanza, context);
    if (prepared) store.batch(() => phases.apply(prepared));
  };
  const history = () => store.page('a1', peer, {}, 100).messages;
  const send = (body: string, now: number) => storeOutgoing(store, { accountId: 'a1', ownJid: own, peer, body, now });
  return { store, phases, ingest, changed, added, answers, typing, conversations, history, send };
}

/** A message from alice's phone to us. */
const fromAlice = (id: string, ...children: Element[]) => xml('message', { type: 'chat', from: `${peer}/phone`, to: `${own}/desk`, id }, ...children);
/** A message from another device of ours to alice. */
const fromUs = (id: string, ...children: Element[]) => xml('message', { type: 'chat', from: `${own}/phone`, to: peer, id }, ...children);
const body = (text: string) => xml('body', {}, text);
const originId = (id: string) => xml('origin-id', { xmlns: NS_SID, id });
const stanzaId = (id: string) => xml('stanza-id', { xmlns: NS_SID, id, by: own });
const request = () => xml('request', { xmlns: NS_RECEIPTS });
const markable = () => xml('markable', { xmlns: NS_MARKERS });

describe('messages that arrive together', () => {
  it('keep the order they arrived in, even when the first takes longer to prepare (decrypt) than the next', async () => {
    const slow = new Map<string, () => void>();
    const { store, phases, history } = setUp({
      prepareMessage: (message) =>
        message.attrs.id === 'first' ? new Promise((resolve) => slow.set('first', () => resolve(message))) : Promise.resolve(message),
    });
    const first = phases.prepare(fromAlice('first', body('one')), { source: 'live' });
    const second = await phases.prepare(fromAlice('second', body('two')), { source: 'live' });
    slow.get('first')?.();
    const ready = await first;
    // Applied in arrival order, as chat does.
    for (const prepared of [ready, second]) if (prepared) store.batch(() => phases.apply(prepared));
    const [one, two] = history();
    expect([one?.body, two?.body]).toEqual(['one', 'two']);
    expect(one.timestamp).toBeLessThan(two.timestamp);
  });
});

describe('what only our server may vouch for', () => {
  const delay = (stamp: string, from?: string) => xml('delay', { xmlns: 'urn:xmpp:delay', stamp, ...(from === undefined ? {} : { from }) });

  it('takes a live message’s time from its delay only when our server stamped it, and never later than now (XEP-0203 §8)', async () => {
    const { ingest, history } = setUp();
    await ingest(fromAlice('x1', body('offline'), delay('1970-01-01T00:00:00.500Z', 'x')), { source: 'live' });
    await ingest(fromAlice('x2', body('forged past'), delay('1970-01-01T00:00:00.100Z', 'alice@x/phone')), { source: 'live' });
    await ingest(fromAlice('x3', body('unsigned'), delay('1970-01-01T00:00:00.200Z')), { source: 'live' });
    await ingest(fromAlice('x4', body('future'), delay('2100-01-01T00:00:00Z', 'x')), { source: 'live' });
    const times = Object.fromEntries(history().map((message) => [message.body, message.timestamp]));
    expect(times.offline).toBe(500);
    // Stamped by someone else, or not at all: the time it arrived here (the test clock is past 1,000).
    expect([times['forged past'], times.unsigned].every((at) => at !== undefined && at > 1_000)).toBe(true);
    expect(times.future).toBeLessThan(2_000);
  });

  it('keeps a live message’s stanza-id only while our server announces that it sets them (XEP-0359 §3.1)', async () => {
    const untrusted = setUp({ trustStanzaIds: false });
    await untrusted.ingest(fromAlice('x1', body('hi'), stanzaId('s1')), { source: 'live' });
    await untrusted.ingest(fromAlice('x2', body('archived')), { source: 'archive', stanzaId: 's2', timestamp: 10 });
    expect(untrusted.history().map((message) => [message.body, message.stanzaId])).toEqual([
      ['archived', 's2'],
      ['hi', undefined],
    ]);
    const trusted = setUp();
    await trusted.ingest(fromAlice('x1', body('hi'), stanzaId('s1')), { source: 'live' });
    expect(trusted.history().map((message) => message.stanzaId)).toEqual(['s1']);
  });
});

describe('private messages through a room (XEP-0045 §7.5)', () => {
  const muc = () => xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' });
  const fromOccupant = (nick: string, id: string, ...children: Element[]) =>
    xml('message', { type: 'chat', from: `room@conference.x/${nick}`, to: `${own}/desk`, id }, muc(), ...children);

  it('are kept per occupant, with the kind, the nickname and the archive, apart from each other', async () => {
    const { ingest, store } = setUp();
    await ingest(fromOccupant('Mallory', 'm1', body('from mallory')), { source: 'live' });
    await ingest(fromOccupant('Carol', 'c1', body('from carol')), { source: 'archive', archive: own, stanzaId: 'a1', timestamp: 5 });
    const carol = store.page('a1', 'room@conference.x/Carol', {}, 10).messages;
    expect(carol).toMatchObject([{ kind: 'private', peer: 'room@conference.x/Carol', sender: { nick: 'Carol' }, archive: own, body: 'from carol' }]);
    expect(store.page('a1', 'room@conference.x/Mallory', {}, 10).messages.map((message) => message.body)).toEqual(['from mallory']);
    expect(store.page('a1', 'room@conference.x', {}, 10).messages).toEqual([]);
  });

  it('let no occupant edit or retract another occupant’s message', async () => {
    const { ingest, store } = setUp();
    await ingest(fromOccupant('Carol', 'c1', body('meet at noon')), { source: 'live' });
    await ingest(fromOccupant('Mallory', 'e1', body('meet at midnight'), xml('replace', { xmlns: NS_CORRECT, id: 'c1' })), { source: 'live' });
    await ingest(fromOccupant('Mallory', 'r1', xml('retract', { xmlns: NS_RETRACT, id: 'c1' })), { source: 'live' });
    const [carol] = store.page('a1', 'room@conference.x/Carol', {}, 10).messages;
    expect([carol?.body, carol?.retracted, carol?.correctedAt]).toEqual(['meet at noon', undefined, undefined]);
    // Mallory's correction of a message he never sent stands as a message of his own (XEP-0308 §5).
    expect(store.page('a1', 'room@conference.x/Mallory', {}, 10).messages.map((message) => message.body)).toEqual(['meet at midnight']);
  });
});

describe('ingest of received messages', () => {
  it('stores a live message once though it comes again, and answers each receipt request to the full JID', async () => {
    const { ingest, history, added, answers, changed } = setUp();
    const stanza = () => fromAlice('x1', body('hi'), originId('o1'), request());
    await ingest(stanza(), { source: 'live' });
    await ingest(stanza(), { source: 'live' });
    expect(history()).toMatchObject([{ body: 'hi', direction: 'in', state: 'received', originId: 'o1', remoteId: 'x1' }]);
    expect(added).toEqual([{ body: 'hi', source: 'live' }]);
    expect(changed).toHaveLength(1);
    expect(answers.map((answer) => [answer.attrs.to, answer.getChild('received', NS_RECEIPTS)?.attrs.id])).toEqual([
      [`${peer}/phone`, 'x1'],
      [`${peer}/phone`, 'x1'],
    ]);
  });

  it('never answers a receipt request of a carbon or an archived copy', async () => {
    const { ingest, answers, added } = setUp();
    await ingest(fromAlice('x1', body('hi'), request()), { source: 'carbon' });
    await ingest(fromAlice('x2', body('again'), request()), { source: 'archive', stanzaId: 's2', timestamp: 5 });
    expect(answers).toEqual([]);
    expect(added).toEqual([
      { body: 'hi', source: 'carbon' },
      { body: 'again', source: 'archive' },
    ]);
  });

  it('merges the carbon of our own message with the stored pending one, which is then sent', async () => {
    const { ingest, send, history, added, changed } = setUp();
    const mine = send('hello', 500);
    await ingest(fromUs(mine.id, body('hello'), originId(mine.id), stanzaId('s1')), { source: 'carbon' });
    expect(history()).toMatchObject([{ id: mine.id, state: 'sent', stanzaId: 's1' }]);
    expect(changed.map((message) => message.state)).toEqual(['sent']);
    expect(added).toEqual([]);
  });

  it('merges the archived copy of a live message by stanza-id, and by origin-id filling the archive id', async () => {
    const { ingest, history, added } = setUp();
    await ingest(fromAlice('x1', body('first'), stanzaId('s1')), { source: 'live' });
    await ingest(fromAlice('x2', body('second'), originId('o2')), { source: 'live' });
    await ingest(fromAlice('x1', body('first')), { source: 'archive', stanzaId: 's1', timestamp: 1 });
    await ingest(fromAlice('x2', body('second'), originId('o2')), { source: 'archive', stanzaId: 's2', timestamp: 2 });
    expect(history().map((message) => [message.body, message.stanzaId])).toEqual([
      ['first', 's1'],
      ['second', 's2'],
    ]);
    expect(added.map((each) => each.source)).toEqual(['live', 'live']);
  });

  it('marks our message delivered on a receipt, and read with every earlier one on a displayed marker', async () => {
    const { ingest, send, store } = setUp();
    const first = send('one', 100);
    const second = send('two', 200);
    const third = send('three', 300);
    for (const each of [first, second, third]) store.setState(each.id, 'sent');
    await ingest(fromAlice('r1', xml('received', { xmlns: NS_RECEIPTS, id: first.id })), { source: 'live' });
    expect(store.get(first.id)?.state).toBe('delivered');
    await ingest(fromAlice('d1', xml('displayed', { xmlns: NS_MARKERS, id: second.id })), { source: 'live' });
    expect([first, second, third].map((each) => store.get(each.id)?.state)).toEqual(['read', 'read', 'sent']);
    // A late receipt does not take a read message back to delivered.
    await ingest(fromAlice('r2', xml('received', { xmlns: NS_RECEIPTS, id: second.id })), { source: 'live' });
    expect(store.get(second.id)?.state).toBe('read');
  });

  it('applies receipts and markers that an archive page brings before the messages of ours they are about (newest page first)', async () => {
    const { ingest, store } = setUp();
    const archived = (stanza: Element, n: number) => ingest(stanza, { source: 'archive', stanzaId: `s${n}`, timestamp: n });
    // Newest page: alice's receipt and marker for y2, and a later message of ours she has not seen.
    await archived(fromAlice('r1', xml('received', { xmlns: NS_RECEIPTS, id: 'y3' })), 250);
    await archived(fromAlice('d1', xml('displayed', { xmlns: NS_MARKERS, id: 'y2' })), 260);
    await archived(fromUs('y4', body('four')), 270);
    // Older pages: y3 (delivered only), y2 (displayed), and y1, displayed with it.
    await archived(fromUs('y3', body('three')), 230);
    await archived(fromUs('y2', body('two')), 200);
    await archived(fromUs('y1', body('one')), 100);
    const stateOf = (id: string) => store.byRemoteId('a1', peer, 'out', id)?.state;
    expect(['y1', 'y2', 'y3', 'y4'].map(stateOf)).toEqual(['read', 'read', 'delivered', 'sent']);
  });

  it('marks incoming messages read up to the one our other device displayed', async () => {
    const { ingest, store, conversations } = setUp();
    for (const [n, at] of [10, 20, 30].entries()) await ingest(fromAlice(`x${n}`, body(`m${n}`), markable()), { source: 'live', timestamp: at });
    expect(store.conversation('a1', peer).unread).toBe(3);
    await ingest(fromUs('d1', xml('displayed', { xmlns: NS_MARKERS, id: 'x1' })), { source: 'carbon' });
    expect(store.conversation('a1', peer)).toMatchObject({ unread: 1, firstUnreadId: store.byRemoteId('a1', peer, 'in', 'x2')?.id });
    expect(conversations).toEqual([peer]);
  });

  it('stores read what our other device displayed, when the archive brings the marker before the messages (newest page first)', async () => {
    const { ingest, store } = setUp();
    const archived = (stanza: Element, n: number) => ingest(stanza, { source: 'archive', stanzaId: `s${n}`, timestamp: n });
    await archived(fromAlice('x3', body('three'), markable()), 300);
    await archived(fromUs('d1', xml('displayed', { xmlns: NS_MARKERS, id: 'x2' })), 250);
    await archived(fromAlice('x2', body('two'), markable()), 200);
    await archived(fromAlice('x1', body('one'), markable()), 100);
    expect(store.conversation('a1', peer)).toMatchObject({ unread: 1, firstUnreadId: store.byRemoteId('a1', peer, 'in', 'x3')?.id });
  });

  it('marks what came before read when we wrote from another device', async () => {
    const { ingest, store } = setUp();
    await ingest(fromAlice('x1', body('question')), { source: 'live', timestamp: 10 });
    await ingest(fromUs('y1', body('answer')), { source: 'carbon', timestamp: 20 });
    await ingest(fromAlice('x2', body('thanks')), { source: 'live', timestamp: 30 });
    expect(store.conversation('a1', peer).unread).toBe(1);
  });

  it('applies a correction only from the original sender', async () => {
    const { ingest, store, history } = setUp();
    await ingest(fromAlice('x1', body('helo')), { source: 'live' });
    await ingest(fromAlice('c1', body('hello'), xml('replace', { xmlns: NS_CORRECT, id: 'x1' })), { source: 'live' });
    expect(store.byRemoteId('a1', peer, 'in', 'x1')).toMatchObject({ body: 'hello' });
    await ingest(fromUs('c2', body('forged'), xml('replace', { xmlns: NS_CORRECT, id: 'x1' })), { source: 'carbon' });
    expect(store.byRemoteId('a1', peer, 'in', 'x1')?.body).toBe('hello');
    expect(history().map((message) => message.body)).toEqual(['hello', 'forged']);
  });

  it('never lets an older correction overwrite a newer one', async () => {
    const { ingest, store } = setUp();
    await ingest(fromAlice('x1', body('one')), { source: 'archive', stanzaId: 's1', timestamp: 100 });
    await ingest(fromAlice('c2', body('three'), xml('replace', { xmlns: NS_CORRECT, id: 'x1' })), { source: 'archive', stanzaId: 's3', timestamp: 300 });
    await ingest(fromAlice('c1', body('two'), xml('replace', { xmlns: NS_CORRECT, id: 'x1' })), { source: 'archive', stanzaId: 's2', timestamp: 200 });
    expect(store.byRemoteId('a1', peer, 'in', 'x1')).toMatchObject({ body: 'three', correctedAt: 300 });
  });

  it('shows a live correction of a message never received as a message of its own', async () => {
    const { ingest, history, added } = setUp();
    await ingest(fromAlice('c1', body('fixed'), xml('replace', { xmlns: NS_CORRECT, id: 'unknown' })), { source: 'live' });
    expect(history().map((message) => message.body)).toEqual(['fixed']);
    expect(added).toEqual([{ body: 'fixed', source: 'live' }]);
  });

  it('keeps an archived correction until the archive brings the original, newest first, then applies it', async () => {
    const { ingest, history, added } = setUp();
    await ingest(fromAlice('c1', body('fixed'), xml('replace', { xmlns: NS_CORRECT, id: 'x1' })), { source: 'archive', stanzaId: 's2', timestamp: 200 });
    expect(history()).toEqual([]);
    await ingest(fromAlice('x1', body('fixd')), { source: 'archive', stanzaId: 's1', timestamp: 100 });
    expect(history()).toMatchObject([{ body: 'fixed', correctedAt: 200, stanzaId: 's1', timestamp: 100 }]);
    expect(added).toEqual([{ body: 'fixed', source: 'archive' }]);
  });

  it('refuses the peer’s retraction of our message, and applies theirs (XEP-0424)', async () => {
    const { ingest, send, store } = setUp();
    const mine = send('mine', 100);
    await ingest(fromAlice('x1', body('theirs')), { source: 'live' });
    await ingest(fromAlice('r1', xml('retract', { xmlns: NS_RETRACT, id: mine.id })), { source: 'live' });
    expect(store.get(mine.id)).toMatchObject({ body: 'mine' });
    expect(store.get(mine.id)?.retracted).toBeUndefined();
    await ingest(fromAlice('r2', xml('retract', { xmlns: NS_RETRACT, id: 'x1' })), { source: 'live' });
    expect(store.byRemoteId('a1', peer, 'in', 'x1')).toMatchObject({ body: '', retracted: true });
  });

  it('applies the peer’s reactions to our message, and archived reactions once their target arrives (XEP-0444)', async () => {
    const { ingest, send, store, history } = setUp();
    const mine = send('lunch?', 100);
    await ingest(fromAlice('e1', xml('reactions', { xmlns: NS_REACTIONS, id: mine.id }, xml('reaction', {}, '👍'))), { source: 'live' });
    expect(store.get(mine.id)?.reactions).toEqual([{ emoji: '👍', senders: [peer] }]);
    await ingest(fromUs('e2', xml('reactions', { xmlns: NS_REACTIONS, id: 'x9' }, xml('reaction', {}, '🎉'))), { source: 'archive', stanzaId: 's3', timestamp: 300 });
    await ingest(fromAlice('x9', body('done')), { source: 'archive', stanzaId: 's2', timestamp: 200 });
    expect(history().at(-1)).toMatchObject({ body: 'done', reactions: [{ emoji: '🎉', senders: [own] }] });
  });

  it('stores only the peer’s reactions that are single emoji, at most 20 of them (XEP-0444 §4)', async () => {
    const { ingest, send, store } = setUp();
    const mine = send('lunch?', 100);
    const flood = ['not an emoji', '👍', 'x'.repeat(10_000), ...Array.from({ length: 40 }, (_, n) => String.fromCodePoint(0x1f600 + n))];
    await ingest(fromAlice('e1', xml('reactions', { xmlns: NS_REACTIONS, id: mine.id }, ...flood.map((text) => xml('reaction', {}, text)))), { source: 'live' });
    const stored = store.get(mine.id)?.reactions?.map((reaction) => reaction.emoji);
    expect(stored).toEqual(['👍', ...flood.slice(3, 22)]);
  });

  it('never lets an older reaction set from a newest-first archive page replace a newer one', async () => {
    const { ingest, send, store } = setUp();
    const mine = send('lunch?', 100);
    const react = (id: string, emoji: string) => fromAlice(id, xml('reactions', { xmlns: NS_REACTIONS, id: mine.id }, xml('reaction', {}, emoji)));
    await ingest(react('e2', '❤️'), { source: 'archive', stanzaId: 's2', timestamp: 300 });
    await ingest(react('e1', '👍'), { source: 'archive', stanzaId: 's1', timestamp: 200 });
    expect(store.get(mine.id)?.reactions).toEqual([{ emoji: '❤️', senders: [peer] }]);
    await ingest(react('e3', '🎉'), { source: 'live' });
    expect(store.get(mine.id)?.reactions).toEqual([{ emoji: '🎉', senders: [peer] }]);
  });

  it('marks our message failed with the server’s text when it bounces', async () => {
    const { ingest, send, store, changed } = setUp();
    const mine = send('hello', 100);
    const bounce = xml(
      'message',
      { type: 'error', from: peer, to: `${own}/desk`, id: mine.id },
      xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'Recipient is gone')),
    );
    await ingest(bounce, { source: 'live' });
    expect(store.get(mine.id)).toMatchObject({ state: 'failed', error: 'Recipient is gone' });
    expect(changed.map((message) => message.state)).toEqual(['failed']);
  });

  it('stores an archived message older than our last reply as read, a newer one unread', async () => {
    const { ingest, send, store } = setUp();
    send('my reply', 500);
    await ingest(fromAlice('x1', body('before')), { source: 'archive', stanzaId: 's1', timestamp: 400 });
    await ingest(fromAlice('x2', body('after')), { source: 'archive', stanzaId: 's2', timestamp: 600 });
    expect(store.conversation('a1', peer)).toMatchObject({ unread: 1, firstUnreadId: store.byRemoteId('a1', peer, 'in', 'x2')?.id });
  });

  it('passes on live chat states, not archived ones (XEP-0085)', async () => {
    const { ingest, typing, history } = setUp();
    await ingest(fromAlice('t1', xml('composing', { xmlns: NS_CHAT_STATES })), { source: 'live' });
    await ingest(fromAlice('t2', xml('paused', { xmlns: NS_CHAT_STATES })), { source: 'archive', stanzaId: 's1', timestamp: 1 });
    expect(typing).toEqual([[peer, 'composing']]);
    expect(history()).toEqual([]);
  });

  it('quotes the stored message a reply refers to', async () => {
    const { ingest, send, history } = setUp();
    const mine = send('lunch?', 100);
    await ingest(
      fromAlice('x1', body('> lunch?\nyes'), xml('reply', { xmlns: 'urn:xmpp:reply:0', to: `${own}/desk`, id: mine.id }), xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' }, xml('body', { start: '0', end: '9' }))),
      { source: 'live' },
    );
    expect(history().at(-1)).toMatchObject({ body: 'yes', replyTo: { messageId: mine.id, quote: 'lunch?', direction: 'out' } });
  });
});
