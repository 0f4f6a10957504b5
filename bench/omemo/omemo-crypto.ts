// Scenario: OMEMO 0.3 in the core (issue 12, point 10): sessions from 50 bundles, and a conversation of alternating turns
// (each a Double Ratchet DH step) between alice (3 devices) and bob (5 devices), each message encrypted for the 7 other
// devices and decrypted by the partner's; against the raw node:crypto operations the same work needs at least.
import { createCipheriv, createDecipheriv, diffieHellman, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { decryptFrom, encryptFor, startSession, type DeviceAddress } from '../../electron/core/omemo/axolotl-cipher.ts';
import { ownBundle } from '../../electron/core/omemo/axolotl-publish.ts';
import { ensureOwnDevice } from '../../electron/core/omemo/own-device.ts';
import { createNodeCurve } from '../../electron/core/omemo/node-curve.ts';
import { libraryCurve } from '../../electron/core/omemo/signal-library.ts';
import { createSignalStore } from '../../electron/core/omemo/signal-store.ts';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { setCurve, setWebCrypto } from '@privacyresearch/libsignal-protocol-typescript';
import { nodeWebCrypto } from '../../electron/core/omemo/node-webcrypto.ts';
import { renderTable, type Row } from '../table.ts';

export interface OmemoOptions {
  readonly runs: number;
  readonly messages: number;
}

async function device(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { keys, store: createSignalStore(keys), address: { jid, deviceId } as DeviceAddress };
}
type Device = Awaited<ReturnType<typeof device>>;

const devices = async (jid: string, count: number) => Promise.all(Array.from({ length: count }, () => device(jid)));

async function sessionSetup(count: number): Promise<number> {
  const alice = await device('alice@example.com');
  const peers = await devices('bob@example.com', count);
  const bundles = peers.map((peer) => ownBundle(peer.keys));
  const start = performance.now();
  for (const [i, peer] of peers.entries()) await startSession(alice.store, peer.address, bundles[i]);
  return performance.now() - start;
}

/** Milliseconds per message spent encrypting and decrypting, over `messages` alternating turns. */
async function conversation(messages: number): Promise<{ encrypt: number; decrypt: number }> {
  const alice = await devices('alice@example.com', 3);
  const bob = await devices('bob@example.com', 5);
  const everyone = [...alice, ...bob];
  for (const from of [alice[0], bob[0]]) {
    for (const to of everyone) if (to !== from) await startSession(from.store, to.address, ownBundle(to.keys));
  }
  const body = new Uint8Array(Buffer.from('A message of ordinary length, about as long as people write them.'));
  let encrypt = 0;
  let decrypt = 0;
  for (let i = 0; i < messages; i += 1) {
    const [sender, partner]: [Device, Device] = i % 2 === 0 ? [alice[0], bob[0]] : [bob[0], alice[0]];
    const recipients = everyone.filter((candidate) => candidate !== sender).map((candidate) => candidate.address);
    const t0 = performance.now();
    const { encrypted } = await encryptFor(sender.store, sender.address.deviceId, recipients, body);
    const t1 = performance.now();
    const result = await decryptFrom(partner.store, partner.address.deviceId, sender.address.jid, encrypted);
    decrypt += performance.now() - t1;
    encrypt += t1 - t0;
    if (result.kind !== 'message') throw new Error(`message ${String(i)} did not decrypt: ${JSON.stringify(result)}`);
  }
  return { encrypt: encrypt / messages, decrypt: decrypt / messages };
}

const x25519 = () => generateKeyPairSync('x25519');

function gcm(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv(key.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const decipher = createDecipheriv(key.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', key, iv).setAuthTag(cipher.getAuthTag());
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** The least the same work needs: X3DH's four agreements per session; per message one agreement and one AES-GCM per device. */
function baseline(messages: number, count: number): { setup: number; perMessage: number } {
  const ours = x25519();
  const theirs = Array.from({ length: count }, x25519);
  const t0 = performance.now();
  for (const peer of theirs) for (let k = 0; k < 4; k += 1) diffieHellman({ privateKey: ours.privateKey, publicKey: peer.publicKey });
  const setup = performance.now() - t0;
  const body = Buffer.from('A message of ordinary length, about as long as people write them.');
  const t1 = performance.now();
  for (let i = 0; i < messages; i += 1) {
    gcm(randomBytes(16), body);
    for (const peer of theirs.slice(0, 7)) {
      diffieHellman({ privateKey: ours.privateKey, publicKey: peer.publicKey });
      gcm(randomBytes(32), randomBytes(32));
    }
  }
  return { setup, perMessage: (performance.now() - t1) / messages };
}

export async function omemoCrypto(options: OmemoOptions, log: (line: string) => void): Promise<string> {
  const rows = {
    setup: { metric: 'session setup from 50 bundles', causette: [] as number[], baseline: [] as number[], unit: 'ms' },
    message: { metric: 'encrypt for 7 devices + decrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    encrypt: { metric: '  of which encrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    emscripten: { metric: 'the same, library’s defaults', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
  };
  const emscriptenMessages = Math.min(options.messages, 200);
  for (let run = 1; run <= options.runs; run += 1) {
    const base = baseline(options.messages, 50);
    const setup = await sessionSetup(50);
    const { encrypt, decrypt } = await conversation(options.messages);
    // The library's defaults (its emscripten curve, crypto.subtle), to show what node:crypto saves; fewer messages, as it is slow.
    setCurve(libraryCurve);
    setWebCrypto(webcrypto as unknown as Parameters<typeof setWebCrypto>[0]);
    const slow = await conversation(emscriptenMessages).finally(() => {
      setCurve(createNodeCurve(libraryCurve));
      setWebCrypto(nodeWebCrypto as unknown as Parameters<typeof setWebCrypto>[0]);
    });
    rows.setup.causette.push(setup);
    rows.setup.baseline.push(base.setup);
    rows.message.causette.push(encrypt + decrypt);
    rows.message.baseline.push(base.perMessage);
    rows.encrypt.causette.push(encrypt);
    rows.emscripten.causette.push(slow.encrypt + slow.decrypt);
    rows.emscripten.baseline.push(base.perMessage);
    log(`omemo run ${String(run)}/${String(options.runs)} ${JSON.stringify({ setup, encrypt, decrypt, emscripten: slow, baseline: base })}`);
  }
  const table: Row[] = [rows.setup, rows.message, rows.encrypt, rows.emscripten];
  return `OMEMO 0.3 (${String(options.messages)} messages in alternating turns, alice 3 devices, bob 5; the library's defaults, its emscripten curve and crypto.subtle, over ${String(emscriptenMessages)})\n${renderTable(table)}`;
}
