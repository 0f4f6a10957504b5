// The Double Ratchet's AEAD in OMEMO 2 (XEP-0384 v0.8 §7.3): HKDF-SHA-256 of the message key (info "OMEMO Message Key
// Material") gives an AES-256-CBC key, an HMAC key and an IV; the MAC, HMAC-SHA-256 truncated to 16 bytes, covers the
// associated data followed by the serialized OMEMOMessage; the result is an OMEMOAuthenticatedMessage.
import { Omemo2Error } from './errors.ts';
import { aesCbcDecrypt, aesCbcEncrypt, hmac, sameTag, splitKeys } from './primitives.ts';
import { decodeAuthenticatedMessage, decodeOmemoMessage, encodeAuthenticatedMessage, encodeOmemoMessage, type OmemoMessage } from './protobuf.ts';

const info = 'OMEMO Message Key Material';
export const macLength = 16;

export type RatchetHeader = Pick<OmemoMessage, 'n' | 'pn' | 'dhPub'>;

export function seal(messageKey: Uint8Array, header: RatchetHeader, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const { encryptionKey, authenticationKey, iv } = splitKeys(messageKey, info);
  const message = encodeOmemoMessage({ ...header, ciphertext: aesCbcEncrypt(encryptionKey, iv, plaintext) });
  const mac = hmac(authenticationKey, associatedData, message).subarray(0, macLength);
  return encodeAuthenticatedMessage({ mac, message });
}

/** The header of an OMEMOAuthenticatedMessage, read before its key is known (not yet authenticated). */
export function peekHeader(sealed: Uint8Array): RatchetHeader {
  const { n, pn, dhPub } = decodeOmemoMessage(decodeAuthenticatedMessage(sealed).message);
  if (dhPub.length !== 32) throw new Omemo2Error('malformed-message', 'A ratchet key has 32 bytes.');
  return { n, pn, dhPub };
}

export function open(messageKey: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const { mac, message } = decodeAuthenticatedMessage(sealed);
  const { encryptionKey, authenticationKey, iv } = splitKeys(messageKey, info);
  if (!sameTag(hmac(authenticationKey, associatedData, message).subarray(0, macLength), mac)) {
    throw new Omemo2Error('authentication-failed', 'The message does not carry a valid authentication tag.');
  }
  const { ciphertext } = decodeOmemoMessage(message);
  if (!ciphertext) throw new Omemo2Error('malformed-message', 'The OMEMOMessage has no ciphertext.');
  return aesCbcDecrypt(encryptionKey, iv, ciphertext);
}
