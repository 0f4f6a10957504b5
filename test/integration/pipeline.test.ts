// The stanza pipeline on the harness Prosody: a stanza is acknowledged (XEP-0198) only once handled, and a transforming
// step pair — a stand-in for OMEMO — joins both directions for live messages, carbons and archive results alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { createAccountSession, type AccountSession } from '../../electron/core/accounts/account-session.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { createAvatarCache } from '../../electron/core/storage/avatar-cache.ts';
import { createAvatarStore } from '../../electron/core/storage/avatars.ts';
import { createCapsCacheStore } from '../../electron/core/storage/caps-cache.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createMessageStore, type MessageStore } from '../../electron/core/storage/messages.ts';
import { createRosterStore } from '../../electron/core/storage/roster.ts';
import { NS_SID } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import type { Connection, ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.ts';
import { connectToHarness, waitForState } from '../support/connection.ts';
import { until } from './roster-harness.ts';

let server: ProsodyServer;
let proxy: TcpProxy;
const connections: Connection[] = [];
const cleanups: (() => void)[] = [];
let counter = 0;

beforeAll(async () => {
  server = await startProsody({});
  proxy = await startTcpProxy(server.host, server.c2sPort);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(connections.splice(0).map((connection) => connection.stop()));
});
afterAll(async () => {
  await proxy.close();
  await server.dispose();
});

async function users(...names: string[]): Promise<string[]> {
  counter += 1;
  const made = names.map((name) => `${name}-p${counter}`);
  await Promise.all(made.map((name) => server.createUser(name, `${name}-pw`)));
  return made.map((name) => `${name}@${server.domain}`);
}

function connect(jid: string, resource: string, overrides: Partial<ConnectionOptions> = {}): Connection {
  const connection = connectToHarness(server, jid, { resource, ...overrides });
  connections.push(connection);
  return connection;
}
const online = (connection: Connection) => waitForState(connection, (state) => state.status === 'online', 20_000);
const fullJid = (connection: Connection) => (connection.state.status === 'online' ? connection.state.jid : '');
const body = (stanza: Element) => (stanza.name === 'message' ? (stanza.getChildText('body') ?? undefined) : undefined);

describe('acknowledging only what was handled (XEP-0198 §4)', () => {
  it('a message whose handler failed is not acknowledged, and the server brings it again once the stream resumes', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = connect(aliceJid, 'desk', { port: proxy.port });
    const bob = connect(bobJid, 'desk');
    await Promise.all([online(alice), online(bob)]);
    const attempts: string[] = [];
    const handled: string[] = [];
    alice.pipeline.handle({ stanza: 'message' }, (stanza) => {
      const text = body(stanza);
      if (text === undefined) return;
      attempts.push(text);
      // The first attempt at 'fragile' fails the way a full disk would.
      if (text === 'fragile' && attempts.filter((each) => each === 'fragile').length === 1) throw new Error('the store could not take it');
      handled.push(text);
    });
    const sessions: boolean[] = [];
    alice.onSessionStart(({ resumed }) => sessions.push(resumed));

    const to = fullJid(alice);
    await bob.send(xml('message', { to, type: 'chat', id: 'f1' }, xml('body', {}, 'fragile')));
    await bob.send(xml('message', { to, type: 'chat', id: 'f2' }, xml('body', {}, 'sturdy')));
    await until(() => handled.includes('sturdy'), 'the second message handled');
    expect(handled).toEqual(['sturdy']);

    // Held off until the server has seen the old connection go, as after a real network change.
    proxy.pause();
    proxy.cutAll();
    await waitForState(alice, (state) => state.status === 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.resume();
    expect(await online(alice)).toMatchObject({ status: 'online', resumed: true, jid: to });
    // What was not counted comes again: the failed message, and the one after it that 'h' could not pass.
    await until(() => handled.includes('fragile'), 'the failed message brought again after resumption');
    expect(attempts.slice(0, 3)).toEqual(['fragile', 'sturdy', 'fragile']);
    expect(sessions).toEqual([true]);
  });
});

/** A reversible transformation standing in for encryption: the body travels as ROT13 in <sealed/>. */
const NS_SEALED = 'urn:causette:test:sealed';
const rot13 = (text: string) => text.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c === c.toLowerCase() ? 97 : 65)));
const sealed = (to: string, id: string, text: string) =>
  xml('message', { to, type: 'chat', id }, xml('sealed', { xmlns: NS_SEALED }, rot13(text)), xml('origin-id', { xmlns: NS_SID, id }), xml('store', { xmlns: 'urn:xmpp:hints' }));

/** Replaces the children of a message: what an encryption step does to its payload. */
function withChildren(message: Element, children: Element[]): Element {
  return xml('message', message.attrs, ...message.getChildElements().filter((child) => child.name !== 'body' && child.getNS() !== NS_SEALED), ...children);
}

function installSealing(connection: Connection): () => void {
  const removeOut = connection.pipeline.useOutgoing((stanza) => {
    const text = body(stanza);
    return text === undefined ? stanza : withChildren(stanza, [xml('sealed', { xmlns: NS_SEALED }, rot13(text))]);
  });
  const removeIn = connection.pipeline.useMessage((message) => {
    const text = message.getChildText('sealed', NS_SEALED);
    return text === null ? message : withChildren(message, [xml('body', {}, rot13(text))]);
  });
  return () => {
    removeOut();
    removeIn();
  };
}

function openSession(jid: string, connection: Connection): { session: AccountSession; store: MessageStore } {
  const dir = mkdtempSync(join(tmpdir(), 'causette-pipeline-'));
  const db = openDatabase(join(dir, 'store.db'));
  createAccountStore(db).insert({ id: 'a1', jid, resource: 'desk', host: undefined, port: undefined, tls: 'starttls', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const session = createAccountSession({
    accountId: 'a1',
    jid,
    connection,
    rosterStore: createRosterStore(db),
    capsStore: createCapsCacheStore(db),
    avatarCache: createAvatarCache(join(dir, 'avatars')),
    avatarStore: createAvatarStore(db),
    messageStore: store,
    emit: () => undefined,
    logger: silentLogger,
    version: '9.9-test',
    ownPresence: () => ({ show: 'online', status: '', priority: 0 }),
    onInvisibility: () => undefined,
  });
  cleanups.push(() => {
    session.dispose();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { session, store };
}

const bodies = (store: MessageStore, peer: string): [Message['direction'], string][] => store.page('a1', peer, {}, 100).messages.map((message) => [message.direction, message.body]);

describe('a transforming step pair (where OMEMO will join)', () => {
  it('seals what chat sends, and opens what arrives live, as a carbon and from the archive, with no change to chat, carbons or MAM', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const aliceConnection = connect(aliceJid, 'desk');
    installSealing(aliceConnection);
    const { session, store } = openSession(aliceJid, aliceConnection);
    const bob = connect(bobJid, 'desk');
    const phone = connect(aliceJid, 'phone');
    await Promise.all([online(aliceConnection), online(bob), online(phone)]);
    await session.started();
    // Bob is available, so that messages to his bare JID reach this resource (RFC 6121 §8.5.2.1).
    await bob.send(xml('presence'));
    const atBob: Element[] = [];
    bob.onStanza((stanza) => void (stanza.name === 'message' && atBob.push(stanza)));

    // Out: chat writes plain text; the wire carries only the sealed form.
    session.chat?.send(bobJid, 'hello bob');
    await until(() => atBob.find((stanza) => stanza.getChild('sealed', NS_SEALED)), 'bob got alice’s message');
    const wire = atBob.find((stanza) => stanza.getChild('sealed', NS_SEALED));
    expect([wire?.getChildText('sealed', NS_SEALED), wire?.getChildText('body')]).toEqual(['uryyb obo', null]);

    // In: live from bob, and a carbon of what alice's phone sent him.
    await bob.send(sealed(fullJid(aliceConnection), 'b1', 'hello alice'));
    // One after the other, so that the order in the store does not depend on which path is faster.
    await until(() => bodies(store, bobJid).length === 2, 'bob’s message in alice’s store');
    await phone.send(sealed(bobJid, 'p1', 'from my phone'));
    await until(() => bodies(store, bobJid).length === 3, 'three messages in alice’s store');
    expect(bodies(store, bobJid)).toEqual([
      ['out', 'hello bob'],
      ['in', 'hello alice'],
      ['out', 'from my phone'],
    ]);

    // From the archive: a fresh profile catches up with the same three, sealed in the archive, opened by the step.
    const second = connect(aliceJid, 'laptop');
    installSealing(second);
    const fresh = openSession(aliceJid, second);
    await online(second);
    await fresh.session.started();
    await until(() => bodies(fresh.store, bobJid).length === 3, 'the archive caught up');
    expect(bodies(fresh.store, bobJid).map(String).sort()).toEqual(bodies(store, bobJid).map(String).sort());
  });
});
