// Publishing our device for OMEMO 2 (XEP-0384 v0.8 §5.3) beside OMEMO 0.3, with the same device id and the same keys
// (omemo2-own-keys.ts): the bundle as an item of the shared bundles node, our id added to the OMEMO 2 device list.
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { StanzaError } from '../xmpp/errors.ts';
import { publishOpen, type PublishDeps } from './axolotl-publish.ts';
import { buildBundlePublish } from './omemo2/bundle.ts';
import { buildDevicesPublish, buildDevicesRequest, parseDevices, type ListedDevice } from './omemo2/device-list.ts';
import { NODE_BUNDLES, NODE_DEVICES } from './omemo2/namespaces.ts';
import { ownBundle2 } from './omemo2-own-keys.ts';

/** Our bundle as an item of the shared bundles node, named by our device id, open to anyone. */
export const publishBundle2 = (iq: PublishDeps['iq'], keys: OmemoKeyStore, deviceId: number): Promise<void> =>
  publishOpen(iq, NODE_BUNDLES, buildBundlePublish(deviceId, ownBundle2(keys)), true);

/** Our OMEMO 2 device list as the server has it; a node never published yet is an empty list (XEP-0060 §6.5.9.11). */
export async function fetchOwnDevices2(iq: PublishDeps['iq']): Promise<ListedDevice[]> {
  try {
    return parseDevices(await iq(buildDevicesRequest(undefined))) ?? [];
  } catch (error) {
    if (error instanceof StanzaError && error.condition === 'item-not-found') return [];
    throw error;
  }
}

/** The list with our device added when missing, the others kept as they are (labels included). */
export const withOwnDevice2 = (devices: readonly ListedDevice[], deviceId: number): ListedDevice[] =>
  devices.some((device) => device.id === deviceId) ? [...devices] : [...devices, { id: deviceId }];

/** Publishes our bundle (an identity made already by the 0.3 side), then adds our id to the list when missing; returns the list. */
export async function publishOwnDevice2({ iq, keys }: Omit<PublishDeps, 'now'>, deviceId: number): Promise<ListedDevice[]> {
  // The bundle first: a contact who sees our id in the list fetches it at once.
  await publishBundle2(iq, keys, deviceId);
  const published = await fetchOwnDevices2(iq);
  const devices = withOwnDevice2(published, deviceId);
  if (devices.length !== published.length) await publishOpen(iq, NODE_DEVICES, buildDevicesPublish(devices));
  return devices;
}
