// Which OMEMO version each device gets (version-choice.ts, XEP-0384 v0.8 §5.5.2): OMEMO 2 for a device on its list (on
// both lists too), 0.3 for one only on the 0.3 list, 0.3 again for a device on both whose OMEMO 2 bundle cannot be had;
// a device is counted once, and only once it has a session is its trust asked.
import { describe, expect, it } from 'vitest';
import type { DeviceAddress } from '../../../electron/core/omemo/axolotl-cipher.ts';
import { uniteLists } from '../../../electron/core/omemo/device-lists.ts';
import { devicesByVersion, listedIds, versionsFor } from '../../../electron/core/omemo/version-choice.ts';

const jid = 'bob@example.org';
const ids = (devices: readonly DeviceAddress[]) => devices.map((device) => device.deviceId);

describe('choosing the OMEMO version per device', () => {
  it('prefers OMEMO 2 for a device on both lists, and tries each version only where the device is listed', () => {
    expect(versionsFor(1, [1, 2], [1, 3])).toEqual(['omemo2', 'axolotl']);
    expect(versionsFor(2, [1, 2], [1, 3])).toEqual(['axolotl']);
    expect(versionsFor(3, [1, 2], [1, 3])).toEqual(['omemo2']);
    expect(versionsFor(4, [1, 2], [1, 3])).toEqual([]);
    expect(listedIds([1, 2], [3, 1])).toEqual([1, 2, 3]);
  });

  it('splits the devices into one version each: mixed recipients make both elements', async () => {
    const asked: string[] = [];
    const ready = (version: string, without: number[] = []) => (device: DeviceAddress) => {
      asked.push(`${version} ${String(device.deviceId)}`);
      return Promise.resolve(!without.includes(device.deviceId));
    };
    // Device 1 is on both lists, 2 on 0.3 only, 3 on OMEMO 2 only, 4 on both but its OMEMO 2 bundle is missing.
    const chosen = await devicesByVersion(jid, { axolotl: [1, 2, 4], omemo2: [1, 3, 4] }, { axolotl: ready('axolotl'), omemo2: ready('omemo2', [4]) }, () => true);
    expect(ids(chosen.omemo2)).toEqual([1, 3]);
    expect(ids(chosen.axolotl)).toEqual([2, 4]);
    expect(chosen.omemo2[0]?.jid).toBe(jid);
    // No 0.3 session is built for a device OMEMO 2 serves.
    expect(asked).toEqual(['omemo2 1', 'axolotl 2', 'omemo2 4', 'axolotl 4', 'omemo2 3']);
  });

  it('leaves out a device it cannot trust or reach in any version, without trying the other version for a distrusted one', async () => {
    const asked: string[] = [];
    const ready = (version: string) => (device: DeviceAddress) => {
      asked.push(`${version} ${String(device.deviceId)}`);
      return Promise.resolve(device.deviceId !== 7);
    };
    const chosen = await devicesByVersion(jid, { axolotl: [5, 7], omemo2: [5, 6, 7] }, { axolotl: ready('axolotl'), omemo2: ready('omemo2') }, (id) => id !== 5);
    expect(ids(chosen.omemo2)).toEqual([6]);
    expect(ids(chosen.axolotl)).toEqual([]);
    expect(asked).toEqual(['omemo2 5', 'omemo2 7', 'axolotl 7', 'omemo2 6']);
  });

  it('shows the devices of both lists as one, known once either list was seen', async () => {
    const lists = (known: Record<string, number[]>) => ({ known: (who: string) => known[who], devices: (who: string) => Promise.resolve(known[who] ?? []) });
    const united = uniteLists(lists({ [jid]: [1, 2] }), lists({ [jid]: [2, 3], 'carol@example.org': [9] }));
    expect(united.known(jid)).toEqual([1, 2, 3]);
    expect(united.known('carol@example.org')).toEqual([9]);
    expect(united.known('dave@example.org')).toBeUndefined();
    expect(await united.devices(jid)).toEqual([1, 2, 3]);
  });
});
