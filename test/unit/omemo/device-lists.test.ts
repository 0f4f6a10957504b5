// Device lists kept for the session (XEP-0384 v0.3.0 §4.2): fetched once and shared, and asked again when a caller needs
// one fresher than it is (a room member who is no contact sends no notification), on purpose, or on a message from a device
// not on them (bounded per account).
import xml from '@xmpp/xml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { setupDeviceLists, UNLISTED_REFETCH_MS } from '../../../electron/core/omemo/device-lists.ts';
import { fakeConnection } from '../xmpp/fake-connection.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const listOf = (...ids: number[]) =>
  xml(
    'iq',
    { type: 'result' },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: 'eu.siacs.conversations.axolotl.devicelist' }, xml('item', { id: 'current' }, xml('list', { xmlns: 'eu.siacs.conversations.axolotl' }, ...ids.map((id) => xml('device', { id: String(id) })))))),
  );

afterEach(() => vi.useRealTimers());

describe('device lists', () => {
  it('are fetched once and shared, asked again past the age a caller allows, and on refresh', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let ids = [1];
    const fake = fakeConnection(() => listOf(...ids));
    const lists = setupDeviceLists({ ownJid: 'alice@x', connection: fake.connection, logger: silentLogger, onChange: () => undefined });
    expect(await Promise.all([lists.devices('bob@x'), lists.devices('bob@x')])).toEqual([[1], [1]]);
    expect(fake.requests).toHaveLength(1);
    ids = [1, 2];
    vi.advanceTimersByTime(5 * 60_000);
    expect(await lists.devices('bob@x', 10 * 60_000)).toEqual([1]);
    expect(await lists.devices('bob@x')).toEqual([1]);
    expect(fake.requests).toHaveLength(1);
    vi.advanceTimersByTime(6 * 60_000);
    expect(await lists.devices('bob@x', 10 * 60_000)).toEqual([1, 2]);
    expect(fake.requests).toHaveLength(2);
    ids = [3];
    expect(await lists.refresh('bob@x')).toEqual([3]);
    expect(lists.known('bob@x')).toEqual([3]);
    lists.dispose();
  });

  it('are read again when a message comes from a device not on them (XEP-0384 v0.8 §6), at most once per account in a while', async () => {
    let ids = [1];
    const fake = fakeConnection(() => listOf(...ids));
    const lists = setupDeviceLists({ ownJid: 'alice@x', connection: fake.connection, logger: silentLogger, onChange: () => undefined });
    await lists.devices('bob@x');
    // A listed device asks nothing.
    expect(await lists.heardFrom('bob@x', 1, 0)).toBe(false);
    expect(fake.requests).toHaveLength(1);
    ids = [1, 2];
    expect(await lists.heardFrom('bob@x', 2, 1_000)).toBe(true);
    expect(lists.known('bob@x')).toEqual([1, 2]);
    expect(fake.requests).toHaveLength(2);
    // Another unlisted device soon after: not asked again until the bound has passed.
    ids = [1, 2, 3];
    expect(await lists.heardFrom('bob@x', 3, 1_000 + UNLISTED_REFETCH_MS - 1)).toBe(false);
    expect(fake.requests).toHaveLength(2);
    expect(await lists.heardFrom('bob@x', 3, 1_000 + UNLISTED_REFETCH_MS)).toBe(true);
    expect(lists.known('bob@x')).toEqual([1, 2, 3]);
    // The bound is per account, and a list never read is read first outside it: a new device right after is still learnt.
    ids = [7];
    expect(await lists.heardFrom('carol@x', 7, 1_000 + UNLISTED_REFETCH_MS)).toBe(true);
    expect(fake.requests).toHaveLength(4);
    ids = [7, 8];
    expect(await lists.heardFrom('carol@x', 8, 2_000 + UNLISTED_REFETCH_MS)).toBe(true);
    expect(lists.known('carol@x')).toEqual([7, 8]);
    expect(fake.requests).toHaveLength(5);
    lists.dispose();
  });
});
