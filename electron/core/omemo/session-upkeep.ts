// OMEMO sessions kept working (XEP-0384): a session a device opened with a PreKeySignalMessage is completed at once with an
// empty message (a key transport, §4.6 of v0.3.0), a device that sent many messages without hearing from us gets such a
// heartbeat, and a session that cannot decrypt is rebuilt from the device's bundle and the device told, at most hourly.
import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../log/logger.ts';
import { buildBundleRequest, parseBundle } from './axolotl-bundle.ts';
import { encryptFor, startSession, type DeviceAddress } from './axolotl-cipher.ts';
import { buildEncrypted } from './axolotl-encrypted.ts';
import type { StorageType } from './signal-library.ts';

const NS_HINTS = 'urn:xmpp:hints';
/** Messages received from a device without answering before a heartbeat goes (the count other clients use). */
export const HEARTBEAT_AFTER = 53;
/** A device whose session was rebuilt is not rebuilt again before this. */
export const REPAIR_INTERVAL_MS = 60 * 60_000;
/** A burst of messages from one device (an archive page) gets one answer, sent this long after the first. */
const ANSWER_DELAY_MS = 1_000;

/** Why decryption failed, from the library's words: the session is missing or broken, not a message seen twice. */
const brokenSession = /No record for|No session|unable to find session|Missing Signed PreKey|Bad MAC/i;

export interface UpkeepDeps {
  readonly ownJid: string;
  readonly signal: StorageType;
  readonly ownDevice: () => Promise<number>;
  readonly send: (stanza: Element) => Promise<void>;
  readonly iq: (request: Element) => Promise<Element>;
  /** Whether `jid` may learn that we are online (invisible, message requests): otherwise nothing is sent back. */
  readonly mayAnswer: (jid: string) => boolean;
  readonly logger: Logger;
  readonly now?: () => number;
}

const keyOf = (device: DeviceAddress) => `${device.jid} ${String(device.deviceId)}`;

export function createSessionUpkeep(deps: UpkeepDeps) {
  const now = deps.now ?? Date.now;
  /** Messages received per device since we last encrypted for it. */
  const unanswered = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const repairedAt = new Map<string, number>();
  const warn = (what: string, device: DeviceAddress) => (error: unknown) =>
    deps.logger.warn(what, { device: device.deviceId, error: error instanceof Error ? error.message : String(error) });

  /** An empty message for the device alone: it advances (or, after a rebuild, opens) the session both ways. */
  async function sendEmpty(device: DeviceAddress): Promise<void> {
    const { encrypted } = await encryptFor(deps.signal, await deps.ownDevice(), [device]);
    if (encrypted.keys.length === 0) return;
    // XEP-0334 §4.4: kept for a device that is offline now.
    await deps.send(xml('message', { to: device.jid, type: 'chat', id: randomUUID() }, buildEncrypted(encrypted), xml('store', { xmlns: NS_HINTS })));
    unanswered.delete(keyOf(device));
  }

  function answerSoon(device: DeviceAddress): void {
    const key = keyOf(device);
    if (timers.has(key) || !deps.mayAnswer(device.jid)) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      void sendEmpty(device).catch(warn('an empty OMEMO message could not be sent', device));
    }, ANSWER_DELAY_MS);
    timer.unref?.();
    timers.set(key, timer);
  }

  return {
    /** A message from the device was decrypted; `prekey` when it opened a session. */
    received(device: DeviceAddress, prekey: boolean): void {
      const key = keyOf(device);
      const count = (unanswered.get(key) ?? 0) + 1;
      unanswered.set(key, count);
      if (prekey || count >= HEARTBEAT_AFTER) answerSoon(device);
    },
    /** We encrypted for these devices: they hear from us, so an empty message still waiting to go is not needed. */
    sentTo(devices: readonly DeviceAddress[]): void {
      for (const device of devices) {
        const key = keyOf(device);
        unanswered.delete(key);
        clearTimeout(timers.get(key));
        timers.delete(key);
      }
    },
    /** The device sent what our session with it cannot open: a new session from its bundle, and an empty message to start it. */
    undecryptable(device: DeviceAddress, reason: string): void {
      const key = keyOf(device);
      const last = repairedAt.get(key);
      if (!brokenSession.test(reason) || (last !== undefined && now() - last < REPAIR_INTERVAL_MS) || !deps.mayAnswer(device.jid)) return;
      repairedAt.set(key, now());
      void (async () => {
        const reply = await deps.iq(buildBundleRequest(device.jid === deps.ownJid ? undefined : device.jid, device.deviceId));
        const bundle = parseBundle(reply, device.deviceId);
        if (!bundle) throw new Error('the device has no usable bundle');
        await startSession(deps.signal, device, bundle);
        await sendEmpty(device);
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
