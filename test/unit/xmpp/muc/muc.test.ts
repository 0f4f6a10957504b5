// The MUC module on a connection double: a join completed by the 110 presence and refused by an error one, a big room's
// presences batched into few occupant events, rejoin after a fresh session (not after a resumed one), and private messages
// from occupants kept apart from the room even without <x/> (XEP-0045 §7.2, §7.5).
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../shared/model/account.ts';
import type { Room } from '../../../../shared/model/room.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import { NS_MUC, NS_MUC_USER } from '../../../../electron/core/xmpp/muc/muc-stanzas.ts';
import { setupMuc, type OccupantsDelta } from '../../../../electron/core/xmpp/muc/muc.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'me@example.org';
const ROOM = 'big@conference.example.org';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const occupant = (nick: string, codes: number[] = []) =>
  xml('presence', { from: `${ROOM}/${nick}`, to: `${own}/desk` }, xml('x', { xmlns: NS_MUC_USER }, xml('item', { affiliation: 'none', role: 'participant' }), ...codes.map((code) => xml('status', { code: String(code) }))));

function setUp() {
  // The room's disco#info: it exists, with stanza-ids.
  const fake = fakeConnection((request) =>
    xml('iq', { type: 'result', from: request.attrs.to }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, xml('identity', { category: 'conference', type: 'text', name: 'Big' }), xml('feature', { var: 'urn:xmpp:sid:0' }))),
  );
  const states = new Set<(state: ConnectionState) => void>();
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: own, resource: 'desk', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const rooms: Room[] = [];
  const deltas: OccupantsDelta[] = [];
  const muc = setupMuc({
    accountId: 'a1',
    ownJid: own,
    connection: { ...fake.connection, onState: (listener) => (states.add(listener), () => void states.delete(listener)) },
    store,
    logger: silentLogger,
    onRoom: (room) => rooms.push(room),
    onOccupants: (delta) => deltas.push(delta),
    changed: () => undefined,
    sendStored: (message) => void fake.connection.send(xml('message', { type: 'groupchat', to: message.peer, id: message.id }, xml('body', {}, message.body))),
  });
  const joins = () => fake.sent.filter((stanza: Element) => stanza.name === 'presence' && stanza.getChild('x', NS_MUC) !== undefined);
  const setState = (state: ConnectionState) => {
    for (const listener of [...states]) listener(state);
  };
  return { fake, muc, rooms, deltas, joins, setState, store };
}

const settleIq = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the MUC module', () => {
  it('completes a join on our 110 presence, after 2,000 others, in few occupant events', async () => {
    const { fake, muc, deltas, joins } = setUp();
    const joined = muc.join(ROOM, 'me');
    await settleIq();
    expect(joins()[0]?.attrs.to).toBe(`${ROOM}/me`);
    for (let index = 0; index < 2_000; index += 1) void fake.connection.pipeline.receive(occupant(`user-${index}`));
    await fake.receive(occupant('me', [110]));
    expect(await joined).toMatchObject({ jid: ROOM, nick: 'me', state: 'joined', name: 'Big', features: { stanzaIds: true } });
    expect(muc.occupants(ROOM)).toHaveLength(2_001);
    const upserts = deltas.flatMap((delta) => delta.upserts);
    expect(upserts).toHaveLength(2_001);
    expect(deltas.length).toBeLessThanOrEqual(3);
    expect(deltas[0]?.reset).toBe(true);
    expect(deltas.slice(1).every((delta) => !delta.reset)).toBe(true);
    muc.dispose();
  });

  it('rejects a join with the room’s error, and forgets the room', async () => {
    const { fake, muc } = setUp();
    const refused = expect(muc.join(ROOM, 'taken')).rejects.toMatchObject({ code: 'conflict', params: { context: 'nickInUse', nick: 'taken', room: ROOM } });
    await settleIq();
    await fake.receive(xml('presence', { from: `${ROOM}/taken`, type: 'error' }, xml('error', { type: 'cancel' }, xml('conflict', { xmlns: NS_STANZAS }))));
    await refused;
    expect(muc.rooms()).toEqual([]);
    muc.dispose();
  });

  it('rejoins after a fresh session, asking only for history since its newest message; not after a resumed one', async () => {
    const { fake, muc, joins, setState, rooms } = setUp();
    const joined = muc.join(ROOM, 'me');
    await settleIq();
    await fake.receive(occupant('me', [110]));
    await joined;
    await fake.receive(xml('message', { type: 'groupchat', from: `${ROOM}/alice`, id: 'x' }, xml('body', {}, 'hello')));

    setState({ status: 'reconnecting', attempt: 1, nextAttemptAt: 0 });
    expect(muc.room(ROOM)?.state).toBe('offline');
    await fake.startSession(true);
    expect(muc.room(ROOM)?.state).toBe('joined');
    expect(joins()).toHaveLength(1);

    setState({ status: 'reconnecting', attempt: 1, nextAttemptAt: 0 });
    // Written while away: kept pending, sent once the room has taken us back.
    const waiting = muc.send(ROOM, 'written offline');
    const groupchats = () => fake.sent.filter((stanza: Element) => stanza.name === 'message' && stanza.getChildText('body') === 'written offline');
    expect(waiting.state).toBe('pending');
    await fake.startSession(false);
    expect(muc.room(ROOM)?.state).toBe('joining');
    expect(joins()).toHaveLength(2);
    expect(joins()[1]?.getChild('x', NS_MUC)?.getChild('history')?.attrs.since).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(groupchats()).toHaveLength(0);
    await fake.receive(occupant('me', [110]));
    expect(groupchats()).toHaveLength(1);
    expect(rooms.map((room) => room.state)).toEqual(['joining', 'joined', 'offline', 'joined', 'offline', 'joining', 'joined']);
    muc.dispose();
  });

  it('keeps a private message from an occupant apart from the room when the room leaves out <x/>', async () => {
    const { fake, muc } = setUp();
    const joined = muc.join(ROOM, 'me');
    await settleIq();
    await fake.receive(occupant('me', [110]));
    await joined;
    const seen: Element[] = [];
    fake.connection.pipeline.handle({ stanza: 'message' }, (stanza) => void seen.push(stanza));
    await fake.receive(xml('message', { type: 'chat', from: `${ROOM}/alice`, to: `${own}/desk` }, xml('body', {}, 'psst')));
    await fake.receive(xml('message', { type: 'chat', from: 'friend@example.org/phone', to: `${own}/desk` }, xml('body', {}, 'hi')));
    expect(seen.map((stanza) => stanza.getChild('x', NS_MUC_USER) !== undefined)).toEqual([true, false]);
    muc.dispose();
  });
});
