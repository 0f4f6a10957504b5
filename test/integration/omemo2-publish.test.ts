// Our device published for OMEMO 2 (XEP-0384 v0.8 §5.3) beside OMEMO 0.3 on the harness Prosody: the same device id and
// identity, read back by a stranger; our id put back in a list another client replaced; and python-omemo's twomemo
// backend, an independent implementation, starts a session from the bundle we published.
import { randomBytes } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { buildBundleRequest as buildBundleRequest03, parseBundle as parseBundle03 } from '../../electron/core/omemo/axolotl-bundle.ts';
import { buildDeviceListRequest, parseDeviceList } from '../../electron/core/omemo/axolotl-device-list.ts';
import { setupDeviceLists } from '../../electron/core/omemo/device-lists.ts';
import { setupPublishing } from '../../electron/core/omemo/omemo-publishing.ts';
import { ownIdentity2, ownPreKeys2, rawKey } from '../../electron/core/omemo/omemo2-own-keys.ts';
import { buildBundleRequest, parseBundle } from '../../electron/core/omemo/omemo2/bundle.ts';
import { buildDevicesPublish, buildDevicesRequest, omemo2DeviceLists, parseDevices } from '../../electron/core/omemo/omemo2/device-list.ts';
import { parseEncrypted } from '../../electron/core/omemo/omemo2/encrypted.ts';
import { verifyWithIdentity } from '../../electron/core/omemo/omemo2/identity-key.ts';
import { omemo2Profile } from '../../electron/core/omemo/omemo2/profile.ts';
import { acceptKeyExchange } from '../../electron/core/omemo/omemo2/session.ts';
import { montgomeryToEdwards } from '../../electron/core/omemo/xeddsa-sign.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore, type OmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

function keyStore(jid: string): OmemoKeyStore {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
}

/** What omemo.ts runs for publishing, on a connection of ours. */
function publishingOn(connection: Connection, jid: string, keys: OmemoKeyStore) {
  const lists = (format?: typeof omemo2DeviceLists) => setupDeviceLists({ ownJid: jid, connection, logger: silentLogger, onChange: () => undefined, ...(format ? { format } : {}) });
  return setupPublishing({ ownJid: jid, iq: (request) => connection.iq(request), keys, lists: { axolotl: lists(), omemo2: lists(omemo2DeviceLists) }, logger: silentLogger, now: Date.now });
}

describe('publishing our device for OMEMO 2', () => {
  it('publishes both versions with one device id and one identity, keeping another device of the OMEMO 2 list with its label', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const keys = keyStore(alice);
    const otherClient = await harness.raw(alice, 'other-client');
    await otherClient.iq(buildDevicesPublish([{ id: 4223, label: 'Phone' }]));

    const publishing = publishingOn(await harness.raw(alice, 'causette'), alice, keys);
    const deviceId = await publishing.publish();
    publishing.dispose();

    // Bob shares no presence with alice: he reads only what an open access model lets anyone read.
    const stranger = await harness.raw(bob, 'r');
    expect(parseDevices(await stranger.iq(buildDevicesRequest(alice)))).toEqual([{ id: 4223, label: 'Phone' }, { id: deviceId }]);
    expect(parseDeviceList(await stranger.iq(buildDeviceListRequest(alice)))).toEqual([deviceId]);
    const bundle = parseBundle(await stranger.iq(buildBundleRequest(alice, deviceId)), deviceId);
    const bundle03 = parseBundle03(await stranger.iq(buildBundleRequest03(alice, deviceId)), deviceId);
    if (!bundle || !bundle03) throw new Error('both bundles are published');
    // One identity: the OMEMO 2 <ik> is the Ed25519 form (sign bit 0) of the OMEMO 0.3 Curve25519 key.
    expect(Buffer.from(bundle.identityKey)).toEqual(Buffer.from(montgomeryToEdwards(rawKey(bundle03.identityKey))));
    expect(verifyWithIdentity(bundle.identityKey, bundle.signedPreKey.publicKey, bundle.signedPreKeySignature)).toBe(true);
    expect(bundle.signedPreKey.id).toBe(bundle03.signedPreKey.id);
    expect(bundle.preKeys.map((key) => key.id)).toEqual(bundle03.preKeys.map((key) => key.id));
    expect(bundle.preKeys).toHaveLength(100);
  });

  it('a signed-in core publishes both and puts its device back in an OMEMO 2 list another client replaced', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const core = await harness.signIn(alice);
    const stranger = await harness.raw(bob, 'r');
    const listed = async () => parseDevices(await stranger.iq(buildDevicesRequest(alice)).catch(() => undefined as unknown as Element)) ?? [];
    const [own] = await until(async () => {
      const devices = await listed();
      return devices.length === 1 ? devices : undefined;
    }, 'the core publishes its OMEMO 2 device');
    expect(parseDeviceList(await stranger.iq(buildDeviceListRequest(alice)))).toEqual([own?.id]);

    // The other client knows nothing of ours: its list holds only itself; the core hears of it (+notify in its caps) and adds itself back.
    const otherClient = await harness.raw(alice, 'other-client');
    await otherClient.iq(buildDevicesPublish([{ id: 4223 }]));
    await until(async () => ((await listed()).length === 2 ? true : undefined), 'the core adds itself back');
    expect(await listed()).toEqual([{ id: 4223 }, { id: own?.id }]);
    await harness.close(core);
  });

  it('python-omemo (twomemo) reads our list and bundle and starts a session that our keys open; the prekey it used is then gone from both bundles', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const keys = keyStore(alice);
    const connection = await harness.raw(alice, 'causette');
    const publishing = publishingOn(connection, alice, keys);
    const deviceId = await publishing.publish();
    const received: Element[] = [];
    connection.onStanza((stanza) => {
      if (stanza.name === 'message' && parseEncrypted(stanza)) received.push(stanza);
    });
    // Available, so that a message to the bare JID reaches this resource.
    await connection.send(xml('presence'));

    const peer = await peers.peer(bob);
    await peer.omemo2Start();
    expect((await peer.omemo2Send(alice, 'Bonjour, OMEMO 2')).errors).toEqual([]);
    const message = await until(() => Promise.resolve(received[0]), 'the key exchange arrives');
    const encrypted = parseEncrypted(message);
    const key = encrypted?.keys.get(alice)?.find((each) => each.rid === deviceId);
    const identity = ownIdentity2(keys);
    if (!encrypted?.payload || !key || !identity) throw new Error('a message for our device');
    expect(key.kex).toBe(true);
    const { keyMaterial, preKeyId } = acceptKeyExchange(identity, ownPreKeys2(keys), key.data);
    expect(omemo2Profile.open({ keyMaterial, ciphertext: encrypted.payload }, bob).body).toBe('Bonjour, OMEMO 2');

    // The prekey is used up (as decrypting would): replenishing republishes both bundles without it.
    keys.removePreKey(preKeyId);
    publishing.replenish();
    await publishing.replenished();
    publishing.dispose();
    const bundle = parseBundle(await connection.iq(buildBundleRequest(undefined, deviceId)), deviceId);
    const bundle03 = parseBundle03(await connection.iq(buildBundleRequest03(undefined, deviceId)), deviceId);
    expect(bundle?.preKeys).toHaveLength(100);
    expect(bundle?.preKeys.some((each) => each.id === preKeyId)).toBe(false);
    expect(bundle03?.preKeys.map((each) => each.id)).toEqual(bundle?.preKeys.map((each) => each.id));
  });
});
