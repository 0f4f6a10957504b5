import { describe, expect, it } from 'vitest';
import xml, { type Element } from '@xmpp/xml';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { ConnectionState } from '../../../shared/model/account.ts';
import { createAccountSession } from '../../../electron/core/accounts/account-session.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import type { AvatarCache } from '../../../electron/core/storage/avatar-cache.ts';
import { createAvatarStore } from '../../../electron/core/storage/avatars.ts';
import { createCapsCacheStore } from '../../../electron/core/storage/caps-cache.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createRosterStore } from '../../../electron/core/storage/roster.ts';
import type { Bound, Connection, SessionInfo } from '../../../electron/core/xmpp/connection.ts';
import { createStanzaPipeline } from '../../../electron/core/xmpp/pipeline/stanza-pipeline.ts';
import type { Announced } from '../../../electron/core/xmpp/presence/own-presence.ts';

function setUp(serverFeatures: string[], chosen: Announced) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const wire: string[] = [];
  const sessions = new Set<(info: SessionInfo) => void>();
  const binds = new Set<(bound: Bound) => void>();
  const connection = {
    state: { status: 'online', jid: 'alice@example.com/r', resumed: false } as ConnectionState,
    onState: () => () => undefined,
    pipeline: createStanzaPipeline(silentLogger),
    onStanza: () => () => undefined,
    onAcked: () => () => undefined,
    acknowledging: true,
    onSessionStart: (listener: (info: SessionInfo) => void) => {
      sessions.add(listener);
      return () => void sessions.delete(listener);
    },
    onBound: (listener: (bound: Bound) => void) => {
      binds.add(listener);
      return () => void binds.delete(listener);
    },
    start: () => undefined,
    stop: () => Promise.resolve(),
    send: (stanza: Element) => Promise.resolve(void wire.push(`send ${stanza.name}${stanza.attrs.type ? `/${stanza.attrs.type}` : ''}`)),
    iq: (request: Element) => {
      const payload = request.getChildElements()[0];
      wire.push(`iq ${payload?.name ?? ''} ${payload?.attrs.xmlns ?? ''}${request.attrs.to === undefined ? '' : ` to ${String(request.attrs.to)}`}`);
      if (payload?.attrs.xmlns === 'http://jabber.org/protocol/disco#info') {
        return Promise.resolve(xml('iq', { type: 'result' }, xml('query', { xmlns: payload.attrs.xmlns }, ...serverFeatures.map((feature) => xml('feature', { var: feature })))));
      }
      return Promise.resolve(xml('iq', { type: 'result' }));
    },
  } satisfies Connection;
  const events: { name: EventName; payload: unknown }[] = [];
  const session = createAccountSession({
    accountId: 'a1',
    jid: 'alice@example.com',
    connection,
    rosterStore: createRosterStore(db),
    capsStore: createCapsCacheStore(db),
    avatarCache: { has: () => false, put: () => ({ ok: false, reason: 'not-an-image' }), get: () => undefined } satisfies AvatarCache,
    avatarStore: createAvatarStore(db),
    emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void events.push({ name, payload }),
    logger: silentLogger,
    version: '1',
    ownPresence: () => chosen,
    onInvisibility: () => undefined,
  });
  const features = xml('stream:features', {}, xml('ver', { xmlns: 'urn:xmpp:features:rosterver' }), xml('sub', { xmlns: 'urn:xmpp:features:pre-approval' }));
  const start = async (resumed: boolean) => {
    // A fresh session binds its resource first (and is told so before XEP-0198 is enabled); a resumed one does not.
    if (!resumed) for (const listener of binds) listener({ features, iq: (request) => connection.iq(request) });
    for (const listener of sessions) listener({ resumed, features });
    await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { session, wire, start, events };
}

describe('an account session', () => {
  it('fetches the roster, learns the server’s features, then announces its presence on a fresh session only', async () => {
    const { session, wire, start } = setUp([], { show: 'online', status: '', priority: 0 });
    await start(true);
    expect(wire).toEqual([]);
    await start(false);
    // Our account's features first (the archive's support, XEP-0313 §7), then the server's; the block list is asked with
    // them (XEP-0191 §3.1), before knowing whether the server has it.
    expect(wire).toEqual([
      'iq query jabber:iq:roster',
      'iq query http://jabber.org/protocol/disco#info to alice@example.com',
      'iq query http://jabber.org/protocol/disco#info to example.com',
      'iq blocklist urn:xmpp:blocking',
      'send presence',
    ]);
    expect(session.invisibility()).toBe('unavailable');
  });

  it('goes invisible with XEP-0186 before its first presence when the user chose invisible', async () => {
    const { session, wire, start } = setUp(['urn:xmpp:invisible:0'], { show: 'invisible', status: '', priority: 0 });
    await start(false);
    expect(wire.slice(4)).toEqual(['iq invisible urn:xmpp:invisible:0', 'send presence']);
    expect(session.invisibility()).toBe('xep-0186');
  });

  it('goes invisible with XEP-0126 privacy lists where that is all the server has', async () => {
    const { wire, start } = setUp(['jabber:iq:privacy'], { show: 'invisible', status: '', priority: 0 });
    await start(false);
    expect(wire.slice(4)).toEqual(['iq query jabber:iq:privacy', 'iq query jabber:iq:privacy', 'send presence']);
  });

  it('sends no presence at all when invisible was chosen and the server cannot hide us', async () => {
    const { wire, start } = setUp([], { show: 'invisible', status: '', priority: 0 });
    await start(false);
    expect(wire).toEqual([
      'iq query jabber:iq:roster',
      'iq query http://jabber.org/protocol/disco#info to alice@example.com',
      'iq query http://jabber.org/protocol/disco#info to example.com',
      'iq blocklist urn:xmpp:blocking',
    ]);
  });
});
