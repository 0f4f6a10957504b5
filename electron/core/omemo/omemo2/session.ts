// An OMEMO 2 session with one device (XEP-0384 v0.8 §4.4, §7): X3DH then the Double Ratchet; until the other side has
// answered, every message we send carries the OMEMOKeyExchange that lets it build the session.
import { Omemo2Error } from './errors.ts';
import type { IdentityKey } from './identity-key.ts';
import { initiateRatchet, ratchetDecrypt, ratchetEncrypt, respondRatchet, type RatchetState, type SkipLimits } from './double-ratchet.ts';
import type { PreKeyPair } from './prekeys.ts';
import { decodeAuthenticatedMessage, decodeKeyExchange, encodeAuthenticatedMessage, encodeKeyExchange } from './protobuf.ts';
import { agreeActive, agreePassive, type KeyExchangeHeader, type PublicBundle } from './x3dh.ts';

export interface Session {
  readonly ratchet: RatchetState;
  readonly associatedData: Uint8Array;
  /** The key exchange still to be sent along, until the other device's first message confirms the session. */
  readonly pendingKeyExchange: KeyExchangeHeader | undefined;
  /** The other device's identity key (Ed25519), for trust. */
  readonly remoteIdentity: Uint8Array;
  /** The ephemeral key of the key exchange that built this session on the responder's side. */
  readonly builtFrom?: Uint8Array | undefined;
}

/** What goes into one <key rid> element: an OMEMOKeyExchange (kex='true') or an OMEMOAuthenticatedMessage. */
export interface WrappedKey {
  readonly kex: boolean;
  readonly data: Uint8Array;
}

export function startSession(own: IdentityKey, bundle: PublicBundle, pickPreKey?: (count: number) => number): Session {
  const agreement = agreeActive(own, bundle, pickPreKey);
  return {
    ratchet: initiateRatchet(agreement.sharedSecret, agreement.signedPreKey),
    associatedData: agreement.associatedData,
    pendingKeyExchange: agreement.header,
    remoteIdentity: bundle.identityKey,
  };
}

export function wrapKey(session: Session, keyMaterial: Uint8Array): { session: Session; key: WrappedKey } {
  const { state, message } = ratchetEncrypt(session.ratchet, keyMaterial, session.associatedData);
  const next = { ...session, ratchet: state };
  const kex = session.pendingKeyExchange;
  if (!kex) return { session: next, key: { kex: false, data: message } };
  return { session: next, key: { kex: true, data: encodeKeyExchange({ ...kex, message: decodeAuthenticatedMessage(message) }) } };
}

export interface OwnPreKeys {
  /** A signed prekey's pair (its signature is not needed to answer). */
  readonly signedPreKey: (id: number) => PreKeyPair | undefined;
  readonly preKey: (id: number) => PreKeyPair | undefined;
}

/** A key exchange received: the session it builds and the key material of its message; `preKeyId` is now used up (§5.3.2). */
export function acceptKeyExchange(
  own: IdentityKey,
  keys: OwnPreKeys,
  data: Uint8Array,
  limits?: SkipLimits,
): { session: Session; keyMaterial: Uint8Array; preKeyId: number } {
  const kex = decodeKeyExchange(data);
  const signedPreKey = keys.signedPreKey(kex.spkId);
  if (!signedPreKey) throw new Omemo2Error('unknown-signed-prekey', 'The key exchange uses a signed prekey we do not have.', { id: kex.spkId });
  const preKey = keys.preKey(kex.pkId);
  if (!preKey) throw new Omemo2Error('unknown-prekey', 'The key exchange uses a prekey we do not have.', { id: kex.pkId });
  const { sharedSecret, associatedData } = agreePassive(own, signedPreKey, preKey, kex);
  const { state, plaintext } = ratchetDecrypt(
    respondRatchet(sharedSecret, signedPreKey.keyPair.privateKey),
    encodeAuthenticatedMessage(kex.message),
    associatedData,
    limits,
  );
  return { session: { ratchet: state, associatedData, pendingKeyExchange: undefined, remoteIdentity: kex.ik, builtFrom: kex.ek }, keyMaterial: plaintext, preKeyId: kex.pkId };
}

/** A message in an existing session; it confirms the session, so no more key exchanges are sent (§4.4). */
export function unwrapKey(session: Session, data: Uint8Array, limits?: SkipLimits): { session: Session; keyMaterial: Uint8Array } {
  const { state, plaintext } = ratchetDecrypt(session.ratchet, data, session.associatedData, limits);
  return { session: { ...session, ratchet: state, pendingKeyExchange: undefined }, keyMaterial: plaintext };
}

/** The message inside a key exchange that built `session` already (the sender repeats it until we answer, §4.4); undefined for a new one. */
export function repeatedKeyExchange(session: Session, data: Uint8Array): Uint8Array | undefined {
  const kex = decodeKeyExchange(data);
  const same = session.builtFrom !== undefined && Buffer.compare(session.builtFrom, kex.ek) === 0 && Buffer.compare(session.remoteIdentity, kex.ik) === 0;
  return same ? encodeAuthenticatedMessage(kex.message) : undefined;
}
