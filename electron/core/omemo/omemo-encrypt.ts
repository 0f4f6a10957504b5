// The outgoing step that encrypts a one-to-one message with a body (XEP-0384 v0.3.0 §4.4–4.5, v0.8 §5.5 for OMEMO 2): for every
// trusted device of the contact and for our other devices, each in one version (version-choice.ts), sessions built from
// their bundles first; the body becomes the usual fallback text, with XEP-0380 and XEP-0334 hints. With encryption on and
// nothing to encrypt for, the message fails: never sent in the clear.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import type { Logger } from '../log/logger.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { OutgoingStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { buildBundleRequest, parseBundle } from './axolotl-bundle.ts';
import { encryptFor, hasSession, startSession, type DeviceAddress } from './axolotl-cipher.ts';
import { buildEncrypted, type AxolotlEncrypted } from './axolotl-encrypted.ts';
import { NS_AXOLOTL } from './axolotl-pubsub.ts';
import type { DeviceLists } from './device-lists.ts';
import type { OmemoVersion } from './omemo-profile.ts';
import { encryptFor2, sessions2With } from './omemo2-sending.ts';
import { buildEncrypted as buildEncrypted2, type Omemo2Encrypted } from './omemo2/encrypted.ts';
import { NS_OMEMO2 } from './omemo2/namespaces.ts';
import { omemo2Profile } from './omemo2/profile.ts';
import type { StorageType } from './signal-library.ts';
import { isTrusted } from './trust.ts';
import { devicesByVersion, joinRecipients, recipientCount, type Recipients, type SessionReady } from './version-choice.ts';

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
  /** The OMEMO 2 device lists (XEP-0384 v0.8 §5.3.1). */
  readonly lists2: DeviceLists;
  readonly ownDevice: () => Promise<number>;
  readonly iq: (request: Element) => Promise<Element>;
  /** Whether the session is up: a lookup that fails while it is not says nothing about the contact. */
  readonly online: () => boolean;
  readonly logger: Logger;
  readonly now: () => number;
  /** Whether the conversation with `peer` is to be encrypted (the user's choice, else whether they have devices). */
  readonly enabled: (peer: string) => Promise<boolean>;
  /** The message with this stanza id went out encrypted. */
  readonly encrypted: (id: string) => void;
  /** These devices were encrypted for in `version` (0.3 unless given): they hear from us, no heartbeat needed. */
  readonly sentTo: (devices: readonly DeviceAddress[], version?: OmemoVersion) => void;
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

/** A message's <encrypted> elements: 0.3's, OMEMO 2's, or both when its recipients are mixed. */
export interface SealedParts {
  readonly axolotl?: AxolotlEncrypted | undefined;
  readonly omemo2?: Omemo2Encrypted | undefined;
}

/** Whether the stanza is encrypted already (in either version). */
export const isEncrypted = (stanza: Element): boolean => Boolean(stanza.getChild('encrypted', NS_AXOLOTL) ?? stanza.getChild('encrypted', NS_OMEMO2));

/** The message with its body encrypted: the usual fallback text instead, XEP-0380 and XEP-0334 hints (§4.5; v0.8 §5.5.3). */
export function sealedMessage(stanza: Element, parts: SealedParts): Element {
  const kept = stanza.children.filter((child) => typeof child === 'string' || child.name !== 'body');
  return xml(
    'message',
    { ...stanza.attrs },
    ...kept,
    parts.axolotl ? buildEncrypted(parts.axolotl) : undefined,
    parts.omemo2 ? buildEncrypted2(parts.omemo2) : undefined,
    xml('body', {}, FALLBACK_BODY),
    // XEP-0380 §3: which encryption, one element per version present (OMEMO 2 is listed there, so without a name).
    parts.axolotl ? xml('encryption', { xmlns: NS_EME, namespace: NS_AXOLOTL, name: 'OMEMO' }) : undefined,
    parts.omemo2 ? xml('encryption', { xmlns: NS_EME, namespace: NS_OMEMO2 }) : undefined,
    // XEP-0334 §4.4: archive it, though it has a body only other clients show.
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** Sessions in both versions: 0.3 through the Signal library, OMEMO 2 in the key store. */
export const sessionsBoth = (deps: Pick<EncryptDeps, 'signal' | 'keys' | 'iq' | 'ownJid' | 'logger' | 'online' | 'now'>): SessionReady => ({ axolotl: sessionsWith(deps), omemo2: sessions2With(deps) });

/** Whether we encrypt for `jid`'s device (trust.ts). */
export const trusted = (deps: Pick<EncryptDeps, 'keys'>, jid: string) => (deviceId: number) => isTrusted(deps.keys.deviceIdentities(jid), deviceId);

/** Both device lists of `jid`; `orNone` says what a list that cannot be read counts as (or throws). */
export async function bothLists(deps: Pick<EncryptDeps, 'lists' | 'lists2'>, jid: string, orNone: (error: unknown) => readonly number[], maxAgeMs?: number) {
  const [axolotl, omemo2] = await Promise.all([deps.lists.devices(jid, maxAgeMs).catch(orNone), deps.lists2.devices(jid, maxAgeMs).catch(orNone)]);
  return { axolotl, omemo2 };
}

/** The trusted devices of `peer` and our other devices (§4.5, v0.8 §5.5.2); refused, never sent in the clear, when `peer` has none. */
export async function chatRecipients(deps: Omit<EncryptDeps, 'enabled'>, ready: SessionReady, peer: string): Promise<Recipients> {
  const own = await deps.ownDevice();
  const [theirs, mine] = await Promise.all([
    bothLists(deps, peer, (error: unknown) => lookupFailed(deps.online, peer, error)),
    bothLists(deps, deps.ownJid, (error: unknown): readonly number[] => {
      if (!deps.online()) throw error;
      return [];
    }),
  ]);
  if (theirs.axolotl.length === 0 && theirs.omemo2.length === 0) throw refuse('noDevices', peer, `${peer} has no OMEMO devices: the message was not sent unencrypted.`);
  const usable = await devicesByVersion(peer, theirs, ready, trusted(deps, peer));
  if (recipientCount(usable) === 0) throw refuse('noTrusted', peer, `${peer} has no OMEMO devices you trust: the message was not sent.`);
  const others = { axolotl: mine.axolotl.filter((id) => id !== own), omemo2: mine.omemo2.filter((id) => id !== own) };
  return joinRecipients(usable, await devicesByVersion(deps.ownJid, others, ready, trusted(deps, deps.ownJid)));
}

/** `text` encrypted for `recipients`, each version once, `room` named in a room message's envelope; the stanza marked as sent encrypted. */
export async function sealFor(deps: Omit<EncryptDeps, 'enabled'>, stanza: Element, recipients: Recipients, text: string, room?: string): Promise<Element> {
  const sid = await deps.ownDevice();
  const axolotl = recipients.axolotl.length === 0 ? undefined : (await encryptFor(deps.signal, sid, recipients.axolotl, Buffer.from(text, 'utf8'))).encrypted;
  // v0.8 §5.5.1: the SCE envelope with its padding, our bare JID, the time, and the room (required there: the server cannot
  // turn a room message into a private one unseen).
  const envelope = () => omemo2Profile.seal(text, deps.ownJid, room, new Date(deps.now()));
  const omemo2 = recipients.omemo2.length === 0 ? undefined : encryptFor2(deps.keys, sid, recipients.omemo2, envelope());
  deps.sentTo(recipients.axolotl);
  deps.sentTo(recipients.omemo2, 'omemo2');
  const id = stanza.attrs.id;
  if (typeof id === 'string') deps.encrypted(id);
  return sealedMessage(stanza, { axolotl, omemo2 });
}

export function createEncryptStep(deps: EncryptDeps): OutgoingStep {
  const ready = sessionsBoth(deps);

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
    if (stanza.name !== 'message' || stanza.attrs.type !== 'chat' || !body || isEncrypted(stanza)) return stanza;
    // A private message through a room (XEP-0045 §7.5) is encrypted for the occupant's real JID (omemo-private-encrypt.ts).
    const peer = stanza.getChild('x', NS_MUC_USER) ? undefined : bareOf(stanza.attrs.to);
    if (peer === undefined || !(await enabled(peer))) return stanza;
    return sealFor(deps, stanza, await chatRecipients(deps, ready, peer), body.text());
  };
}
