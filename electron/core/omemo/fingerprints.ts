// Fingerprints and trust of an account's OMEMO devices (XEP-0384 v0.3.0 §8, v0.8 §8): the identity key shown as other clients
// show it (hex of its Curve25519 form without the 0x05 type byte, in groups of 8), its trust decision, and whether we encrypt
// for it; the devices of both versions' lists, one trust per device.
import type { Element } from '@xmpp/xml';
import type { OmemoDevice } from '../../../shared/model/encryption.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { buildBundleRequest, parseBundle } from './axolotl-bundle.ts';
import type { ListedDevices } from './device-lists.ts';
import type { OmemoVersion } from './omemo-profile.ts';
import { storedIdentity } from './omemo2-cipher.ts';
import { buildBundleRequest as buildBundleRequest2, parseBundle as parseBundle2 } from './omemo2/bundle.ts';
import { isTrusted } from './trust.ts';

export function fingerprint(identityKey: Uint8Array): string {
  const key = identityKey.length === 33 ? identityKey.subarray(1) : identityKey;
  return (Buffer.from(key).toString('hex').match(/.{1,8}/g) ?? []).join(' ');
}

export interface FingerprintDeps {
  readonly ownJid: string;
  readonly keys: OmemoKeyStore;
  /** Both versions' lists as one. */
  readonly lists: ListedDevices;
  readonly iq: (request: Element) => Promise<Element>;
  readonly now: () => number;
  /** The version spoken with a device, from the lists as last seen (version-choice.ts); undefined when on neither. */
  readonly versionOf?: (jid: string, deviceId: number) => OmemoVersion | undefined;
}

/** The device's identity key as stored (Curve25519, type byte first): from its 0.3 bundle, else its OMEMO 2 one. */
async function identityOf(deps: FingerprintDeps, jid: string, deviceId: number): Promise<Uint8Array | undefined> {
  const to = jid === deps.ownJid ? undefined : jid;
  // Not published, or not readable: the device is listed without a fingerprint.
  const ask = (request: Element) => deps.iq(request).catch((): undefined => undefined);
  const reply = await ask(buildBundleRequest(to, deviceId));
  const bundle = reply && parseBundle(reply, deviceId);
  if (bundle) return bundle.identityKey;
  const reply2 = await ask(buildBundleRequest2(to, deviceId));
  const bundle2 = reply2 && parseBundle2(reply2, deviceId);
  return bundle2 ? storedIdentity(bundle2.identityKey) : undefined;
}

/** The devices in `jid`'s list (ours but this one, for our own JID); identity keys read from bundles not seen yet. */
export async function devicesOf(deps: FingerprintDeps, jid: string, online: boolean): Promise<OmemoDevice[]> {
  const { keys } = deps;
  const own = keys.identity()?.deviceId;
  const listed = online ? await deps.lists.devices(jid).catch(() => deps.lists.known(jid) ?? []) : (deps.lists.known(jid) ?? []);
  const ids = listed.filter((id) => jid !== deps.ownJid || id !== own);
  if (online) {
    for (const id of ids) {
      if (keys.deviceIdentity(jid, id)) continue;
      const identity = await identityOf(deps, jid, id);
      if (identity) keys.putDeviceIdentity(jid, id, identity, deps.now());
    }
  }
  const identities = keys.deviceIdentities(jid);
  const dismissed = keys.dismissedBanners(jid);
  return ids.map((deviceId) => {
    const identity = identities.find((each) => each.deviceId === deviceId);
    const version = deps.versionOf?.(jid, deviceId);
    return {
      deviceId,
      ...(identity ? { fingerprint: fingerprint(identity.identityKey) } : {}),
      trust: identity?.trust ?? 'undecided',
      used: isTrusted(identities, deviceId),
      ...(identity?.lastSeen === undefined ? {} : { lastSeen: identity.lastSeen }),
      ...(dismissed.includes(deviceId) ? { bannerDismissed: true } : {}),
      ...(version === undefined ? {} : { version }),
    };
  });
}
