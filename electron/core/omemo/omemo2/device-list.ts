// The OMEMO 2 device list (XEP-0384 v0.8 §5.3.1): <devices><device id label?/></devices> in the item "current".
import xml, { type Element } from '@xmpp/xml';
import { parseDeviceId } from '../axolotl-pubsub.ts';
import type { DeviceListFormat } from '../device-lists.ts';
import { NODE_DEVICES, NS_OMEMO2 } from './namespaces.ts';
import { buildItemRequest, buildPublish, itemPayload } from './pubsub.ts';

export interface ListedDevice {
  readonly id: number;
  /** A name the user gave the device, when it has one. */
  readonly label?: string | undefined;
}

export const buildDevices = (devices: readonly ListedDevice[]): Element =>
  xml('devices', { xmlns: NS_OMEMO2 }, ...devices.map((d) => xml('device', d.label === undefined ? { id: String(d.id) } : { id: String(d.id), label: d.label })));

/** The devices of a list result or notification, in order, without repeats or invalid ids; undefined when it holds no list. */
export function parseDevices(stanza: Element): ListedDevice[] | undefined {
  const devices = itemPayload(stanza, NODE_DEVICES, 'devices');
  if (!devices) return undefined;
  const seen = new Set<number>();
  return devices.getChildren('device').flatMap((device) => {
    const id = parseDeviceId(device.attrs.id);
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    const label = device.attrs.label;
    return [label === undefined ? { id } : { id, label }];
  });
}

export const buildDevicesPublish = (devices: readonly ListedDevice[]): Element => buildPublish(NODE_DEVICES, 'current', buildDevices(devices), false);

/** `to` undefined asks for our own account's list. */
export const buildDevicesRequest = (to: string | undefined): Element => buildItemRequest(to, NODE_DEVICES);

/** OMEMO 2's lists for the device list keeper (device-lists.ts), as ids. */
export const omemo2DeviceLists: DeviceListFormat = { parse: (stanza) => parseDevices(stanza)?.map((device) => device.id), request: buildDevicesRequest };
