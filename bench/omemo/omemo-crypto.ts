// Scenario: OMEMO 0.3 and OMEMO 2 in the core (issue 12, point 10), each: sessions from 50 bundles, and a conversation of alternating turns
// (each a Double Ratchet DH step) between alice (3 devices) and bob (5 devices), each message encrypted for the 7 other
// devices and decrypted by the partner's; against the raw node:crypto operations the same work needs at least.
// The OMEMO 2 side is in omemo2-crypto.ts.
import { createCipheriv, createDecipheriv, diffieHellman, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { decryptFrom, encryptFor, startSession } from '../../electron/core/omemo/axolotl-cipher.ts';
import { ownBundle } from '../../electron/core/omemo/axolotl-publish.ts';
import { createNodeCurve } from '../../electron/core/omemo/node-curve.ts';
import { libraryCurve } from '../../electron/core/omemo/signal-library.ts';
import { setCurve, setWebCrypto } from '@privacyresearch/libsignal-protocol-typescript';
import { nodeWebCrypto } from '../../electron/core/omemo/node-webcrypto.ts';
import { renderTable, type Row } from '../table.ts';
import { ALICE, BOB, BODY, device, devices, timedTurns } from './devices.ts';
import { conversation2, sessionSetup2 } from './omemo2-crypto.ts';

export interface OmemoOptions {
  readonly runs: number;
  readonly messages: number;
}

async function sessionSetup(count: number): Promise<number> {
  const alice = await device(ALICE);
  const peers = await devices(BOB, count);
  const bundles = peers.map((peer) => ownBundle(peer.keys));
  const start = performance.now();
  for (const [i, peer] of peers.entries()) await startSession(alice.store, peer.address, bundles[i]);
  return performance.now() - start;
}

/** Milliseconds per message spent encrypting and decrypting, over `messages` alternating turns. */
async function conversation(messages: number): Promise<{ encrypt: number; decrypt: number }> {
  const alice = await devices(ALICE, 3);
  const bob = await devices(BOB, 5);
  const everyone = [...alice, ...bob];
  for (const from of [alice[0], bob[0]]) {
    for (const to of everyone) if (to !== from) await startSession(from.store, to.address, ownBundle(to.keys));
  }
  const body = new Uint8Array(Buffer.from(BODY));
  return timedTurns(messages, alice[0], bob[0], everyone, {
    encrypt: async (sender, recipients) => (await encryptFor(sender.store, sender.address.deviceId, recipients, body)).encrypted,
    async decrypt(partner, sender, encrypted, i) {
      const result = await decryptFrom(partner.store, partner.address.deviceId, sender.address.jid, encrypted);
      if (result.kind !== 'message') throw new Error(`message ${String(i)} did not decrypt: ${JSON.stringify(result)}`);
    },
  });
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
  const body = Buffer.from(BODY);
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
    setup: { metric: '0.3: session setup from 50 bundles', causette: [] as number[], baseline: [] as number[], unit: 'ms' },
    message: { metric: '0.3: encrypt for 7 devices + decrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    encrypt: { metric: '  of which encrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    emscripten: { metric: '0.3: the same, library’s defaults', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    setup2: { metric: 'OMEMO 2: session setup from 50 bundles', causette: [] as number[], baseline: [] as number[], unit: 'ms' },
    message2: { metric: 'OMEMO 2: encrypt for 7 devices + decrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
    encrypt2: { metric: '  of which encrypt', causette: [] as number[], baseline: [] as number[], unit: 'ms/message' },
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
    const setup2 = await sessionSetup2(50);
    const two = await conversation2(options.messages);
    rows.setup2.causette.push(setup2);
    rows.setup2.baseline.push(base.setup);
    rows.message2.causette.push(two.encrypt + two.decrypt);
    rows.message2.baseline.push(base.perMessage);
    rows.encrypt2.causette.push(two.encrypt);
    log(`omemo run ${String(run)}/${String(options.runs)} ${JSON.stringify({ setup, encrypt, decrypt, emscripten: slow, setup2, omemo2: two, baseline: base })}`);
  }
  const table: Row[] = [rows.setup, rows.message, rows.encrypt, rows.emscripten, rows.setup2, rows.message2, rows.encrypt2];
  return `OMEMO 0.3 and OMEMO 2 (${String(options.messages)} messages in alternating turns, alice 3 devices, bob 5; the library's defaults, its emscripten curve and crypto.subtle, over ${String(emscriptenMessages)}; one raw baseline for both)\n${renderTable(table)}`;
}
