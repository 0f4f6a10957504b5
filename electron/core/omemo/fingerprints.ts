// Fingerprints and trust of an account's OMEMO devices (XEP-0384 v0.3.0 §8): the identity key shown as other clients show it
// (hex without the 0x05 type byte, in groups of 8), its trust decision, and whether we encrypt for it.
import type { Element } from '@xmpp/xml';
import type { OmemoDevice } from '../../../shared/model/encryption.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { buildBundleRequest, parseBundle, type Bundle } from './axolotl-bundle.ts';
import type { DeviceLists } from './device-lists.ts';
import { isTrusted } from './trust.ts';

export function fingerprint(identityKey: Uint8Array): string {
  const key = identityKey.length === 33 ? identityKey.subarray(1) : identityKey;
  return (Buffer.from(key).toString('hex').match(/.{1,8}/g) ?? []).join(' ');
}

export interface FingerprintDeps {
  readonly ownJid: string;
  readonly keys: OmemoKeyStore;
  readonly lists: DeviceLists;
  readonly iq: (request: Element) => Promise<Element>;
  readonly now: () => number;
}

async function bundleOf(deps: FingerprintDeps, jid: string, deviceId: number): Promise<Bundle | undefined> {
  try {
    return parseBundle(await deps.iq(buildBundleRequest(jid === deps.ownJid ? undefined : jid, deviceId)), deviceId);
  } catch {
    // Not published, or not readable: the device is listed without a fingerprint.
    return undefined;
  }
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
      const bundle = await bundleOf(deps, jid, id);
      if (bundle) keys.putDeviceIdentity(jid, id, bundle.identityKey, deps.now());
    }
  }
  const identities = keys.deviceIdentities(jid);
  const dismissed = keys.dismissedBanners(jid);
  return ids.map((deviceId) => {
    const identity = identities.find((each) => each.deviceId === deviceId);
    return {
      deviceId,
      ...(identity ? { fingerprint: fingerprint(identity.identityKey) } : {}),
      trust: identity?.trust ?? 'undecided',
      used: isTrusted(identities, deviceId),
      ...(identity?.lastSeen === undefined ? {} : { lastSeen: identity.lastSeen }),
      ...(dismissed.includes(deviceId) ? { bannerDismissed: true } : {}),
    };
  });
}
