// OMEMO 2 sessions between two of our own devices: X3DH, key exchange, Double Ratchet turns, messages out of order,
// skipped keys bounded, tampering refused without changing the session.
import { describe, expect, it } from 'vitest';
import { defaultSkipLimits, ratchetDecrypt, ratchetEncrypt, type RatchetState } from '../../../../electron/core/omemo/omemo2/double-ratchet.ts';
import { Omemo2Error } from '../../../../electron/core/omemo/omemo2/errors.ts';
import { generateIdentity, type IdentityKey } from '../../../../electron/core/omemo/omemo2/identity-key.ts';
import { generatePreKeys, generateSignedPreKey, type PreKeyPair, type SignedPreKeyPair } from '../../../../electron/core/omemo/omemo2/prekeys.ts';
import { decodeAuthenticatedMessage, encodeAuthenticatedMessage } from '../../../../electron/core/omemo/omemo2/protobuf.ts';
import { parseSession, serializeSession } from '../../../../electron/core/omemo/omemo2/session-codec.ts';
import { acceptKeyExchange, repeatedKeyExchange, startSession, unwrapKey, wrapKey, type Session } from '../../../../electron/core/omemo/omemo2/session.ts';
import type { PublicBundle } from '../../../../electron/core/omemo/omemo2/x3dh.ts';

interface Device {
  readonly identity: IdentityKey;
  readonly signedPreKey: SignedPreKeyPair;
  readonly preKeys: readonly PreKeyPair[];
  readonly bundle: PublicBundle;
}

function device(): Device {
  const identity = generateIdentity();
  const signedPreKey = generateSignedPreKey(identity, 1);
  const preKeys = generatePreKeys(1, 3);
  return {
    identity,
    signedPreKey,
    preKeys,
    bundle: {
      identityKey: identity.publicKey,
      signedPreKey: { id: 1, publicKey: signedPreKey.keyPair.publicKey },
      signedPreKeySignature: signedPreKey.signature,
      preKeys: preKeys.map((k) => ({ id: k.id, publicKey: k.keyPair.publicKey })),
    },
  };
}

const keysOf = (d: Device) => ({ signedPreKey: (id: number) => (id === d.signedPreKey.id ? d.signedPreKey : undefined), preKey: (id: number) => d.preKeys.find((k) => k.id === id) });
const material = (n: number): Uint8Array => new Uint8Array(48).fill(n);

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof Omemo2Error ? error.code : 'other';
  }
  return undefined;
}

/** Alice starts, Bob accepts: both sessions after the first message. */
function pair(): { alice: Session; bob: Session; bobDevice: Device } {
  const bobDevice = device();
  const first = wrapKey(startSession(generateIdentity(), bobDevice.bundle, () => 1), material(1));
  expect(first.key.kex).toBe(true);
  const accepted = acceptKeyExchange(bobDevice.identity, keysOf(bobDevice), first.key.data);
  expect(accepted.keyMaterial).toEqual(material(1));
  expect(accepted.preKeyId).toBe(2);
  return { alice: first.session, bob: accepted.session, bobDevice };
}

describe('OMEMO 2 sessions', () => {
  it('turns in both directions, the key exchange sent until the other side answers', () => {
    let { alice, bob } = pair();
    const repeated = wrapKey(alice, material(2));
    alice = repeated.session;
    expect(repeated.key.kex).toBe(true);
    const inner = repeatedKeyExchange(bob, repeated.key.data);
    expect(inner).toBeDefined();
    if (!inner) return;
    ({ session: bob } = unwrapKey(bob, inner));
    for (let turn = 3; turn < 9; turn += 2) {
      const fromBob = wrapKey(bob, material(turn));
      bob = fromBob.session;
      expect(fromBob.key.kex).toBe(false);
      const opened = unwrapKey(alice, fromBob.key.data);
      alice = opened.session;
      expect(opened.keyMaterial).toEqual(material(turn));
      const fromAlice = wrapKey(alice, material(turn + 1));
      alice = fromAlice.session;
      expect(fromAlice.key.kex).toBe(false);
      const back = unwrapKey(bob, fromAlice.key.data);
      bob = back.session;
      expect(back.keyMaterial).toEqual(material(turn + 1));
    }
  });

  it('a key exchange from another session is not taken for a repeat', () => {
    const { bob, bobDevice } = pair();
    const other = wrapKey(startSession(generateIdentity(), bobDevice.bundle), material(9));
    expect(repeatedKeyExchange(bob, other.key.data)).toBeUndefined();
  });

  it('refuses a signed prekey its identity key did not sign, and an unknown prekey', () => {
    const bobDevice = device();
    const forged = { ...bobDevice.bundle, signedPreKeySignature: generateSignedPreKey(generateIdentity(), 1).signature };
    expect(codeOf(() => startSession(generateIdentity(), forged))).toBe('bad-signed-prekey-signature');
    const first = wrapKey(startSession(generateIdentity(), bobDevice.bundle), material(1));
    expect(codeOf(() => acceptKeyExchange(bobDevice.identity, { ...keysOf(bobDevice), preKey: () => undefined }, first.key.data))).toBe('unknown-prekey');
  });

  it('opens messages out of order with skipped keys, each once', () => {
    let { alice, bob } = pair();
    const sent: Uint8Array[] = [];
    for (let i = 0; i < 4; i += 1) {
      const wrapped = wrapKey(bob, material(10 + i));
      bob = wrapped.session;
      sent.push(wrapped.key.data);
    }
    for (const i of [3, 0, 2, 1]) {
      const opened = unwrapKey(alice, sent[i] ?? new Uint8Array());
      alice = opened.session;
      expect(opened.keyMaterial).toEqual(material(10 + i));
    }
    expect(alice.ratchet.skipped).toHaveLength(0);
    expect(codeOf(() => unwrapKey(alice, sent[2] ?? new Uint8Array()))).toBe('duplicate-message');
  });

  it('bounds skipped keys per message and per session', () => {
    const { alice, bob } = pair();
    const limits = { perMessage: 5, perSession: 7 };
    let state: RatchetState = bob.ratchet;
    const messages: Uint8Array[] = [];
    for (let i = 0; i < 12; i += 1) {
      const out = ratchetEncrypt(state, material(i), bob.associatedData);
      state = out.state;
      messages.push(out.message);
    }
    // Skipping 6 keys at once is more than the 5 allowed.
    expect(codeOf(() => ratchetDecrypt(alice.ratchet, messages[6] ?? new Uint8Array(), alice.associatedData, limits))).toBe('too-many-skipped-keys');
    let receiving = ratchetDecrypt(alice.ratchet, messages[5] ?? new Uint8Array(), alice.associatedData, limits).state;
    expect(receiving.skipped).toHaveLength(5);
    receiving = ratchetDecrypt(receiving, messages[11] ?? new Uint8Array(), alice.associatedData, limits).state;
    // 5 + 5 skipped, only the newest 7 kept: messages 0–2 can no longer be opened, 3 still can.
    expect(receiving.skipped.map((k) => k.index)).toEqual([3, 4, 6, 7, 8, 9, 10]);
    expect(codeOf(() => ratchetDecrypt(receiving, messages[0] ?? new Uint8Array(), alice.associatedData, limits))).toBe('duplicate-message');
    expect(ratchetDecrypt(receiving, messages[3] ?? new Uint8Array(), alice.associatedData, limits).plaintext).toEqual(material(3));
    // The same defaults as python-omemo's.
    expect(defaultSkipLimits).toEqual({ perMessage: 1000, perSession: 1000 });
  });

  it('refuses a tampered message (MAC, ciphertext, associated data) and keeps the session as it was', () => {
    const { alice, bob } = pair();
    const { key } = wrapKey(bob, material(20));
    const authenticated = decodeAuthenticatedMessage(key.data);
    const badMac = encodeAuthenticatedMessage({ ...authenticated, mac: authenticated.mac.map((b, i) => (i === 0 ? b ^ 1 : b)) });
    const badBody = encodeAuthenticatedMessage({ ...authenticated, message: authenticated.message.map((b, i, all) => (i === all.length - 1 ? b ^ 1 : b)) });
    expect(codeOf(() => unwrapKey(alice, badMac))).toBe('authentication-failed');
    expect(codeOf(() => unwrapKey(alice, badBody))).toBe('authentication-failed');
    expect(codeOf(() => unwrapKey({ ...alice, associatedData: alice.associatedData.map((b) => b ^ 1) }, key.data))).toBe('authentication-failed');
    expect(codeOf(() => unwrapKey(alice, key.data.subarray(0, 10)))).toBe('malformed-message');
    expect(unwrapKey(alice, key.data).keyMaterial).toEqual(material(20));
  });
});

describe('OMEMO 2 sessions in the store', () => {
  it('a session stored as JSON and read back goes on where it was, skipped keys and pending key exchange included', () => {
    const bobDevice = device();
    let alice = startSession(generateIdentity(), bobDevice.bundle);
    const first = wrapKey(alice, material(1));
    alice = parseSession(serializeSession(first.session));
    expect(alice.pendingKeyExchange).toEqual(first.session.pendingKeyExchange);
    const accepted = acceptKeyExchange(bobDevice.identity, keysOf(bobDevice), first.key.data);
    let bob = accepted.session;
    const skippedOne = wrapKey(bob, material(2));
    const second = wrapKey(skippedOne.session, material(3));
    bob = second.session;
    alice = parseSession(serializeSession(unwrapKey(alice, second.key.data).session));
    expect(alice.ratchet.skipped).toHaveLength(1);
    expect(unwrapKey(alice, skippedOne.key.data).keyMaterial).toEqual(material(2));
    const back = wrapKey(alice, material(4));
    expect(back.key.kex).toBe(false);
    expect(unwrapKey(parseSession(serializeSession(bob)), back.key.data).keyMaterial).toEqual(material(4));
  });

  it('a damaged stored session is refused as such', () => {
    expect(codeOf(() => parseSession('{"version":1}'))).toBe('damaged-session');
    expect(codeOf(() => parseSession('not json'))).toBe('damaged-session');
  });
});
