// Which OMEMO version each device of an account gets (XEP-0384 v0.8 §5.5.2: only the devices on a version's list count for
// it): a device on the OMEMO 2 list gets OMEMO 2 (we speak both), one on the 0.3 list only gets 0.3, and a device on both
// whose OMEMO 2 session cannot be had (no bundle) falls back to 0.3. One stanza may so carry both <encrypted> elements.
import type { DeviceAddress } from './axolotl-cipher.ts';
import type { OmemoVersion } from './omemo-profile.ts';

/** The devices a message is encrypted for, by version. */
export interface Recipients {
  readonly axolotl: readonly DeviceAddress[];
  readonly omemo2: readonly DeviceAddress[];
}

export const noRecipients: Recipients = { axolotl: [], omemo2: [] };

/** The versions to try for device `id`, preferred first; empty when it is on neither list. */
export function versionsFor(id: number, axolotl: readonly number[], omemo2: readonly number[]): OmemoVersion[] {
  return [...(omemo2.includes(id) ? (['omemo2'] as const) : []), ...(axolotl.includes(id) ? (['axolotl'] as const) : [])];
}

/** Every device on either list, once: the 0.3 list's order, then those only on the OMEMO 2 list. */
export const listedIds = (axolotl: readonly number[], omemo2: readonly number[]): number[] => [...new Set([...axolotl, ...omemo2])];

/** A session with the device in that version, built from its bundle when there is none; false when it cannot be had. */
export type SessionReady = Readonly<Record<OmemoVersion, (device: DeviceAddress) => Promise<boolean>>>;

/**
 * The devices of `jid` to encrypt for, each with one version: the first of `versionsFor` with a session; `trusted` is asked
 * once a session is there (building it stores the device's identity, which trust is decided on).
 */
export async function devicesByVersion(
  jid: string,
  lists: { readonly axolotl: readonly number[]; readonly omemo2: readonly number[] },
  ready: SessionReady,
  trusted: (deviceId: number) => boolean,
): Promise<Recipients> {
  const chosen: Record<OmemoVersion, DeviceAddress[]> = { axolotl: [], omemo2: [] };
  for (const deviceId of listedIds(lists.axolotl, lists.omemo2)) {
    const device = { jid, deviceId };
    for (const version of versionsFor(deviceId, lists.axolotl, lists.omemo2)) {
      if (!(await ready[version](device))) continue;
      if (trusted(deviceId)) chosen[version].push(device);
      break;
    }
  }
  return chosen;
}

export const joinRecipients = (...all: readonly Recipients[]): Recipients => ({ axolotl: all.flatMap((r) => r.axolotl), omemo2: all.flatMap((r) => r.omemo2) });

export const recipientCount = (recipients: Recipients): number => recipients.axolotl.length + recipients.omemo2.length;
