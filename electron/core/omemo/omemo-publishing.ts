// Our OMEMO device on one account's session, for both versions (XEP-0384 v0.3.0 §4.2–4.3, v0.8 §5.3): published once per
// fresh session, put back in a list another client replaced without it, its bundles published again when one-time
// prekeys were used (both versions share them) or the signed prekey was rotated.
import type { Logger } from '../log/logger.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { buildBundlePublish } from './axolotl-bundle.ts';
import { buildDeviceListPublish, withOwnDevice } from './axolotl-device-list.ts';
import { ownBundle, publishOpen, publishOwnDevice, type PublishDeps } from './axolotl-publish.ts';
import { NODE_DEVICE_LIST, bundleNode } from './axolotl-pubsub.ts';
import type { DeviceLists } from './device-lists.ts';
import { fetchOwnDevices2, publishBundle2, publishOwnDevice2, withOwnDevice2 } from './omemo2-publish.ts';
import { buildDevicesPublish } from './omemo2/device-list.ts';
import { NODE_DEVICES } from './omemo2/namespaces.ts';
import { rotateSignedPreKeyIfDue, topUpPreKeys } from './own-device.ts';

export interface PublishingDeps {
  readonly ownJid: string;
  readonly iq: PublishDeps['iq'];
  readonly keys: OmemoKeyStore;
  /** The device lists kept for each version: told what we publish for our own account. */
  readonly lists: { readonly axolotl: DeviceLists; readonly omemo2: DeviceLists };
  readonly logger: Logger;
  readonly now: () => number;
}

const ROTATION_CHECK_MS = 6 * 60 * 60_000;

export function setupPublishing(deps: PublishingDeps) {
  const { iq, keys, lists, now } = deps;
  const warn = (what: string) => (error: unknown) => deps.logger.warn(what, { error: error instanceof Error ? error.message : String(error) });

  /** Settles with our device id once this session published it (or failed to: the id is ours all the same). */
  let published: Promise<number> | undefined;

  /** This session's publication of our device, started once (by the session's start, or earlier by a message that needs it). */
  function publish(): Promise<number> {
    published ??= publishOwnDevice({ iq, keys, now })
      .then(async ({ deviceId, devices }) => {
        lists.axolotl.learn(deps.ownJid, devices);
        // OMEMO 2 beside it, with the same id and keys; a failure there leaves OMEMO 0.3 working.
        await publishOwnDevice2({ iq, keys }, deviceId)
          .then((listed) => lists.omemo2.learn(deps.ownJid, listed.map((device) => device.id)))
          .catch(warn('our OMEMO 2 device could not be published'));
        return deviceId;
      })
      .catch((error: unknown) => {
        warn('our OMEMO device could not be published')(error);
        const id = keys.identity()?.deviceId;
        if (id === undefined) throw error;
        return id;
      });
    return published;
  }

  /** Both bundles from the key store, published again. */
  async function publishBundles(deviceId: number): Promise<void> {
    await publishOpen(iq, bundleNode(deviceId), buildBundlePublish(deviceId, ownBundle(keys)));
    await publishBundle2(iq, keys, deviceId);
  }

  /** §4.2 (v0.8 §5.3.1): another client replaced our list without our device: we add ourselves back, once published. */
  function ownListChanged(version: 'axolotl' | 'omemo2', devices: readonly number[]): void {
    const own = keys.identity()?.deviceId;
    if (own === undefined || devices.includes(own) || !published) return;
    const putBack =
      version === 'axolotl'
        ? publishOpen(iq, NODE_DEVICE_LIST, buildDeviceListPublish(withOwnDevice(devices, own)))
        : // The list read again, so that the other devices' labels are kept.
          fetchOwnDevices2(iq).then((listed) => publishOpen(iq, NODE_DEVICES, buildDevicesPublish(withOwnDevice2(listed, own))));
    void putBack.catch(warn('our OMEMO device could not be added back to the list'));
  }

  // §4.3/§5.3: a message used one of our one-time prekeys: new ones are made and the bundles published again, once for a
  // burst of them (an archive page may hold many).
  let replenishing: Promise<void> | undefined;
  let again = false;
  function replenish(): void {
    if (replenishing) {
      again = true;
      return;
    }
    replenishing = (async () => {
      do {
        again = false;
        const made = await topUpPreKeys(keys);
        const id = keys.identity()?.deviceId;
        if (made > 0 && id !== undefined) await publishBundles(id);
      } while (again);
    })()
      .catch(warn('our OMEMO prekeys could not be replenished'))
      .finally(() => (replenishing = undefined));
  }

  // A connection that stays up for weeks still rotates the signed prekey when it is due (checked every few hours).
  const rotation = setInterval(() => {
    const id = keys.identity()?.deviceId;
    if (id === undefined || !published) return;
    void rotateSignedPreKeyIfDue(keys, now())
      .then((rotated) => (rotated ? publishBundles(id) : undefined))
      .catch(warn('our OMEMO signed prekey could not be rotated'));
  }, ROTATION_CHECK_MS);
  rotation.unref?.();

  return {
    publish,
    /** Our device id; made and published first when this session has not yet. */
    ownDevice: (): Promise<number> => {
      const id = keys.identity()?.deviceId;
      return id !== undefined ? Promise.resolve(id) : publish();
    },
    ownListChanged,
    replenish,
    /** Settles once the replenishing under way (if any) is done; for tests. */
    replenished: (): Promise<void> => replenishing ?? Promise.resolve(),
    /** A fresh session publishes again. */
    reset(): void {
      published = undefined;
    },
    dispose: () => clearInterval(rotation),
  };
}
