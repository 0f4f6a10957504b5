// Two Causette cores talk OMEMO on the harness Prosody (OMEMO 2, XEP-0384 v0.8, since both publish it beside 0.3): encrypted
// both ways, nothing in the clear in the server's archive on disk, messages sent while bob is offline decrypted from his
// archive, a lost session repaired, and a conversation with encryption on that cannot be encrypted fails instead of leaking
// (issue 12, points 3, 7 and 8).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { FALLBACK_BODY } from '../../electron/core/omemo/omemo-encrypt.ts';
import { buildDevicesRequest, parseDevices } from '../../electron/core/omemo/omemo2/device-list.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { silentLogger, type Logger } from '../../electron/core/log/logger.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
let proxy: TcpProxy;
const harness = createHarness(() => server);
const { users, signIn, close, befriend } = harness;

beforeAll(async () => {
  server = await startProsody();
  proxy = await startTcpProxy(server.host, server.c2sPort);
});
afterEach(async () => {
  proxy.resume();
  await harness.cleanup();
});
afterAll(async () => {
  await proxy.close();
  await server.dispose();
});

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

/** Everything Prosody keeps on disk (internal storage: archives, offline messages, PEP), as text. */
function serverStore(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(server.dataDir, 'data'));
  return files.join('\n');
}

describe('OMEMO between two cores', () => {
  it('encrypts both ways; the archive on disk holds only the fallback text; bob offline decrypts from his archive', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'secret number one' });
    const received = await until(async () => (await history(bob, aliceJid)).find((message) => message.body === 'secret number one'), 'bob decrypts');
    expect(received).toMatchObject({ encrypted: true, direction: 'in' });
    expect(received.senderDevice).toBeGreaterThan(0);
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === sent.id)?.encrypted, 'alice’s copy marked encrypted');

    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'secret answer' });
    expect(await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'secret answer'), 'alice decrypts')).toMatchObject({ encrypted: true });

    await close(bob);
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'while you were away' });
    await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'while you were away')?.state === 'sent', 'the server took it');
    const again = await signIn(bobJid, { profile: bob.profile });
    expect(await until(async () => (await history(again, aliceJid)).find((message) => message.body === 'while you were away'), 'bob decrypts from the archive')).toMatchObject({ encrypted: true });
    expect((await history(again, aliceJid)).some((message) => message.undecryptable === true)).toBe(false);

    const stored = serverStore();
    // Prosody's internal storage writes Lua strings, with non-ASCII characters escaped.
    expect(stored).toContain(FALLBACK_BODY.slice(0, FALLBACK_BODY.indexOf('’')));
    for (const secret of ['secret number one', 'secret answer', 'while you were away']) expect(stored).not.toContain(secret);
  });

  it('with encryption on for a contact without OMEMO devices, the message fails and never goes out in the clear', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    const carol = await harness.raw(carolJid, 'plain-client');
    const seen: string[] = [];
    carol.onStanza((stanza) => {
      if (stanza.name === 'message') seen.push(stanza.toString());
    });
    // RFC 6121 §8.5.3: messages reach a resource that sent its initial presence.
    await carol.send(xml('presence'));
    expect(await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: carolJid })).toEqual({ peer: carolJid, on: false, chosen: false, available: false });
    const state = await alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer: carolJid, on: true });
    expect(state).toEqual({ peer: carolJid, on: true, chosen: true, available: false });
    expect(eventsNamed(alice, 'omemo.encryption').at(-1)?.state).toEqual(state);

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: carolJid, body: 'must not leak' });
    const failed = await until(async () => (await history(alice, carolJid)).find((message) => message.id === sent.id && message.state === 'failed'), 'the message fails');
    expect(failed.error).toBe(`${carolJid} has no OMEMO devices: the message was not sent unencrypted.`);

    await alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer: carolJid, on: false });
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: carolJid, body: 'in the clear, as chosen' });
    await until(() => seen.some((stanza) => stanza.includes('in the clear, as chosen')), 'carol gets the plain message');
    expect(seen.some((stanza) => stanza.includes('must not leak'))).toBe(false);
  });

  it('a first message written while cut off, for longer than a device-list lookup may take, waits and goes out encrypted', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid, { port: proxy.port }), signIn(bobJid)]);
    await until(async () => (await bob.handlers['omemo.devices']({ accountId: bob.accountId, jid: bobJid })).own.deviceId > 0, 'bob’s device published');
    proxy.pause();
    proxy.cutAll();
    await until(async () => (await alice.handlers['app.snapshot']({})).accounts[0]?.connection.status === 'reconnecting', 'alice cut off');
    // Alice has never seen bob's device list: it must be asked for, and cannot be while she is cut off.
    const written = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'written while cut off' });
    await new Promise((resolve) => setTimeout(resolve, 17_000));
    expect((await history(alice, bobJid)).find((message) => message.id === written.id)?.state).toBe('pending');

    proxy.resume();
    const received = await until(async () => (await history(bob, aliceJid)).find((message) => message.body === 'written while cut off'), 'bob decrypts it', 30_000);
    expect(received.encrypted).toBe(true);
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === written.id)?.state === 'sent', 'alice’s copy sent');
  });

  it('a session bob lost is rebuilt: the message he cannot open is said so, he tells alice’s device, and the next one decrypts', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const written: string[] = [];
    const aliceLogger: Logger = { ...silentLogger, stanza: (direction, _account, text) => void (direction === 'out' && written.push(text)), keepsStanzas: () => true, child: () => aliceLogger };
    const [alice, bob] = await Promise.all([signIn(aliceJid, { logger: aliceLogger }), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');
    // Both messages in one version: bob's OMEMO 2 list is published (after the 0.3 one) before alice writes, and its
    // notification has reached her.
    const probe = await harness.raw(aliceJid, 'probe');
    await until(async () => ((await probe.iq(buildDevicesRequest(bobJid)).then(parseDevices, () => undefined)) ?? []).length > 0, 'bob’s OMEMO 2 list');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'before the loss' });
    await until(async () => (await history(bob, aliceJid)).find((message) => message.body === 'before the loss'), 'bob decrypts the first');
    const aliceDevice = (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid })).own.deviceId;

    // Bob's record of the session is gone (a restored backup, a broken disk): only the store rows (either version's), keys stay.
    await close(bob);
    const db = openDatabase(join(bob.profile, 'causette.sqlite'));
    const bobKeys = createOmemoKeyStore(db, bob.accountId, createKeySealer(randomBytes(32)));
    bobKeys.removeSession(aliceJid, aliceDevice);
    bobKeys.removeSession2(aliceJid, aliceDevice);
    db.close();
    const again = await signIn(bobJid, { profile: bob.profile });

    const emptyOfAlice = (text: string) => text.includes('<encrypted xmlns="urn:xmpp:omemo:2"') && !text.includes('<payload') && text.includes(bobJid);
    const before = written.filter(emptyOfAlice).length;
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'after the loss' });
    const lost = await until(async () => (await history(again, aliceJid)).find((message) => message.undecryptable === true), 'bob cannot open it');
    expect(lost.body).toBe(`Could not decrypt this message (from device ${String(aliceDevice)})`);
    // The empty message bob sends opens a new session on alice's side, which she completes with an empty one of hers
    // (an empty OMEMO 2 message: <encrypted> without <payload>): what she writes after it is for the new session.
    await until(() => Promise.resolve(written.filter(emptyOfAlice).length > before), 'alice answers bob’s new session', 20_000);
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'after the repair' });
    expect(await until(async () => (await history(again, aliceJid)).find((message) => message.body === 'after the repair'), 'bob decrypts again', 20_000)).toMatchObject({ encrypted: true });
  });

  it('shows fingerprints, and a device the user distrusts is not encrypted for: with no other, the message fails', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');
    // Spoken to in OMEMO 2 once his OMEMO 2 list is known (it may come just after the 0.3 one).
    const seen = await until(async () => {
      const devices = await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid });
      return devices.devices[0]?.version === 'omemo2' ? devices : undefined;
    }, 'alice sees bob’s device speaks OMEMO 2');
    const bobsOwn = (await bob.handlers['omemo.devices']({ accountId: bob.accountId, jid: aliceJid })).own;
    expect(seen.devices).toEqual([{ deviceId: bobsOwn.deviceId, fingerprint: bobsOwn.fingerprint, trust: 'undecided', used: true, version: 'omemo2' }]);
    expect(bobsOwn.fingerprint).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);

    const distrusted = await alice.handlers['omemo.setTrust']({ accountId: alice.accountId, jid: bobJid, deviceId: bobsOwn.deviceId, trust: 'untrusted' });
    expect(distrusted.devices[0]).toMatchObject({ trust: 'untrusted', used: false });
    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'not for a distrusted device' });
    const failed = await until(async () => (await history(alice, bobJid)).find((message) => message.id === sent.id && message.state === 'failed'), 'the message fails');
    expect(failed.error).toBe(`${bobJid} has no OMEMO devices you trust: the message was not sent.`);

    await alice.handlers['omemo.setTrust']({ accountId: alice.accountId, jid: bobJid, deviceId: bobsOwn.deviceId, trust: 'verified' });
    await alice.handlers['chat.retry']({ accountId: alice.accountId, messageId: sent.id });
    expect(await until(async () => (await history(bob, aliceJid)).find((message) => message.body === 'not for a distrusted device'), 'bob decrypts the retried message')).toMatchObject({ encrypted: true });
  });
});
