// Device lists of our contacts and of our own account (XEP-0384 v0.3.0 §4.2, v0.8 §5.3.1 for OMEMO 2): kept from PEP
// notifications (+notify in our caps, XEP-0163 §4.3) and fetched on demand; a list missing our own device gets it back.
import type { Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import type { Logger } from '../log/logger.ts';
import type { Connection } from '../xmpp/connection.ts';
import { StanzaError } from '../xmpp/errors.ts';
import { buildDeviceListRequest, parseDeviceList } from './axolotl-device-list.ts';
import { NS_PUBSUB_EVENT } from './axolotl-pubsub.ts';
import { listedIds } from './version-choice.ts';

export interface DeviceListsDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'pipeline' | 'iq'>;
  readonly logger: Logger;
  /** A list changed (a notification, or a fetch that found it different). */
  readonly onChange: (jid: string, devices: readonly number[]) => void;
  /** Which version's lists: OMEMO 0.3's unless given. */
  readonly format?: DeviceListFormat;
}

export interface DeviceListFormat {
  /** The ids of the list in an items result or notification; undefined when it holds none of this version's. */
  readonly parse: (stanza: Element) => readonly number[] | undefined;
  /** `to` undefined asks for our own account's list. */
  readonly request: (to: string | undefined) => Element;
}

const axolotlLists: DeviceListFormat = { parse: parseDeviceList, request: buildDeviceListRequest };

/**
 * Conditions that mean the account has no list (XEP-0060 §6.5.9.11), no PEP service to hold one, none we may read, or no
 * server at all (RFC 6120 §8.3.3.16: nothing sent there can arrive, encrypted or not).
 */
const noList = new Set(['item-not-found', 'service-unavailable', 'feature-not-implemented', 'forbidden', 'remote-server-not-found']);

const bareOf = (from: string | undefined): string | undefined => {
  const parsed = parseJid(from ?? '');
  return parsed.ok ? formatJid(bareJid(parsed.jid)) : undefined;
};

/** A fetched empty list is asked again after this: a stranger who starts OMEMO sends us no notification. */
const EMPTY_KEPT_MS = 60_000;
/** A message from a device missing from a list asks for that list again at most this often per account. */
export const UNLISTED_REFETCH_MS = 5 * 60_000;

export function setupDeviceLists(deps: DeviceListsDeps) {
  const format = deps.format ?? axolotlLists;
  const known = new Map<string, readonly number[]>();
  /** When an empty list was fetched, by JID. */
  const emptySince = new Map<string, number>();
  /** When each list was last seen (fetched or notified). */
  const learnedAt = new Map<string, number>();
  const fetching = new Map<string, Promise<readonly number[]>>();
  /** When a list was last asked for again because a message came from a device not on it, by JID. */
  const unlistedAt = new Map<string, number>();

  function learn(jid: string, devices: readonly number[]): void {
    emptySince.delete(jid);
    learnedAt.set(jid, Date.now());
    const before = known.get(jid);
    known.set(jid, devices);
    if (before?.join() !== devices.join()) deps.onChange(jid, devices);
  }

  const removeEvents = deps.connection.pipeline.handle({ stanza: 'message', child: { name: 'event', xmlns: NS_PUBSUB_EVENT } }, (stanza: Element) => {
    const devices = format.parse(stanza);
    // PEP notifications come from the account's bare JID; our own server sends ours without a from.
    const jid = stanza.attrs.from === undefined ? deps.ownJid : bareOf(stanza.attrs.from);
    if (devices === undefined || jid === undefined) return;
    learn(jid, devices);
  });

  async function fetch(jid: string): Promise<readonly number[]> {
    try {
      const devices = format.parse(await deps.connection.iq(format.request(jid === deps.ownJid ? undefined : jid), 15_000)) ?? [];
      learn(jid, devices);
      if (devices.length === 0) emptySince.set(jid, Date.now());
      return devices;
    } catch (error) {
      if (!(error instanceof StanzaError) || !noList.has(error.condition)) throw error;
      learn(jid, []);
      emptySince.set(jid, Date.now());
      return [];
    }
  }

  function refresh(jid: string): Promise<readonly number[]> {
    const running = fetching.get(jid) ?? fetch(jid).finally(() => fetching.delete(jid));
    fetching.set(jid, running);
    return running;
  }

  return {
    /** The list as last seen, undefined when never seen in this session. */
    known: (jid: string): readonly number[] | undefined => known.get(jid),
    /**
     * The list as last seen, else fetched once (several callers share one request); `maxAgeMs` asks again for one seen
     * longer ago (a room member who is no contact sends us no notification of a change).
     */
    devices(jid: string, maxAgeMs?: number): Promise<readonly number[]> {
      const seen = known.get(jid);
      const now = Date.now();
      const stale = now - (emptySince.get(jid) ?? now) > EMPTY_KEPT_MS || (maxAgeMs !== undefined && now - (learnedAt.get(jid) ?? now) > maxAgeMs);
      if (seen && !stale) return Promise.resolve(seen);
      const running = fetching.get(jid) ?? fetch(jid).finally(() => fetching.delete(jid));
      fetching.set(jid, running);
      return running;
    },
    /** The list read again from the server (a room member who just came in may have changed it unseen). */
    refresh,
    /**
     * A message came from `deviceId` of `jid` (XEP-0384 v0.8 §6, v0.3.0 alike): when the list we hold lacks it, the list is
     * read again, so that a new device is learnt without a notification (no presence subscription); at most once per
     * account every UNLISTED_REFETCH_MS (one never read is read at once). Resolves to whether it was read.
     */
    async heardFrom(jid: string, deviceId: number, now: number = Date.now()): Promise<boolean> {
      const seen = known.get(jid);
      // A list never read yet is read once, outside the bound: it is no re-reading, and must not delay one for a new device.
      if (seen === undefined) {
        await refresh(jid);
        return true;
      }
      if (seen.includes(deviceId)) return false;
      const last = unlistedAt.get(jid);
      if (last !== undefined && now - last < UNLISTED_REFETCH_MS) return false;
      unlistedAt.set(jid, now);
      await refresh(jid);
      return true;
    },
    /** What a fresh session publishes or reads for our own account. */
    learn,
    /** A fresh session: notifications may have been missed while offline. */
    forget(): void {
      known.clear();
      emptySince.clear();
      learnedAt.clear();
    },
    dispose: removeEvents,
  };
}

export type DeviceLists = ReturnType<typeof setupDeviceLists>;

/** What is read of an account's devices in either version: the OMEMO 0.3 and OMEMO 2 lists as one (each id once). */
export type ListedDevices = Pick<DeviceLists, 'known' | 'devices'>;

/** Both lists as one: known when either was seen; fetched side by side, a list that cannot be read failing the whole. */
export function uniteLists(axolotl: ListedDevices, omemo2: ListedDevices): ListedDevices {
  return {
    known(jid) {
      const [a, b] = [axolotl.known(jid), omemo2.known(jid)];
      return a === undefined && b === undefined ? undefined : listedIds(a ?? [], b ?? []);
    },
    async devices(jid, maxAgeMs) {
      const [a, b] = await Promise.all([axolotl.devices(jid, maxAgeMs), omemo2.devices(jid, maxAgeMs)]);
      return listedIds(a, b);
    },
  };
}
