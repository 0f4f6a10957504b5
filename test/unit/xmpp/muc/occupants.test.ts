// XEP-0045 occupant state from presence: joining (110, 201, 210), nickname changes (303), and every way of leaving
// (301, 307, 321, 322, 332, §10.9 destroy), read from real stanzas.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseMucPresence } from '../../../../electron/core/xmpp/muc/muc-presence.ts';
import { NS_MUC_USER } from '../../../../electron/core/xmpp/muc/muc-stanzas.ts';
import { initialOccupants, reduceOccupants, type OccupantsState, type Reduced } from '../../../../electron/core/xmpp/muc/occupants.ts';

const ROOM = 'tea@conference.example.org';
const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';

interface Item {
  readonly affiliation?: string;
  readonly role?: string;
  readonly jid?: string;
  readonly nick?: string;
  readonly actor?: string;
  readonly reason?: string;
}

function presence(nick: string, options: { type?: string; item?: Item; codes?: number[]; show?: string; status?: string; occupantId?: string; extra?: Element } = {}): Element {
  const item = options.item ?? { affiliation: 'none', role: 'participant' };
  return xml(
    'presence',
    { from: `${ROOM}/${nick}`, to: 'me@example.org/desk', type: options.type },
    options.show === undefined ? undefined : xml('show', {}, options.show),
    options.status === undefined ? undefined : xml('status', {}, options.status),
    options.occupantId === undefined ? undefined : xml('occupant-id', { xmlns: NS_OCCUPANT_ID, id: options.occupantId }),
    xml(
      'x',
      { xmlns: NS_MUC_USER },
      xml(
        'item',
        { affiliation: item.affiliation, role: item.role, jid: item.jid, nick: item.nick },
        item.actor === undefined ? undefined : xml('actor', { nick: item.actor }),
        item.reason === undefined ? undefined : xml('reason', {}, item.reason),
      ),
      ...(options.codes ?? []).map((code) => xml('status', { code: String(code) })),
      options.extra,
    ),
  );
}

function apply(state: OccupantsState, stanza: Element): Reduced {
  const parsed = parseMucPresence(stanza);
  if (!parsed) throw new Error('not a room presence');
  return reduceOccupants(state, parsed);
}

/** A room we are in as "me", with "alice" there too. */
function inRoom(): OccupantsState {
  let state = initialOccupants('me');
  state = apply(state, presence('alice', { item: { affiliation: 'owner', role: 'moderator', jid: 'alice@example.org/phone' }, occupantId: 'occ-a' })).state;
  return apply(state, presence('me', { codes: [110] })).state;
}

describe('the occupant reducer', () => {
  it('adds others as they come, with role, affiliation, real JID, occupant-id, show and status', () => {
    const { state, changes, self } = apply(initialOccupants('me'), presence('alice', { item: { affiliation: 'admin', role: 'moderator', jid: 'alice@example.org/phone' }, show: 'away', status: 'tea break', occupantId: 'occ-a' }));
    expect(self).toBeUndefined();
    expect(state.joined).toBe(false);
    expect(changes).toEqual([
      { kind: 'upsert', occupant: { nick: 'alice', role: 'moderator', affiliation: 'admin', jid: 'alice@example.org/phone', occupantId: 'occ-a', show: 'away', status: 'tea break', self: false } },
    ]);
  });

  it('110: our own presence completes the join', () => {
    const before = apply(initialOccupants('me'), presence('alice')).state;
    const { state, self } = apply(before, presence('me', { codes: [110, 100, 170], item: { affiliation: 'member', role: 'participant' } }));
    expect(state.joined).toBe(true);
    expect(state.occupants.size).toBe(2);
    expect(self).toMatchObject({ kind: 'joined', created: false, nonAnonymous: true, logged: true, occupant: { nick: 'me', self: true, affiliation: 'member' } });
  });

  it('201: a room we created says so', () => {
    const { self } = apply(initialOccupants('me'), presence('me', { codes: [110, 201], item: { affiliation: 'owner', role: 'moderator' } }));
    expect(self).toMatchObject({ kind: 'joined', created: true, occupant: { affiliation: 'owner', role: 'moderator' } });
  });

  it('210: the room gave us another nickname than the one we asked for', () => {
    const { state, self } = apply(initialOccupants('Me'), presence('me-2', { codes: [110, 210] }));
    expect(state.nick).toBe('me-2');
    expect(self).toMatchObject({ kind: 'joined', occupant: { nick: 'me-2', self: true } });
  });

  it('a later presence of ours updates our role without joining again', () => {
    const { self } = apply(inRoom(), presence('me', { codes: [110], item: { affiliation: 'member', role: 'moderator' } }));
    expect(self).toMatchObject({ kind: 'updated', occupant: { role: 'moderator' } });
  });

  it('keeps a real JID and occupant-id a later presence leaves out', () => {
    const { changes } = apply(inRoom(), presence('alice', { show: 'dnd', item: { affiliation: 'owner', role: 'moderator' } }));
    expect(changes).toMatchObject([{ kind: 'upsert', occupant: { nick: 'alice', jid: 'alice@example.org/phone', occupantId: 'occ-a', show: 'dnd' } }]);
  });

  it('303: a nickname change removes the old name and says to what; the new name comes next', () => {
    const renamed = apply(inRoom(), presence('alice', { type: 'unavailable', codes: [303], item: { affiliation: 'owner', role: 'moderator', nick: 'alicia' } }));
    expect(renamed.changes).toEqual([{ kind: 'renamed', from: 'alice', to: 'alicia' }]);
    expect(renamed.state.occupants.has('alice')).toBe(false);
    const back = apply(renamed.state, presence('alicia', { item: { affiliation: 'owner', role: 'moderator', jid: 'alice@example.org/phone' } }));
    expect([...back.state.occupants.keys()].sort()).toEqual(['alicia', 'me']);
  });

  it('303 with 110: our own nickname changed', () => {
    const { state, self } = apply(inRoom(), presence('me', { type: 'unavailable', codes: [303, 110], item: { nick: 'myself', role: 'participant', affiliation: 'none' } }));
    expect(state.nick).toBe('myself');
    expect(state.joined).toBe(true);
    expect(self).toBeUndefined();
  });

  it('an occupant leaving plainly is gone, reason left', () => {
    const { state, changes } = apply(inRoom(), presence('alice', { type: 'unavailable', status: 'bye', item: { affiliation: 'owner', role: 'none' } }));
    expect(state.occupants.has('alice')).toBe(false);
    expect(changes).toEqual([{ kind: 'departed', departure: { nick: 'alice', reason: 'left' } }]);
  });

  it.each([
    [307, 'kicked'],
    [301, 'banned'],
    [321, 'affiliation'],
    [322, 'membersOnly'],
    [332, 'shutdown'],
  ] as const)('%i: another occupant removed, reason %s, with the actor and reason', (code, reason) => {
    const { changes, self } = apply(inRoom(), presence('alice', { type: 'unavailable', codes: [code], item: { role: 'none', affiliation: code === 301 ? 'outcast' : 'none', actor: 'bob', reason: 'spam' } }));
    expect(self).toBeUndefined();
    expect(changes).toEqual([{ kind: 'departed', departure: { nick: 'alice', reason, actor: 'bob', text: 'spam' } }]);
  });

  it.each([
    [307, 'kicked'],
    [301, 'banned'],
    [321, 'affiliation'],
    [322, 'membersOnly'],
    [332, 'shutdown'],
  ] as const)('%i with 110: we were removed (%s), and see nobody in the room any more', (code, reason) => {
    const { state, self } = apply(inRoom(), presence('me', { type: 'unavailable', codes: [110, code], item: { role: 'none', affiliation: 'none', actor: 'alice', reason: 'go away' } }));
    expect(state.joined).toBe(false);
    expect(state.occupants.size).toBe(0);
    expect(self).toEqual({ kind: 'removed', departure: { nick: 'me', reason, actor: 'alice', text: 'go away' } });
  });

  it('§10.9: a destroyed room tells us where to go instead', () => {
    const destroy = xml('destroy', { jid: 'coffee@conference.example.org' }, xml('reason', {}, 'moved'));
    const { self } = apply(inRoom(), presence('me', { type: 'unavailable', codes: [110], item: { role: 'none', affiliation: 'none' }, extra: destroy }));
    expect(self).toEqual({ kind: 'removed', departure: { nick: 'me', reason: 'destroyed', text: 'moved', alternate: 'coffee@conference.example.org' } });
  });

  it('reads an error presence apart from occupants, with its condition', () => {
    const error = xml('presence', { from: `${ROOM}/me`, type: 'error' }, xml('error', { type: 'cancel' }, xml('conflict', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })));
    expect(parseMucPresence(error)).toMatchObject({ type: 'error', room: ROOM, nick: 'me', error: { condition: 'conflict' } });
  });

  it('ignores presences that are not from a room occupant', () => {
    expect(parseMucPresence(xml('presence', { from: 'alice@example.org/phone' }))).toBeUndefined();
    expect(parseMucPresence(xml('presence', { from: ROOM }, xml('x', { xmlns: NS_MUC_USER })))).toBeUndefined();
  });
});

describe('a big room', () => {
  it('two thousand presences fill one map, changed in place rather than copied for each', () => {
    const first = initialOccupants('me');
    let state = first;
    for (let index = 0; index < 2000; index += 1) state = apply(state, presence(`user${index}`)).state;
    expect(state.occupants).toBe(first.occupants);
    expect(state.occupants.size).toBe(2000);
    state = apply(state, presence('user7', { type: 'unavailable' })).state;
    expect(state.occupants).toBe(first.occupants);
    expect(state.occupants.has('user7')).toBe(false);
  });
});
