// OMEMO 0.3 messages over Signal sessions (XEP-0384 v0.3.0 §4.4–4.6): sessions started from fetched bundles,
// a payload encrypted once and its key||tag wrapped per device, and the way back for our device.
import { randomBytes, randomInt } from 'node:crypto';
import type { Bundle } from './axolotl-bundle.ts';
import type { AxolotlEncrypted, WrappedKey } from './axolotl-encrypted.ts';
import { decryptPayload, encryptPayload, ivLength, keyLength, tagLength } from './axolotl-payload.ts';
import { deviceFromBundle } from './axolotl-publish.ts';
import { SessionBuilder, SessionCipher, SignalProtocolAddress, type StorageType } from './signal-library.ts';
import { toArrayBuffer } from './signal-store.ts';

export interface DeviceAddress {
  readonly jid: string;
  readonly deviceId: number;
}

// The library's PreKeyWhisperMessage type (a message that starts a session).
const preKeyMessageType = 3;

const address = ({ jid, deviceId }: DeviceAddress) => new SignalProtocolAddress(jid, deviceId);

/** Starts a session with a device from its bundle, using one of its one-time prekeys at random (§4.4). */
export async function startSession(store: StorageType, device: DeviceAddress, bundle: Bundle): Promise<void> {
  const preKey = bundle.preKeys.length > 0 ? bundle.preKeys[randomInt(bundle.preKeys.length)] : undefined;
  await new SessionBuilder(store, address(device)).processPreKey(deviceFromBundle(bundle, device.deviceId, preKey?.id));
}

export async function hasSession(store: StorageType, device: DeviceAddress): Promise<boolean> {
  return new SessionCipher(store, address(device)).hasOpenSession();
}

export interface Encrypted {
  readonly encrypted: AxolotlEncrypted;
  /** Devices left out because no session with them is open (their bundle is needed first). */
  readonly withoutSession: readonly DeviceAddress[];
}

/** Encrypts `plaintext` for every device given; without plaintext, a key transport message (§4.6). */
export async function encryptFor(store: StorageType, ownDeviceId: number, devices: readonly DeviceAddress[], plaintext?: Uint8Array): Promise<Encrypted> {
  const sealed = plaintext === undefined ? undefined : encryptPayload(plaintext);
  return wrapFor(store, ownDeviceId, devices, sealed?.keyAndTag ?? randomBytes(keyLength + tagLength), sealed?.iv ?? randomBytes(ivLength), sealed?.ciphertext);
}

/** The key material wrapped by each device's session, beside the IV (and the payload it opens, if any). */
export async function wrapFor(store: StorageType, ownDeviceId: number, devices: readonly DeviceAddress[], keyAndTag: Uint8Array, iv: Uint8Array, payload?: Uint8Array): Promise<Encrypted> {
  const keys: WrappedKey[] = [];
  const withoutSession: DeviceAddress[] = [];
  for (const device of devices) {
    if (!(await hasSession(store, device))) {
      withoutSession.push(device);
      continue;
    }
    const message = await new SessionCipher(store, address(device)).encrypt(toArrayBuffer(keyAndTag));
    // The library gives the serialized Signal message as a binary string.
    keys.push({ rid: device.deviceId, prekey: message.type === preKeyMessageType, data: new Uint8Array(Buffer.from(message.body ?? '', 'binary')) });
  }
  return { encrypted: { sid: ownDeviceId, keys, iv, ...(payload ? { payload } : {}) }, withoutSession };
}

export type Decrypted =
  | { readonly kind: 'message'; readonly plaintext: Uint8Array; readonly prekey: boolean; readonly key: Uint8Array }
  /** `key`: the key material the session unwrapped, for the protocol the message carries it for (e.g. XEP-0396). */
  | { readonly kind: 'key-transport'; readonly prekey: boolean; readonly key: Uint8Array }
  /** The message holds no key for our device: another of our devices, or a sender that does not know ours yet. */
  | { readonly kind: 'not-for-this-device' }
  /** Shown as "could not decrypt this message (from device N)"; `reason` is for the log only. */
  | { readonly kind: 'undecryptable'; readonly deviceId: number; readonly reason: string };

/** Opens what `sender` sent to our device; a PreKeySignalMessage consumes one of our one-time prekeys (`prekey`). */
export async function decryptFrom(store: StorageType, ownDeviceId: number, sender: string, encrypted: AxolotlEncrypted): Promise<Decrypted> {
  const key = encrypted.keys.find((candidate) => candidate.rid === ownDeviceId);
  if (!key) return { kind: 'not-for-this-device' };
  const cipher = new SessionCipher(store, address({ jid: sender, deviceId: encrypted.sid }));
  try {
    const message = toArrayBuffer(key.data);
    const unwrapped = new Uint8Array(key.prekey ? await cipher.decryptPreKeyWhisperMessage(message) : await cipher.decryptWhisperMessage(message));
    if (encrypted.payload === undefined) return { kind: 'key-transport', prekey: key.prekey, key: unwrapped };
    return { kind: 'message', plaintext: decryptPayload(unwrapped, encrypted.iv, encrypted.payload), prekey: key.prekey, key: unwrapped };
  } catch (error) {
    return { kind: 'undecryptable', deviceId: encrypted.sid, reason: error instanceof Error ? error.message : String(error) };
  }
}
