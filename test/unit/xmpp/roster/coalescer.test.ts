import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../shared/model/contact.ts';
import { createCoalescer, type Delta, type Timers } from '../../../../electron/core/xmpp/roster/coalescer.ts';

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (callback) => {
      next += 1;
      pending.set(next, callback);
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fire = () => {
    for (const [id, callback] of [...pending]) {
      pending.delete(id);
      callback();
    }
  };
  return { timers, fire, scheduled: () => pending.size };
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
    const coalescer = createCoalescer((delta) => sent.push(delta), 75, timers);
    for (let index = 0; index < 1_000; index += 1) coalescer.upsert(contact(`c${index % 10}@x`, `s${index}`));
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
    const callbacks: { ms: number; callback: () => void }[] = [];
    const timers: Timers = { setTimeout: (callback, ms) => callbacks.push({ ms, callback }), clearTimeout: () => undefined };
    const sent: Delta[] = [];
    const coalescer = createCoalescer((delta) => sent.push(delta), 75, timers, 16);
    coalescer.upsert(contact('a@x'));
    expect(callbacks.map(({ ms }) => ms)).toEqual([75, 16]);
    callbacks[1]?.callback();
    expect(sent).toHaveLength(1);
  });

  it('lets the last word win between an upsert and a removal of the same contact', () => {
    const { timers, fire } = fakeTimers();
    const sent: Delta[] = [];
    const coalescer = createCoalescer((delta) => sent.push(delta), 75, timers);
    coalescer.upsert(contact('a@x'));
    coalescer.remove('a@x');
    coalescer.remove('b@x');
    coalescer.upsert(contact('b@x', 'back'));
    fire();
    expect(sent).toEqual([{ upserts: [contact('b@x', 'back')], removed: ['a@x'] }]);
  });

  it('flushes at once when asked, sends nothing when nothing changed, and forgets on dispose', () => {
    const { timers, fire, scheduled } = fakeTimers();
    const sent: Delta[] = [];
    const coalescer = createCoalescer((delta) => sent.push(delta), 75, timers);
    coalescer.flush();
    expect(sent).toEqual([]);
    coalescer.upsert(contact('a@x'));
    coalescer.flush();
    expect(sent).toHaveLength(1);
    expect(scheduled()).toBe(0);
    coalescer.upsert(contact('b@x'));
    coalescer.dispose();
    fire();
    expect(sent).toHaveLength(1);
  });
});
