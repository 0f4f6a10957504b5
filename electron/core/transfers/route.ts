// Which way a file goes (issue 13 points 2 and 4): by Jingle (XEP-0234) to a contact's online device that advertises
// file transfer in disco#info (XEP-0030), else by HTTP upload (XEP-0363): rooms, offline contacts, clients without it.
import type { SendMethod } from '../../../shared/model/transfer.ts';
import { NS_JINGLE_FT } from '../jingle/file-stanzas.ts';
import { NS_JET, NS_JET_OMEMO } from '../jingle/jet/jet-stanzas.ts';

export interface Device {
  /** The full JID of one of the contact's online resources, the most available first. */
  readonly jid: string;
  /** XEP-0234 §10: a device that takes Jingle file offers advertises its namespace. */
  readonly features: readonly string[];
}

/** `jet`: the device takes transports encrypted with OMEMO (XEP-0391 §6, XEP-0396 §5). */
export type Route = { readonly kind: 'jingle'; readonly to: string; readonly jet: boolean } | { readonly kind: 'upload' } | { readonly kind: 'none'; readonly why: 'room' | 'noDevice' };

export function chooseRoute(args: { readonly method: SendMethod; readonly room: boolean; readonly devices: readonly Device[] }): Route {
  if (args.method === 'upload') return { kind: 'upload' };
  const device = args.room ? undefined : args.devices.find((each) => each.features.includes(NS_JINGLE_FT));
  if (device) return { kind: 'jingle', to: device.jid, jet: device.features.includes(NS_JET) && device.features.includes(NS_JET_OMEMO) };
  if (args.method === 'jingle') return { kind: 'none', why: args.room ? 'room' : 'noDevice' };
  return { kind: 'upload' };
}
