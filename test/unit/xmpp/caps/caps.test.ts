import { describe, expect, it, vi } from 'vitest';
import xml, { type Element } from '@xmpp/xml';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createCapsCacheStore } from '../../../../electron/core/storage/caps-cache.ts';
import { buildCaps, parseCaps, setupCaps, type CapsLearned } from '../../../../electron/core/xmpp/caps/caps.ts';
import { buildDiscoInfo } from '../../../../electron/core/xmpp/disco/disco-info.ts';
import { CAPS_NODE, ownDiscoInfo } from '../../../../electron/core/xmpp/disco/responders.ts';
import { fakeConnection } from '../fake-connection.ts';

const info = ownDiscoInfo();
const ours = buildCaps(CAPS_NODE, info);
const ref = parseCaps(xml('presence', {}, ours));

describe('capabilities of contacts (XEP-0115)', () => {
  it('advertises our own caps with a ver that matches our disco#info', () => {
    expect(ours.attrs).toMatchObject({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE });
    expect(ref).toEqual({ hash: 'sha-1', node: CAPS_NODE, ver: ours.attrs.ver });
  });

  it('asks disco#info once per ver, verifies it, caches it across runs', async () => {
    if (!ref) throw new Error('no caps');
    let answers = 0;
    // The answer waits for the test, so the second lookup surely happens while the first question is open.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const fake = fakeConnection(async (request: Element) => {
      answers += 1;
      await answered;
      return xml('iq', { type: 'result' }, buildDiscoInfo(info, request.getChild('query')?.attrs.node));
    });
    const db = openDatabase(':memory:');
    const learned: CapsLearned[] = [];
    const caps = setupCaps({ connection: fake.connection, store: createCapsCacheStore(db), logger: silentLogger, onLearned: (event) => learned.push(event) });
    expect(caps.lookup('bob@x/desk', ref)).toBeUndefined();
    expect(caps.lookup('carol@x/desk', ref)).toBeUndefined();
    answer();
    await vi.waitFor(() => expect(learned).toHaveLength(1));
    expect(answers).toBe(1);
    expect(fake.requests[0]?.toString()).toBe(`<iq type="get" to="bob@x/desk"><query xmlns="http://jabber.org/protocol/disco#info" node="${CAPS_NODE}#${ref.ver}"/></iq>`);
    expect(learned).toMatchObject([{ jid: 'bob@x/desk', verified: true }]);
    expect(caps.lookup('dave@x/desk', ref)?.identities[0]?.name).toBe('Causette');
    // A new run reads the cache from the store without asking.
    const again = setupCaps({ connection: fake.connection, store: createCapsCacheStore(db), logger: silentLogger, onLearned: () => undefined });
    expect(again.lookup('erin@x/desk', ref)?.features).toEqual(info.features);
    expect(answers).toBe(1);
  });

  it('does not cache an answer that does not match its ver', async () => {
    const liar = { hash: 'sha-1', node: 'n', ver: 'QgayPKawpkPSDYmwT/WM94uAlu0=' };
    const fake = fakeConnection(() => xml('iq', { type: 'result' }, buildDiscoInfo(info)));
    const learned: CapsLearned[] = [];
    const store = createCapsCacheStore(openDatabase(':memory:'));
    const caps = setupCaps({ connection: fake.connection, store, logger: silentLogger, onLearned: (event) => learned.push(event) });
    caps.lookup('bob@x/desk', liar);
    await vi.waitFor(() => expect(learned).toHaveLength(1));
    expect(learned).toMatchObject([{ verified: false }]);
    expect(store.get('sha-1', liar.ver)).toBeUndefined();
  });
});
