// OMEMO 2 (XEP-0384 v0.8) over real XMPP with python-omemo's SessionManager and twomemo backend (a slixmpp peer on the
// harness Prosody): our device list and bundle published to PEP as python reads them, python's as we read them, and
// messages both ways, each side starting a session. The Causette side is the OMEMO 2 core on a Causette connection
// (omemo.ts does not speak OMEMO 2 yet).
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundlePublish, buildBundleRequest, parseBundle } from '../../electron/core/omemo/omemo2/bundle.ts';
import { buildDevicesPublish, buildDevicesRequest, parseDevices } from '../../electron/core/omemo/omemo2/device-list.ts';
import { buildEncrypted, parseEncrypted } from '../../electron/core/omemo/omemo2/encrypted.ts';
import { generateIdentity } from '../../electron/core/omemo/omemo2/identity-key.ts';
import { omemo2Profile } from '../../electron/core/omemo/omemo2/profile.ts';
import { generateDeviceId, generatePreKeys, generateSignedPreKey } from '../../electron/core/omemo/omemo2/prekeys.ts';
import { acceptKeyExchange, repeatedKeyExchange, startSession, unwrapKey, wrapKey, type Session } from '../../electron/core/omemo/omemo2/session.ts';
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

/** One OMEMO 2 device of ours on a connection: publishes itself, keeps its sessions, records what it decrypts. */
async function causetteDevice(connection: Connection, jid: string) {
  const identity = generateIdentity();
  const deviceId = generateDeviceId();
  const signedPreKey = generateSignedPreKey(identity, 1);
  const preKeys = generatePreKeys(1, 20);
  const sessions = new Map<string, Session>();
  const decrypted: { from: string; body: string | undefined }[] = [];
  const failures: string[] = [];
  const usedPreKeys: number[] = [];
  await connection.iq(buildDevicesPublish([{ id: deviceId, label: 'Causette' }]));
  await connection.iq(
    buildBundlePublish(deviceId, {
      identityKey: identity.publicKey,
      signedPreKey: { id: signedPreKey.id, publicKey: signedPreKey.keyPair.publicKey },
      signedPreKeySignature: signedPreKey.signature,
      preKeys: preKeys.map((k) => ({ id: k.id, publicKey: k.keyPair.publicKey })),
    }),
  );
  const ownKeys = { signedPreKey: (id: number) => (id === signedPreKey.id ? signedPreKey : undefined), preKey: (id: number) => preKeys.find((k) => k.id === id && !usedPreKeys.includes(id)) };

  function received(stanza: Element): void {
    const encrypted = stanza.name === 'message' ? parseEncrypted(stanza) : undefined;
    const key = encrypted?.keys.get(jid)?.find((k) => k.rid === deviceId);
    if (!encrypted || !key) return;
    const sender = (stanza.attrs.from ?? '').split('/')[0] ?? '';
    const address = `${sender}/${String(encrypted.sid)}`;
    try {
      const existing = sessions.get(address);
      const repeated = key.kex && existing ? repeatedKeyExchange(existing, key.data) : undefined;
      let keyMaterial: Uint8Array;
      if (key.kex && !repeated) {
        const accepted = acceptKeyExchange(identity, ownKeys, key.data);
        usedPreKeys.push(accepted.preKeyId);
        sessions.set(address, accepted.session);
        keyMaterial = accepted.keyMaterial;
      } else {
        if (!existing) throw new Error(`no session with ${address}`);
        const unwrapped = unwrapKey(existing, repeated ?? key.data);
        sessions.set(address, unwrapped.session);
        keyMaterial = unwrapped.keyMaterial;
      }
      // An empty OMEMO message (§4.5) only moves the session on.
      if (encrypted.payload) decrypted.push({ from: sender, body: omemo2Profile.open({ keyMaterial, ciphertext: encrypted.payload }, sender).body });
    } catch (error) {
      failures.push(String(error));
    }
  }
  connection.onStanza(received);
  await connection.send(xml('presence'));

  async function send(to: string, body: string): Promise<void> {
    const devices = parseDevices(await connection.iq(buildDevicesRequest(to))) ?? [];
    const keys = [];
    const sealed = omemo2Profile.seal(body, jid, to);
    for (const device of devices) {
      const address = `${to}/${String(device.id)}`;
      let session = sessions.get(address);
      if (!session) {
        const bundle = parseBundle(await connection.iq(buildBundleRequest(to, device.id)), device.id);
        if (!bundle) throw new Error(`no bundle for ${address}`);
        session = startSession(identity, bundle);
      }
      const wrapped = wrapKey(session, sealed.keyMaterial);
      sessions.set(address, wrapped.session);
      keys.push({ rid: device.id, ...wrapped.key });
    }
    const encrypted = buildEncrypted({ sid: deviceId, keys: new Map([[to, keys]]), payload: sealed.ciphertext });
    // As for OMEMO 0.3: a fallback body for clients without OMEMO 2 and the XEP-0380 marker; slixmpp reports no message without a body.
    await connection.send(
      xml(
        'message',
        { to, type: 'chat' },
        encrypted,
        xml('encryption', { xmlns: 'urn:xmpp:eme:0', namespace: omemo2Profile.namespace, name: 'OMEMO' }),
        xml('body', {}, 'This message is encrypted with OMEMO 2.'),
        xml('store', { xmlns: 'urn:xmpp:hints' }),
      ),
    );
  }

  return { deviceId, decrypted, failures, send };
}

describe('OMEMO 2 with python-omemo over XMPP', () => {
  it('Causette starts: python reads our device list and bundle from PEP, decrypts, and answers', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemo2Start();
    const alice = await causetteDevice(await harness.raw(aliceJid, 'omemo2'), aliceJid);

    await alice.send(bobJid, 'Bonjour from Causette in OMEMO 2');
    const first = await until(async () => (await bob.omemo2Received()).decrypted.find((entry) => entry.body === 'Bonjour from Causette in OMEMO 2'), 'python decrypts');
    expect(first).toMatchObject({ from: aliceJid, device: alice.deviceId });

    expect((await bob.omemo2Send(aliceJid, 'Hello from twomemo')).errors).toEqual([]);
    await until(() => Promise.resolve(alice.decrypted.some((entry) => entry.body === 'Hello from twomemo')), 'Causette decrypts');
    await alice.send(bobJid, 'and once more');
    await until(async () => (await bob.omemo2Received()).decrypted.some((entry) => entry.body === 'and once more'), 'python decrypts the answer');
    expect((await bob.omemo2Received()).failures).toEqual([]);
    expect(alice.failures).toEqual([]);
    expect(bobDevice).toBeGreaterThan(0);
  });

  it('python starts from the bundle we published: Causette accepts its key exchange and python reads the answer', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bob = await peers.peer(bobJid);
    await bob.omemo2Start();
    const alice = await causetteDevice(await harness.raw(aliceJid, 'omemo2'), aliceJid);

    expect((await bob.omemo2Send(aliceJid, 'First contact from twomemo')).errors).toEqual([]);
    await until(() => Promise.resolve(alice.decrypted.some((entry) => entry.body === 'First contact from twomemo')), 'Causette decrypts the key exchange');
    expect((await bob.omemo2Send(aliceJid, 'Second, maybe with the key exchange again')).errors).toEqual([]);
    await until(() => Promise.resolve(alice.decrypted.some((entry) => entry.body === 'Second, maybe with the key exchange again')), 'Causette decrypts the second');
    await alice.send(bobJid, 'Reçu, merci');
    await until(async () => (await bob.omemo2Received()).decrypted.some((entry) => entry.body === 'Reçu, merci'), 'python decrypts the answer');
    expect((await bob.omemo2Received()).failures).toEqual([]);
    expect(alice.failures).toEqual([]);
  });
});
