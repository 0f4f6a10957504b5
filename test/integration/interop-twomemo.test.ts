// OMEMO 2 (XEP-0384 v0.8) interop: Causette's own X3DH, Double Ratchet, payload encryption, SCE envelope and stanza
// formats against python-omemo's Twomemo backend, both directions, a conversation of several turns.
import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, readBundle } from '../../electron/core/omemo/omemo2/bundle.ts';
import { buildEncrypted, parseEncrypted } from '../../electron/core/omemo/omemo2/encrypted.ts';
import { generateIdentity } from '../../electron/core/omemo/omemo2/identity-key.ts';
import { decryptPayload, encryptPayload } from '../../electron/core/omemo/omemo2/payload.ts';
import { generatePreKeys, generateSignedPreKey } from '../../electron/core/omemo/omemo2/prekeys.ts';
import { buildEnvelope, envelopeBody, parseEnvelope } from '../../electron/core/omemo/omemo2/sce-envelope.ts';
import { acceptKeyExchange, startSession, unwrapKey, wrapKey, type Session } from '../../electron/core/omemo/omemo2/session.ts';
import { startTwomemoPeer, type TwomemoPeer } from '../support/twomemo-peer.ts';

const alice = 'alice@causette.test';
const aliceDevice = 1111;
const bob = 'bob@python.test';
const bobDevice = 2222;

let peer: TwomemoPeer;

beforeAll(async () => {
  peer = startTwomemoPeer();
  await peer.create(bob, bobDevice);
});

afterAll(async () => {
  await peer.stop();
});

/** What Causette sends: the SCE envelope encrypted, its key wrapped for bob's device. */
function seal(session: Session, text: string): { session: Session; encrypted: string; kex: boolean } {
  const { ciphertext, keyMaterial } = encryptPayload(buildEnvelope({ content: [envelopeBody(text)], from: alice }));
  const wrapped = wrapKey(session, keyMaterial);
  const element = buildEncrypted({ sid: aliceDevice, keys: new Map([[bob, [{ rid: bobDevice, ...wrapped.key }]]]), payload: ciphertext });
  return { session: wrapped.session, encrypted: element.toString(), kex: wrapped.key.kex };
}

/** The body Causette reads from what python sent, given the session (or the way to build one). */
function bodyOf(plaintext: Uint8Array): string | null {
  return parseEnvelope(plaintext, bob).content.find((element) => element.is('body', 'jabber:client'))?.text() ?? null;
}

const asMessage = (encrypted: string): Element => xml('message', {}, parse(encrypted));

describe('OMEMO 2 with python-omemo (twomemo)', () => {
  it('python opens a key exchange and the messages that follow from Causette, and answers into the same session', async () => {
    const identity = generateIdentity();
    const bundle = readBundle(parse(await peer.bundle(bobDevice)));
    expect(bundle).toBeDefined();
    if (!bundle) return;
    let session = startSession(identity, bundle);

    const first = seal(session, 'Hello from Causette');
    session = first.session;
    expect(first.kex).toBe(true);
    const opened = await peer.receive(bobDevice, first.encrypted, alice);
    expect(opened.kex).toBe(true);
    const envelope = parse(opened.plaintext ?? '');
    expect(envelope.getChild('content', 'urn:xmpp:sce:1')?.getChild('body', 'jabber:client')?.text()).toBe('Hello from Causette');
    expect(envelope.getChild('from', 'urn:xmpp:sce:1')?.attrs.jid).toBe(alice);

    // Until bob answers, each message repeats the key exchange; python must recognise it as the same session.
    const second = seal(session, 'Still me, no answer yet');
    session = second.session;
    expect(second.kex).toBe(true);
    expect(parse((await peer.receive(bobDevice, second.encrypted, alice)).plaintext ?? '').getChild('content', 'urn:xmpp:sce:1')?.getChildText('body')).toBe(
      'Still me, no answer yet',
    );

    // Python answers (a DH ratchet step on each side), alternating turns, so both chains and root steps are crossed.
    for (let turn = 0; turn < 3; turn += 1) {
      const envelopeXml = buildEnvelope({ content: [envelopeBody(`bob turn ${String(turn)}`)], from: bob });
      const fromBob = parseEncrypted(asMessage(await peer.send(bobDevice, { recipient: alice, recipientDevice: aliceDevice, plaintext: Buffer.from(envelopeXml).toString('utf8') })));
      const key = fromBob?.keys.get(alice)?.find((k) => k.rid === aliceDevice);
      expect(fromBob?.sid).toBe(bobDevice);
      expect(key?.kex).toBe(false);
      if (!fromBob?.payload || !key) return;
      const unwrapped = unwrapKey(session, key.data);
      session = unwrapped.session;
      expect(bodyOf(decryptPayload(unwrapped.keyMaterial, fromBob.payload))).toBe(`bob turn ${String(turn)}`);

      const reply = seal(session, `alice turn ${String(turn)}`);
      session = reply.session;
      expect(reply.kex).toBe(false);
      const back = await peer.receive(bobDevice, reply.encrypted, alice);
      expect(back.kex).toBe(false);
      expect(parse(back.plaintext ?? '').getChild('content', 'urn:xmpp:sce:1')?.getChildText('body')).toBe(`alice turn ${String(turn)}`);
    }
  });

  it('Causette opens a key exchange from python built on its published bundle, and python opens the answer', async () => {
    const identity = generateIdentity();
    const signedPreKey = generateSignedPreKey(identity, 7);
    const preKeys = generatePreKeys(100, 5);
    const bundleXml = buildBundle({
      identityKey: identity.publicKey,
      signedPreKey: { id: signedPreKey.id, publicKey: signedPreKey.keyPair.publicKey },
      signedPreKeySignature: signedPreKey.signature,
      preKeys: preKeys.map((k) => ({ id: k.id, publicKey: k.keyPair.publicKey })),
    }).toString();
    const carol = 'carol@causette.test';
    const carolDevice = 3333;
    const envelopeXml = Buffer.from(buildEnvelope({ content: [envelopeBody('Hello from python')], from: bob })).toString('utf8');
    const fromBob = parseEncrypted(asMessage(await peer.send(bobDevice, { recipient: carol, recipientDevice: carolDevice, plaintext: envelopeXml, bundle: bundleXml })));
    const key = fromBob?.keys.get(carol)?.find((k) => k.rid === carolDevice);
    expect(key?.kex).toBe(true);
    if (!fromBob?.payload || !key) return;
    const accepted = acceptKeyExchange(
      identity,
      { signedPreKey: (id) => (id === signedPreKey.id ? signedPreKey : undefined), preKey: (id) => preKeys.find((k) => k.id === id) },
      key.data,
    );
    expect(preKeys.map((k) => k.id)).toContain(accepted.preKeyId);
    expect(bodyOf(decryptPayload(accepted.keyMaterial, fromBob.payload))).toBe('Hello from python');

    const { ciphertext, keyMaterial } = encryptPayload(buildEnvelope({ content: [envelopeBody('Got it, python')], from: carol }));
    const wrapped = wrapKey(accepted.session, keyMaterial);
    expect(wrapped.key.kex).toBe(false);
    const answer = buildEncrypted({ sid: carolDevice, keys: new Map([[bob, [{ rid: bobDevice, ...wrapped.key }]]]), payload: ciphertext }).toString();
    const back = await peer.receive(bobDevice, answer, carol);
    expect(parse(back.plaintext ?? '').getChild('content', 'urn:xmpp:sce:1')?.getChildText('body')).toBe('Got it, python');
  });
});
