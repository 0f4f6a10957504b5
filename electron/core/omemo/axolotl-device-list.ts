// OMEMO 0.3 device list (XEP-0384 v0.3.0 §4.2): the ids of an account's devices in one PEP item.
import xml, { type Element } from '@xmpp/xml';
import { NODE_DEVICE_LIST, NS_AXOLOTL, buildItemsRequest, buildPublish, itemPayload, parseDeviceId } from './axolotl-pubsub.ts';

/** The ids in a device list result or notification, in order, without repeats or invalid ids; undefined when it holds no list. */
export function parseDeviceList(stanza: Element): number[] | undefined {
  const list = itemPayload(stanza, NODE_DEVICE_LIST, 'list');
  if (!list) return undefined;
  const ids = list.getChildren('device').map((device) => parseDeviceId(device.attrs.id));
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}

/** Our device added to the list as published, never dropping the other devices' ids (§4.2). */
export function withOwnDevice(published: readonly number[], own: number): number[] {
  return published.includes(own) ? [...published] : [...published, own];
}

export const buildDeviceListPublish = (ids: readonly number[]): Element =>
  buildPublish(NODE_DEVICE_LIST, xml('list', { xmlns: NS_AXOLOTL }, ...ids.map((id) => xml('device', { id: String(id) }))));

/** `to` undefined asks for our own account's list. */
export const buildDeviceListRequest = (to: string | undefined): Element => buildItemsRequest(to, NODE_DEVICE_LIST);
