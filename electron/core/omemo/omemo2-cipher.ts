// OMEMO 2 messages to our device (XEP-0384 v0.8 §4.4–4.5, §7): a key exchange builds a session and uses up one of our
// prekeys (shared with OMEMO 0.3), a repeated one or a plain message moves the stored session on; the sender's identity is
// kept in its Curve25519 form, the same as its OMEMO 0.3 one, so that trust is one per device for both versions.
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { ownIdentity2, ownPreKeys2 } from './omemo2-own-keys.ts';
import type { Omemo2Encrypted } from './omemo2/encrypted.ts';
import { Omemo2Error, type Omemo2ErrorCode } from './omemo2/errors.ts';
import { edwardsToMontgomery } from './omemo2/identity-key.ts';
import { omemo2Profile } from './omemo2/profile.ts';
import { parseSession, serializeSession } from './omemo2/session-codec.ts';
import { acceptKeyExchange, repeatedKeyExchange, unwrapKey, type Session } from './omemo2/session.ts';

export type Decrypted2 =
  | { readonly kind: 'message'; readonly body: string | undefined; readonly prekey: boolean }
  | { readonly kind: 'key-transport'; readonly prekey: boolean }
  | { readonly kind: 'not-for-this-device' }
  | { readonly kind: 'undecryptable'; readonly deviceId: number; readonly reason: string; readonly code?: Omemo2ErrorCode };

/** An Ed25519 identity as the key store keeps identities: the Curve25519 form with the Signal library's 0x05 type byte. */
export const storedIdentity = (ed25519: Uint8Array): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([5]), edwardsToMontgomery(ed25519)]));

function unwrap(keys: OmemoKeyStore, sender: string, sid: number, kex: boolean, data: Uint8Array): { session: Session; keyMaterial: Uint8Array; usedPreKey?: number } {
  const stored = keys.session2(sender, sid);
  const existing = stored === undefined ? undefined : parseSession(stored);
  // §4.4: the sender repeats its key exchange until we answer; the one that built our session is just a message in it.
  const repeated = kex && existing ? repeatedKeyExchange(existing, data) : undefined;
  if (kex && !repeated) {
    const identity = ownIdentity2(keys);
    if (!identity) throw new Error('There is no OMEMO identity yet.');
    const accepted = acceptKeyExchange(identity, ownPreKeys2(keys), data);
    return { ...accepted, usedPreKey: accepted.preKeyId };
  }
  if (!existing) throw new Error('No session with this device.');
  return unwrapKey(existing, repeated ?? data);
}

/** Where the stanza came from: a room (groupchat), or a contact or a room's occupant (bare JID of `from`). */
export interface Arrival {
  readonly groupchat: boolean;
  readonly from: string;
}

/**
 * XEP-0384 v0.8 §5.5.1: a room message's envelope names the room, so a room message passed off as a private one (or one
 * from another room) is refused; an envelope without <to/> is taken as it is.
 */
function checkRecipient(to: string | undefined, arrival: Arrival | undefined): void {
  if (to === undefined || arrival === undefined) return;
  const same = to.toLowerCase() === arrival.from.toLowerCase();
  if (arrival.groupchat ? !same : same) throw new Omemo2Error('recipient-mismatch', 'The envelope was meant for another conversation.', { to });
}

/** Opens what `sender` (a bare JID) sent to our device `ownDeviceId` of `ownJid`; the session is stored only when it opened. */
export function decryptFrom2(keys: OmemoKeyStore, own: { jid: string; deviceId: number }, sender: string, encrypted: Omemo2Encrypted, now: number, arrival?: Arrival): Decrypted2 {
  const key = encrypted.keys.get(own.jid)?.find((candidate) => candidate.rid === own.deviceId);
  if (!key) return { kind: 'not-for-this-device' };
  try {
    const { session, keyMaterial, usedPreKey } = unwrap(keys, sender, encrypted.sid, key.kex, key.data);
    const opened = encrypted.payload === undefined ? undefined : omemo2Profile.open({ keyMaterial, ciphertext: encrypted.payload }, sender);
    checkRecipient(opened?.to, arrival);
    const body = opened?.body;
    // §5.3.2: a prekey a key exchange used is used up, once the message it brought opened.
    if (usedPreKey !== undefined) keys.removePreKey(usedPreKey);
    keys.putDeviceIdentity(sender, encrypted.sid, storedIdentity(session.remoteIdentity), now);
    keys.putSession2(sender, encrypted.sid, serializeSession(session));
    const prekey = usedPreKey !== undefined;
    return encrypted.payload === undefined ? { kind: 'key-transport', prekey } : { kind: 'message', body, prekey };
  } catch (error) {
    return { kind: 'undecryptable', deviceId: encrypted.sid, reason: error instanceof Error ? error.message : String(error), ...(error instanceof Omemo2Error ? { code: error.code } : {}) };
  }
}
