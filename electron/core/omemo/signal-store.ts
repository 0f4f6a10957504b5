// The Signal library's StorageType over one account's OMEMO key store; addresses are "<bare jid>.<device id>".
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { KeyPairType, StorageType } from './signal-library.ts';

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Splits at the last dot: a JID may hold dots, a device id never does (the library's fromString splits at the first). */
export function parseAddress(encoded: string): { jid: string; deviceId: number } {
  const dot = encoded.lastIndexOf('.');
  const deviceId = Number(encoded.slice(dot + 1));
  if (dot <= 0 || !Number.isInteger(deviceId) || deviceId <= 0) throw new Error(`Not a Signal address: ${encoded}`);
  return { jid: encoded.slice(0, dot), deviceId };
}

function keyId(id: number | string): number {
  const value = Number(id);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Not a key id: ${String(id)}`);
  return value;
}

const pair = (publicKey: Uint8Array, privateKey: Uint8Array): KeyPairType => ({ pubKey: toArrayBuffer(publicKey), privKey: toArrayBuffer(privateKey) });

/** `now` stamps a contact device's identity key the first time it is seen. */
export function createSignalStore(keys: OmemoKeyStore, now: () => number = Date.now): StorageType {
  // The library's calls are async; the store's are synchronous, so each answers at once.
  const answer = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));
  return {
    getIdentityKeyPair: () => answer(() => {
      const own = keys.identity();
      return own && pair(own.publicKey, own.privateKey);
    }),
    getLocalRegistrationId: () => answer(() => keys.identity()?.deviceId),
    // OMEMO trusts per device, and the library asks per JID (and once without awaiting the answer): the
    // OMEMO layer decides which devices to encrypt for and how to show what it decrypted (XEP-0384 §8).
    isTrustedIdentity: () => Promise.resolve(true),
    saveIdentity: (encodedAddress, publicKey) => answer(() => {
      const { jid, deviceId } = parseAddress(encodedAddress);
      return keys.putDeviceIdentity(jid, deviceId, new Uint8Array(publicKey), now()) === 'changed';
    }),
    loadPreKey: (id) => answer(() => {
      const key = keys.preKey(keyId(id));
      return key && pair(key.publicKey, key.privateKey);
    }),
    storePreKey: (id, keyPair) => answer(() => keys.putPreKeys([{ keyId: keyId(id), publicKey: new Uint8Array(keyPair.pubKey), privateKey: new Uint8Array(keyPair.privKey) }])),
    removePreKey: (id) => answer(() => keys.removePreKey(keyId(id))),
    storeSession: (encodedAddress, record) => answer(() => {
      const { jid, deviceId } = parseAddress(encodedAddress);
      keys.putSession(jid, deviceId, record);
    }),
    loadSession: (encodedAddress) => answer(() => {
      const { jid, deviceId } = parseAddress(encodedAddress);
      return keys.session(jid, deviceId);
    }),
    loadSignedPreKey: (id) => answer(() => {
      const key = keys.signedPreKey(keyId(id));
      return key && pair(key.publicKey, key.privateKey);
    }),
    storeSignedPreKey: () => Promise.reject(new Error('Signed prekeys are made with their signature by own-device.ts, not stored through the library.')),
    removeSignedPreKey: (id) => answer(() => keys.removeSignedPreKey(keyId(id))),
  };
}
