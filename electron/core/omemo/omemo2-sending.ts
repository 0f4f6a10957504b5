// Sending OMEMO 2 (XEP-0384 v0.8 §5.4–5.5): a session built from the device's OMEMO 2 bundle just before the first message
// (X3DH as initiator, a random one-time prekey; its key exchange goes along until the device answers), then the key||tag of
// the encrypted SCE envelope wrapped once per device, the sessions stored as they move on.
import type { Element } from '@xmpp/xml';
import type { Logger } from '../log/logger.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { DeviceAddress } from './axolotl-cipher.ts';
import { storedIdentity } from './omemo2-cipher.ts';
import { ownIdentity2 } from './omemo2-own-keys.ts';
import { buildBundleRequest, parseBundle } from './omemo2/bundle.ts';
import type { Omemo2Encrypted, RecipientKey } from './omemo2/encrypted.ts';
import { emptyKeyMaterial } from './omemo2/payload.ts';
import { parseSession, serializeSession } from './omemo2/session-codec.ts';
import { startSession, wrapKey } from './omemo2/session.ts';

export interface Sessions2Deps {
  readonly ownJid: string;
  readonly keys: OmemoKeyStore;
  readonly iq: (request: Element) => Promise<Element>;
  readonly logger: Logger;
  readonly online: () => boolean;
  readonly now: () => number;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A session with the device, built from its OMEMO 2 bundle when there is none (§5.4); false when the bundle cannot be had. */
export function sessions2With(deps: Sessions2Deps) {
  return async function ready2(device: DeviceAddress): Promise<boolean> {
    if (deps.keys.session2(device.jid, device.deviceId) !== undefined) return true;
    const identity = ownIdentity2(deps.keys);
    if (!identity) return false;
    try {
      const reply = await deps.iq(buildBundleRequest(device.jid === deps.ownJid ? undefined : device.jid, device.deviceId));
      const bundle = parseBundle(reply, device.deviceId);
      if (!bundle) return false;
      const session = startSession(identity, bundle);
      // One identity per device for both versions, in its Curve25519 form: a changed one loses the trust given to the old.
      deps.keys.putDeviceIdentity(device.jid, device.deviceId, storedIdentity(bundle.identityKey), deps.now());
      deps.keys.putSession2(device.jid, device.deviceId, serializeSession(session));
      return true;
    } catch (error) {
      if (!deps.online()) throw error;
      deps.logger.info('no OMEMO 2 session with a device', { device: device.deviceId, error: reason(error) });
      return false;
    }
  };
}

/**
 * The <encrypted> content for `devices` (§5.5.3): `keyMaterial` (the payload's key||tag) wrapped in each one's session, keys
 * grouped by bare JID; without a payload, an empty OMEMO message wrapping 32 zero bytes. Devices without a session are left out.
 */
export function encryptFor2(keys: OmemoKeyStore, sid: number, devices: readonly DeviceAddress[], payload?: { keyMaterial: Uint8Array; ciphertext: Uint8Array }): Omemo2Encrypted {
  const keyMaterial = payload?.keyMaterial ?? emptyKeyMaterial();
  const byJid = new Map<string, RecipientKey[]>();
  for (const device of devices) {
    const stored = keys.session2(device.jid, device.deviceId);
    if (stored === undefined) continue;
    const { session, key } = wrapKey(parseSession(stored), keyMaterial);
    keys.putSession2(device.jid, device.deviceId, serializeSession(session));
    byJid.set(device.jid, [...(byJid.get(device.jid) ?? []), { rid: device.deviceId, ...key }]);
  }
  return { sid, keys: byJid, ...(payload ? { payload: payload.ciphertext } : {}) };
}
