// Publishing our OMEMO 0.3 device on the harness Prosody, read back by another account that is not a contact.
import { randomBytes } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleRequest, parseBundle } from '../../electron/core/omemo/axolotl-bundle.ts';
import { buildDeviceListPublish, buildDeviceListRequest, parseDeviceList } from '../../electron/core/omemo/axolotl-device-list.ts';
import { deviceFromBundle, ownBundle, publishOwnDevice } from '../../electron/core/omemo/axolotl-publish.ts';
import { buildPublish } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { ensureOwnDevice, signedPreKeyLifetimeMs } from '../../electron/core/omemo/own-device.ts';
import { SessionBuilder, SessionCipher, SignalProtocolAddress } from '../../electron/core/omemo/signal-library.ts';
import { createSignalStore, toArrayBuffer } from '../../electron/core/omemo/signal-store.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

function keyStores(...jids: string[]) {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  return jids.map((jid, index) => {
    accounts.insert({ id: `a${index}`, jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
    return createOmemoKeyStore(db, `a${index}`, createKeySealer(randomBytes(32)));
  });
}

/** The same publish without its publish-options: the node gets the server's default access model (presence). */
function withoutOptions(iq: Element): Element {
  const pubsub = iq.getChild('pubsub')!;
  pubsub.children = pubsub.getChildren('publish');
  return iq;
}

describe('publishing our OMEMO 0.3 device', () => {
  it('adds our id to the device list beside alice’s other device, and anyone can read the list and the bundle', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const [aliceKeys] = keyStores(alice);
    const otherClient = await harness.raw(alice, 'other-client');
    await otherClient.iq(buildDeviceListPublish([4223]));

    const causette = await harness.raw(alice, 'causette');
    const { deviceId, devices } = await publishOwnDevice({ iq: (request) => causette.iq(request), keys: aliceKeys, now: () => 1 });
    expect(devices).toEqual([4223, deviceId]);

    // Bob shares no presence with alice: he reads only what an open access model lets anyone read.
    const stranger = await harness.raw(bob, 'r');
    expect(parseDeviceList(await stranger.iq(buildDeviceListRequest(alice)))).toEqual([4223, deviceId]);
    const bundle = parseBundle(await stranger.iq(buildBundleRequest(alice, deviceId)), deviceId);
    expect(bundle).toEqual(ownBundle(aliceKeys));
    expect(bundle?.preKeys).toHaveLength(100);

    // Published again (the next sign-in), the list is left as it is and the device keeps its id.
    expect(await publishOwnDevice({ iq: (request) => causette.iq(request), keys: aliceKeys, now: () => 2 })).toEqual({ deviceId, devices: [4223, deviceId] });
    expect(parseDeviceList(await stranger.iq(buildDeviceListRequest(alice)))).toEqual([4223, deviceId]);
    expect(parseBundle(await stranger.iq(buildBundleRequest(alice, deviceId)), deviceId)?.signedPreKey.id).toBe(1);

    // A sign-in more than a week after the signed prekey was made publishes a bundle with a new one.
    await publishOwnDevice({ iq: (request) => causette.iq(request), keys: aliceKeys, now: () => 2 + signedPreKeyLifetimeMs });
    expect(parseBundle(await stranger.iq(buildBundleRequest(alice, deviceId)), deviceId)?.signedPreKey.id).toBe(2);
  });

  it('without publish-options a stranger could not read the node (what the open access model changes)', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const owner = await harness.raw(alice, 'r');
    await owner.iq(withoutOptions(buildPublish('urn:example:closed', xml('list', { xmlns: 'eu.siacs.conversations.axolotl' }))));
    const stranger = await harness.raw(bob, 'r');
    await expect(stranger.iq(xml('iq', { type: 'get', to: alice }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:example:closed' }))))).rejects.toThrow('forbidden');
  });

  it('opens a device list node another client made for contacts only, keeping its device', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const [aliceKeys] = keyStores(alice);
    const otherClient = await harness.raw(alice, 'other-client');
    await otherClient.iq(withoutOptions(buildDeviceListPublish([4223])));
    const stranger = await harness.raw(bob, 'r');
    await expect(stranger.iq(buildDeviceListRequest(alice))).rejects.toThrow('forbidden');

    const causette = await harness.raw(alice, 'causette');
    const { deviceId } = await publishOwnDevice({ iq: (request) => causette.iq(request), keys: aliceKeys, now: () => 1 });
    expect(parseDeviceList(await stranger.iq(buildDeviceListRequest(alice)))).toEqual([4223, deviceId]);
  });

  it('a bundle fetched from the server starts a Signal session that alice’s device answers', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const [aliceKeys, bobKeys] = keyStores(alice, bob);
    const causette = await harness.raw(alice, 'causette');
    const { deviceId } = await publishOwnDevice({ iq: (request) => causette.iq(request), keys: aliceKeys, now: () => 1 });

    const bobDevice = await ensureOwnDevice(bobKeys, 1);
    const bobClient = await harness.raw(bob, 'r');
    const bundle = parseBundle(await bobClient.iq(buildBundleRequest(alice, deviceId)), deviceId)!;
    const preKeyId = bundle.preKeys[17].id;
    const aliceAddress = new SignalProtocolAddress(alice, deviceId);
    await new SessionBuilder(createSignalStore(bobKeys), aliceAddress).processPreKey(deviceFromBundle(bundle, deviceId, preKeyId));
    const sent = await new SessionCipher(createSignalStore(bobKeys), aliceAddress).encrypt(toArrayBuffer(Buffer.from('key||tag')));

    const opened = await new SessionCipher(createSignalStore(aliceKeys), new SignalProtocolAddress(bob, bobDevice.deviceId)).decryptPreKeyWhisperMessage(sent.body!, 'binary');
    expect(Buffer.from(opened).toString()).toBe('key||tag');
    expect(aliceKeys.preKey(preKeyId)).toBeUndefined();
  });
});
