// A device for the OMEMO benches: its own in-memory database and key store, keys made as at first sign-in (shared by both versions).
import { randomBytes } from 'node:crypto';
import type { DeviceAddress } from '../../electron/core/omemo/axolotl-cipher.ts';
import { ensureOwnDevice } from '../../electron/core/omemo/own-device.ts';
import { createSignalStore } from '../../electron/core/omemo/signal-store.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';

export async function device(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { keys, store: createSignalStore(keys), address: { jid, deviceId } as DeviceAddress };
}
export type Device = Awaited<ReturnType<typeof device>>;

export const devices = async (jid: string, count: number) => Promise.all(Array.from({ length: count }, () => device(jid)));

export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const BODY = 'A message of ordinary length, about as long as people write them.';

/** One message's two halves: the sender encrypts for the recipients; the partner decrypts it, and throws when it cannot. */
export interface Turn<E> {
  encrypt(sender: Device, recipients: Device['address'][]): E | Promise<E>;
  decrypt(partner: Device, sender: Device, encrypted: E, index: number): void | Promise<void>;
}

/**
 * Milliseconds per message spent encrypting and decrypting, over `messages` turns alternating between alice's first
 * device and bob's, each message for every other device of `everyone`.
 */
export async function timedTurns<E>(messages: number, alice: Device, bob: Device, everyone: readonly Device[], turn: Turn<E>): Promise<{ encrypt: number; decrypt: number }> {
  let encrypt = 0;
  let decrypt = 0;
  for (let i = 0; i < messages; i += 1) {
    const [sender, partner] = i % 2 === 0 ? [alice, bob] : [bob, alice];
    const recipients = everyone.filter((candidate) => candidate !== sender).map((candidate) => candidate.address);
    const t0 = performance.now();
    const encrypted = await turn.encrypt(sender, recipients);
    const t1 = performance.now();
    await turn.decrypt(partner, sender, encrypted, i);
    decrypt += performance.now() - t1;
    encrypt += t1 - t0;
  }
  return { encrypt: encrypt / messages, decrypt: decrypt / messages };
}
