import { randomBytes } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { describe, expect, it, vi } from 'vitest';
import { decryptFrom, encryptFor, startSession, type DeviceAddress } from '../../../electron/core/omemo/axolotl-cipher.ts';
import { parseEncrypted } from '../../../electron/core/omemo/axolotl-encrypted.ts';
import { ownBundle } from '../../../electron/core/omemo/axolotl-publish.ts';
import { ensureOwnDevice } from '../../../electron/core/omemo/own-device.ts';
import { createSessionUpkeep, HEARTBEAT_AFTER } from '../../../electron/core/omemo/session-upkeep.ts';
import { createSignalStore } from '../../../electron/core/omemo/signal-store.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../../electron/core/storage/omemo-sealing.ts';

async function device(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { jid, deviceId, keys, store: createSignalStore(keys), address: { jid, deviceId } as DeviceAddress };
}

/** Bob's device, which alice's device opened a session with; bob's upkeep, sending into `sent`. */
async function pair(options: { mayAnswer?: boolean; now?: () => number } = {}) {
  const alice = await device('alice@example.com');
  const bob = await device('bob@example.com');
  await startSession(alice.store, bob.address, ownBundle(bob.keys));
  const opening = await encryptFor(alice.store, alice.deviceId, [bob.address], Buffer.from('hello'));
  await decryptFrom(bob.store, bob.deviceId, alice.jid, opening.encrypted);
  const sent: Element[] = [];
  const asked: Element[] = [];
  const upkeep = createSessionUpkeep({
    ownJid: bob.jid,
    signal: bob.store,
    ownDevice: () => Promise.resolve(bob.deviceId),
    send: (stanza) => {
      sent.push(stanza);
      return Promise.resolve();
    },
    iq: (request) => {
      asked.push(request);
      return Promise.reject(new Error('no bundle here'));
    },
    mayAnswer: () => options.mayAnswer ?? true,
    logger: silentLogger,
    ...(options.now ? { now: options.now } : {}),
  });
  return { alice, bob, sent, asked, upkeep };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_300));

describe('OMEMO session upkeep', () => {
  it('completes a session a device opened with one empty message for a burst, which that device opens as a key transport', async () => {
    const { alice, bob, sent, upkeep } = await pair();
    for (let index = 0; index < 5; index++) upkeep.received(alice.address, true);
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5_000 });
    await settle();
    expect(sent).toHaveLength(1);
    const [stanza] = sent;
    expect(stanza?.attrs).toMatchObject({ to: alice.jid, type: 'chat' });
    expect(stanza?.getChild('store', 'urn:xmpp:hints')).toBeDefined();
    const encrypted = parseEncrypted(stanza);
    expect(encrypted?.payload).toBeUndefined();
    expect(await decryptFrom(alice.store, alice.deviceId, bob.jid, encrypted!)).toMatchObject({ kind: 'key-transport', prekey: false });
    upkeep.dispose();
  });

  it('sends no empty message to complete a session when we answered the device with a message first', async () => {
    const { alice, sent, upkeep } = await pair();
    upkeep.received(alice.address, true);
    upkeep.sentTo([alice.address]);
    await settle();
    expect(sent).toHaveLength(0);
    upkeep.dispose();
  });

  it('sends a heartbeat after many messages without an answer, not when we wrote to the device meanwhile', async () => {
    const { alice, sent, upkeep } = await pair();
    for (let index = 1; index < HEARTBEAT_AFTER; index++) upkeep.received(alice.address, false);
    upkeep.sentTo([alice.address]);
    upkeep.received(alice.address, false);
    await settle();
    expect(sent).toHaveLength(0);
    for (let index = 1; index < HEARTBEAT_AFTER; index++) upkeep.received(alice.address, false);
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5_000 });
    upkeep.dispose();
  });

  it('rebuilds a broken session at most once an hour, never for a message seen twice, never for someone who may not learn we are online', async () => {
    let clock = 1_000_000;
    const { alice, asked, upkeep } = await pair({ now: () => clock });
    upkeep.undecryptable(alice.address, 'Message key not found. The counter was repeated or the key was not filled.');
    expect(asked).toHaveLength(0);
    upkeep.undecryptable(alice.address, 'No session found to decrypt message from alice@example.com.1');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.attrs.to).toBe(alice.jid);
    clock += 30 * 60_000;
    upkeep.undecryptable(alice.address, 'Bad MAC');
    expect(asked).toHaveLength(1);
    clock += 31 * 60_000;
    upkeep.undecryptable(alice.address, 'Bad MAC');
    expect(asked).toHaveLength(2);

    const hidden = await pair({ mayAnswer: false });
    hidden.upkeep.undecryptable(hidden.alice.address, 'No session found');
    hidden.upkeep.received(hidden.alice.address, true);
    await settle();
    expect(hidden.asked).toHaveLength(0);
    expect(hidden.sent).toHaveLength(0);
  });
});
