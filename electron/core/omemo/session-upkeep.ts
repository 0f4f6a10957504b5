// OMEMO sessions kept working (XEP-0384 v0.3.0, v0.8 §6 for OMEMO 2), in the version the device spoke: a session a device
// opened with a key exchange is completed at once with an empty message (a key transport, §4.6 of v0.3.0; an empty OMEMO
// message, v0.8 §5.5.3), a device that sent many messages without hearing from us gets such a heartbeat, and a session that
// cannot decrypt is rebuilt from the device's bundle and the device told, at most hourly.
import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../log/logger.ts';
import { buildBundleRequest, parseBundle } from './axolotl-bundle.ts';
import { encryptFor, startSession, type DeviceAddress } from './axolotl-cipher.ts';
import { buildEncrypted } from './axolotl-encrypted.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { OmemoVersion } from './omemo-profile.ts';
import { storedIdentity } from './omemo2-cipher.ts';
import { ownIdentity2 } from './omemo2-own-keys.ts';
import { encryptFor2 } from './omemo2-sending.ts';
import { buildBundleRequest as buildBundleRequest2, parseBundle as parseBundle2 } from './omemo2/bundle.ts';
import { buildEncrypted as buildEncrypted2 } from './omemo2/encrypted.ts';
import { serializeSession } from './omemo2/session-codec.ts';
import { startSession as startSession2 } from './omemo2/session.ts';
import type { StorageType } from './signal-library.ts';

const NS_HINTS = 'urn:xmpp:hints';
/** Messages received from a device without answering before a heartbeat goes (the count other clients use). */
export const HEARTBEAT_AFTER = 53;
/** A device whose session was rebuilt is not rebuilt again before this. */
export const REPAIR_INTERVAL_MS = 60 * 60_000;
/** A burst of messages from one device (an archive page) gets one answer, sent this long after the first. */
const ANSWER_DELAY_MS = 1_000;

/** Why decryption failed, from the library's (or omemo2/'s) words: the session is missing or broken, not a message seen twice. */
const brokenSession: Record<OmemoVersion, RegExp> = {
  axolotl: /No record for|No session|unable to find session|Missing Signed PreKey|Bad MAC/i,
  omemo2: /No session with this device|prekey we do not have|valid authentication tag|No receiving chain/i,
};

export interface UpkeepDeps {
  readonly ownJid: string;
  readonly signal: StorageType;
  /** Where OMEMO 2 sessions are kept. */
  readonly keys: OmemoKeyStore;
  readonly ownDevice: () => Promise<number>;
  readonly send: (stanza: Element) => Promise<void>;
  readonly iq: (request: Element) => Promise<Element>;
  /** Whether `jid` may learn that we are online (invisible, message requests): otherwise nothing is sent back. */
  readonly mayAnswer: (jid: string) => boolean;
  readonly logger: Logger;
  readonly now?: () => number;
}

const keyOf = (device: DeviceAddress, version: OmemoVersion) => `${version} ${device.jid} ${String(device.deviceId)}`;

export function createSessionUpkeep(deps: UpkeepDeps) {
  const now = deps.now ?? Date.now;
  /** Messages received per device since we last encrypted for it. */
  const unanswered = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const repairedAt = new Map<string, number>();
  const warn = (what: string, device: DeviceAddress) => (error: unknown) =>
    deps.logger.warn(what, { device: device.deviceId, error: error instanceof Error ? error.message : String(error) });

  /** The empty message for the device alone, in `version`; undefined without a session to send it in. */
  async function emptyMessage(device: DeviceAddress, version: OmemoVersion): Promise<Element | undefined> {
    const sid = await deps.ownDevice();
    if (version === 'omemo2') {
      const encrypted = encryptFor2(deps.keys, sid, [device]);
      return encrypted.keys.size === 0 ? undefined : buildEncrypted2(encrypted);
    }
    const { encrypted } = await encryptFor(deps.signal, sid, [device]);
    return encrypted.keys.length === 0 ? undefined : buildEncrypted(encrypted);
  }

  /** An empty message for the device alone: it advances (or, after a rebuild, opens) the session both ways. */
  async function sendEmpty(device: DeviceAddress, version: OmemoVersion): Promise<void> {
    const encrypted = await emptyMessage(device, version);
    if (!encrypted) return;
    // XEP-0334 §4.4: kept for a device that is offline now.
    await deps.send(xml('message', { to: device.jid, type: 'chat', id: randomUUID() }, encrypted, xml('store', { xmlns: NS_HINTS })));
    unanswered.delete(keyOf(device, version));
  }

  /** A new session with the device from its bundle in `version`, replacing the one that broke. */
  async function rebuild(device: DeviceAddress, version: OmemoVersion): Promise<void> {
    const to = device.jid === deps.ownJid ? undefined : device.jid;
    if (version === 'axolotl') {
      const bundle = parseBundle(await deps.iq(buildBundleRequest(to, device.deviceId)), device.deviceId);
      if (!bundle) throw new Error('the device has no usable bundle');
      await startSession(deps.signal, device, bundle);
      return;
    }
    const identity = ownIdentity2(deps.keys);
    const bundle = parseBundle2(await deps.iq(buildBundleRequest2(to, device.deviceId)), device.deviceId);
    if (!bundle || !identity) throw new Error('the device has no usable OMEMO 2 bundle');
    deps.keys.putDeviceIdentity(device.jid, device.deviceId, storedIdentity(bundle.identityKey), now());
    deps.keys.putSession2(device.jid, device.deviceId, serializeSession(startSession2(identity, bundle)));
  }

  function answerSoon(device: DeviceAddress, version: OmemoVersion): void {
    const key = keyOf(device, version);
    if (timers.has(key) || !deps.mayAnswer(device.jid)) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      void sendEmpty(device, version).catch(warn('an empty OMEMO message could not be sent', device));
    }, ANSWER_DELAY_MS);
    timer.unref?.();
    timers.set(key, timer);
  }

  return {
    /** A message from the device was decrypted in `version`; `prekey` when it opened a session. */
    received(device: DeviceAddress, prekey: boolean, version: OmemoVersion = 'axolotl'): void {
      const key = keyOf(device, version);
      const count = (unanswered.get(key) ?? 0) + 1;
      unanswered.set(key, count);
      if (prekey || count >= HEARTBEAT_AFTER) answerSoon(device, version);
    },
    /** We encrypted for these devices in `version`: they hear from us, so an empty message still waiting to go is not needed. */
    sentTo(devices: readonly DeviceAddress[], version: OmemoVersion = 'axolotl'): void {
      for (const device of devices) {
        const key = keyOf(device, version);
        unanswered.delete(key);
        clearTimeout(timers.get(key));
        timers.delete(key);
      }
    },
    /** The device sent what our session with it cannot open: a new session from its bundle, and an empty message to start it. */
    undecryptable(device: DeviceAddress, reason: string, version: OmemoVersion = 'axolotl'): void {
      const key = keyOf(device, version);
      const last = repairedAt.get(key);
      if (!brokenSession[version].test(reason) || (last !== undefined && now() - last < REPAIR_INTERVAL_MS) || !deps.mayAnswer(device.jid)) return;
      repairedAt.set(key, now());
      void (async () => {
        await rebuild(device, version);
        await sendEmpty(device, version);
        deps.logger.info('an OMEMO session was rebuilt', { device: device.deviceId });
      })().catch(warn('an OMEMO session could not be rebuilt', device));
    },
    dispose(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type SessionUpkeep = ReturnType<typeof createSessionUpkeep>;
