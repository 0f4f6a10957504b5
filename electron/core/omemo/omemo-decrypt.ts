// The message step that opens OMEMO messages, 0.3 (XEP-0384 v0.3.0 §4.5–4.6) and 2 (v0.8 §4.4–4.5, omemo2-cipher.ts), in chats and
// rooms, live, carbon-copied or archived alike: the
// body becomes the plaintext (never the sender's fallback text) and a private mark tells the chat parser it was encrypted and
// from which device; what cannot be opened is kept and said so.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import type { Logger } from '../log/logger.ts';
import { NS_MUC_USER, NS_SID } from '../xmpp/chat/chat-stanzas.ts';
import type { MessageContext } from '../xmpp/pipeline/message-context.ts';
import type { MessageStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { ENCRYPTION_MARK, NS_PRIVATE_MARKS } from '../xmpp/pipeline/private-marks.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { decryptFrom } from './axolotl-cipher.ts';
import { parseEncrypted } from './axolotl-encrypted.ts';
import { NS_AXOLOTL } from './axolotl-pubsub.ts';
import { decryptFrom2, type Decrypted2 } from './omemo2-cipher.ts';
import { parseEncrypted as parseEncrypted2 } from './omemo2/encrypted.ts';
import { NS_OMEMO2 } from './omemo2/namespaces.ts';
import type { SessionUpkeep } from './session-upkeep.ts';
import type { StorageType } from './signal-library.ts';

export const undecryptableText = (deviceId: number): string => `Could not decrypt this message (from device ${String(deviceId)})`;

export interface DecryptDeps {
  readonly ownJid: string;
  readonly signal: StorageType;
  /** Where OMEMO 2 sessions, our prekeys and the senders' identities are kept. */
  readonly keys: OmemoKeyStore;
  readonly now: () => number;
  readonly ownDevice: () => Promise<number>;
  /** A one-time prekey of ours was used (§4.3: replenish and republish). */
  readonly usedPreKey: () => void;
  /** What keeps sessions working: told of every message opened and every one that could not be. */
  readonly upkeep: Pick<SessionUpkeep, 'received' | 'undecryptable'>;
  /** The real bare JID of a room or private message's sender (the room must show it, XEP-0045 §7.2.3 non-anonymous), undefined when it does not. */
  readonly roomSender: (message: Element, context: MessageContext) => string | undefined;
  /** The text of our own room message with this origin-id, sent encrypted from this device in this run. */
  readonly echo: (originId: string) => string | undefined;
  readonly logger: Logger;
}

function bareOf(from: string | undefined, ownJid: string): string {
  const parsed = parseJid(from ?? '');
  return parsed.ok ? formatJid(bareJid(parsed.jid)) : ownJid;
}

/** The message with its body replaced (or removed) and our mark added: device='N', undecryptable='true' when not opened. */
function rewritten(message: Element, body: string | undefined, mark: Record<string, string> | undefined): Element {
  const kept = message.children.filter((child) => typeof child === 'string' || child.name !== 'body');
  return xml(message.name, { ...message.attrs }, ...kept, body === undefined ? undefined : xml('body', {}, body), mark ? xml(ENCRYPTION_MARK, { xmlns: NS_PRIVATE_MARKS, ...mark }) : undefined);
}

/** What one version's <encrypted> holds and how to open it for our device. */
interface Opening {
  readonly sid: number;
  readonly payload: boolean;
  readonly version: 'axolotl' | 'omemo2';
  open(sender: string, ownDevice: number): Promise<Decrypted2>;
  /** Whether it holds a key for our device `deviceId`. */
  forUs(deviceId: number): boolean;
}

/** The OMEMO 2 element's way to open it; undefined when there is none or it is malformed. */
function opening2(message: Element, deps: DecryptDeps): Opening | undefined {
  const encrypted = message.getChild('encrypted', NS_OMEMO2) ? parseEncrypted2(message) : undefined;
  if (!encrypted) return undefined;
  const arrival = { groupchat: message.attrs.type === 'groupchat', from: bareOf(message.attrs.from, deps.ownJid) };
  const open = (sender: string, deviceId: number) => Promise.resolve(decryptFrom2(deps.keys, { jid: deps.ownJid, deviceId }, sender, encrypted, deps.now(), arrival));
  const forUs = (deviceId: number) => encrypted.keys.get(deps.ownJid)?.some((key) => key.rid === deviceId) === true;
  return { sid: encrypted.sid, payload: encrypted.payload !== undefined, version: 'omemo2', open, forUs };
}

function opening03(message: Element, deps: DecryptDeps): Opening | undefined {
  const encrypted = message.getChild('encrypted', NS_AXOLOTL) ? parseEncrypted(message) : undefined;
  if (!encrypted) return undefined;
  return {
    sid: encrypted.sid,
    payload: encrypted.payload !== undefined,
    version: 'axolotl',
    async open(sender, deviceId) {
      const result = await decryptFrom(deps.signal, deviceId, sender, encrypted);
      return result.kind === 'message' ? { kind: 'message', body: Buffer.from(result.plaintext).toString('utf8'), prekey: result.prekey } : result;
    },
    forUs: (deviceId) => encrypted.keys.some((key) => key.rid === deviceId),
  };
}

/** A message may carry both versions (the sender chose one per device, v0.8 §5.5.2): the one with a key for our device. */
function opening(message: Element, deps: DecryptDeps, ownDevice: number): Opening | undefined {
  const candidates = [opening2(message, deps), opening03(message, deps)].filter((candidate) => candidate !== undefined);
  return candidates.find((candidate) => candidate.forUs(ownDevice)) ?? candidates[0];
}

export function createDecryptStep(deps: DecryptDeps): MessageStep {
  return async (message, context) => {
    if (!message.getChild('encrypted', NS_AXOLOTL) && !message.getChild('encrypted', NS_OMEMO2)) return message;
    const ownDevice = await deps.ownDevice();
    const encrypted = opening(message, deps, ownDevice);
    if (!encrypted) return rewritten(message, undecryptableText(0), { device: '0', undecryptable: 'true' });
    const groupchat = message.attrs.type === 'groupchat';
    // XEP-0045 §7.5: an occupant's private message comes from room@service/nick, its key from the occupant's real JID.
    const privately = !groupchat && Boolean(message.getChild('x', NS_MUC_USER)) && bareOf(message.attrs.from, deps.ownJid) !== deps.ownJid;
    const sender = groupchat || privately ? deps.roomSender(message, context) : bareOf(message.attrs.from, deps.ownJid);
    const device = String(encrypted.sid);
    // In a room, whose device it is: the lock on the message follows that device's trust (the occupant may leave or change).
    const mark = (more: Record<string, string> = {}) => ({ device, ...((groupchat || privately) && sender !== undefined ? { jid: sender } : {}), ...more });
    if (sender === undefined) {
      deps.logger.info('an OMEMO room message came from an occupant whose address the room does not show', { device: encrypted.sid });
      return rewritten(message, encrypted.payload ? undecryptableText(encrypted.sid) : undefined, { device, undecryptable: 'true' });
    }
    if (sender === deps.ownJid && encrypted.sid === ownDevice) {
      // XEP-0045 §7.4: the room reflects our own message, which holds no key for this device: it reads as we wrote it, and merges with ours.
      const originId = message.getChild('origin-id', NS_SID)?.attrs.id ?? message.attrs.id;
      const text = groupchat && typeof originId === 'string' ? deps.echo(originId) : undefined;
      if (text !== undefined) return rewritten(message, text, mark());
      // Read back from an archive or a carbon: it is stored already, as we wrote it.
      return rewritten(message, undefined, undefined);
    }
    const result = await encrypted.open(sender, ownDevice);
    const from = { jid: sender, deviceId: encrypted.sid };
    if (result.kind === 'message' || result.kind === 'key-transport') {
      if (result.prekey) deps.usedPreKey();
      deps.upkeep.received(from, result.prekey, encrypted.version);
    }
    // v0.8 §6: a message read twice is no broken session; a key exchange read back from the archive whose prekey is gone is one.
    const replayed = result.kind === 'undecryptable' && context.source === 'archive' && 'code' in result && result.code === 'unknown-prekey';
    if (result.kind === 'undecryptable' && !replayed) deps.upkeep.undecryptable(from, result.reason, encrypted.version);
    // A key transport message for another device, or one that failed: nothing to show (§4.6).
    if (!encrypted.payload && result.kind !== 'message') return rewritten(message, undefined, undefined);
    switch (result.kind) {
      case 'message':
        return rewritten(message, result.body, mark());
      // §4.6: only sets up or advances the session; chat states and receipts it carries still count.
      case 'key-transport':
        return rewritten(message, undefined, undefined);
      case 'not-for-this-device':
      case 'undecryptable':
        deps.logger.info('an OMEMO message could not be decrypted', { device: encrypted.sid, reason: result.kind === 'undecryptable' ? result.reason : 'no key for this device' });
        return rewritten(message, undecryptableText(encrypted.sid), mark({ undecryptable: 'true' }));
    }
  };
}
