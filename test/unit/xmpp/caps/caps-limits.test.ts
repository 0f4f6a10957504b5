// XEP-0115 caps from a contact who announces endless 'ver's: questions in flight and what is remembered stay bounded.
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmpp/xml';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createCapsCacheStore, maxCapsEntries } from '../../../../electron/core/storage/caps-cache.ts';
import { setupCaps } from '../../../../electron/core/xmpp/caps/caps.ts';
import { fakeConnection } from '../fake-connection.ts';

describe('capabilities within bounds', () => {
  it('asks about at most 8 unknown vers at a time', () => {
    const fake = fakeConnection(() => new Promise<Element>(() => undefined));
    const caps = setupCaps({ connection: fake.connection, store: createCapsCacheStore(openDatabase(':memory:')), logger: silentLogger, onLearned: () => undefined });
    for (let n = 0; n < 50; n += 1) caps.lookup(`mallory@x/r${n}`, { hash: 'sha-1', node: 'n', ver: `ver-${n}` });
    expect(fake.requests).toHaveLength(8);
  });

  it('keeps the newest 5,000 verified vers in the store', () => {
    const store = createCapsCacheStore(openDatabase(':memory:'));
    const info = { identities: [{ category: 'client', type: 'pc', name: 'Spam' }], features: [], forms: [] };
    for (let n = 0; n < maxCapsEntries + 10; n += 1) store.put('sha-1', `ver-${n}`, info);
    expect(store.get('sha-1', 'ver-9')).toBeUndefined();
    expect(store.get('sha-1', 'ver-10')).toEqual(info);
    expect(store.get('sha-1', `ver-${maxCapsEntries + 9}`)).toEqual(info);
  });
});
