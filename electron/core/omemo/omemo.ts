// OMEMO on one account's session (XEP-0384 v0.3.0, and v0.8 for OMEMO 2): our device published for both at each fresh session once
// it has started up (omemo-publishing.ts), device lists of both kept, and the decrypt/encrypt steps joined to the stanza pipeline.
import type { DeviceAddress } from './axolotl-cipher.ts';
import type { OmemoVersion } from './omemo-profile.ts';
import type { Logger } from '../log/logger.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { Connection } from '../xmpp/connection.ts';
import { setupDeviceLists, uniteLists } from './device-lists.ts';
import { devicesOf, fingerprint } from './fingerprints.ts';
import { roomEncryptionProblem, roomEncryptionState, type OmemoDevices } from '../../../shared/model/encryption.ts';
import type { DeviceTrust } from '../storage/omemo-keys.ts';
import { createDecryptStep } from './omemo-decrypt.ts';
import { createEncryptStep } from './omemo-encrypt.ts';
import { createPrivateEncryptStep } from './omemo-private-encrypt.ts';
import { setupPublishing } from './omemo-publishing.ts';
import { createRoomEncryptStep, type OmemoRooms } from './omemo-room-encrypt.ts';
import { omemo2DeviceLists } from './omemo2/device-list.ts';
import { createSessionUpkeep } from './session-upkeep.ts';
import { versionsFor } from './version-choice.ts';
import { setupTransportKeys } from './omemo-transport-key.ts';
import { createSignalStore } from './signal-store.ts';

export interface OmemoDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'pipeline' | 'iq' | 'send' | 'onSessionStart' | 'state'>;
  readonly keys: OmemoKeyStore;
  readonly logger: Logger;
  /** A device list changed: whether a conversation can be encrypted may have too. */
  readonly onDevices?: (jid: string, devices: readonly number[]) => void;
  /** The user's choice for a conversation, undefined when not made (then: on when the contact has devices). */
  readonly choice: (peer: string) => boolean | undefined;
  /** Our message with this stanza id goes out encrypted. */
  readonly onEncrypted: (id: string) => void;
  /** Whether `jid` may learn that we are online: empty messages that keep sessions working go only to them. */
  readonly mayAnswer: (jid: string) => boolean;
  /** The rooms we are in, where messages are encrypted for every member's devices. */
  readonly rooms?: OmemoRooms;
  readonly now?: () => number;
}

/** Our own encrypted room messages remembered for their echo: enough for those the room has not reflected yet. */
const ECHOES_KEPT = 500;
/** How long a burst of room member changes is gathered before their device lists are read. */
const MEMBERS_SETTLE_MS = 200;

export function setupOmemo(deps: OmemoDeps) {
  const { connection, keys, logger } = deps;
  const now = deps.now ?? Date.now;
  const iq = (request: Parameters<Connection['iq']>[0]) => connection.iq(request, 30_000);
  const signal = createSignalStore(keys, now);
  const warn = (what: string) => (error: unknown) => logger.warn(what, { error: error instanceof Error ? error.message : String(error) });

  const lists = setupDeviceLists({
    ownJid: deps.ownJid,
    connection,
    logger,
    onChange(jid, devices) {
      deps.onDevices?.(jid, listed.known(jid) ?? devices);
      if (jid === deps.ownJid) publishing.ownListChanged('axolotl', devices);
    },
  });
  // OMEMO 2's lists (XEP-0384 v0.8 §5.2, §5.3.1), kept beside: whom we may speak it with.
  const lists2 = setupDeviceLists({
    ownJid: deps.ownJid,
    connection,
    logger,
    format: omemo2DeviceLists,
    onChange(jid, devices) {
      deps.onDevices?.(jid, listed.known(jid) ?? devices);
      if (jid === deps.ownJid) publishing.ownListChanged('omemo2', devices);
    },
  });
  // Both as one, for whether a conversation can be encrypted and which devices to show.
  const listed = uniteLists(lists, lists2);
  const publishing = setupPublishing({ ownJid: deps.ownJid, iq, keys, lists: { axolotl: lists, omemo2: lists2 }, logger, now });
  const { ownDevice, replenish } = publishing;

  const removeSession = connection.onSessionStart(({ resumed }) => {
    if (resumed) return;
    lists.forget();
    lists2.forget();
    publishing.reset();
  });

  const upkeep = createSessionUpkeep({ ownJid: deps.ownJid, signal, keys, ownDevice, send: (stanza) => connection.send(stanza), iq, mayAnswer: deps.mayAnswer, logger, now });
  // By origin-id, the text of our room messages sent encrypted (the room's echo has no key for this device).
  const echoes = new Map<string, string>();
  function remember(originId: string, text: string): void {
    echoes.delete(originId);
    echoes.set(originId, text);
    for (const oldest of echoes.keys()) {
      if (echoes.size <= ECHOES_KEPT) break;
      echoes.delete(oldest);
    }
  }
  const rooms: OmemoRooms = deps.rooms ?? { features: () => undefined, members: () => Promise.resolve([]), occupantJid: () => undefined, sender: () => undefined };

  // Each device's last-seen, shown beside its fingerprint: when a message from it was last opened.
  // XEP-0384 v0.8 §6 (v0.3.0 alike): a message from a device missing from its version's list reads that list again.
  function heardFrom(from: DeviceAddress, version: OmemoVersion | undefined): void {
    const list = version === 'omemo2' ? lists2 : lists;
    list.heardFrom(from.jid, from.deviceId, now()).catch(warn('the OMEMO devices of a sender could not be read again'));
  }
  const seen: Pick<typeof upkeep, 'received' | 'undecryptable'> = {
    received(from, prekey, version) {
      keys.sawDevice(from.jid, from.deviceId, now());
      upkeep.received(from, prekey, version);
      heardFrom(from, version);
    },
    undecryptable(from, reason, version) {
      upkeep.undecryptable(from, reason, version);
      heardFrom(from, version);
    },
  };
  const removeDecrypt = connection.pipeline.useMessage(
    createDecryptStep({ ownJid: deps.ownJid, signal, keys, now, ownDevice, usedPreKey: replenish, upkeep: seen, logger, roomSender: rooms.sender, echo: (originId) => echoes.get(originId) }),
  );

  // Room members change a presence at a time (thousands of them on joining a big room): followed once per burst, and only
  // in rooms that can be encrypted in.
  const memberChanges = new Map<string, Set<string>>();
  let memberTimer: NodeJS.Timeout | undefined;
  function followMembers(): void {
    memberTimer = undefined;
    for (const [room, arrived] of memberChanges) {
      const features = rooms.features(room);
      if (!features || roomEncryptionProblem(features) !== undefined) continue;
      for (const jid of arrived) void Promise.all([lists.refresh(jid), lists2.refresh(jid)]).catch(warn('a room member’s OMEMO devices could not be read'));
      void rooms
        .members(room)
        .then((members) => Promise.all(members.filter((jid) => !arrived.has(jid)).map((jid) => listed.devices(jid))))
        .catch(warn('a room’s members’ OMEMO devices could not be read'));
    }
    memberChanges.clear();
  }

  /** Whether messages to `peer` are encrypted: the user's choice, else on when they have OMEMO devices. */
  async function enabled(peer: string): Promise<boolean> {
    return deps.choice(peer) ?? (await listed.devices(peer)).length > 0;
  }
  // What both encryption steps, chat and room, share.
  const encryptDeps = {
    ownJid: deps.ownJid,
    signal,
    keys,
    lists,
    lists2,
    ownDevice,
    iq,
    online: () => connection.state.status === 'online',
    logger,
    now,
    encrypted: deps.onEncrypted,
    sentTo: (devices: readonly DeviceAddress[], version?: OmemoVersion) => upkeep.sentTo(devices, version),
  };
  const removeEncrypt = connection.pipeline.useOutgoing(createEncryptStep({ ...encryptDeps, enabled }));
  const removeRoomEncrypt = connection.pipeline.useOutgoing(createRoomEncryptStep({ ...encryptDeps, rooms, choice: deps.choice, remember }));
  const removePrivateEncrypt = connection.pipeline.useOutgoing(createPrivateEncryptStep({ ...encryptDeps, rooms, choice: deps.choice }));
  // XEP-0396: keys of Jingle transports carried in OMEMO envelopes.
  const transportKeys = setupTransportKeys({ ...encryptDeps, usedPreKey: replenish, upkeep: seen });

  return {
    /** Our device's fingerprint and `jid`'s devices with theirs (for our own JID, our other devices). */
    async devices(jid: string, online: boolean): Promise<OmemoDevices> {
      const id = await ownDevice();
      const identity = keys.identity();
      const own = { deviceId: id, ...(identity ? { fingerprint: fingerprint(identity.publicKey) } : {}), trust: 'verified' as const, used: true };
      // v0.8 §5.5.2: OMEMO 2 for a device on its OMEMO 2 list, else 0.3.
      const versionOf = (of: string, deviceId: number) => versionsFor(deviceId, lists.known(of) ?? [], lists2.known(of) ?? [])[0];
      return { own, devices: await devicesOf({ ownJid: deps.ownJid, keys, lists: listed, iq, now, versionOf }, jid, online) };
    },
    /** A trust decision on a device whose identity key is known; false when it is not. */
    setTrust(jid: string, deviceId: number, trust: DeviceTrust): boolean {
      if (!keys.deviceIdentity(jid, deviceId)) return false;
      keys.setTrust(jid, deviceId, trust);
      return true;
    },
    /** The banner about `jid`'s new device `deviceId` was dismissed: it stays so (omemo_banner_dismissals). */
    dismissBanner(jid: string, deviceId: number): void {
      keys.dismissBanner(jid, deviceId, now());
    },
    /**
     * The fresh session's start-up (roster, presence, archive) is done: our device and bundle are published now (§4.2, §4.3),
     * after it, because a first sign-in makes the keys first (CPU work that would hold up the roster and presence).
     */
    sessionStarted(): void {
      void publishing.publish().catch(() => undefined);
    },
    signal,
    /** Both versions' device lists as one. */
    lists: listed,
    ownDevice,
    replenish,
    enabled,
    transportKeys,
    /** Whether our messages in `room` go out encrypted (the same reading as the room's encrypt step). */
    roomEnabled(room: string): boolean {
      const features = rooms.features(room);
      return features !== undefined && roomEncryptionState(room, deps.choice(room), features).on;
    },
    /**
     * A room's members changed: the device lists of those who just came in are read again (they may have changed while
     * we did not follow them), the others' read once, so that the next message need not wait for them.
     */
    roomMembersChanged(room: string, arrived: readonly string[]): void {
      const waiting = memberChanges.get(room) ?? new Set<string>();
      for (const jid of arrived) if (jid !== deps.ownJid) waiting.add(jid);
      memberChanges.set(room, waiting);
      memberTimer ??= setTimeout(followMembers, MEMBERS_SETTLE_MS);
      memberTimer.unref?.();
    },
    /** Settles once the replenishing under way (if any) is done; for tests. */
    replenished: publishing.replenished,
    dispose(): void {
      removeSession();
      removeDecrypt();
      removeEncrypt();
      upkeep.dispose();
      removeRoomEncrypt();
      removePrivateEncrypt();
      publishing.dispose();
      clearTimeout(memberTimer);
      lists.dispose();
      lists2.dispose();
    },
  };
}

export type Omemo = ReturnType<typeof setupOmemo>;
