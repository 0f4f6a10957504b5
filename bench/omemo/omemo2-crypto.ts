// Scenario: OMEMO 2 (XEP-0384 v0.8) in the core, the same work as the OMEMO 0.3 one: sessions built from 50 bundles as the
// send path builds them (the <bundle> item read from the iq result, its signature checked, X3DH as initiator), then the same
// conversation, each message an SCE envelope sealed once and its key||tag wrapped by the Double Ratchet of each of the 7 other
// devices, opened by the partner's device as a received message is (unwrap, payload, envelope checked against the sender).
import xml, { type Element } from '@xmpp/xml';
import { NS_PUBSUB } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { decryptFrom2 } from '../../electron/core/omemo/omemo2-cipher.ts';
import { ownBundle2 } from '../../electron/core/omemo/omemo2-own-keys.ts';
import { encryptFor2, sessions2With } from '../../electron/core/omemo/omemo2-sending.ts';
import { buildBundle } from '../../electron/core/omemo/omemo2/bundle.ts';
import { NODE_BUNDLES } from '../../electron/core/omemo/omemo2/namespaces.ts';
import { omemo2Profile } from '../../electron/core/omemo/omemo2/profile.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { ALICE, BOB, BODY, device, devices, timedTurns, type Device } from './devices.ts';

/** The server's answer to a request for the bundle of `peer`: its item in the shared bundles node (§5.3.2). */
const bundleResult = (peer: Device): Element =>
  xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NODE_BUNDLES }, xml('item', { id: String(peer.address.deviceId) }, buildBundle(ownBundle2(peer.keys))))));

/** The session builder of the send path for `own`, its iq answered from the bundles of `peers` (made beforehand). */
function readyWith(own: Device, peers: readonly Device[]) {
  const results = new Map(peers.map((peer) => [peer.address.deviceId, bundleResult(peer)]));
  const iq = (request: Element): Promise<Element> => {
    const id = Number(request.getChild('pubsub')?.getChild('items')?.getChild('item')?.attrs.id);
    const result = results.get(id);
    return result ? Promise.resolve(result) : Promise.reject(new Error(`no bundle for ${String(id)}`));
  };
  return sessions2With({ ownJid: own.address.jid, keys: own.keys, iq, logger: silentLogger, online: () => true, now: () => Date.now() });
}

async function readyAll(ready: ReturnType<typeof readyWith>, peers: readonly Device[]): Promise<void> {
  for (const peer of peers) if (!(await ready(peer.address))) throw new Error(`no OMEMO 2 session with ${String(peer.address.deviceId)}`);
}

export async function sessionSetup2(count: number): Promise<number> {
  const alice = await device(ALICE);
  const peers = await devices(BOB, count);
  const ready = readyWith(alice, peers);
  const start = performance.now();
  await readyAll(ready, peers);
  return performance.now() - start;
}

/** Milliseconds per message spent encrypting and decrypting, over `messages` alternating turns. */
export async function conversation2(messages: number): Promise<{ encrypt: number; decrypt: number }> {
  const alice = await devices(ALICE, 3);
  const bob = await devices(BOB, 5);
  const everyone = [...alice, ...bob];
  for (const from of [alice[0], bob[0]]) {
    const others = everyone.filter((to) => to !== from);
    await readyAll(readyWith(from, others), others);
  }
  return timedTurns(messages, alice[0], bob[0], everyone, {
    // As sealFor does (omemo-encrypt.ts): the envelope with padding, sender and time, sealed once, wrapped per device.
    encrypt: (sender, recipients) => encryptFor2(sender.keys, sender.address.deviceId, recipients, omemo2Profile.seal(BODY, sender.address.jid, undefined, new Date())),
    decrypt(partner, sender, encrypted, i) {
      const result = decryptFrom2(partner.keys, partner.address, sender.address.jid, encrypted, Date.now());
      if (result.kind !== 'message' || result.body !== BODY) throw new Error(`OMEMO 2 message ${String(i)} did not decrypt: ${JSON.stringify(result)}`);
    },
  });
}
