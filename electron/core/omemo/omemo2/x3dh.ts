// X3DH as OMEMO 2 instantiates it (XEP-0384 v0.8 §7.1): Curve25519/SHA-256, info "OMEMO X3DH", HKDF over 32 0xFF bytes
// then DH1..DH4, zero salt; the identity keys are Ed25519 and enter the associated data as they are (initiator's first).
import { randomInt } from 'node:crypto';
import { Omemo2Error } from './errors.ts';
import { edwardsToMontgomery, verifyWithIdentity, type IdentityKey } from './identity-key.ts';
import type { PreKeyPair } from './prekeys.ts';
import { hkdf, zeroSalt } from './primitives.ts';
import { generateX25519, x25519 } from './x25519.ts';

const info = 'OMEMO X3DH';
const padding = new Uint8Array(32).fill(0xff);

export interface PublicPreKey {
  readonly id: number;
  readonly publicKey: Uint8Array;
}

/** What a device publishes for others to start a session with it (§5.3.2). */
export interface PublicBundle {
  readonly identityKey: Uint8Array;
  readonly signedPreKey: PublicPreKey;
  readonly signedPreKeySignature: Uint8Array;
  readonly preKeys: readonly PublicPreKey[];
}

/** The X3DH part of an OMEMOKeyExchange (§4.4): which of the recipient's prekeys, our identity and ephemeral keys. */
export interface KeyExchangeHeader {
  readonly pkId: number;
  readonly spkId: number;
  readonly ik: Uint8Array;
  readonly ek: Uint8Array;
}

export interface ActiveAgreement {
  readonly sharedSecret: Uint8Array;
  readonly associatedData: Uint8Array;
  readonly header: KeyExchangeHeader;
  /** The recipient's signed prekey: the first ratchet key the Double Ratchet sends to. */
  readonly signedPreKey: Uint8Array;
}

const secret = (...dh: Uint8Array[]): Uint8Array => hkdf(new Uint8Array(Buffer.concat([padding, ...dh])), zeroSalt, info, 32);

/** Starts a session with a device from its bundle; `pickPreKey` chooses the one-time prekey (random unless a test fixes it). */
export function agreeActive(
  own: IdentityKey,
  bundle: PublicBundle,
  pickPreKey: (count: number) => number = (count) => randomInt(count),
): ActiveAgreement {
  if (!verifyWithIdentity(bundle.identityKey, bundle.signedPreKey.publicKey, bundle.signedPreKeySignature)) {
    throw new Omemo2Error('bad-signed-prekey-signature', 'The signed prekey of the bundle is not signed by its identity key.');
  }
  const preKey = bundle.preKeys[pickPreKey(bundle.preKeys.length)];
  if (!preKey) throw new Omemo2Error('no-prekey', 'The bundle holds no one-time prekey.');
  const ephemeral = generateX25519();
  const theirIdentity = edwardsToMontgomery(bundle.identityKey);
  const sharedSecret = secret(
    x25519(own.privateKey, bundle.signedPreKey.publicKey),
    x25519(ephemeral.privateKey, theirIdentity),
    x25519(ephemeral.privateKey, bundle.signedPreKey.publicKey),
    x25519(ephemeral.privateKey, preKey.publicKey),
  );
  return {
    sharedSecret,
    associatedData: new Uint8Array(Buffer.concat([own.publicKey, bundle.identityKey])),
    header: { pkId: preKey.id, spkId: bundle.signedPreKey.id, ik: own.publicKey, ek: ephemeral.publicKey },
    signedPreKey: bundle.signedPreKey.publicKey,
  };
}

/** The responder's side, with the prekeys the key exchange names (the caller looked them up by id). */
export function agreePassive(
  own: IdentityKey,
  signedPreKey: PreKeyPair,
  preKey: PreKeyPair,
  header: Pick<KeyExchangeHeader, 'ik' | 'ek'>,
): { sharedSecret: Uint8Array; associatedData: Uint8Array } {
  if (header.ik.length !== 32 || header.ek.length !== 32) throw new Omemo2Error('malformed-message', 'A key exchange key has 32 bytes.');
  const theirIdentity = edwardsToMontgomery(header.ik);
  const sharedSecret = secret(
    x25519(signedPreKey.keyPair.privateKey, theirIdentity),
    x25519(own.privateKey, header.ek),
    x25519(signedPreKey.keyPair.privateKey, header.ek),
    x25519(preKey.keyPair.privateKey, header.ek),
  );
  return { sharedSecret, associatedData: new Uint8Array(Buffer.concat([header.ik, own.publicKey])) };
}
