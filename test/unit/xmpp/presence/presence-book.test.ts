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
});
