// The Double Ratchet (Signal's specification §3) as OMEMO 2 uses it (XEP-0384 v0.8 §7.2): state as plain data that the
// store can keep, every operation returning the next state so that a message that fails to open changes nothing.
import { Omemo2Error } from './errors.ts';
import { open, peekHeader, seal, type RatchetHeader } from './message-aead.ts';
import { chainStep, rootStep } from './ratchet-kdf.ts';
import { generateX25519, x25519, x25519PublicKey } from './x25519.ts';

export interface ChainState {
  readonly key: Uint8Array;
  readonly length: number;
}

export interface SkippedKey {
  readonly ratchetPub: Uint8Array;
  readonly index: number;
  readonly messageKey: Uint8Array;
}

export interface RatchetState {
  readonly rootKey: Uint8Array;
  readonly ownPrivate: Uint8Array;
  /** Undefined on the responder's side until the first message arrives. */
  readonly otherPublic: Uint8Array | undefined;
  readonly sending: ChainState | undefined;
  readonly receiving: ChainState | undefined;
  readonly previousSendingLength: number;
  /** Keys of messages not received yet, oldest first, at most `perSession` of them. */
  readonly skipped: readonly SkippedKey[];
}

/** Bounds on skipped message keys, against a sender that makes us derive or keep without end. */
export interface SkipLimits {
  readonly perMessage: number;
  readonly perSession: number;
}

export const defaultSkipLimits: SkipLimits = { perMessage: 1000, perSession: 1000 };

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.compare(a, b) === 0;

/** The initiator, right after X3DH: its first sending chain goes to the responder's signed prekey. */
export function initiateRatchet(sharedSecret: Uint8Array, theirSignedPreKey: Uint8Array): RatchetState {
  const own = generateX25519();
  const { rootKey, chainKey } = rootStep(sharedSecret, x25519(own.privateKey, theirSignedPreKey));
  return {
    rootKey,
    ownPrivate: own.privateKey,
    otherPublic: theirSignedPreKey,
    sending: { key: chainKey, length: 0 },
    receiving: undefined,
    previousSendingLength: 0,
    skipped: [],
  };
}

/** The responder, before the key exchange's message: its ratchet key is the signed prekey. */
export const respondRatchet = (sharedSecret: Uint8Array, signedPreKeyPrivate: Uint8Array): RatchetState => ({
  rootKey: sharedSecret,
  ownPrivate: signedPreKeyPrivate,
  otherPublic: undefined,
  sending: undefined,
  receiving: undefined,
  previousSendingLength: 0,
  skipped: [],
});

export function ratchetEncrypt(state: RatchetState, plaintext: Uint8Array, associatedData: Uint8Array): { state: RatchetState; message: Uint8Array } {
  if (!state.sending) throw new Omemo2Error('no-sending-chain', 'This session cannot send before it has received.');
  const header: RatchetHeader = { n: state.sending.length, pn: state.previousSendingLength, dhPub: x25519PublicKey(state.ownPrivate) };
  const { chainKey, messageKey } = chainStep(state.sending.key);
  return {
    state: { ...state, sending: { key: chainKey, length: state.sending.length + 1 } },
    message: seal(messageKey, header, plaintext, associatedData),
  };
}

/** The receiving chain advanced to `until`, the keys passed over collected. */
function skipTo(chain: ChainState, ratchetPub: Uint8Array, until: number): { chain: ChainState; skipped: SkippedKey[] } {
  const skipped: SkippedKey[] = [];
  let current = chain;
  while (current.length < until) {
    const { chainKey, messageKey } = chainStep(current.key);
    skipped.push({ ratchetPub, index: current.length, messageKey });
    current = { key: chainKey, length: current.length + 1 };
  }
  return { chain: current, skipped };
}

/** A new ratchet key from the other side: finish its previous chain (within bounds), then two root steps. */
function ratchetStep(state: RatchetState, header: RatchetHeader, limits: SkipLimits): { state: RatchetState; skipped: SkippedKey[] } {
  let skipped: SkippedKey[] = [];
  if (state.receiving && state.otherPublic && header.pn - state.receiving.length <= limits.perMessage) {
    skipped = skipTo(state.receiving, state.otherPublic, header.pn).skipped;
  }
  const receivingRoot = rootStep(state.rootKey, x25519(state.ownPrivate, header.dhPub));
  const own = generateX25519();
  const sendingRoot = rootStep(receivingRoot.rootKey, x25519(own.privateKey, header.dhPub));
  return {
    state: {
      ...state,
      rootKey: sendingRoot.rootKey,
      ownPrivate: own.privateKey,
      otherPublic: header.dhPub,
      receiving: { key: receivingRoot.chainKey, length: 0 },
      sending: { key: sendingRoot.chainKey, length: 0 },
      previousSendingLength: state.sending?.length ?? 0,
    },
    skipped,
  };
}

export function ratchetDecrypt(
  state: RatchetState,
  message: Uint8Array,
  associatedData: Uint8Array,
  limits: SkipLimits = defaultSkipLimits,
): { state: RatchetState; plaintext: Uint8Array } {
  const header = peekHeader(message);
  const stored = state.skipped.findIndex((key) => key.index === header.n && sameBytes(key.ratchetPub, header.dhPub));
  const storedKey = state.skipped[stored];
  if (storedKey) {
    const plaintext = open(storedKey.messageKey, message, associatedData);
    return { state: { ...state, skipped: state.skipped.filter((_, i) => i !== stored) }, plaintext };
  }
  let next = state;
  let skipped: SkippedKey[] = [];
  if (!sameBytes(state.otherPublic, header.dhPub)) ({ state: next, skipped } = ratchetStep(state, header, limits));
  const receiving = next.receiving;
  if (!receiving || !next.otherPublic) throw new Omemo2Error('malformed-message', 'No receiving chain for this message.');
  if (header.n < receiving.length) throw new Omemo2Error('duplicate-message', 'This message was already decrypted.', { n: header.n });
  if (header.n - receiving.length > limits.perMessage) {
    throw new Omemo2Error('too-many-skipped-keys', 'The message skips too many message keys.', { skipped: header.n - receiving.length });
  }
  const advanced = skipTo(receiving, next.otherPublic, header.n);
  const { chainKey, messageKey } = chainStep(advanced.chain.key);
  const plaintext = open(messageKey, message, associatedData);
  const kept = [...state.skipped, ...skipped, ...advanced.skipped];
  return {
    state: { ...next, receiving: { key: chainKey, length: header.n + 1 }, skipped: kept.slice(Math.max(kept.length - limits.perSession, 0)) },
    plaintext,
  };
}
