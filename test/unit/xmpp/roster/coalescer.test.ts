import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../shared/model/contact.ts';
import { createCoalescer, type Delta, type Timers } from '../../../../electron/core/xmpp/roster/coalescer.ts';

/**
 * Timers on a clock that only `advance` moves: due callbacks run in the order they are due. Immediates run only on `turn`
 * (one turn of the event loop after its I/O); left alone, the client looks as if it never caught up with the server.
 */
function fakeTimers() {
  const pending = new Map<number, { at: number; callback: () => void }>();
  let immediates: (() => void)[] = [];
  let next = 0;
  let clock = 0;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      next += 1;
      pending.set(next, { at: clock + ms, callback });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    setImmediate: (callback) => void immediates.push(callback),
    now: () => clock,
  };
  const advance = (ms: number) => {
    const until = clock + ms;
    for (let round = 0; round < 1_000; round += 1) {
      const due = [...pending].filter(([, { at }]) => at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, { at, callback }] = due;
      pending.delete(id);
      clock = at;
      callback();
    }
    clock = until;
  };
  const turn = () => {
    const due = immediates;
    immediates = [];
    for (const callback of due) callback();
  };
  return { timers, advance, turn, fire: () => advance(1_000), scheduled: () => pending.size };
}

/** The contacts as they are now, which the coalescer reads when it sends. */
function roster() {
  const contacts = new Map<string, Contact>();
  return { contactOf: (jid: string) => contacts.get(jid), set: (value: Contact) => void contacts.set(value.jid, value), drop: (jid: string) => void contacts.delete(jid) };
}

const contact = (jid: string, status?: string): Contact => ({
  jid,
  groups: [],
  subscription: 'both',
  pendingOut: false,
  approved: false,
  show: 'online',
  ...(status === undefined ? {} : { status }),
  resources: [],
});

describe('roster.changed coalescer', () => {
  it('turns a burst of changes into one delta with the latest state of each contact', () => {
    const { timers, fire, scheduled } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers);
    for (let index = 0; index < 1_000; index += 1) {
      contacts.set(contact(`c${index % 10}@x`, `s${index}`));
      coalescer.upsert(`c${index % 10}@x`);
    }
    // The interval's end, and the pause after the last change.
    expect(scheduled()).toBe(2);
    expect(sent).toEqual([]);
    fire();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.upserts).toHaveLength(10);
    expect(sent[0]?.upserts.find((c) => c.jid === 'c9@x')?.status).toBe('s999');
    expect(sent[0]?.removed).toEqual([]);
  });

  it('sends once the changes pause, without waiting for the end of the interval', () => {
    const { timers, advance } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers, 16);
    contacts.set(contact('a@x'));
    coalescer.upsert('a@x');
    advance(16);
    expect(sent).toHaveLength(1);
  });

  it('waits for a pause after the last change, and sends at the end of the interval while changes keep coming', () => {
    const { timers, advance, scheduled } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    contacts.set(contact('a@x'));
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers, 16);
    coalescer.upsert('a@x');
    advance(10);
    coalescer.upsert('a@x');
    // 16 ms after the first change, only 6 after the last: not a pause yet.
    advance(6);
    expect(sent).toHaveLength(0);
    advance(10);
    expect(sent).toHaveLength(1);
    // A change every 10 ms never leaves a pause of 16: the interval of 75 sends anyway.
    for (let index = 0; index < 8; index += 1) {
      coalescer.upsert('a@x');
      advance(10);
    }
    expect(sent).toHaveLength(2);
    // One interval timer and one pause timer at most, however many changes came.
    expect(scheduled()).toBeLessThanOrEqual(2);
  });

  it('sends at once when a turn of the event loop brings no change: the client has read all the server sent', () => {
    const { timers, advance, turn } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    contacts.set(contact('a@x'));
    contacts.set(contact('b@x'));
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers, 16);
    coalescer.upsert('a@x');
    // The turn that brought the change is not the end of the data yet.
    turn();
    expect(sent).toHaveLength(0);
    coalescer.upsert('b@x');
    turn();
    expect(sent).toHaveLength(0);
    // A turn with nothing new: caught up, and no delta went out before: sent now, not after the pause.
    turn();
    expect(sent).toEqual([{ upserts: [contact('a@x'), contact('b@x')], removed: [] }]);
    // Less than a pause after that delta, a caught-up turn sends the next change a pause after that delta, not a pause
    // after the change.
    advance(5);
    coalescer.upsert('a@x');
    turn();
    turn();
    expect(sent).toHaveLength(1);
    advance(10);
    expect(sent).toHaveLength(1);
    advance(1);
    expect(sent).toHaveLength(2);
    // A pause after the last delta, a caught-up turn sends again at once.
    advance(20);
    coalescer.upsert('b@x');
    turn();
    turn();
    expect(sent).toHaveLength(3);
  });

  it('lets the last word win between an upsert and a removal of the same contact', () => {
    const { timers, fire } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers);
    contacts.set(contact('a@x'));
    coalescer.upsert('a@x');
    contacts.drop('a@x');
    coalescer.remove('a@x');
    coalescer.remove('b@x');
    contacts.set(contact('b@x', 'back'));
    coalescer.upsert('b@x');
    fire();
    expect(sent).toEqual([{ upserts: [contact('b@x', 'back')], removed: ['a@x'] }]);
  });

  it('sends the state a contact has when the delta goes out, built once however often it changed', () => {
    const { timers, fire } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    let built = 0;
    const coalescer = createCoalescer((delta) => sent.push(delta), (jid) => ((built += 1), contacts.contactOf(jid)), 75, timers);
    for (const status of ['one', 'two', 'three']) {
      contacts.set(contact('a@x', status));
      coalescer.upsert('a@x');
    }
    expect(built).toBe(0);
    fire();
    expect(built).toBe(1);
    expect(sent).toEqual([{ upserts: [contact('a@x', 'three')], removed: [] }]);
  });

  it('flushes at once when asked, sends nothing when nothing changed, and forgets on dispose', () => {
    const { timers, fire, scheduled } = fakeTimers();
    const sent: Delta[] = [];
    const contacts = roster();
    contacts.set(contact('a@x'));
    contacts.set(contact('b@x'));
    const coalescer = createCoalescer((delta) => sent.push(delta), contacts.contactOf, 75, timers);
    coalescer.flush();
    expect(sent).toEqual([]);
    coalescer.upsert('a@x');
    coalescer.flush();
    expect(sent).toHaveLength(1);
    expect(scheduled()).toBe(0);
    coalescer.upsert('b@x');
    coalescer.dispose();
    fire();
    expect(sent).toHaveLength(1);
  });
});
