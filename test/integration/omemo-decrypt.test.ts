// A core decrypts OMEMO 0.3 messages (XEP-0384 v0.3.0 §4.5) from a sender outside any core: the plaintext is stored, marked
// encrypted with the sender's device, never the fallback body; a corrupted one is kept as undecryptable; a forged mark is not
// believed; the one-time prekey a PreKeySignalMessage used is replaced in a republished bundle (§4.3).
import { randomBytes } from 'node:crypto';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { buildBundleRequest, parseBundle } from '../../electron/core/omemo/axolotl-bundle.ts';
import { encryptFor, startSession } from '../../electron/core/omemo/axolotl-cipher.ts';
import { buildDeviceListRequest, parseDeviceList } from '../../electron/core/omemo/axolotl-device-list.ts';
import { buildEncrypted, type AxolotlEncrypted } from '../../electron/core/omemo/axolotl-encrypted.ts';
import { buildEncrypted as buildEncrypted2 } from '../../electron/core/omemo/omemo2/encrypted.ts';
import { ensureOwnDevice } from '../../electron/core/omemo/own-device.ts';
import { createSignalStore } from '../../electron/core/omemo/signal-store.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { NS_PRIVATE_MARKS } from '../../electron/core/xmpp/pipeline/private-marks.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const fallback = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that.';

function senderKeys(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
}

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

describe('decrypting OMEMO 0.3 messages', () => {
  it('stores the plaintext with its device, says what it could not open, ignores forged marks, and replenishes prekeys', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bob = await harness.signIn(bobJid);
    await bob.handlers['settings.update']({ holdRequests: false });
    const alice = await harness.raw(aliceJid, 'omemo-client');
    const keys = senderKeys(aliceJid);
    const { deviceId: aliceDevice } = await ensureOwnDevice(keys, 1);
    const store = createSignalStore(keys);

    const devices = await until(async () => parseDeviceList(await alice.iq(buildDeviceListRequest(bobJid))), 'bob’s device list');
    const bobDevice = devices[0] ?? 0;
    const bundle = parseBundle(await alice.iq(buildBundleRequest(bobJid, bobDevice)), bobDevice)!;
    await startSession(store, { jid: bobJid, deviceId: bobDevice }, bundle);

    const send = (id: string, encrypted: AxolotlEncrypted) =>
      alice.send(xml('message', { type: 'chat', to: bobJid, id }, buildEncrypted(encrypted), xml('body', {}, fallback), xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id })));
    const first = await encryptFor(store, aliceDevice, [{ jid: bobJid, deviceId: bobDevice }], Buffer.from('Hello in secret'));
    expect(first.encrypted.keys[0]?.prekey).toBe(true);
    await send('m1', first.encrypted);
    await until(async () => (await history(bob, aliceJid)).length === 1, 'bob has the first message');
    expect((await history(bob, aliceJid))[0]).toMatchObject({ body: 'Hello in secret', encrypted: true, senderDevice: aliceDevice });

    // §4.3: the used prekey is gone from the bundle, which holds 100 again.
    await until(async () => {
      const now = parseBundle(await alice.iq(buildBundleRequest(bobJid, bobDevice)), bobDevice);
      return now && now.preKeys.length === 100 && now.preKeys.some((key) => !bundle.preKeys.some((old) => old.id === key.id));
    }, 'a republished bundle with a fresh prekey');

    const second = await encryptFor(store, aliceDevice, [{ jid: bobJid, deviceId: bobDevice }], Buffer.from('tampered'));
    const payload = Uint8Array.from(second.encrypted.payload!);
    payload[0] ^= 0xff;
    await send('m2', { ...second.encrypted, payload });
    // A plain message pretending to have been decrypted.
    await alice.send(xml('message', { type: 'chat', to: bobJid, id: 'm3' }, xml('body', {}, 'forged'), xml('e2e', { xmlns: NS_PRIVATE_MARKS, device: '7' })));
    await until(async () => (await history(bob, aliceJid)).length === 3, 'bob has all three');
    // By id: the two arrive within the same instant, and decrypting takes longer than a plain message, so their order is not fixed.
    const all = await history(bob, aliceJid);
    const tampered = all.find((message) => message.remoteId === 'm2');
    const forged = all.find((message) => message.remoteId === 'm3');
    expect(tampered).toMatchObject({ body: `Could not decrypt this message (from device ${String(aliceDevice)})`, encrypted: true, undecryptable: true, senderDevice: aliceDevice });
    expect(forged?.body).toBe('forged');
    expect(forged?.encrypted).toBeUndefined();
    expect((await history(bob, aliceJid)).some((message) => message.body.includes(fallback))).toBe(false);
  });
});

describe('a message carrying both versions', () => {
  it('is opened with the element that holds a key for our device: here 0.3, beside an OMEMO 2 one for another device', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await harness.users('alice', 'bob', 'carol');
    const bob = await harness.signIn(bobJid);
    await bob.handlers['settings.update']({ holdRequests: false });
    const alice = await harness.raw(aliceJid, 'omemo-client');
    const keys = senderKeys(aliceJid);
    const { deviceId: aliceDevice } = await ensureOwnDevice(keys, 1);
    const store = createSignalStore(keys);
    const bobDevice = (await until(async () => parseDeviceList(await alice.iq(buildDeviceListRequest(bobJid))), 'bob’s device list'))[0] ?? 0;
    await startSession(store, { jid: bobJid, deviceId: bobDevice }, parseBundle(await alice.iq(buildBundleRequest(bobJid, bobDevice)), bobDevice)!);

    const { encrypted } = await encryptFor(store, aliceDevice, [{ jid: bobJid, deviceId: bobDevice }], Buffer.from('Opened with 0.3'));
    // XEP-0384 v0.8 §5.5.2: the sender chose OMEMO 2 for carol's device, 0.3 for bob's; the OMEMO 2 element comes first.
    const other = buildEncrypted2({ sid: aliceDevice, keys: new Map([[carolJid, [{ rid: 77, kex: false, data: new Uint8Array(randomBytes(40)) }]]]), payload: new Uint8Array(randomBytes(64)) });
    await alice.send(xml('message', { type: 'chat', to: bobJid, id: 'both' }, other, buildEncrypted(encrypted), xml('body', {}, fallback)));
    const opened = await until(async () => (await history(bob, aliceJid)).find((message) => message.remoteId === 'both'), 'bob has it');
    expect(opened).toMatchObject({ body: 'Opened with 0.3', encrypted: true, senderDevice: aliceDevice });
  });
});
