import { describe, expect, it } from 'vitest';
import { createPresenceBook } from '../../../../electron/core/xmpp/presence/presence-book.ts';
import type { ParsedPresence } from '../../../../electron/core/xmpp/presence/presence-stanza.ts';

const available = (resource: string, show: 'online' | 'away' | 'dnd', priority: number, extra = {}): ParsedPresence => ({
  kind: 'available',
  bare: 'bob@x',
  presence: { resource, show, priority, ...extra },
});

describe('the presence book', () => {
  it('keeps each resource, shows the leading one, and drops a resource that leaves', () => {
    let now = 5_000;
    const book = createPresenceBook(() => undefined, () => now);
    book.apply(available('desk', 'online', 0, { status: 'Here' }));
    book.apply(available('phone', 'away', 5));
    expect(book.view('bob@x')).toMatchObject({ show: 'away', resources: [{ resource: 'phone' }, { resource: 'desk', status: 'Here' }] });
    book.apply({ kind: 'unavailable', bare: 'bob@x', resource: 'phone' });
    expect(book.view('bob@x')).toMatchObject({ show: 'online', status: 'Here' });
    now = 9_000;
    book.apply({ kind: 'unavailable', bare: 'bob@x', resource: 'desk' });
    expect(book.view('bob@x')).toEqual({ show: 'offline', resources: [], lastSeen: 9_000 });
  });

  it('does not invent a last-seen time for a contact that was never seen online', () => {
    const book = createPresenceBook(() => undefined);
    expect(book.apply({ kind: 'unavailable', bare: 'bob@x', resource: '' })).toBe(false);
    expect(book.view('bob@x')).toEqual({ show: 'offline', resources: [] });
    book.apply({ kind: 'unavailable', bare: 'bob@x', resource: '', lastActive: 1_234 });
    expect(book.view('bob@x').lastSeen).toBe(1_234);
  });

  it('records an error presence and clears it on the next available one', () => {
    const book = createPresenceBook(() => undefined);
    book.apply({ kind: 'error', bare: 'bob@x', message: 'Presence failed: their server could not be found.' });
    expect(book.view('bob@x').presenceError).toBe('Presence failed: their server could not be found.');
    book.apply(available('desk', 'online', 0));
    expect(book.view('bob@x').presenceError).toBeUndefined();
  });

  it('names the client from verified capabilities, and from an unverified answer for that resource only', () => {
    const names = new Map<string, string>();
    const book = createPresenceBook((_jid, caps) => names.get(caps.ver));
    const caps = { hash: 'sha-1', node: 'n', ver: 'v1' };
    book.apply({ kind: 'available', bare: 'bob@x', presence: { resource: 'desk', show: 'online', priority: 0 }, caps });
    expect(book.view('bob@x').resources[0]?.client).toBeUndefined();
    names.set('v1', 'Gajim');
    expect(book.learned('sha-1 v1', 'bob@x/desk', 'Gajim', true)).toEqual(['bob@x']);
    expect(book.view('bob@x').resources[0]?.client).toEqual({ name: 'Gajim' });
    book.apply({ kind: 'available', bare: 'bob@x', presence: { resource: 'phone', show: 'online', priority: 0 } });
    expect(book.learned('sha-1 v2', 'bob@x/phone', 'Liar', false)).toEqual(['bob@x']);
    expect(book.view('bob@x').resources.find((r) => r.resource === 'phone')?.client).toEqual({ name: 'Liar' });
  });

  it('forgets every resource when the session ends', () => {
    const book = createPresenceBook(() => undefined);
    book.apply(available('desk', 'online', 0));
    expect(book.clear()).toEqual(['bob@x']);
    expect(book.view('bob@x').show).toBe('offline');
  });

  it('keeps presence from at most maxStrangers non-contacts, forgetting the one heard from longest ago', () => {
    const contacts = new Set(['friend@x']);
    const book = createPresenceBook(() => undefined, Date.now, { isContact: (bare) => contacts.has(bare), maxStrangers: 3, maxResources: 100 });
    const from = (bare: string): ParsedPresence => ({ kind: 'available', bare, presence: { resource: 'r', show: 'online', priority: 0 } });
    book.apply(from('friend@x'));
    for (const n of [1, 2, 3]) book.apply(from(`spam${n}@x`));
    // Heard from again: now the most recent stranger.
    book.apply(from('spam1@x'));
    book.apply(from('spam4@x'));
    expect(book.view('spam2@x').show).toBe('offline');
    expect(['spam1@x', 'spam3@x', 'spam4@x'].map((bare) => book.view(bare).show)).toEqual(['online', 'online', 'online']);
    for (let n = 5; n < 1_000; n += 1) book.apply(from(`spam${n}@x`));
    expect(book.view('friend@x').show).toBe('online');
    expect(book.clear()).toEqual(['friend@x', 'spam997@x', 'spam998@x', 'spam999@x']);
  });

  it('keeps nothing for an offline answer from someone never heard from, so it takes no stranger’s place', () => {
    const book = createPresenceBook(() => undefined, Date.now, { isContact: () => false, maxStrangers: 1, maxResources: 100 });
    book.apply({ kind: 'available', bare: 'spam@x', presence: { resource: 'r', show: 'online', priority: 0 } });
    expect(book.apply({ kind: 'unavailable', bare: 'other@x', resource: '' })).toBe(false);
    expect(book.view('spam@x').show).toBe('online');
    expect(book.clear()).toEqual(['spam@x']);
  });

  it('keeps a stranger’s presence when they become a contact, and bounds them again once removed', () => {
    const contacts = new Set<string>();
    const book = createPresenceBook(() => undefined, Date.now, { isContact: (bare) => contacts.has(bare), maxStrangers: 1, maxResources: 100 });
    const from = (bare: string): ParsedPresence => ({ kind: 'available', bare, presence: { resource: 'r', show: 'away', priority: 0 } });
    book.apply(from('bob@x'));
    contacts.add('bob@x');
    book.apply(from('spam@x'));
    expect(book.view('bob@x').show).toBe('away');
    contacts.delete('bob@x');
    book.apply(from('bob@x'));
    book.apply(from('spam2@x'));
    expect(book.view('bob@x').show).toBe('offline');
  });

  it('keeps at most maxResources per JID, dropping the resource whose presence is the oldest', () => {
    const book = createPresenceBook(() => undefined, Date.now, { isContact: () => true, maxStrangers: 10, maxResources: 3 });
    book.apply(available('a', 'online', 0));
    book.apply(available('b', 'online', 0));
    book.apply(available('c', 'online', 0));
    // 'a' speaks again, so 'b' is now the oldest.
    book.apply(available('a', 'away', 0));
    book.apply(available('d', 'online', 0));
    expect(book.view('bob@x').resources.map((r) => r.resource).sort()).toEqual(['a', 'c', 'd']);
    for (let n = 0; n < 500; n += 1) book.apply(available(`flood${n}`, 'dnd', 0));
    expect(book.view('bob@x').resources.map((r) => r.resource).sort()).toEqual(['flood497', 'flood498', 'flood499']);
  });
});
