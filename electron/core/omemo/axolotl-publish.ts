// Publishing our OMEMO 0.3 device (XEP-0384 v0.3.0 §4.2–4.3): our id added to the device list as the server
// has it, and our bundle, both open to anyone; and the way back from a fetched bundle to a Signal device.
import type { Element } from '@xmpp/xml';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { StanzaError } from '../xmpp/errors.ts';
import { buildBundlePublish, type Bundle } from './axolotl-bundle.ts';
import { buildDeviceListPublish, buildDeviceListRequest, parseDeviceList, withOwnDevice } from './axolotl-device-list.ts';
import { NODE_DEVICE_LIST, buildOpenNodeConfig, bundleNode } from './axolotl-pubsub.ts';
import { ensureOwnDevice, rotateSignedPreKeyIfDue } from './own-device.ts';
import type { DeviceType } from './signal-library.ts';
import { toArrayBuffer } from './signal-store.ts';

export interface PublishDeps {
  readonly iq: (request: Element) => Promise<Element>;
  readonly keys: OmemoKeyStore;
  readonly now: () => number;
}

/** Our bundle from the key store: the newest signed prekey and every unused one-time prekey. */
export function ownBundle(keys: OmemoKeyStore): Bundle {
  const identity = keys.identity();
  const signed = keys.signedPreKeys()[0];
  if (!identity || !signed) throw new Error('There is no OMEMO identity to publish yet.');
  const preKeys = keys.preKeyIds().flatMap((id) => {
    const key = keys.preKey(id);
    return key ? [{ id, publicKey: key.publicKey }] : [];
  });
  return { signedPreKey: { id: signed.keyId, publicKey: signed.publicKey }, signedPreKeySignature: signed.signature, identityKey: identity.publicKey, preKeys };
}

/** What the library's SessionBuilder takes from a fetched bundle, with the one-time prekey the caller picked. */
export function deviceFromBundle(bundle: Bundle, deviceId: number, preKeyId: number | undefined): DeviceType {
  const preKey = bundle.preKeys.find((key) => key.id === preKeyId);
  return {
    identityKey: toArrayBuffer(bundle.identityKey),
    signedPreKey: { keyId: bundle.signedPreKey.id, publicKey: toArrayBuffer(bundle.signedPreKey.publicKey), signature: toArrayBuffer(bundle.signedPreKeySignature) },
    ...(preKey ? { preKey: { keyId: preKey.id, publicKey: toArrayBuffer(preKey.publicKey) } } : {}),
    registrationId: deviceId,
  };
}

/** Our device list as the server has it; a node never published yet is an empty list (XEP-0060 §6.5.9.11). */
export async function fetchOwnDeviceList(iq: PublishDeps['iq']): Promise<number[]> {
  try {
    return parseDeviceList(await iq(buildDeviceListRequest(undefined))) ?? [];
  } catch (error) {
    if (error instanceof StanzaError && error.condition === 'item-not-found') return [];
    throw error;
  }
}

/**
 * Publishes with the open access model; when the node exists with another one (made by another client), the server
 * refuses the options (XEP-0060 §7.1.5): the node is reconfigured open and the publish tried once more.
 */
export async function publishOpen(iq: PublishDeps['iq'], node: string, request: Element, manyItems = false): Promise<void> {
  try {
    await iq(request);
  } catch (error) {
    if (!(error instanceof StanzaError) || (error.condition !== 'conflict' && error.condition !== 'precondition-not-met')) throw error;
    await iq(buildOpenNodeConfig(node, manyItems));
    await iq(request);
  }
}

/** Makes our device if needed, publishes its bundle, then adds it to the device list when missing; returns the list. */
export async function publishOwnDevice({ iq, keys, now }: PublishDeps): Promise<{ deviceId: number; devices: number[] }> {
  const { deviceId } = await ensureOwnDevice(keys, now());
  await rotateSignedPreKeyIfDue(keys, now());
  // The bundle first: a contact who sees our id in the list fetches it at once.
  await publishOpen(iq, bundleNode(deviceId), buildBundlePublish(deviceId, ownBundle(keys)));
  const published = await fetchOwnDeviceList(iq);
  const devices = withOwnDevice(published, deviceId);
  if (devices.length !== published.length) await publishOpen(iq, NODE_DEVICE_LIST, buildDeviceListPublish(devices));
  return { deviceId, devices };
}
