// The outgoing step that encrypts a one-to-one message with a body (XEP-0384 v0.3.0 §4.4–4.5): for every trusted device of the
// contact and for our other devices, sessions built from their bundles first; the body becomes the usual fallback text, with
// XEP-0380 and XEP-0334 hints. With encryption on and nothing to encrypt for, the message fails: never sent in the clear.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import type { Logger } from '../log/logger.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { OutgoingStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { buildBundleRequest, parseBundle } from './axolotl-bundle.ts';
import { encryptFor, hasSession, startSession, type DeviceAddress, type Encrypted } from './axolotl-cipher.ts';
import { buildEncrypted } from './axolotl-encrypted.ts';
import { NS_AXOLOTL } from './axolotl-pubsub.ts';
import type { DeviceLists } from './device-lists.ts';
import type { StorageType } from './signal-library.ts';
import { isTrusted } from './trust.ts';

export const NS_EME = 'urn:xmpp:eme:0';
export const NS_HINTS = 'urn:xmpp:hints';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
/** The body other OMEMO clients send, for clients that cannot decrypt (Conversations' wording). */
export const FALLBACK_BODY = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that. Find more information on https://conversations.im/omemo';

export interface EncryptDeps {
  readonly ownJid: string;
  readonly signal: StorageType;
  readonly keys: OmemoKeyStore;
  readonly lists: DeviceLists;
  readonly ownDevice: () => Promise<number>;
  readonly iq: (request: Element) => Promise<Element>;
  /** Whether the session is up: a lookup that fails while it is not says nothing about the contact. */
  readonly online: () => boolean;
  readonly logger: Logger;
  /** Whether the conversation with `peer` is to be encrypted (the user's choice, else whether they have devices). */
  readonly enabled: (peer: string) => Promise<boolean>;
  /** The message with this stanza id went out encrypted. */
  readonly encrypted: (id: string) => void;
  /** These devices were encrypted for (they hear from us: no heartbeat needed). */
  readonly sentTo: (devices: readonly DeviceAddress[]) => void;
}

export const refuse = (context: string, jid: string, message: string, more: Record<string, string> = {}) =>
  new CausetteError('encryption-unavailable', message, undefined, { context, jid, ...more });
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function bareOf(to: string | undefined): string | undefined {
  const parsed = parseJid(to ?? '');
  return parsed.ok && parsed.jid.local !== undefined ? formatJid(bareJid(parsed.jid)) : undefined;
}

/**
 * A device list or bundle that could not be had: offline, the message waits for the next session (the error is not a
 * refusal, so the outbox keeps it pending); online, it fails visibly rather than go out in the clear.
 */
export function lookupFailed(online: () => boolean, jid: string, error: unknown): never {
  if (!online()) throw error instanceof Error ? error : new Error(reason(error));
  throw refuse('lookup', jid, `Could not learn the OMEMO devices of ${jid} (${reason(error)}): the message was not sent.`);
}

/** A session with the device, built from its bundle when there is none; false when its bundle cannot be had. */
export function sessionsWith(deps: Pick<EncryptDeps, 'signal' | 'iq' | 'ownJid' | 'logger' | 'online'>) {
  return async function ready(device: DeviceAddress): Promise<boolean> {
    if (await hasSession(deps.signal, device)) return true;
    try {
      const reply = await deps.iq(buildBundleRequest(device.jid === deps.ownJid ? undefined : device.jid, device.deviceId));
      const bundle = parseBundle(reply, device.deviceId);
      if (!bundle) return false;
      await startSession(deps.signal, device, bundle);
      return true;
    } catch (error) {
      if (!deps.online()) throw error;
      deps.logger.info('no OMEMO session with a device', { device: device.deviceId, error: reason(error) });
      return false;
    }
  };
}

/** The devices of `jid` that we encrypt for: trusted (trust.ts), with a session once their bundle is read. */
export async function usableDevices(deps: Pick<EncryptDeps, 'keys'>, ready: (device: DeviceAddress) => Promise<boolean>, jid: string, ids: readonly number[]): Promise<DeviceAddress[]> {
  const usable: DeviceAddress[] = [];
  for (const deviceId of ids) {
    const device = { jid, deviceId };
    if ((await ready(device)) && isTrusted(deps.keys.deviceIdentities(jid), deviceId)) usable.push(device);
  }
  return usable;
}

/** The message with its body encrypted: the usual fallback text instead, XEP-0380 and XEP-0334 hints (§4.5). */
export function sealedMessage(stanza: Element, encrypted: Encrypted['encrypted']): Element {
  const kept = stanza.children.filter((child) => typeof child === 'string' || child.name !== 'body');
  return xml(
    'message',
    { ...stanza.attrs },
    ...kept,
    buildEncrypted(encrypted),
    xml('body', {}, FALLBACK_BODY),
    // XEP-0380 §3: which encryption; XEP-0334 §4.4: archive it, though it has a body only other clients show.
    xml('encryption', { xmlns: NS_EME, namespace: NS_AXOLOTL, name: 'OMEMO' }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** The trusted devices of `peer` and our other devices (§4.5); refused, never sent in the clear, when `peer` has none. */
export async function chatRecipients(deps: Omit<EncryptDeps, 'enabled'>, ready: (device: DeviceAddress) => Promise<boolean>, peer: string): Promise<DeviceAddress[]> {
  const own = await deps.ownDevice();
  const [theirs, mine] = await Promise.all([
    deps.lists.devices(peer).catch((error: unknown) => lookupFailed(deps.online, peer, error)),
    deps.lists.devices(deps.ownJid).catch((error: unknown): readonly number[] => {
      if (!deps.online()) throw error;
      return [];
    }),
  ]);
  if (theirs.length === 0) throw refuse('noDevices', peer, `${peer} has no OMEMO devices: the message was not sent unencrypted.`);
  const usable = await usableDevices(deps, ready, peer, theirs);
  if (usable.length === 0) throw refuse('noTrusted', peer, `${peer} has no OMEMO devices you trust: the message was not sent.`);
  return [...usable, ...(await usableDevices(deps, ready, deps.ownJid, mine.filter((id) => id !== own)))];
}

export function createEncryptStep(deps: EncryptDeps): OutgoingStep {
  const { signal } = deps;
  const ready = sessionsWith(deps);
  const recipients = (peer: string) => chatRecipients(deps, ready, peer);

  /** Whether to encrypt; a failure to learn it fails the message rather than risk sending it in the clear. */
  async function enabled(peer: string): Promise<boolean> {
    try {
      return await deps.enabled(peer);
    } catch (error) {
      lookupFailed(deps.online, peer, error);
    }
  }

  return async (stanza) => {
    const body = stanza.getChild('body');
    if (stanza.name !== 'message' || stanza.attrs.type !== 'chat' || !body || stanza.getChild('encrypted', NS_AXOLOTL)) return stanza;
    // A private message through a room (XEP-0045 §7.5) is encrypted for the occupant's real JID (omemo-private-encrypt.ts).
    const peer = stanza.getChild('x', NS_MUC_USER) ? undefined : bareOf(stanza.attrs.to);
    if (peer === undefined || !(await enabled(peer))) return stanza;
    const devices = await recipients(peer);
    const { encrypted } = await encryptFor(signal, await deps.ownDevice(), devices, Buffer.from(body.text(), 'utf8'));
    deps.sentTo(devices);
    const id = stanza.attrs.id;
    if (typeof id === 'string') deps.encrypted(id);
    return sealedMessage(stanza, encrypted);
  };
}
